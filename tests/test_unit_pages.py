"""pages: content/pages/<name>.md -> Page, front matter between `---` lines located as in the file."""

from __future__ import annotations

from pathlib import Path

from unit_helpers import reported, write_site

from chronicle.build.load import load_site
from chronicle.model.records import Page

ABOUT = "content/pages/about.md"


def test_page_without_front_matter_is_refused_with_an_example(tmp_path: Path) -> None:
    root = write_site(tmp_path, {ABOUT: "# About\n\nNo front matter.\n"})
    assert reported(root) == [
        (
            f"{ABOUT}:1:1",
            "error: a page starts with front matter between two `---` lines",
            "begin the file with:\n---\ntitle: Page title\n---",
        )
    ]


def test_front_matter_without_closing_line_is_refused(tmp_path: Path) -> None:
    root = write_site(tmp_path, {ABOUT: "---\ntitle: About\n\nBody.\n"})
    assert reported(root) == [
        (
            f"{ABOUT}:1:1",
            "error: a page starts with front matter between two `---` lines",
            "begin the file with:\n---\ntitle: Page title\n---",
        )
    ]


def test_front_matter_line_numbers_are_those_of_the_file(tmp_path: Path) -> None:
    root = write_site(tmp_path, {ABOUT: "---\ntitle: About\n\ndescrption: x\norder: first\n---\nBody.\n"})
    assert reported(root) == [
        (
            f"{ABOUT}:4:1",
            "error: unknown key 'descrption' in page front matter; did you mean 'description'?",
            None,
        ),
        (f"{ABOUT}:5:8", "error: 'order' must be a whole number, not 'first'", None),
    ]


def test_front_matter_with_windows_line_endings_keeps_its_line_numbers(tmp_path: Path) -> None:
    root = write_site(tmp_path, {ABOUT: b"---\r\ntitle: About\r\nfoo: x\r\n---\r\nBody.\r\n"})
    assert reported(root) == [
        (
            f"{ABOUT}:3:1",
            "error: unknown key 'foo' in page front matter",
            "known keys: title, description, order",
        )
    ]


def test_page_needs_a_title(tmp_path: Path) -> None:
    root = write_site(tmp_path, {ABOUT: "---\n# no title yet\norder: 1\n---\nBody.\n"})
    assert reported(root) == [
        (f"{ABOUT}:3:1", "error: page front matter needs 'title'", "title: Title of the page.")
    ]


def test_page_file_name_that_is_not_a_slug_is_refused(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/pages/About_Us.md": "---\ntitle: About\n---\n"})
    assert reported(root) == [
        (
            "content/pages/About_Us.md:1:1",
            "error: page file name 'About_Us' is not a slug",
            "rename it to content/pages/about-us.md",
        )
    ]


def test_page_file_name_that_is_not_a_slug_is_not_told_to_take_another_pages_name(tmp_path: Path) -> None:
    page = "---\ntitle: About\n---\n"
    root = write_site(tmp_path, {"content/pages/about.md": page, "content/pages/About.md": page})
    assert reported(root) == [
        (
            "content/pages/About.md:1:1",
            "error: page file name 'About' is not a slug",
            "content/pages/about.md is taken by another page: choose another name, "
            "e.g. content/pages/about-2.md",
        )
    ]


def test_page_file_not_in_markdown_is_refused(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/pages/about.txt": "About\n"})
    assert reported(root) == [
        ("content/pages/about.txt:1:1", "error: pages are markdown files ending in .md", None)
    ]


def test_page_body_is_what_follows_the_front_matter(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, {ABOUT: "---\ntitle: About\ndescription: What this is.\n---\n# About\n\nText.\n"}
    )
    site = load_site(root).site
    assert site is not None
    assert site.pages == (Page("about", "About", "What this is.", "# About\n\nText.\n", 0, ABOUT),)


def test_pages_are_ordered_by_order_then_name(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            "content/pages/about.md": "---\ntitle: About\norder: 2\n---\n",
            "content/pages/method.md": "---\ntitle: Method\n---\n",
            "content/pages/faq.md": "---\ntitle: FAQ\n---\n",
        },
    )
    site = load_site(root).site
    assert site is not None
    assert [page.name for page in site.pages] == ["faq", "method", "about"]
