"""The overview's words (timeline/overview.py holds its geometry): what each bar says, the
labels of its periods, and the sentence that sums the chart up."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from chronicle.model.date_wording import N_, shown_date
from chronicle.model.dates import PartialDate
from chronicle.model.wording import Wording

if TYPE_CHECKING:
    from chronicle.timeline.overview import Bucket


class Counts(Protocol):
    """What a bar counts (overview.py's tally of a bucket)."""

    count: int
    disputed: int
    ongoing: int
    outside: int


def bucket_text(label: str, tally: Counts, period: str, wording: Wording) -> str:
    """What a bar says on hover: "June 2025: 3 events, 1 with disputed figures; 2 of them may
    have happened outside June 2025"."""
    count, disputed, ongoing = tally.count, tally.disputed, tally.ongoing
    text = wording.phrase(
        "%(period)s: %(events)s",
        period=label,
        events=wording.counted("%(num)s event", "%(num)s events", count),
    )
    if disputed:
        text = wording.phrase(
            "%(text)s, %(disputed)s",
            text=text,
            disputed=wording.counted(
                "%(num)s with disputed figures", "%(num)s with disputed figures", disputed
            ),
        )
    if ongoing:
        text = wording.phrase(
            "%(text)s, %(spans)s",
            text=text,
            spans=wording.counted("%(num)s span continuing", "%(num)s spans continuing", ongoing),
        )
    if tally.outside:
        text = wording.phrase(
            "%(text)s; %(outside)s",
            text=text,
            outside=wording.counted(
                "%(num)s of them may have happened outside %(period)s",
                "%(num)s of them may have happened outside %(period)s",
                tally.outside,
                period=period,
            ),
        )
    return text


UNITS = {1: "year", 10: "decade", 100: "century", 1000: "millennium", 10000: "ten millennia"}
UNIT_WORDS = {
    "month": (N_("by month"), N_("Month")),
    "year": (N_("by year"), N_("Year")),
    "decade": (N_("by decade"), N_("Decade")),
    "century": (N_("by century"), N_("Century")),
    "millennium": (N_("by millennium"), N_("Millennium")),
    "ten millennia": (N_("by ten millennia"), N_("Ten millennia")),
}


def bucket_period(key: tuple[int, int], monthly: bool, label: str, wording: Wording) -> str:
    """The period a bucket counts, as a month heading's note names it ("June 2025", "2025")."""
    return shown_date(PartialDate(key[0], key[1] or None), wording) if monthly else label


def bucket_label(key: tuple[int, int], monthly: bool, size: int, wording: Wording) -> str:
    year, month = key
    if not monthly:
        if size == 1:
            return str(year)
        if size == 10:
            return wording.phrase("%(decade)ss", decade=year)
        return f"{max(year, 1)}–{year + size - 1}"
    if month == 0:
        return wording.phrase("%(year)s, month not known", year=year)
    return shown_date(PartialDate(year, month), wording)


def bucket_name(key: tuple[int, int], monthly: bool, size: int, wording: Wording) -> str:
    """A bucket as the summing-up sentence names it: its label, but a year's events whose month
    is not known as "2022 (month not known)", which reads in "from ... to ..." as the label's
    "2022, month not known" does not."""
    year, month = key
    if monthly and month == 0:
        return wording.phrase("%(year)s (month not known)", year=year)
    return bucket_label(key, monthly, size, wording)


def overview_description(buckets: Sequence[Bucket], by_words: str, wording: Wording) -> str:
    """The chart in a sentence: how many events, from when to when, by what; and the busiest
    bar, but only where every bar holds only events of its own period: where some may have
    happened elsewhere ("on or before June 2025", "c. 2024"), no bar is surely the busiest,
    and the sentence says how many may instead."""
    events = wording.counted("%(num)s event", "%(num)s events", sum(bucket.count for bucket in buckets))
    dated = [bucket.name or bucket.label for bucket in buckets if bucket.count]
    span = {"period": dated[0]} if dated[0] == dated[-1] else {"first": dated[0], "last": dated[-1]}
    outside = sum(bucket.outside for bucket in buckets)
    if outside:
        said = wording.counted(
            "%(num)s of them may have happened outside the period of its bar (drawn lighter)",
            "%(num)s of them may have happened outside the periods of their bars (drawn lighter)",
            outside,
        )
        message = _UNSURE_IN if "period" in span else _UNSURE_FROM
        return wording.phrase(message, events=events, by=by_words, outside=said, **span)
    busiest = max(buckets, key=lambda bucket: bucket.count)
    said_most = {"busiest": busiest.label, "count": wording.number(busiest.count)}
    if "period" in span:
        return wording.phrase(
            "%(events)s in %(period)s, %(by)s; the most in %(busiest)s (%(count)s). "
            "The chart's table gives every count.",
            events=events,
            by=by_words,
            **span,
            **said_most,
        )
    return wording.phrase(
        "%(events)s from %(first)s to %(last)s, %(by)s; the most in %(busiest)s (%(count)s). "
        "The chart's table gives every count.",
        events=events,
        by=by_words,
        **span,
        **said_most,
    )


_UNSURE_IN = N_("%(events)s in %(period)s, %(by)s; %(outside)s. The chart's table gives every count.")
_UNSURE_FROM = N_(
    "%(events)s from %(first)s to %(last)s, %(by)s; %(outside)s. The chart's table gives every count."
)
