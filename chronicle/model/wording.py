"""Wording: the interface language as plain data (its translated messages, plural rule and
Babel locale), and what formats by it: messages, counts, numbers and dates at a precision.

The source stage makes one from `language:` and `strings:` in content/site.yaml and the
catalogs under chronicle/locale/ (source/language.py); every later stage is handed it. No
module keeps a current language: each function is given the Wording it speaks.
"""

from __future__ import annotations

import datetime
import gettext
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property
from typing import Literal

import babel
import babel.dates
import babel.numbers
from markupsafe import escape

Direction = Literal["ltr", "rtl"]
Messages = tuple[tuple[str, tuple[str, ...]], ...]
"""(msgid, its translation) sorted by msgid; a plural message has one text per plural form
of the language, keyed by its singular msgid."""

ENGLISH_PLURALS = "(n != 1)"


_STOP_AFTER_VALUE = re.compile(r"(%\((\w+)\)s(?:</\w+>)*)\.")
"""A placeholder, the tags closing right after it, and the full stop after those."""
_TRAILING_TAGS = re.compile(r"(?:<[^<>]*>)+$")


def ends_with_stop(value: object) -> bool:
    """Whether a value's text ends with a full stop: an abbreviation's ("2026 г.", "Inc.")."""
    return _TRAILING_TAGS.sub("", str(value)).endswith(".")


def one_stop(message: str, values: Mapping[str, object]) -> str:
    """`message` without the full stop right after a placeholder whose value ends with one:
    a sentence ending in an abbreviation takes no second stop ("23 ноября 2026 г.", never
    "г.."; Russian and Ukrainian dates end in one)."""
    if not _stopped_placeholders(message):
        return message

    def kept(found: re.Match[str]) -> str:
        return found.group(1) if ends_with_stop(values.get(found.group(2), "")) else found.group(0)

    return _STOP_AFTER_VALUE.sub(kept, message)


@cache
def _stopped_placeholders(message: str) -> bool:
    """Whether a full stop follows any placeholder of `message` (most messages: none)."""
    return ")s" in message and _STOP_AFTER_VALUE.search(message) is not None


def end_sentence(text: str) -> str:
    """`text` with a full stop at its end, unless it ends with one already."""
    return text if ends_with_stop(text) else text + "."


