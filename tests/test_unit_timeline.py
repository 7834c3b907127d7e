"""timeline: the validated site -> what pages need: years and months, highlighted source passages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from renderers import timeline_of
from unit_helpers import event_yaml, write_site

from chronicle.build.load import load_site
from chronicle.timeline.source_pages import CROWDED, Segment, highlight


def months_of(root: Path) -> list[tuple[int, list[tuple[str, str, list[str]]]]]:
    site = load_site(root).site
    assert site is not None
    return [
        (
            year.year,
            [(month.anchor, month.label, [view.slug for view in month.events]) for month in year.months],
        )
        for year in timeline_of(site).years
    ]


def test_events_are_grouped_by_year_then_month_in_order(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            "content/events/first-event.yaml": None,
            "content/events/june-4.yaml": event_yaml("2024-06-04"),
            "content/events/june-20.yaml": event_yaml("2024-06-20"),
            "content/events/december.yaml": event_yaml("2024-12-01"),
            "content/events/january.yaml": event_yaml("2025-01-02"),
        },
    )
    assert months_of(root) == [
        (
            2024,
            [
                ("m2024-06", "June 2024", ["june-4", "june-20"]),
                ("m2024-12", "December 2024", ["december"]),
            ],
        ),
        (2025, [("m2025-01", "January 2025", ["january"])]),
    ]


def test_month_precision_event_opens_its_month(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            "content/events/first-event.yaml": None,
            "content/events/some-day-in-june.yaml": event_yaml("2024-06"),
            "content/events/june-30.yaml": event_yaml("2024-06-30"),
        },
    )
    assert months_of(root) == [(2024, [("m2024-06", "June 2024", ["some-day-in-june", "june-30"])])]


def test_year_precision_events_form_a_first_month_not_known_group_of_their_year(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            "content/events/first-event.yaml": None,
            "content/events/sometime.yaml": event_yaml("2024"),
            "content/events/december.yaml": event_yaml("2024-12-31"),
            "content/events/march.yaml": event_yaml("2024-03"),
            "content/events/next-year.yaml": event_yaml("2025-01-01"),
        },
    )
    assert months_of(root) == [
        (
            2024,
            [
                ("m2024-unknown", "2024, month not known", ["sometime"]),
                ("m2024-03", "March 2024", ["march"]),
                ("m2024-12", "December 2024", ["december"]),
            ],
        ),
        (2025, [("m2025-01", "January 2025", ["next-year"])]),
    ]


def test_a_day_between_two_months_is_grouped_as_its_years_month_not_known(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            "content/events/first-event.yaml": None,
            "content/events/some-day.yaml": event_yaml('"[2024-01-01..2025-12-18]"'),
            "content/events/that-year.yaml": event_yaml("2024"),
            "content/events/in-june.yaml": event_yaml('"[2024-06-02..2024-06-20]"'),
        },
    )
    assert months_of(root) == [
        (
            2024,
            [
                ("m2024-unknown", "2024, month not known", ["some-day", "that-year"]),
                ("m2024-06", "June 2024", ["in-june"]),
            ],
        )
    ]


def shown(paragraphs: tuple[tuple[Segment, ...], ...]) -> list[list[tuple[str, tuple[str, ...], Any]]]:
    return [
        [(segment.text, segment.anchors, segment.event) for segment in paragraph] for paragraph in paragraphs
    ]


TEXT = "First paragraph here.\n\nSecond paragraph with a quote inside it."


def test_text_without_quotes_is_split_into_paragraphs() -> None:
    assert shown(highlight(TEXT, [])) == [
        [("First paragraph here.", (), None)],
        [("Second paragraph with a quote inside it.", (), None)],
    ]


def test_quoted_span_is_marked_and_links_its_event() -> None:
    start = TEXT.index("a quote")
    spans: list[Any] = [(start, start + len("a quote"), "q-a-1", "event-a")]
    assert shown(highlight(TEXT, spans)) == [
        [("First paragraph here.", (), None)],
        [
            ("Second paragraph with ", (), None),
            ("a quote", ("q-a-1",), "event-a"),
            (" inside it.", (), None),
        ],
    ]


def test_overlapping_spans_link_the_earliest_and_anchor_each_once() -> None:
    text = "one two three four five"
    spans: list[Any] = [
        (text.index("three"), len(text), "q-b-1", "event-b"),
        (0, text.index(" four"), "q-a-1", "event-a"),
    ]
    assert shown(highlight(text, spans)) == [
        [
            ("one two ", ("q-a-1",), "event-a"),
            ("three", ("q-b-1",), "event-a"),
            (" four five", (), "event-b"),
        ]
    ]


def test_quote_across_a_paragraph_break_is_anchored_once_and_marked_in_both() -> None:
    start = TEXT.index("here.")
    end = TEXT.index(" with")
    spans: list[Any] = [(start, end, "q-a-1", "event-a")]
    assert shown(highlight(TEXT, spans)) == [
        [("First paragraph ", (), None), ("here.", ("q-a-1",), "event-a")],
        [("Second paragraph", (), "event-a"), (" with a quote inside it.", (), None)],
    ]


class Quoting:
    """What a highlight reads of the event quoting it."""

    def __init__(self, slug: str) -> None:
        self.slug = slug


def test_a_passage_quoted_by_many_events_is_one_highlight_for_the_first_of_them() -> None:
    text = "one two three four five six"
    events = [Quoting(f"e{n}") for n in range(CROWDED + 2)]
    # Overlapping quotes, each starting a character later; listed (the timeline's order) last first.
    spans: list[Any] = [
        (4 + n, text.index(" six"), f"q-e{n}-1", events[n]) for n in reversed(range(len(events)))
    ]
    ((before, marked, after),) = highlight(text, spans)
    assert [(segment.text, segment.event) for segment in (before, after)] == [("one ", None), (" six", None)]
    assert marked.text == "two three four five"
    assert marked.event is events[-1]  # the first in the timeline, not the first in the text
    assert (marked.anchors, marked.quoted_by) == (("q-e6-1",), CROWDED + 2)


def test_a_passage_quoted_a_few_times_keeps_a_highlight_and_an_anchor_per_quote() -> None:
    text = "one two three four five six"
    events = [Quoting(f"e{n}") for n in range(CROWDED)]
    spans: list[Any] = [(n, text.index(" six"), f"q-e{n}-1", event) for n, event in enumerate(events)]
    ((*marked, after),) = highlight(text, spans)
    assert [segment.anchors for segment in marked] == [(f"q-e{n}-1",) for n in range(CROWDED)]
    assert {segment.event for segment in marked} == {events[0]}
    assert {segment.quoted_by for segment in marked} == {1} and after.event is None


def test_a_highlight_says_whether_its_event_is_listed_on_the_page() -> None:
    text = "one two three four"
    spans: list[Any] = [(0, 3, "q-a-1", Quoting("a")), (8, 13, "q-b-1", Quoting("b"))]
    ((first, _, second, _),) = highlight(text, spans, listed={"a"})
    assert (first.listed, second.listed) == (True, False)


def test_source_page_highlights_the_verified_quote_of_the_citing_event(tmp_path: Path) -> None:
    site = load_site(write_site(tmp_path)).site
    assert site is not None
    (page,) = timeline_of(site).sources
    marked = [
        (segment.text, segment.anchors, segment.event.slug)
        for paragraph in page.paragraphs
        for segment in paragraph
        if segment.event is not None
    ]
    assert marked == [("agreed to share river data every week", ("q-first-event-1",), "first-event")]
    assert [view.slug for view in page.citing] == ["first-event"]


WRAPPED = (
    "About 300 farmers blocked the road on Tuesday, demanding that the\n"
    "water authority reopen it.\n\nThe authority did not reply."
)


def test_a_wrapped_line_stays_in_its_paragraph_when_blank_lines_part_paragraphs() -> None:
    assert [[segment.text for segment in paragraph] for paragraph in highlight(WRAPPED, [])] == [
        ["About 300 farmers blocked the road on Tuesday, demanding that the\nwater authority reopen it."],
        ["The authority did not reply."],
    ]


def test_each_line_is_a_paragraph_in_a_text_without_blank_lines() -> None:
    text = "First line.\nSecond line.\nThird line."
    assert [[segment.text for segment in paragraph] for paragraph in highlight(text, [])] == [
        ["First line."],
        ["Second line."],
        ["Third line."],
    ]


def test_a_passage_quoted_within_another_quote_names_its_event_after_the_passage() -> None:
    # Not after "three": the list would stand inside event-a's quotation.
    text = "one two three four five"
    spans: list[Any] = [
        (0, len(text), "q-a-1", "event-a"),
        (text.index("three"), text.index(" four"), "q-b-1", "event-b"),
    ]
    segments = highlight(text, spans)[0]
    assert [(segment.original, segment.event, segment.also) for segment in segments] == [
        ("one two ", "event-a", ()),
        ("three", "event-a", ()),
        (" four five", "event-a", ("event-b",)),
    ]


def test_overlapping_quotes_each_linked_somewhere_name_no_one() -> None:
    text = "one two three four five"
    spans: list[Any] = [(0, 13, "q-a-1", "event-a"), (4, len(text), "q-b-1", "event-b")]
    assert all(segment.also == () for segment in highlight(text, spans)[0])


def test_a_passage_quoted_alike_by_several_events_names_each_of_the_others() -> None:
    text = "one two three"
    spans: list[Any] = [(0, 7, "q-a-1", "event-a"), (0, 7, "q-b-1", "event-b"), (0, 7, "q-c-1", "event-c")]
    first = highlight(text, spans)[0][0]
    assert (first.original, first.event, first.also) == ("one two", "event-a", ("event-b", "event-c"))


def test_the_other_quoting_events_are_named_once_after_a_passage_across_paragraphs() -> None:
    start, end = TEXT.index("here."), TEXT.index(" with")
    spans: list[Any] = [(start, end, "q-a-1", "event-a"), (start, end, "q-b-1", "event-b")]
    named = [segment.also for paragraph in highlight(TEXT, spans) for segment in paragraph]
    assert named == [(), (), ("event-b",), ()]


def test_the_other_events_are_named_once_after_a_passage_cut_by_their_own_quotes() -> None:
    # One event quoting a passage twice (as its source and as a claim's) cuts it in three.
    text = "one two three four five"
    spans: list[Any] = [(0, 18, "q-a-1", "event-a"), (0, 18, "q-b-1", "event-b"), (4, 13, "q-a-2", "event-a")]
    segments = highlight(text, spans)[0]
    assert [(segment.original, segment.also) for segment in segments] == [
        ("one ", ()),
        ("two three", ()),
        (" four", ("event-b",)),
        (" five", ()),
    ]


def test_an_event_known_only_to_be_on_or_before_a_date_is_marked_as_placed_at_it(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            "content/events/first-event.yaml": None,
            "content/events/before.yaml": event_yaml('"[..2024-06-04]"'),
            "content/events/after.yaml": event_yaml('"[2024-06-04..]"'),
            "content/events/between.yaml": event_yaml('"[2024-06-01..2024-06-04]"'),
            "content/events/day.yaml": event_yaml("2024-06-04"),
        },
    )
    site = load_site(root).site
    assert site is not None
    marked = {view.slug: view.placed_by_bound for view in timeline_of(site).events}
    assert marked == {"before": "day", "after": None, "between": None, "day": None}
