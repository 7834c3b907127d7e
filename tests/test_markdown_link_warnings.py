"""A link in a summary, a caption or a free page that readers cannot follow is a warning where it
is written: one markdown refuses to make (javascript:, vbscript:, file:, data:), which shows as
its text, and an http(s) address without `//`, which a browser reads as a path of the site."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import EVENT_YAML, write_site

from chronicle.build.load import load_site
from chronicle.build.site_links import check_site_links
from chronicle.timeline.markdown import unmade_links

EVENT = "content/events/first-event.yaml"
SUMMARY_LINE = "summary: Officials agree to share river data every week.\n"


def problems(root: Path) -> list[tuple[str, str, str | None]]:
    site = load_site(root).site
    assert site is not None
    return [(str(d.mark), f"{d.severity}: {d.message}", d.hint) for d in check_site_links(site, root)]


def with_summary(summary: str) -> str:
    return EVENT_YAML.replace(SUMMARY_LINE, f"summary: {summary}\n")


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "vbscript:msgbox",
        "file:///etc/passwd",
        "data:text/html,x",
    ],
)
def test_a_link_markdown_refuses_is_found(target: str) -> None:
    assert unmade_links(f"See [this]({target}).") == [(target, target.split(":")[0].lower())]


def test_an_address_without_slashes_after_its_scheme_is_found() -> None:
    assert unmade_links("[a](https:evil.example) and ![b](http:pic.png)") == [
        ("https:evil.example", "https"),
        ("http:pic.png", "http"),
    ]


def test_ordinary_links_and_an_image_of_data_are_not_found() -> None:
    text = "[a](https://example.org/) [b](/pages/) [c](mailto:a@example.org) ![d](data:image/png;base64,AA)"
    assert unmade_links(text) == []


def test_a_refused_link_in_a_summary_is_a_warning_where_it_is_written(tmp_path: Path) -> None:
    summary = "See [this](javascript:alert(1))."
    root = write_site(tmp_path, {EVENT: with_summary(summary)})
    assert problems(root) == [
        (
            f"{EVENT}:3:{len('summary: See [this](') + 1}",
            "warning: 'javascript:alert(1)' is not made a link: a javascript: address is shown as text",
            "link to a web page with an https:// address",
        )
    ]


def test_an_address_without_slashes_in_a_free_page_is_a_warning_where_it_is_written(tmp_path: Path) -> None:
    page = "content/pages/about.md"
    root = write_site(tmp_path, {page: "---\ntitle: About\n---\nRead [the report](https:evil.example).\n"})
    assert problems(root) == [
        (
            f"{page}:4:{len('Read [the report](') + 1}",
            "warning: 'https:evil.example' leads nowhere: without // after 'https:' it reads as a path",
            "write the address in full: https://evil.example",
        )
    ]


@pytest.mark.parametrize(
    ("written", "target"),
    [
        ("java&#115;cript:alert(1)", "javascript:alert(1)"),
        ("javascript&colon;alert(1)", "javascript:alert(1)"),
        ("javascript\\:alert(1)", "javascript:alert(1)"),
        ("https&#58;evil.example", "https:evil.example"),
    ],
)
def test_a_scheme_spelled_with_a_character_reference_or_an_escape_is_a_warning_too(
    tmp_path: Path, written: str, target: str
) -> None:
    root = write_site(tmp_path, {EVENT: with_summary(f"See [this]({written}).")})
    ((mark, message, _),) = problems(root)
    assert mark == f"{EVENT}:3:{len('summary: See [this](') + 1}"
    assert message.startswith(f"warning: '{target}' ")


@pytest.mark.parametrize("target", ["javascript:alert(1)", "https:evil.example"])
def test_an_autolink_readers_cannot_follow_is_a_warning_too(tmp_path: Path, target: str) -> None:
    root = write_site(tmp_path, {EVENT: with_summary(f"See <{target}>.")})
    ((mark, message, _),) = problems(root)
    assert mark == f"{EVENT}:3:{len('summary: See <') + 1}"
    assert message.startswith(f"warning: '{target}' ")
