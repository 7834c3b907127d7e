"""Dates as newcomers write them get "did you mean" in an event file and from `new --date`:
a month name with a year, a day with a month name, a time of day; and the list of accepted
forms writes each range in the quotes YAML needs."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import reported, write_site

from chronicle.cli import main
from chronicle.source.value_hints import QUOTED_FORMS, date_hint

EVENT = "content/events/first-event.yaml"
WRITTEN = "dates are written YYYY-MM-DD (a month YYYY-MM, a year YYYY)"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("March 2024", f"did you mean 2024-03? {WRITTEN}"),
        ("Sept. 2024", f"did you mean 2024-09? {WRITTEN}"),
        ("1 April 2024", f"did you mean 2024-04-01? {WRITTEN}"),
        ("April 1st, 2024", f"did you mean 2024-04-01? {WRITTEN}"),
        ("2024-03-12 14:00", "times are not kept: 2024-03-12"),
        ("2024-03-12T14:00:00Z", "times are not kept: 2024-03-12"),
        ("12 March 2024 at 2pm", "times are not kept: 2024-03-12"),
        ("c. 1950", f"write 1950~; {WRITTEN}"),
    ],
)
def test_a_newcomers_date_in_an_event_file_gets_what_it_means(
    tmp_path: Path, written: str, hint: str
) -> None:
    event = f"title: T\ndate: {written}\nsummary: S\nsources: [{{url: https://example.org/, title: T}}]\n"
    ((where, message, said),) = reported(write_site(tmp_path, {EVENT: event + "added: 2026-01-02\n"}))
    assert (where, said) == (f"{EVENT}:2:7", hint)
    assert message.startswith(f"error: 'date' is not a valid date: '{written}'")


def test_a_date_of_no_known_form_gets_the_accepted_forms_with_ranges_quoted(tmp_path: Path) -> None:
    event = "title: T\ndate: spring 2024\nsummary: S\nsources: [{url: https://example.org/, title: T}]\n"
    ((_, _, hint),) = reported(write_site(tmp_path, {EVENT: event + "added: 2026-01-02\n"}))
    assert hint == QUOTED_FORMS
    assert '"[2025-12-01..2025-12-26]"' in hint and '"[..2025-06-03]"' in hint and '"[2025-06-05..]"' in hint


def test_a_day_that_does_not_exist_gets_no_guess() -> None:
    assert date_hint("31 February 2024", "~?%") is None


def test_a_field_of_full_days_is_not_offered_a_month(tmp_path: Path) -> None:
    assert date_hint("March 2024", day_only=True) is None
    assert date_hint("1 April 2024", day_only=True) == f"did you mean 2024-04-01? {WRITTEN}"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("March 2024", f"did you mean 2024-03? {WRITTEN}"),
        ("2024-03-12 14:00", "times are not kept: 2024-03-12"),
        ("spring", QUOTED_FORMS),
    ],
)
def test_new_date_gets_the_same_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str, hint: str
) -> None:
    root = write_site(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(["new", "Talks", "--date", written, "--root", str(root)])
    assert exit_info.value.code == 2
    line = capsys.readouterr().err.splitlines()[-1]
    assert line.endswith(f"argument --date: '{written}' is not a date of the accepted forms; {hint}")
    assert not (root / "content/events/talks.yaml").exists()
