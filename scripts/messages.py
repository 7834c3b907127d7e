"""The interface's messages: extract them into chronicle/locale/messages.pot, carry them into
every catalog, start a catalog for a new language, and check that nothing is missing.

    python scripts/messages.py extract     # templates/ and chronicle/ -> messages.pot
    python scripts/messages.py update      # messages.pot -> every <lang>/LC_MESSAGES/chronicle.po
                                           # (English: each new message as written)
    python scripts/messages.py init LANG   # a new catalog (pt_BR, it, ...), every message empty
    python scripts/messages.py check       # messages.pot up to date; every catalog complete

Babel's extractors read babel.cfg (Python files and the Jinja2 templates); the keywords beyond
gettext's own are the engine's: `phrase` and `counted` (chronicle/model/wording.py), `message`
and `plural_forms` (chronicle/render/theme.py). `pybabel extract -F babel.cfg -k phrase
-k counted:1,2 -k message -k plural_forms:1,2 -o chronicle/locale/messages.pot .` does what
`extract` does.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
LOCALE_DIR = REPO / "chronicle" / "locale"
TEMPLATE = LOCALE_DIR / "messages.pot"
KEYWORDS = {**DEFAULT_KEYWORDS, "phrase": None, "counted": (1, 2), "message": None, "plural_forms": (1, 2)}
DOMAIN = "chronicle"
SOURCE_LANGUAGE = "en"
# A fixed date in the headers: extracting twice gives the same files.
DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def extracted() -> Catalog:
    """Every message of the sources, as babel.cfg maps them to extractors."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    catalog = Catalog(project="chronicle", domain=DOMAIN, creation_date=DATE, revision_date=DATE)
    catalog.msgid_bugs_address = ""
    for path, line, message, comments, context in extract_from_dir(
        str(REPO), method_map, options_map, KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        catalog.add(message, None, [(path, line)], auto_comments=comments, context=context)
    return catalog


def catalogs() -> Iterator[Path]:
    yield from sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, include_lineno=False, ignore_obsolete=True)


def extract() -> None:
    write(TEMPLATE, extracted())
    print(f"wrote {TEMPLATE.relative_to(REPO)}")


def update() -> None:
    for path in catalogs():
        template = read(TEMPLATE)  # read for each: a catalog's update shares the template's new messages
        catalog = read(path, path.parent.parent.name)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.revision_date = DATE
        if path.parent.parent.name == SOURCE_LANGUAGE:
            _as_written(catalog)
        write(path, catalog)
        missing = len(list(_missing(catalog)))
        print(f"updated {path.relative_to(REPO)}" + (f": {missing} messages to translate" if missing else ""))


def _as_written(catalog: Catalog) -> None:
    """The English catalog says each message as the sources write it (a site may still
    override any with `strings:`)."""
    for message in catalog:
        if message.id and not all(_texts(message)):
            message.string = tuple(message.id) if message.pluralizable else message.id


def init(language: str) -> None:
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if path.exists():
        sys.exit(f"{path.relative_to(REPO)} exists: run `update`")
    catalog = Catalog(
        locale=language,
        domain=DOMAIN,
        project="chronicle",
        creation_date=DATE,
        revision_date=DATE,
        fuzzy=False,
    )
    catalog.update(read(TEMPLATE), no_fuzzy_matching=True)
    write(path, catalog)
    print(f"wrote {path.relative_to(REPO)}: translate every msgstr, then run `check`")


def problems() -> Iterator[str]:
    """What `check` finds: a template that is not what the sources give, a catalog missing a
    message, holding a fuzzy one, or dropping or adding a placeholder."""
    yield from template_problems()
    yield from catalog_problems()


def template_problems() -> Iterator[str]:
    """Messages of the sources missing from messages.pot, and messages no source has any more."""
    template = read(TEMPLATE)
    ids = {_ids(message) for message in template if message.id}
    found = {_ids(message) for message in extracted() if message.id}
    for key in sorted(found - ids):
        yield f"{TEMPLATE.relative_to(REPO)}: not extracted yet: {key[0]!r} (run `extract`)"
    for key in sorted(ids - found):
        yield f"{TEMPLATE.relative_to(REPO)}: no longer in the sources: {key[0]!r} (run `extract`)"


def catalog_problems() -> Iterator[str]:
    """Each catalog against messages.pot: every message translated, none fuzzy, placeholders kept."""
    template = read(TEMPLATE)
    for path in catalogs():
        catalog = read(path, path.parent.parent.name)
        where = path.relative_to(REPO)
        for message in template:
            if not message.id:
                continue
            translated = catalog.get(message.id, message.context)
            yield from (f"{where}: {problem}" for problem in _translation_problems(message, translated))


def _translation_problems(message: Message, translated: Message | None) -> Iterator[str]:
    key = _key(message)
    if translated is None or not _texts(translated) or not all(_texts(translated)):
        yield f"not translated: {key!r}"
        return
    if translated.fuzzy:
        yield f"fuzzy: {key!r}"
    expected = set(PLACEHOLDER.findall(" ".join(_ids(message))))
    for text in _texts(translated):
        used = set(PLACEHOLDER.findall(text))
        # A plural form may leave the count out ("one event" said as a word), nothing else.
        left_out = expected - used - ({"num"} if message.pluralizable else set())
        if used - expected or left_out:
            yield f"placeholders of {key!r} changed in {text!r}"


def _missing(catalog: Catalog) -> Iterator[str]:
    for message in catalog:
        if message.id and (not all(_texts(message)) or message.fuzzy):
            yield _key(message)


def _key(message: Message) -> str:
    return _ids(message)[0]


def _ids(message: Message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, (tuple, list)) else (message.id,)


def _texts(message: Message) -> tuple[str, ...]:
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    return tuple(text or "" for text in strings)


def check() -> int:
    found = list(problems())
    for problem in found:
        print(problem)
    print(f"{len(found)} problems" if found else "every catalog is complete and messages.pot is up to date")
    return 1 if found else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=("extract", "update", "init", "check"))
    parser.add_argument("language", nargs="?", help="for init: the new catalog's language (pt_BR, it)")
    args = parser.parse_args(argv)
    if args.command == "extract":
        extract()
    elif args.command == "update":
        update()
    elif args.command == "init":
        if not args.language:
            parser.error("init needs a language")
        init(args.language)
    else:
        return check()
    return 0


if __name__ == "__main__":
    sys.exit(main())
