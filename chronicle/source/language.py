"""`language:` and `strings:` of content/site.yaml + the catalogs under chronicle/locale/ -> Wording.

The catalogs are gettext .po files, read with Babel when a build first needs one (once per
process): no compiled .mo file is kept, so a change to a .po file is seen at the next build
and the installed package needs no build step. The language picks a catalog by its exact
tag (`pt-BR` -> pt_BR), then its base language (`fr-CA` -> fr), then English, which it
warns about. `strings:` replaces any message of the interface, named by its English text.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import babel
from babel.core import get_global
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from chronicle.model.diagnostics import Diagnostics
from chronicle.model.wording import TAG, Direction, Messages, Wording
from chronicle.source.load import YamlMap, YamlNode, YamlSeq, shown
from chronicle.source.meant import closest
from chronicle.source.validate import describe, read_text

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "chronicle"
TEMPLATE = LOCALE_DIR / "messages.pot"
_PIECE = re.compile(r"%%|%\((\w+)\)s")
"""A percent sign written as %%, or a placeholder: read left to right, so that the %( of
`%%(num)s` is text, as Python's % operator reads it."""


def _placeholders(text: str) -> list[str]:
    return [match[1] for match in _PIECE.finditer(text) if match[1] is not None]


def available() -> tuple[str, ...]:
    """The catalogs shipped: en, fr, ... (folder names, Babel's form: pt_BR)."""
    return tuple(sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


def catalog_for(tag: str) -> str | None:
    """The catalog speaking a language tag: the exact one, else its base language's."""
    parts = tag.replace("_", "-").split("-")
    exact = "_".join([parts[0].lower(), *(part.upper() if len(part) == 2 else part for part in parts[1:])])
    shipped = available()
    for candidate in (exact, parts[0].lower()):
        if candidate in shipped:
            return candidate
    return None


def babel_locale(tag: str) -> babel.Locale | None:
    try:
        return babel.Locale.parse(tag.replace("_", "-"), sep="-")
    except (ValueError, babel.UnknownLocaleError):
        return None


def make_wording(tag: str, catalog: str, overrides: dict[str, tuple[str, ...]] | None = None) -> Wording:
    """The interface in `catalog` for a site whose language is `tag`: dates and numbers in
    the tag's own locale where it is the catalog's language (`fr-CA`), else the catalog's;
    right to left where the tag's script is written so."""
    own = babel_locale(tag)
    spoken = babel.Locale.parse(catalog)
    locale = own if own is not None and own.language == spoken.language else spoken
    locale_id = "en_GB" if str(locale) == "en" else str(locale)  # plain English: day-first dates
    order = (own or spoken).character_order
    direction: Direction = "rtl" if order == "right-to-left" else "ltr"
    messages, plural_forms = _read_catalog(catalog)
    if overrides:
        table = dict(messages)
        table.update(overrides)
        messages = tuple(sorted(table.items()))
    return Wording(
        language=tag,
        catalog=catalog,
        locale=locale_id,
        direction=direction,
        og_locale=_og_locale(own or spoken),
        messages=messages,
        plural_forms=plural_forms,
        overridden=tuple(sorted(overrides or ())),
    )


def _og_locale(locale: babel.Locale) -> str:
    """ "fr_FR" for fr (its likeliest territory, by CLDR), "fr_CA" for fr-CA."""
    if locale.territory:
        return f"{locale.language}_{locale.territory}"
    likely = str(get_global("likely_subtags").get(locale.language, locale.language))
    territory = likely.split("_")[-1]
    return (
        f"{locale.language}_{territory}" if territory.isupper() and len(territory) == 2 else locale.language
    )


def read_wording(
    language: YamlNode | None, tag: str, strings: YamlNode | None, diagnostics: Diagnostics
) -> Wording:
    """The site's Wording; an unsupported language is warned about at its value in site.yaml."""
    catalog = catalog_for(tag)
    if catalog is None:
        catalog = "en"
        if language is not None:
            diagnostics.warning(
                language.mark,
                f"the interface has no translation into '{shown(tag)}': it is shown in English",
                "languages available: " + ", ".join(available()),
            )
    overrides = read_strings(strings, catalog, diagnostics) if strings is not None else {}
    return make_wording(tag, catalog, overrides)


def read_strings(node: YamlNode, catalog: str, diagnostics: Diagnostics) -> dict[str, tuple[str, ...]]:
    """`strings:`: English message -> its replacement (a list, one per plural form, for a
    message with a count); unknown messages and unknown placeholders are errors."""
    if not isinstance(node, YamlMap):
        diagnostics.error(
            node.mark,
            f"'strings' must be a mapping of `English text: replacement` lines, not {describe(node)}",
        )
        return {}
    known = interface_messages()
    forms = _plural_count(catalog)
    found: dict[str, tuple[str, ...]] = {}
    for key, value in node.entries:
        plural = known.get(key.value)
        if plural is None:
            suggestion = closest(key.value, known)
            hint = (
                f"did you mean '{suggestion}'?"
                if suggestion
                else "the README lists where to find every message"
            )
            diagnostics.error(key.mark, f"'{shown(key.value)}' is no message of the interface", hint)
            continue
        texts = _replacement(value, key.value, plural is not False, forms, diagnostics)
        if (
            texts is not None
            and _short_enough(key.value, texts, value, diagnostics)
            and _placeholders_kept(key.value, plural, texts, value, diagnostics)
            and _markup_kept(key.value, plural, texts, value, diagnostics)
        ):
            found[key.value] = texts
    return found


def replacement_most(message: str) -> int:
    """The longest replacement of `message`: four times its length, and at least 200 characters
    (a language may say it at twice the length, not forty): each is shown wherever the message
    is, on every card of a listing, and the site's pages are kept within their budgets."""
    return max(200, 4 * len(message))


def _short_enough(message: str, texts: tuple[str, ...], node: YamlNode, diagnostics: Diagnostics) -> bool:
    most = replacement_most(message)
    longest = max(len(text) for text in texts)
    if longest > most:
        diagnostics.error(
            node.mark,
            f"the replacement of '{shown(message, 60)}' has {longest:,} characters; it may have at most "
            f"{most:,} (four times the message, or 200)",
            "shorten it: it is shown wherever the message is, on every card and page",
        )
        return False
    return True


def _replacement(
    node: YamlNode, message: str, plural: bool, forms: int, diagnostics: Diagnostics
) -> tuple[str, ...] | None:
    if not plural:
        text = read_text(node, f"strings: {message}", diagnostics)
        return None if text is None else (text,)
    if not isinstance(node, YamlSeq) or len(node.items) != forms:
        diagnostics.error(
            node.mark,
            f"'{shown(message)}' is said by count: give a list of {forms} texts, one per plural form "
            "of the language, in the order of its catalog",
        )
        return None
    texts = [read_text(item, f"strings: {message}", diagnostics) for item in node.items]
    return None if None in texts else tuple(text for text in texts if text is not None)


def _placeholders_kept(
    message: str, plural: str | bool, texts: tuple[str, ...], node: YamlNode, diagnostics: Diagnostics
) -> bool:
    allowed = set(_placeholders(message))
    if isinstance(plural, str):
        allowed |= set(_placeholders(plural))
    for text in texts:
        used = set(_placeholders(text))
        unknown = sorted(used - allowed)
        try:
            text % dict.fromkeys(used, "")
            # A bare %s would print the whole dictionary of placeholders into the page.
            if "%" in _PIECE.sub("", text):
                raise ValueError(text)
        except (ValueError, TypeError, KeyError):
            diagnostics.error(node.mark, f"'{shown(text)}' is not a message: write %% for a percent sign")
            return False
        if unknown:
            diagnostics.error(
                node.mark,
                f"'{shown(text)}' uses %({unknown[0]})s, which this message does not have",
                "it may use: " + (", ".join(f"%({name})s" for name in sorted(allowed)) or "no placeholder"),
            )
            return False
        if not _placeholders_not_repeated(message, plural, text, node, diagnostics):
            return False
    return True


def _placeholders_not_repeated(
    message: str, plural: str | bool, text: str, node: YamlNode, diagnostics: Diagnostics
) -> bool:
    """A placeholder is filled with content (a title, a name, up to the size of a file): a
    replacement repeating it thousands of times would make one sentence gigabytes. It may
    use each as often as the English message does, or once."""
    english = Counter(_placeholders(message))
    if isinstance(plural, str):
        english |= Counter(_placeholders(plural))
    for name, times in Counter(_placeholders(text)).items():
        most = max(1, english[name])
        if times > most:
            diagnostics.error(
                node.mark,
                f"'{shown(text)}' uses %({name})s {times:,} times, more than its message ({most:,})",
                f"each placeholder may be used as often as the English message uses it: %({name})s "
                "is replaced by content (a title, a name), which would be repeated as often",
            )
            return False
    return True


# What a browser reads as markup: a tag, an end tag, a comment or declaration, a character
# reference. Anything else (`a < b`, `Q&A`) is text, and shown as written.
_MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _markup_kept(
    message: str, plural: str | bool, texts: tuple[str, ...], node: YamlNode, diagnostics: Diagnostics
) -> bool:
    """A replacement is text: the only markup it may have is the message's own tags, written
    as the message writes them, each opened one closed (the pages escape anything else)."""
    own = TAG.findall(message) + (TAG.findall(plural) if isinstance(plural, str) else [])
    for text in texts:
        problem = _foreign_markup(text, set(own))
        if problem is not None:
            kept = ", ".join(dict.fromkeys(own))
            hint = (
                f"it may keep the message's own markup: {kept}"
                if own
                else "write the characters themselves, without tags or &...; references"
            )
            message_text = f"a replacement is text, but for its message's own tags: {problem}"
            diagnostics.error(node.mark, message_text, hint)
            return False
    return True


def _foreign_markup(text: str, own: set[str]) -> str | None:
    """What markup of `text` the message does not have, or None."""
    open_tags: list[str] = []
    position = 0
    while (found := _MARKUP.search(text, position)) is not None:
        tag = TAG.match(text, found.start()) if found.group().startswith("<") else None
        if tag is None or tag.group() not in own:
            if found.group().startswith("&"):
                written = found.group()  # a character reference
            else:
                written = tag.group() if tag is not None else text[found.start() : found.start() + 30]
            return f"'{shown(written)}' is markup the message does not have"
        name = tag.group().strip("</>").split()[0]
        if tag.group().startswith("</"):
            if not open_tags or open_tags.pop() != name:
                return f"</{name}> closes no <{name}>"
        elif f"</{name}>" in own:  # an element the message closes (not <br>)
            open_tags.append(name)
        position = tag.end()
    return f"<{open_tags[-1]}> is not closed" if open_tags else None


def interface_messages() -> dict[str, str | bool]:
    """Every message of the interface (messages.pot): msgid -> its plural msgid, or False."""
    return dict(_template_ids())


@cache
def _template_ids() -> tuple[tuple[str, str | bool], ...]:
    with TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    found: list[tuple[str, str | bool]] = []
    for message in template:
        if isinstance(message.id, (tuple, list)):
            found.append((str(message.id[0]), str(message.id[1])))
        elif message.id:
            found.append((str(message.id), False))
    return tuple(found)


def _plural_count(catalog: str) -> int:
    return _load(catalog).num_plurals


def _read_catalog(catalog: str) -> tuple[Messages, str]:
    loaded = _load(catalog)
    messages: list[tuple[str, tuple[str, ...]]] = []
    for message in loaded:
        if not message.id or message.fuzzy:
            continue
        key = str(message.id[0]) if isinstance(message.id, (tuple, list)) else str(message.id)
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        texts = tuple(str(text or "") for text in strings)
        if any(texts):
            messages.append((key, texts))
    return tuple(sorted(messages)), loaded.plural_expr


def _load(catalog: str) -> Catalog:
    path = LOCALE_DIR / catalog / "LC_MESSAGES" / f"{DOMAIN}.po"
    stat = path.stat()
    return _parse(str(path), stat.st_mtime_ns, stat.st_size, catalog)


@cache
def _parse(path: str, mtime: int, size: int, catalog: str) -> Catalog:
    """A catalog read once per process (and again once its file changed)."""
    with open(path, "rb") as handle:
        return read_po(handle, locale=catalog, domain=DOMAIN)
