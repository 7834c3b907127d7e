"""A line that reads as a link reference's definition no link uses shows nothing at all
(`[Update]: corrected.`): a warning at the line, in a summary or a free page."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from unit_helpers import EVENT_YAML, reported, write_site

from chronicle.source import markdown_references
from chronicle.source.markdown_references import unused_reference

EVENT = "content/events/first-event.yaml"
SUMMARY_LINE = "summary: Officials agree to share river data every week.\n"


def test_a_definition_no_link_uses_is_found_at_its_line() -> None:
    found = unused_reference("Text.\n\n[Update]: corrected.\n", "the summary's")
    assert found is not None and found[0] == 2
    assert found[1].startswith("this line of the summary's text reads as the definition of [Update]")


def test_a_definition_a_link_uses_is_not_found() -> None:
    assert unused_reference("See [the report][r].\n\n[r]: https://example.org/r\n", "the summary's") is None


def test_a_second_definition_of_a_label_is_found_at_its_line() -> None:
    found = unused_reference("See [t][update].\n\n[Update]: /corrections\n[Update]: corrected.\n", "x")
    assert found is not None and found[0] == 3 and "second definition" in found[1]


def test_a_label_in_a_code_span_is_no_use_of_it() -> None:
    found = unused_reference("Write `[a]` for a link.\n\n[a]: corrected.\n", "x")
    assert found is not None and found[0] == 2


def test_a_label_holding_code_is_used_by_the_link_it_names() -> None:
    source = "The data is in [`events.csv`].\n\n[`events.csv`]: ../../data/events.csv\n"
    assert unused_reference(source, "x") is None


def test_many_references_are_checked_in_time_linear_in_their_number() -> None:
    # Each label's uses were counted again for every label: 3,000 took seconds.
    uses = "".join(f"See the report [r{number}].\n" for number in range(3000))
    definitions = "".join(f"[r{number}]: https://example.org/r{number}\n" for number in range(3000))
    calls = Counter[str]()
    real = markdown_references.normalizeReference

    def counted(label: str) -> str:
        calls["normalise"] += 1
        return real(label)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown_references, "normalizeReference", counted)
        assert unused_reference(uses + "\n" + definitions, "x") is None
    assert calls["normalise"] <= 2 * 3000


def test_a_summary_line_read_as_an_unused_definition_is_a_warning_at_the_line(tmp_path: Path) -> None:
    summary = "summary: |\n  Officials agree to share river data every week.\n\n  [Update]: corrected.\n"
    root = write_site(tmp_path, {EVENT: EVENT_YAML.replace(SUMMARY_LINE, summary)})
    ((where, message, hint),) = reported(root)
    assert where == f"{EVENT}:6:3"
    assert message.startswith("warning: this line of the summary's text reads as the definition of [Update]")
    assert hint is not None and "\\[" in hint


def test_a_page_line_read_as_an_unused_definition_is_a_warning_at_the_line(tmp_path: Path) -> None:
    page = "content/pages/about.md"
    root = write_site(tmp_path, {page: "---\ntitle: About\n---\nIntro.\n\n[Source]: <ministry statement>\n"})
    ((where, message, _),) = reported(root)
    assert where == f"{page}:6:1"
    assert message.startswith("warning: this line of the page's text reads as the definition of [Source]")


def test_a_comment_after_the_block_scalars_bar_is_not_where_its_text_is(tmp_path: Path) -> None:
    summary = "summary: |  # [Update]: corrected.\n  Intro.\n\n  [Update]: corrected.\n"
    root = write_site(tmp_path, {EVENT: EVENT_YAML.replace(SUMMARY_LINE, summary)})
    ((where, _, _),) = reported(root)
    assert where == f"{EVENT}:6:3"
