"""Claims: each value's `as_of`, `low`/`high`/`unit`, checked and located; values ordered by `as_of`."""

from __future__ import annotations

from pathlib import Path

from unit_helpers import reported, run_build, write_site

from chronicle.build.load import load_site
from chronicle.model.event_dates import parse_event_date

EVENT = "content/events/first-event.yaml"
HEAD = (
    "title: T\ndate: 2025\nsummary: S\nsources: [{url: https://example.org/, title: T}]\nadded: 2026-01-02\n"
)


def claim_site(root: Path, *values: str) -> Path:
    """An event with one claim whose values are `values` (each the lines after `- value:`)."""
    lines = [HEAD + "claims:\n  - about: Soldiers killed\n    values:\n"]
    for number, extra in enumerate(values, start=1):
        lines.append(
            f"      - value: figure {number}\n        according_to: Source {number}\n"
            f"        source: {{url: https://example.org/{number}, title: T}}\n"
        )
        lines.extend(f"        {line}\n" for line in extra.splitlines())
    return write_site(root, {EVENT: "".join(lines)})


def test_values_are_ordered_by_as_of_and_those_without_come_last(tmp_path: Path) -> None:
    root = claim_site(tmp_path, "as_of: 2025-04", "", "as_of: 2024-12", '"as_of": "[..2025-01-10]"')
    site = load_site(root).site
    assert site is not None
    (claim,) = site.events[0].claims
    assert [value.value for value in claim.values] == ["figure 3", "figure 4", "figure 1", "figure 2"]


def test_numbers_and_unit_are_read(tmp_path: Path) -> None:
    site = load_site(claim_site(tmp_path, "as_of: 2025-04~\nlow: 600\nhigh: 2000.5\nunit: soldiers", "")).site
    assert site is not None
    (value, _) = site.events[0].claims[0].values
    assert (value.as_of, value.low, value.high, value.unit) == (
        parse_event_date("2025-04~"),
        600,
        2000.5,
        "soldiers",
    )


def test_a_number_with_words_or_separators_is_located(tmp_path: Path) -> None:
    assert reported(claim_site(tmp_path, "low: 2,000", "")) == [
        (
            f"{EVENT}:12:14",
            "error: 'low' must be a number, not '2,000'",
            "write low: 2000; digits only, such as 600 or 2.5; the wording goes in 'value'",
        )
    ]


def test_a_number_with_words_gets_no_rewritten_number(tmp_path: Path) -> None:
    ((_, message, hint),) = reported(claim_site(tmp_path, "low: about 600", ""))
    assert message == "error: 'low' must be a number, not 'about 600'"
    assert hint == "digits only, such as 600 or 2.5; the wording goes in 'value'"


def test_high_below_low_is_located_at_high(tmp_path: Path) -> None:
    assert reported(claim_site(tmp_path, "low: 600\nhigh: 500", "")) == [
        (f"{EVENT}:13:15", "error: 'high' (500) is less than 'low' (600)", None)
    ]


def test_high_or_unit_without_low_is_located(tmp_path: Path) -> None:
    assert [message for _where, message, _hint in reported(claim_site(tmp_path, "high: 5\nunit: x", ""))] == [
        "error: 'high' needs 'low'",
        "error: 'unit' needs 'low'",
    ]


def test_an_invalid_as_of_is_located_with_the_accepted_forms(tmp_path: Path) -> None:
    ((where, message, hint),) = reported(claim_site(tmp_path, "as_of: spring 2025", ""))
    assert (where, message) == (
        f"{EVENT}:12:16",
        "error: 'as_of' is not a valid date: 'spring 2025' is not a date of the accepted forms",
    )
    assert hint is not None and hint.startswith("accepted forms: ")


def test_a_number_beyond_any_stated_count_is_located(tmp_path: Path) -> None:
    ((where, message, _hint),) = reported(claim_site(tmp_path, "low: 1" + "0" * 20, ""))
    assert (where, message) == (f"{EVENT}:12:14", "error: 'low' is too large: at most 1,000,000,000,000,000")


def test_a_claim_with_one_value_is_located_at_its_values(tmp_path: Path) -> None:
    ((where, message, hint),) = reported(claim_site(tmp_path, ""))
    assert (where, message) == (
        f"{EVENT}:9:7",
        "error: 'values' holds one value; a claim shows how sources state something differently, "
        "so it needs at least two values",
    )
    assert hint is not None and "summary" in hint


def test_a_claim_with_no_values_is_located_at_its_values(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: HEAD + "claims:\n  - about: Soldiers killed\n    values: []\n"})
    ((where, message, _hint),) = reported(root)
    assert (where, message[:27]) == (f"{EVENT}:8:13", "error: 'values' is empty; a")


def test_a_claim_with_one_value_fails_check_with_exit_status_1(tmp_path: Path) -> None:
    result = run_build("check", "--root", str(claim_site(tmp_path, "")))
    assert result.returncode == 1
    assert f"{EVENT}:9:7: error: 'values' holds one value" in result.stdout + result.stderr


def kind_site(root: Path, kind: str) -> Path:
    """An event with one claim of two values and the `kind` line given."""
    claim = "claims:\n  - about: What the minister called the talks\n" + kind + "    values:\n"
    values = "".join(
        f"      - value: word {number}\n        according_to: Source {number}\n"
        f"        source: {{url: https://example.org/{number}, title: T}}\n"
        for number in (1, 2)
    )
    return write_site(root, {EVENT: HEAD + claim + values})


def test_a_claim_is_a_figure_unless_it_says_otherwise(tmp_path: Path) -> None:
    site = load_site(kind_site(tmp_path, "")).site
    assert site is not None
    assert site.events[0].claims[0].kind == "figure"


def test_a_claim_of_kind_wording_is_read(tmp_path: Path) -> None:
    site = load_site(kind_site(tmp_path, "    kind: wording\n")).site
    assert site is not None
    assert site.events[0].claims[0].kind == "wording"


def test_an_unknown_kind_is_located_with_the_closest_kind(tmp_path: Path) -> None:
    (problem,) = reported(kind_site(tmp_path, "    kind: wordings\n"))
    assert problem[0] == f"{EVENT}:8:11"
    assert problem[1] == "error: 'kind' must be one of figure, wording, not 'wordings'"
    assert problem[2] is not None and "wording" in problem[2]


def test_numbers_on_a_wording_are_warned_about_at_their_key(tmp_path: Path) -> None:
    root = kind_site(tmp_path, "    kind: wording\n")
    event = root / EVENT
    event.write_text(event.read_text(encoding="utf-8") + "        low: 600\n", encoding="utf-8")
    assert reported(root) == [
        (
            f"{EVENT}:16:9",
            "warning: 'low' is not shown for a claim of kind wording, which has no figure",
            "remove it, or make the claim a figure (no `kind`, or `kind: figure`)",
        )
    ]
