"""A user name or password in an address written in markdown (a summary, a caption, a free
page) is an error where it is written, as in every address field: the site would publish it."""

from __future__ import annotations

from pathlib import Path

from test_unit_media import media_site
from unit_helpers import event_yaml, reported, write_site

from chronicle.source.link_credentials import credentials_problem

EVENT = "content/events/first-event.yaml"


def summary_site(tmp_path: Path, summary: str) -> Path:
    event = event_yaml("2025").replace("summary: S\n", f"summary: {summary}\n")
    return write_site(tmp_path, {EVENT: event})


def test_a_link_with_a_password_in_a_summary_is_an_error_at_the_summary(tmp_path: Path) -> None:
    root = summary_site(tmp_path, '"See [the list](https://user:secret@example.org/list)."')
    ((where, message, hint),) = reported(root)
    assert where == f"{EVENT}:3:10"
    assert message == (
        "error: an address in the summary carries a user name or password (before '@'): "
        "'https://user:secret@example.org/list'; the site would publish it"
    )
    assert hint == "write the address without them: https://host/path"


def test_autolinks_and_reference_definitions_are_held_to_it_too() -> None:
    for source in ("<https://tok:en@example.org/b>", "[r][c]\n\n[c]: https://ref:pw@example.org/"):
        assert credentials_problem(source, "the summary") is not None


def test_an_at_sign_in_a_path_or_a_mail_address_is_no_user_name() -> None:
    for source in (
        "[profile](https://medium.com/@someone/post)",
        "write to desk@example.org",
        "[x](https://example.org/?by=a@b)",
    ):
        assert credentials_problem(source, "the summary") is None


def test_a_long_run_of_dotted_words_is_read_once_not_from_every_dot() -> None:
    # Scanned from each dot to the end, 400,000 characters would take hours.
    assert credentials_problem("a." * 200_000, "the page") is None
    assert credentials_problem("a." * 200_000 + " https://u:p@example.org/", "the page") is not None


def test_a_free_page_gets_the_error_at_the_line_and_column_of_the_address(tmp_path: Path) -> None:
    page = "---\ntitle: About\n---\nWelcome.\n\nOur [list](https://u:p@example.org/) is here.\n"
    root = write_site(tmp_path, {"content/pages/about.md": page})
    ((where, message, _hint),) = reported(root)
    assert where == "content/pages/about.md:6:12"
    assert message.startswith("error: an address in the page carries a user name or password")


def test_a_caption_with_a_password_in_a_link_is_an_error_at_the_caption(tmp_path: Path) -> None:
    root = media_site(
        tmp_path,
        "  - url: https://example.org/map\n    title: Map\n    credit: Example\n"
        '    caption: "[cap](https://u:p@example.org/cap)"\n',
    )
    found = [(where, message) for where, message, _hint in reported(root) if "user name" in message]
    assert len(found) == 1
    assert found[0][0].endswith(":10:14")
    assert "an address in the caption carries a user name or password" in found[0][1]


def test_a_password_in_a_summarys_later_line_is_located_at_the_address(tmp_path: Path) -> None:
    root = summary_site(tmp_path, "|\n  Intro.\n  Also <https://user:pw@example.org/> and more.")
    ((where, _, _),) = reported(root)
    assert where == f"{EVENT}:5:{len('  Also <') + 1}"
