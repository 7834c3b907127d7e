""" "Did you mean" for a date written as newcomers write one: with a month name (`March 2024`,
`1 April 2024`, `April 1, 2024`), with a time of day (`2024-03-12 14:00`), or approximate
(`c. 1950`); the other loose forms (`2024/3/12`, `12.3.2024`) are model.dates.iso_hint's."""

from __future__ import annotations

import re

from chronicle.model.dates import DateError, PartialDate, iso_hint
from chronicle.model.event_dates import ACCEPTED_FORMS, parse_event_date

QUOTED_FORMS = (
    re.sub(r"(\[[0-9.-]*\])", r'"\1"', ACCEPTED_FORMS)
    + "; a range goes in quotes, which YAML otherwise reads as a list"
)
"""The accepted forms as they are written in a YAML file: each range in quotes."""

_MONTHS = "january february march april may june july august september october november december".split()
_MONTH_NUMBERS = (
    {name: number for number, name in enumerate(_MONTHS, 1)}
    | {name[:3]: number for number, name in enumerate(_MONTHS, 1)}
    | {"sept": 9}
)
_FILLERS = {"of", "the", "on", "in"}
_CIRCA = {"c", "ca", "circa", "about", "around", "approx", "approximately"}
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_DAY = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)?")
_TIME = re.compile(
    r"(?P<date>.*?[0-9])(?:T|,?\s+(?:at\s+)?)"
    r"(?P<time>[0-9]{1,2}(?:[:.h][0-9]{2}){1,2}(?:\.[0-9]+)?\s*(?:[ap]\.?m\.?)?|[0-9]{1,2}\s*[ap]\.?m\.?)"
    r"\s*(?:z|utc|gmt|[+-][0-9]{2}:?[0-9]{2})?",
    re.IGNORECASE,
)
WRITTEN = "dates are written YYYY-MM-DD (a month YYYY-MM, a year YYYY)"


def date_hint(text: str, qualifiers: str = "", *, day_only: bool = False) -> str | None:
    """What `text` likely means, as a hint, or None. `qualifiers`: the marks a date may end
    with (`~?%`); `day_only`: only a full day is a date here (`accessed`)."""
    text = text.strip()
    timed = _TIME.fullmatch(text)
    if timed is not None:
        meant = _meant(timed["date"].strip(), qualifiers)
        if meant is not None and (not day_only or _is_day(meant)):
            return f"times are not kept: {meant}"
        return None
    meant = _named_month(text, qualifiers)
    if meant is not None and (not day_only or _is_day(meant)):
        return f"did you mean {meant}? {WRITTEN}" if meant[-1].isdigit() else f"write {meant}; {WRITTEN}"
    return iso_hint(text, qualifiers)


def _meant(text: str, qualifiers: str) -> str | None:
    """The date `text` is or likely means, written as one of the accepted forms."""
    try:
        return parse_event_date(text).edtf if qualifiers else PartialDate.parse(text).iso()
    except DateError:
        pass
    named = _named_month(text, qualifiers)
    if named is not None:
        return named
    loose = iso_hint(text, qualifiers)
    found = re.match(r"did you mean (\S+)\?", loose or "")
    return found[1] if found else None


def _named_month(text: str, qualifiers: str) -> str | None:
    """`March 2024` -> 2024-03, `1 April 2024` or `April 1st, 2024` -> 2024-04-01, `c. 1950`
    -> 1950~ (where `~` may be written)."""
    mark = text[-1] if text and text[-1] in qualifiers else ""
    year = month = day = None
    circa = False
    for token in _TOKEN.findall(text.casefold()):
        day_match = _DAY.fullmatch(token)
        if token.isdigit() and len(token) == 4 and year is None:
            year = int(token)
        elif token in _MONTH_NUMBERS and month is None:
            month = _MONTH_NUMBERS[token]
        elif day_match is not None and day is None:
            day = int(day_match[1])
        elif token in _CIRCA and "~" in qualifiers and not circa:
            circa, mark = True, mark or "~"
        elif token not in _FILLERS:
            return None
    if year is None or (month is None and not circa) or (day is not None and month is None):
        return None
    written = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    try:
        return PartialDate.parse(written).iso() + mark
    except DateError:
        return None


def _is_day(written: str) -> bool:
    return re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", written) is not None


_HOST_FIRST = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}(?::[0-9]+)?(?:[/?#].*)?", re.IGNORECASE)
_MISTYPED_SCHEME = re.compile(r"(h?t?t?p?s?)(?:[:;]/*|/+)(.+)", re.IGNORECASE)


def url_hint(text: str) -> str | None:
    """The http(s) address `text` likely is: `example.org/page` or `www.example.org` (as
    browsers show them), `htps://...`, `https:/...`, `//example.org/...`."""
    text = text.strip()
    bare = text.removeprefix("//")
    if _HOST_FIRST.fullmatch(bare):
        return f"did you mean https://{bare}?"
    mistyped = _MISTYPED_SCHEME.fullmatch(text)
    if mistyped and mistyped[1] and _HOST_FIRST.fullmatch(mistyped[2]):
        scheme = "https" if mistyped[1].lower().endswith("s") else "http"
        return f"did you mean {scheme}://{mistyped[2]}?"
    return None
