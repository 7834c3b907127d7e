"""Raw YAML nodes -> checked Python values, by the declarations in `fields`; every problem located."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import urlsplit

from chronicle.model.dates import DateError, PartialDate, parse_day
from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.model.event_dates import DateFormError, EventDate, parse_event_date
from chronicle.model.fields import ARTICLE_ID_PATTERN, SLUG_PATTERN, WINDOWS_DEVICE_NAMES, Field
from chronicle.model.hidden_text import CONTROL, hidden_characters, shows_nothing
from chronicle.source.load import YamlMap, YamlNode, YamlScalar, YamlSeq, shown
from chronicle.source.meant import closest
from chronicle.source.url_hosts import has_unsafe_url_characters, host_problem
from chronicle.source.value_hints import QUOTED_FORMS, date_hint, url_hint
from chronicle.source.written import mark_in_value

_SLUG = re.compile(SLUG_PATTERN)
_ARTICLE_ID = re.compile(ARTICLE_ID_PATTERN)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_TYPE_NAMES = {YamlMap: "a mapping", YamlSeq: "a list", YamlScalar: "a single value"}
MAX_SLUG_LENGTH = 100
MAX_URL_LENGTH = 2_048  # a common limit of browsers and servers; each address is copied into feeds


class TextProblem(NamedTuple):
    """What a text holds that it may not, the hint to give, and where: its offset in the text
    and how the text writes it (the character, or a character reference to it)."""

    what: str
    hint: str
    at: int = 0
    written: str = ""


def text_problem(text: str, multiline: bool = False) -> TextProblem | None:
    """The first control character or invisible one (bidi controls, zero-width spaces; a
    carriage return in a one-line text) that `text` holds, typed or as a character reference
    (`&#x202E;`, which markdown and HTML turn into the character): model.hidden_text."""
    found = next(hidden_characters(text, multiline), None)
    if found is None:  # a text of blanks (U+2800, a soft hyphen) hides nothing, and shows nothing
        blank = text.strip() and shows_nothing(text)  # (an empty text is its field's own matter)
        return TextProblem("only blank characters", "write it out", 0, text) if blank else None
    if CONTROL.match(found.char):
        hint = "remove the invisible character (often pasted from another program)"
    else:
        hint = "remove it: it hides or reorders what readers see (often pasted from another program)"
    return TextProblem(found.named(), hint, found.start, found.written)


def describe(node: YamlNode) -> str:
    return _TYPE_NAMES[type(node)]


def check_mapping(
    node: YamlNode | None,
    fields: tuple[Field, ...],
    what: str,
    diagnostics: Diagnostics,
    mark: Mark,
    outer: tuple[Field, ...] = (),
) -> dict[str, YamlNode] | None:
    """The present fields of a mapping; unknown keys and missing required fields reported.
    `outer`: the fields of the mapping holding it (an event's, for a source), whose keys
    typed indented into it are told so.

    `node` is None when the file could not be read or was empty: already reported.
    """
    if node is None:
        return None
    if not isinstance(node, YamlMap):
        diagnostics.error(node.mark, f"{what} must be a mapping of `key: value` lines, not {describe(node)}")
        return None
    names = [field.name for field in fields]
    present: dict[str, YamlNode] = {}
    left_empty: dict[str, Mark] = {}
    unknown: list[tuple[YamlScalar, str | None]] = []
    for key, value in node.entries:
        if key.value not in names:
            unknown.append((key, closest(key.value, names)))
        elif isinstance(value, YamlScalar) and value.is_null:
            left_empty[key.value] = key.mark
        else:
            present[key.value] = value
    missing = {f.name for f in fields if f.required and f.name not in present and f.name not in left_empty}
    for key, suggestion in unknown:
        message = f"unknown key '{key.value}' in {what}"
        if any(key.value == field.name for field in outer):
            diagnostics.error(
                key.mark,
                f"{message}: '{key.value}' is a key of the event",
                "start it at the event's own indentation, in column 1, as `title:` and `sources:` are",
            )
        elif suggestion in missing:
            # The misspelt key is the missing one: one error, where the editor typed it.
            diagnostics.error(
                key.mark, f"{message}; did you mean '{suggestion}'?", f"{what} needs '{suggestion}'"
            )
        elif suggestion:
            diagnostics.error(key.mark, f"{message}; did you mean '{suggestion}'?")
        else:
            diagnostics.error(key.mark, message, "known keys: " + ", ".join(names))
    meant = {suggestion for _, suggestion in unknown}
    for field in fields:
        if field.required and field.name in left_empty:
            diagnostics.error(
                left_empty[field.name], f"'{field.name}' is empty", f"{field.name}: {field.description}"
            )
        elif field.name in missing and field.name not in meant:
            diagnostics.error(node.mark, f"{what} needs '{field.name}'", f"{field.name}: {field.description}")
    return present


def scalar(node: YamlNode, name: str, diagnostics: Diagnostics) -> YamlScalar | None:
    if isinstance(node, YamlScalar):
        return node
    diagnostics.error(node.mark, f"'{name}' must be a single value, not {describe(node)}")
    return None


def read_text(node: YamlNode, name: str, diagnostics: Diagnostics, *, multiline: bool = False) -> str | None:
    value = scalar(node, name, diagnostics)
    if value is None:
        return None
    text = value.value.strip() if not multiline else value.value.strip("\n")
    if not text.strip():
        diagnostics.error(value.mark, f"'{name}' is empty")
        return None
    problem = text_problem(text, multiline)
    if problem is not None:
        lead = len(value.value) - len(value.value.lstrip() if not multiline else value.value.lstrip("\n"))
        where = mark_in_value(value, lead + problem.at, problem.written)
        diagnostics.error(where, f"'{name}' contains {problem.what}", problem.hint)
        return None
    if not multiline and "\n" in text:
        text = " ".join(text.split())
    return text


def read_date(node: YamlNode, name: str, diagnostics: Diagnostics) -> PartialDate | None:
    value = scalar(node, name, diagnostics)
    if value is None:
        return None
    try:
        return PartialDate.parse(value.value)
    except DateError as exc:
        diagnostics.error(value.mark, f"'{name}' is not a valid date: {exc}", date_hint(value.value))
        return None


def read_event_date(node: YamlNode, name: str, diagnostics: Diagnostics) -> EventDate | None:
    """An EDTF date (`date`, `end`, `as_of`); an unquoted range, which YAML reads as a list,
    is pointed out with the quotes it needs."""
    if isinstance(node, YamlSeq):
        written = ", ".join(item.value for item in node.items if isinstance(item, YamlScalar))
        diagnostics.error(
            node.mark,
            f"'{name}' is a list here: YAML reads an unquoted [..] as one",
            f'put the range in quotes: {name}: "[{shown(written)}]"',
        )
        return None
    value = scalar(node, name, diagnostics)
    if value is None:
        return None
    try:
        return parse_event_date(value.value)
    except DateError as exc:
        hint = date_hint(value.value, "~?%") or (QUOTED_FORMS if isinstance(exc, DateFormError) else None)
        diagnostics.error(value.mark, f"'{name}' is not a valid date: {exc}", hint)
        return None


def read_day(node: YamlNode, name: str, diagnostics: Diagnostics) -> datetime.date | None:
    value = scalar(node, name, diagnostics)
    if value is None:
        return None
    try:
        return parse_day(value.value)
    except DateError as exc:
        hint = date_hint(value.value, day_only=True)
        diagnostics.error(value.mark, f"'{name}' is not a valid date: {exc}", hint)
        return None


MAX_NUMBER = 1e15
"""Far above any count a source states; beyond it, numbers lose digits in a float."""
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


def read_number(node: YamlNode, name: str, diagnostics: Diagnostics) -> float | None:
    """A plain number, 600 or 2.5: no thousands separators, no words (those go in `value`)."""
    value = scalar(node, name, diagnostics)
    if value is None:
        return None
    text = value.value.strip()
    if _NUMBER.fullmatch(text) and abs(float(text)) < MAX_NUMBER:
        return float(text)
    if _NUMBER.fullmatch(text):
        diagnostics.error(value.mark, f"'{name}' is too large: at most {MAX_NUMBER:,.0f}")
        return None
    plain = text.replace(",", "").replace("_", "").replace(" ", "")  # "1,000", "10 000"
    written = f"write {name}: {plain}; " if _NUMBER.fullmatch(plain) else ""
    diagnostics.error(
        value.mark,
        f"'{name}' must be a number, not '{shown(text)}'",
        f"{written}digits only, such as 600 or 2.5; the wording goes in 'value'",
    )
    return None


def read_bool(node: YamlNode, name: str, diagnostics: Diagnostics) -> bool | None:
    value = scalar(node, name, diagnostics)
    if value is None:
        return None
    if value.plain and value.value.lower() in ("true", "false"):
        return value.value.lower() == "true"
    diagnostics.error(value.mark, f"'{name}' must be true or false, not '{shown(value.value)}'")
    return None


def read_choice(node: YamlNode, name: str, choices: tuple[str, ...], diagnostics: Diagnostics) -> str | None:
    """One of `choices`, written as it is listed; a near miss gets "did you mean"."""
    value = scalar(node, name, diagnostics)
    if value is None:
        return None
    text = value.value.strip()
    if text in choices:
        return text
    suggestion = closest(text.lower(), choices)
    diagnostics.error(
        value.mark,
        f"'{name}' must be one of {', '.join(choices)}, not '{shown(text)}'",
        f"did you mean '{suggestion}'?" if suggestion else None,
    )
    return None


def read_integer(node: YamlNode, name: str, diagnostics: Diagnostics) -> int | None:
    value = scalar(node, name, diagnostics)
    if value is None:
        return None
    written = value.value.strip()
    if re.fullmatch(r"-?\d{1,9}", written):
        return int(written)
    digits = len(written.lstrip("-")) if re.fullmatch(r"-?\d+", written) else 0
    said = f" of at most 9 digits, not one of {digits:,}" if digits else f", not '{shown(value.value)}'"
    diagnostics.error(value.mark, f"'{name}' must be a whole number{said}")
    return None


def read_slug(
    node: YamlNode, name: str, diagnostics: Diagnostics, pattern: re.Pattern[str] = _SLUG
) -> str | None:
    value = scalar(node, name, diagnostics)
    if value is None:
        return None
    text = value.value
    if pattern.fullmatch(text) and len(text) <= MAX_SLUG_LENGTH:
        return text
    allowed = "a-z, 0-9, hyphens" + (" and underscores" if pattern is _ARTICLE_ID else "")
    what = "an article id" if pattern is _ARTICLE_ID else "a slug"
    example = suggest_slug(text) or "north-korea"
    if text in WINDOWS_DEVICE_NAMES:
        message, hint = f"'{name}': '{text}' is a name Windows keeps for a device", DEVICE_NAME_HINT
    elif pattern.fullmatch(text):
        message = f"'{name}': '{shown(text)}' is longer than the {MAX_SLUG_LENGTH} characters an id may have"
        hint = f"shorten it, e.g. '{example}'"
    else:
        message, hint = (
            f"'{name}': '{shown(text)}' is not {what}",
            f"ids use only lowercase {allowed}, e.g. '{example}'",
        )
    diagnostics.error(value.mark, message, hint)
    return None


DEVICE_NAME_HINT = (
    "no file or folder on Windows may be named CON, PRN, AUX, NUL, COM1-9 or LPT1-9, so a Windows "
    "editor could not check it out or build it: add a word"
)


def read_article_id(node: YamlNode, name: str, diagnostics: Diagnostics) -> str | None:
    return read_slug(node, name, diagnostics, _ARTICLE_ID)


def is_slug(text: str) -> bool:
    return bool(_SLUG.fullmatch(text)) and len(text) <= MAX_SLUG_LENGTH


def is_article_id(text: str) -> bool:
    return bool(_ARTICLE_ID.fullmatch(text)) and len(text) <= MAX_SLUG_LENGTH


# An apostrophe joins the word it sits in: "Fishermen's" -> "fishermens", not "fishermen-s".
_APOSTROPHES = (("'", ""), ("\u2019", ""), ("\u02bc", ""))


def suggest_slug(text: str, most: int = MAX_SLUG_LENGTH) -> str:
    """A slug for any text, at most `most` characters, cut at a word: transliterated ("ünï" ->
    "uni", Cyrillic and Korean too)."""
    from slugify import slugify  # only a misnamed file, `new` and `import` need it

    slug = str(slugify(text, max_length=most, word_boundary=True, replacements=_APOSTROPHES))
    return f"{slug[: most - 2]}-1" if slug in WINDOWS_DEVICE_NAMES else slug


def read_list(node: YamlNode, name: str, diagnostics: Diagnostics) -> tuple[YamlNode, ...] | None:
    if isinstance(node, YamlSeq):
        return node.items
    example = node.value if isinstance(node, YamlScalar) else "..."
    diagnostics.error(
        node.mark, f"'{name}' must be a list, not {describe(node)}", f"write {name}: [{example}]"
    )
    return None


MAX_LISTED = 50
"""The most tags, actors or places one event may name: each of their pages shows the event's
card, which names them all, so the output grows with the square of this number."""


def read_slugs(
    node: YamlNode, name: str, diagnostics: Diagnostics, named: Callable[[str], str | None] | None = None
) -> tuple[YamlScalar, ...]:
    """Each valid slug with its mark (for locating unknown ids later); duplicates dropped.
    `named`: the hint for a name written where its id belongs (None: it names none)."""
    items = read_list(node, name, diagnostics) or ()
    if len(items) > MAX_LISTED:
        diagnostics.error(
            items[MAX_LISTED].mark,
            f"'{name}' lists {len(items):,} items; an event may name at most {MAX_LISTED}",
            "keep the ones a reader would look the event up by",
        )
        return ()
    result: dict[str, YamlScalar] = {}
    for item in items:
        text = item.value if isinstance(item, YamlScalar) else ""
        if named and text and not _SLUG.fullmatch(text) and (hint := named(text)):
            diagnostics.error(item.mark, f"'{name}': '{shown(text)}' is a name, not an id", hint)
            continue
        slug = read_slug(item, name, diagnostics)
        if slug is not None and isinstance(item, YamlScalar):
            result.setdefault(slug, item)
    return tuple(result.values())


def read_texts(node: YamlNode, name: str, diagnostics: Diagnostics) -> tuple[str, ...]:
    items = read_list(node, name, diagnostics) or ()
    texts = (read_text(item, name, diagnostics) for item in items)
    return tuple(text for text in texts if text is not None)


def read_url(node: YamlNode, name: str, diagnostics: Diagnostics) -> str | None:
    text = read_text(node, name, diagnostics)
    if text is None:
        return None
    problem = url_problem(text)
    if problem is not None:
        diagnostics.error(node.mark, f"'{name}' {problem[0]}", problem[1])
        return None
    return text


def url_problem(text: str) -> tuple[str, str | None] | None:
    """Why `text` is no address the site may publish, as (what is wrong, hint), or None."""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises for a port out of range
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return f"must be an http:// or https:// address, not '{shown(text)}'", url_hint(text)
    if len(text) > MAX_URL_LENGTH:
        return f"is {len(text):,} characters long; an address may have at most {MAX_URL_LENGTH:,}", None
    if has_unsafe_url_characters(text):
        return "contains spaces, quotes or control characters; encode them (%20)", None
    if "@" in parts.netloc:
        return (
            "carries a user name or password (before '@'); the site would publish it",
            "write the address without them: https://host/path",
        )
    host = host_problem(parts.netloc, parts.hostname)
    return None if host is None else (host, "copy the address from the browser's address bar")


def read_language(node: YamlNode, name: str, diagnostics: Diagnostics) -> str | None:
    value = scalar(node, name, diagnostics)
    if value is None:
        return None
    if _LANGUAGE.fullmatch(value.value):
        return value.value
    diagnostics.error(
        value.mark, f"'{name}' must be a language tag such as en or pt-BR, not '{shown(value.value)}'"
    )
    return None