@dataclass(frozen=True)
class Wording:
    """One interface language. `messages` holds the translations (with the site's own
    overrides applied); a message missing from it is shown as written in English."""

    language: str = "en"
    """The site's language tag as written (`pt-BR`): the pages' lang attribute."""
    catalog: str = "en"
    """The catalog speaking it (`pt_BR`, `pt`, or `en` when none does)."""
    locale: str = "en_GB"
    """The Babel locale dates and numbers follow (plain `en` writes day-first dates)."""
    direction: Direction = "ltr"
    og_locale: str = "en_US"
    """The language and its territory, as Open Graph's `og:locale` wants them (`fr_FR`)."""
    messages: Messages = ()
    plural_forms: str = ENGLISH_PLURALS
    """The gettext Plural-Forms expression choosing a plural message's form by count."""
    overridden: tuple[str, ...] = field(default=())
    """The msgids the site replaced (`strings:` in content/site.yaml)."""

    @cached_property
    def table(self) -> dict[str, tuple[str, ...]]:
        return dict(self.messages)

    def gettext(self, message: str) -> str:
        found = self.table.get(message)
        return found[0] if found and found[0] else message

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        found = self.table.get(singular)
        index = _plural_function(self.plural_forms)(count)
        if found and index < len(found) and found[index]:
            return found[index]
        return singular if count == 1 else plural

    @cached_property
    def replaced(self) -> frozenset[str]:
        return frozenset(self.overridden)

    def markup(self, message: str) -> str:
        """gettext as HTML (placeholders left in): a catalog's translation as it is, its markup
        the engine's; a replacement from `strings:` as text, but for the tags the English
        message itself has (`<a href="%(href)s">`, `</a>`)."""
        text = self.gettext(message)
        return text_with_tags_of(text, message) if message in self.replaced else text

    def nmarkup(self, singular: str, plural: str, count: int) -> str:
        """ngettext as HTML, as `markup` is gettext."""
        text = self.ngettext(singular, plural, count)
        return text_with_tags_of(text, singular, plural) if singular in self.replaced else text

    def number(self, value: float) -> str:
        """A count or a figure as the locale writes it ("1,234", "1 234", "2,5"); decimals
        only where the number has them."""
        if value == int(value):
            if 0 <= value < 1000:  # Latin digits in every locale (Babel's default), no separator yet
                return str(int(value))
            return babel.numbers.format_decimal(int(value), locale=self.babel_locale)
        exact = Decimal(repr(float(value)))
        return babel.numbers.format_decimal(exact, locale=self.babel_locale, decimal_quantization=False)

    def counted(self, singular: str, plural: str, count: int, **values: object) -> str:
        """ngettext with `%(num)s` the count as a number ("1,234 events"), and `values`."""
        filled = {"num": self.number(count), **values}
        return one_stop(self.ngettext(singular, plural, count), filled) % filled

    def phrase(self, message: str, **values: object) -> str:
        """gettext with its placeholders filled: phrase("c. %(date)s", date="2025")."""
        return one_stop(self.gettext(message), values) % values

    @property
    def babel_locale(self) -> babel.Locale:
        return _babel_locale(self.locale)

    def date(self, day: datetime.date, precision: Precision = "day") -> str:
        """ "4 June 2025", "June 2025" or "2025", as the locale writes them."""
        return _pattern(self.locale, SKELETONS[precision]).apply(day, self.babel_locale)

    def month_name(self, month: int) -> str:
        """The month's name standing alone ("June", "juin", "6월")."""
        return str(self.babel_locale.months["stand-alone"]["wide"][month])

    def short_month(self, day: datetime.date) -> str:
        """An axis label of a month: "Jun 2025", "juin 2025", "2025년 6월"."""
        return _pattern(self.locale, "yMMM").apply(day, self.babel_locale)


ENGLISH = Wording()
"""The interface in English, as the templates are written: messages as they are."""

Precision = Literal["year", "month", "day"]
SKELETONS: dict[Precision, str] = {"day": "yMMMMd", "month": "yMMMM", "year": "y"}


TAG = re.compile(r"<[^<>]*>")
"""A tag as a message writes one: `<a href="%(href)s">`, `</a>`, `<code>`."""


def text_with_tags_of(text: str, *messages: str) -> str:
    """`text` as HTML: every character escaped (`<` as `&lt;`, `&` as `&amp;`, quotes too),
    but for the tags that one of `messages` has, written exactly so, which are kept."""
    allowed = {tag for message in messages for tag in TAG.findall(message)}
    parts: list[str] = []
    position = 0
    for match in TAG.finditer(text):
        if match.group() in allowed:
            parts += [escape(text[position : match.start()]), match.group()]
            position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


@cache
def _plural_function(expression: str) -> Callable[[int], int]:
    return gettext.c2py(expression)


@cache
def _babel_locale(identifier: str) -> babel.Locale:
    return babel.Locale.parse(identifier)


@cache
def _pattern(locale: str, skeleton: str) -> babel.dates.DateTimePattern:
    """The locale's pattern for a skeleton (or the nearest it has), parsed once."""
    skeletons = _babel_locale(locale).datetime_skeletons
    found = skeletons.get(skeleton)
    if found is None:
        nearest = babel.dates.match_skeleton(skeleton, skeletons)
        assert nearest is not None, f"no date pattern for {skeleton} in {locale}"
        found = skeletons[nearest]
    return found if isinstance(found, babel.dates.DateTimePattern) else babel.dates.parse_pattern(found)


def parsed(pattern: str) -> babel.dates.DateTimePattern:
    return _parsed(pattern)


@cache
def _parsed(pattern: str) -> babel.dates.DateTimePattern:
    return babel.dates.parse_pattern(pattern)
