"""Every cache key of the build, from one recipe: `digest` of what the output depends on.

The engine key covers what shapes output besides the content: chronicle's own code and the
catalogs of its interface (chronicle/locale/), the
Python version and the version of every library that renders, parses or serialises
(as Jinja's bytecode cache keys its buckets on the Python version). A template's key
covers its source and every template it extends, includes or imports, found by Jinja's
own parser, so no spelling of a reference (`{%+ include %}`, `{%- import %}`) escapes it.
"""

from __future__ import annotations

import hashlib
import itertools
import sys
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

import jinja2
import jinja2.meta
import jinja2.nodes

PACKAGE_DIR = Path(__file__).resolve().parent.parent

# Libraries whose behaviour shapes the output or the cached results.
SHAPING_LIBRARIES = (
    "jinja2",
    "markupsafe",
    "markdown-it-py",
    "mdurl",
    "feedgen",
    "lxml",
    "pyyaml",
    "python-slugify",
    "idna",  # the embed snippet's origin
    "text-unidecode",
    "rapidfuzz",
    "pillow",  # the published copies of images (its libjpeg, libwebp and zlib come with it)
    "babel",  # dates, numbers and plural rules of the interface language (its CLDR data)
    "tinycss2",  # what a document's CSS hides, so its text as quotes are checked against it
)


def digest(*parts: str | bytes) -> str:
    """A short stable key of the parts, in order."""
    hasher = hashlib.blake2b(digest_size=16)
    if len(parts) == 1 and isinstance(parts[0], str):
        # One text (often a long description): hashed as it is, marked apart from the tuple form.
        hasher.update(b"1:" + parts[0].encode("utf-8", "surrogatepass"))
        return hasher.hexdigest()
    if all(map(isinstance, parts, itertools.repeat(str))):  # a C loop: keys of thousands of parts
        # repr of a tuple of texts is unambiguous and made in one C call: the common case.
        hasher.update(repr(parts).encode("utf-8", "surrogatepass"))
        return hasher.hexdigest()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def library_versions(names: Iterable[str] = SHAPING_LIBRARIES) -> tuple[str, ...]:
    """name==version of each library ("name==absent" when it is not installed)."""
    found = []
    for name in names:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}==absent")
    return tuple(found)


@cache
def engine_key() -> str:
    """Changes whenever the engine's code, its catalogs, Python or a library that shapes output
    changes."""
    sources = sorted([*PACKAGE_DIR.rglob("*.py"), *PACKAGE_DIR.rglob("*.po")])
    return digest(
        sys.version,
        *library_versions(),
        *(path.relative_to(PACKAGE_DIR).as_posix() for path in sources),
        *(path.read_bytes() for path in sources),
    )


def template_key(env: jinja2.Environment, name: str, known: dict[str, list[str]] | None = None) -> str:
    """A digest of a template and of every template it uses, recursively."""
    return digest(*template_sources(env, name, {} if known is None else known))


def template_sources(env: jinja2.Environment, name: str, known: dict[str, list[str]]) -> list[str]:
    """`name\\0source` of a template and of every template it extends, includes or imports.

    A reference whose name is computed (`{% include page_kind ~ ".html" %}`) could be any
    template: then every template of the theme counts. One that may be missing (`ignore
    missing`, or one of a list of alternatives) counts as absent while it is: its key
    changes the day it is added.
    """
    assert env.loader is not None
    sources: list[str] = []
    pending: list[tuple[str, str | None]] = [(name, None)]
    seen = set()
    while pending:
        current, parent = pending.pop()
        optional = current.startswith(OPTIONAL)
        current = current.removeprefix(OPTIONAL)
        if current in seen:
            continue
        seen.add(current)
        try:
            source, filename, _ = env.loader.get_source(env, current)
        except jinja2.TemplateNotFound:
            if optional:
                sources.append(current + "\0" + ABSENT)
                continue
            raise _not_found(env, current, parent) from None
        sources.append(current + "\0" + source)
        references = known.get(digest(source))
        if references is None:
            references = known[digest(source)] = _references(env, source, current, filename)
        for reference in references:
            named = env.list_templates() if reference == "*" else [reference]
            pending.extend((item, current) for item in named)
    return sorted(sources)


OPTIONAL = "\0?"
"""Marks a referenced name that may be missing (`ignore missing`, a list of alternatives)."""
ABSENT = "\0absent"


def _references(env: jinja2.Environment, source: str, name: str, filename: str | None) -> list[str]:
    """The names a template extends, includes or imports ("*" for one computed: any template),
    those that may be missing marked OPTIONAL."""
    found = []
    for node in env.parse(source, name, filename).find_all(_REFERENCES):
        template = node.template  # type: ignore[attr-defined]
        optional = OPTIONAL if getattr(node, "ignore_missing", False) else ""
        if isinstance(template, jinja2.nodes.Const) and isinstance(template.value, str):
            found.append(optional + template.value)
            continue
        items = _constant_names(template)
        if items is None:
            found.append("*")
        else:  # alternatives: the first that exists is used
            found.extend(OPTIONAL + item for item in items)
    return found


def _constant_names(node: jinja2.nodes.Node) -> list[str] | None:
    """The names of a list or tuple of constant texts; None for anything else."""
    if isinstance(node, jinja2.nodes.Const) and isinstance(node.value, list | tuple):
        values: list[object] = list(node.value)
    elif isinstance(node, jinja2.nodes.List | jinja2.nodes.Tuple) and all(
        isinstance(item, jinja2.nodes.Const) for item in node.items
    ):
        values = [item.value for item in node.items]  # type: ignore[attr-defined]
    else:
        return None
    names = [value for value in values if isinstance(value, str)]
    return names if len(names) == len(values) else None


def _not_found(env: jinja2.Environment, missing: str, parent: str | None) -> jinja2.TemplateError:
    """A missing template, located at the line of the template that names it (as a syntax
    error is), or unlocated for the page's own template."""
    if parent is None or env.loader is None:
        return jinja2.TemplateNotFound(missing)
    source, filename, _ = env.loader.get_source(env, parent)
    line = next(
        (
            node.lineno
            for node in env.parse(source, parent, filename).find_all(_REFERENCES)
            if isinstance(named := getattr(node, "template", None), jinja2.nodes.Const)
            and named.value == missing
        ),
        1,
    )
    return jinja2.TemplateSyntaxError(f"template '{missing}' not found", line, parent, filename)


_REFERENCES = (jinja2.nodes.Extends, jinja2.nodes.Include, jinja2.nodes.Import, jinja2.nodes.FromImport)
