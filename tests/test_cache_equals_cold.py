"""A cached rebuild gives byte-identical output to a cold build, whatever was edited.

"Cold" means a fresh copy of the site folder without `.chronicle-cache/`, built with
`--no-cache` into another folder; "cached" means the same site folder rebuilt into the same
output folder, cache kept. Both run through the command line only (black box), side by side.

The property test applies random sequences of edits to a copy of tests/fixtures/site: an
event's title, summary, date, tags or actors; an entity's name or aliases; two entities
swapped; blank lines at the top of entities.yaml; an article's title, publisher,
title_supplied, url_status, archive_date or accessed; a quote's translation; the free page; the
site's title or description; a theme override (templates/listings.html, card.html, macros.html
or 404.html added, changed or removed, each reading data the default theme does not show); an
event file renamed or deleted (only when nothing links to it); the bytes of an image replaced;
an event's media set or removed. Every edit leaves the site valid: a build that fails is a bug
in the edit generator, not in the engine.

Examples are derandomized and no database is kept, so CI sees the same examples every run.
CHRONICLE_PROPERTY_EXAMPLES=200 runs more of them (default 25, about a minute on two cores);
a failure is reported as generated, with every edit listed, unless CHRONICLE_PROPERTY_SHRINK=1
asks Hypothesis to shrink it to a minimal example (minutes: each try runs the builds again):

    CHRONICLE_PROPERTY_SHRINK=1 python -m pytest tests/test_cache_equals_cold.py --runxfail
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st
from output_trees import REPO, copy_site, finish_build, first_difference, start_build

from chronicle.model.event_dates import parse_event_date

FIXTURE_SITE = REPO / "tests" / "fixtures" / "site"
DEFAULT_THEME = REPO / "templates"
IMAGES = REPO / "tests" / "fixtures" / "images"
EXAMPLES = int(os.environ.get("CHRONICLE_PROPERTY_EXAMPLES", "25"))
# Shrinking a failure reruns the builds hundreds of times (minutes): only when asked for.
PHASES = (Phase.explicit, Phase.generate) + (
    (Phase.shrink, Phase.explain) if os.environ.get("CHRONICLE_PROPERTY_SHRINK") == "1" else ()
)


def derandomized(examples: int) -> settings:
    """The property tests' settings: the same examples on every run, so CI is reproducible."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=PHASES,
        suppress_health_check=[HealthCheck.too_slow],
    )


# --------------------------------------------------------------------------- theme overrides


def _default(name: str) -> str:
    return (DEFAULT_THEME / name).read_text(encoding="utf-8")


def _with(name: str, anchor: str, replacement: str) -> str:
    text = _default(name)
    assert anchor in text, f"the default theme's {name} no longer contains {anchor!r}"
    return text.replace(anchor, replacement, 1)


LISTING_COUNT = (
    '<span class="count">{% if listing.events %}'
    '{{ ngettext("%(num)s event", "%(num)s events", listing.events | length) }}'
    '{% else %}{{ _("no event lists it yet") }}{% endif %}</span>'
)
LISTING_ALIASES = '{{ listing.entity.aliases | join(",") if listing.entity else "" }}'
LISTINGS_WITH_ALIASES = _with(
    "listings.html", LISTING_COUNT, f'{LISTING_COUNT} <span class="aliases">{LISTING_ALIASES}</span>'
)

OVERRIDES: dict[str, tuple[str, ...]] = {
    # Variant 1 and 2 of each file; variant 0 removes the override.
    "listings.html": (
        LISTINGS_WITH_ALIASES,
        _with(
            "listings.html",
            LISTING_COUNT,
            LISTING_COUNT + ' <span class="entity">{{ listing.entity.name ~ " / " ~ listing.entity.aliases'
            ' | join(";") if listing.entity else listing.id }}</span>',
        ),
    ),
    "card.html": (
        _default("card.html") + '<span class="tags">{{ view.event.tags | join(" ") }}</span>\n',
        _default("card.html")
        + '{% for actor in view.actors %}<span class="alias">{{ actor.aliases | join(",") }}</span>'
        "{% endfor %}\n",
    ),
    "404.html": (
        (REPO / "tests" / "fixtures" / "stateful-themes" / "entity-order" / "404.html").read_text("utf-8"),
        _with(
            "404.html",
            "{% block main %}",
            "{% block main %}{% for place in timeline.site.places.values() | list | reverse %}"
            "<i>{{ place.name }}</i>{% endfor %}",
        ),
    ),
    "macros.html": (
        _with(
            "macros.html",
            '<span class="source-count">',
            '<span class="source-count" title="{{ _("Sources") }}">',
        ),
        _with(
            "macros.html",
            '<p class="event-meta">',
            "<p class=\"event-meta\" title=\"{{ view.places | map(attribute='aliases') | map('join', '/')"
            " | join(', ') }}\">",
        ),
    ),
}

# --------------------------------------------------------------------------- reading and writing content


class _TextDumper(yaml.SafeDumper):
    """Writes every scalar plainly where YAML allows (the build reads every scalar as text, and
    refuses a quoted 'true' for `circa`), multi-line text as a literal block."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 (PyYAML's class attribute)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_TextDumper.add_representer(str, _represent_text)


def read_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def write_yaml(path: Path, data: Any) -> None:
    text = yaml.dump(data, Dumper=_TextDumper, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(text, encoding="utf-8")


def event_files(site: Path) -> list[Path]:
    return sorted((site / "content" / "events").glob("*.yaml"))


def linked_from_elsewhere(site: Path, slug: str) -> bool:
    """Whether another event or a page links to the event `slug` (`../slug/`, `/events/slug/`)
    or names it in `before`/`after`."""
    texts = [path for path in event_files(site) if path.stem != slug]
    texts += sorted((site / "content" / "pages").glob("*.md"))
    named = re.compile(rf"^(before|after):.*\b{re.escape(slug)}\b", re.M)
    return any(
        f"/{slug}/" in (text := path.read_text(encoding="utf-8")) or named.search(text) for path in texts
    )


def _bounds(value: str) -> tuple[date, date]:
    """The first and last day a date may mean; an open bound is the far past or future."""
    parsed = parse_event_date(value)
    return parsed.earliest() or date.min, parsed.latest() or date.max


def _relations(site: Path) -> dict[str, set[str]]:
    """Slug -> the slugs of the events recorded as coming after it, from every file."""
    later: dict[str, set[str]] = {}
    for path in event_files(site):
        data = read_yaml(path)
        for other in data.get("after", []):
            later.setdefault(other, set()).add(path.stem)
        for other in data.get("before", []):
            later.setdefault(path.stem, set()).add(other)
    return later


def _comes_before(site: Path, first: str, second: str) -> bool:
    """Whether the recorded relations already put `first` before `second`."""
    later, seen, todo = _relations(site), set(), [first]
    while todo:
        slug = todo.pop()
        if slug == second:
            return True
        if slug not in seen:
            seen.add(slug)
            todo.extend(later.get(slug, ()))
    return False


def _drop_relations(site: Path, slug: str) -> None:
    """`slug`'s own before/after, and every other event's mention of it."""
    for path in event_files(site):
        data = read_yaml(path)
        changed = False
        for key in ("before", "after"):
            names = data.get(key)
            if names is None:
                continue
            kept = [] if path.stem == slug else [name for name in names if name != slug]
            if kept != names:
                changed = True
                if kept:
                    data[key] = kept
                else:
                    del data[key]
        if changed:
            write_yaml(path, data)


# --------------------------------------------------------------------------- edits


class Edit:
    def apply(self, site: Path) -> str | None:
        """Edits the site folder; returns what it did, or None when it does not apply there."""
        raise NotImplementedError


@dataclass(frozen=True)
class SetEventField(Edit):
    event: int
    field: str  # title or summary
    value: str

    def apply(self, site: Path) -> str:
        path = event_files(site)[self.event % len(event_files(site))]
        data = read_yaml(path)
        data[self.field] = self.value
        write_yaml(path, data)
        return f"{path.name}: {self.field} = {self.value!r}"


@dataclass(frozen=True)
class SetEventDate(Edit):
    event: int
    value: str

    def apply(self, site: Path) -> str:
        path = event_files(site)[self.event % len(event_files(site))]
        _drop_relations(site, path.stem)  # a new date may contradict them
        data = read_yaml(path)
        data["date"] = self.value
        if self.value.startswith("["):
            data.pop("circa", None)  # a range cannot be circa
        dropped = ""
        if "end" in data and _bounds(self.value)[1] > _bounds(data["end"])[0]:
            dropped = f" (end {data.pop('end')} dropped: it would come before the date)"
        write_yaml(path, data)
        return f"{path.name}: date = {self.value}{dropped}"


@dataclass(frozen=True)
class AddEventAfter(Edit):
    """`after: [other]` on an event, where the dates allow it and it makes no cycle."""

    event: int
    other: int

    def apply(self, site: Path) -> str | None:
        files = event_files(site)
        path, other = files[self.event % len(files)], files[self.other % len(files)]
        if path == other or _comes_before(site, path.stem, other.stem):
            return None
        data = read_yaml(path)
        if _bounds(read_yaml(other)["date"])[0] > _bounds(data["date"])[1]:
            return None  # the other event cannot have come first
        if other.stem in data.get("after", []):
            return None
        data["after"] = [*data.get("after", []), other.stem]
        write_yaml(path, data)
        return f"{path.name}: after += {other.stem}"


@dataclass(frozen=True)
class SetEventTags(Edit):
    event: int
    tags: tuple[str, ...]

    def apply(self, site: Path) -> str:
        path = event_files(site)[self.event % len(event_files(site))]
        data = read_yaml(path)
        data["tags"] = list(self.tags)
        write_yaml(path, data)
        return f"{path.name}: tags = {list(self.tags)}"


@dataclass(frozen=True)
class ReplaceEventActor(Edit):
    event: int
    position: int
    actor: int

    def apply(self, site: Path) -> str | None:
        path = event_files(site)[self.event % len(event_files(site))]
        data = read_yaml(path)
        actors: list[str] = data.get("actors", [])
        known = read_yaml(site / "content" / "entities.yaml")["actors"]
        others = [actor for actor in known if actor not in actors]
        if not actors or not others:
            return None
        position = self.position % len(actors)
        old, actors[position] = actors[position], others[self.actor % len(others)]
        write_yaml(path, data)
        return f"{path.name}: actor {old} -> {actors[position]}"


@dataclass(frozen=True)
class SetEntityField(Edit):
    kind: str  # actors or places
    entity: int
    aliases: tuple[str, ...] | None  # None: set the name instead
    name: str = ""

    def apply(self, site: Path) -> str:
        path = site / "content" / "entities.yaml"
        data = read_yaml(path)
        ids = list(data[self.kind])
        entity_id = ids[self.entity % len(ids)]
        fields = data[self.kind][entity_id]
        if self.aliases is None:
            fields["name"] = self.name
            done = f"name = {self.name!r}"
        elif self.aliases:
            fields["aliases"] = list(self.aliases)
            done = f"aliases = {list(self.aliases)}"
        else:
            fields.pop("aliases", None)
            done = "aliases removed"
        write_yaml(path, data)
        return f"entities.yaml: {self.kind}.{entity_id}: {done}"


@dataclass(frozen=True)
class SwapEntities(Edit):
    kind: str  # actors or places
    entity: int

    def apply(self, site: Path) -> str:
        path = site / "content" / "entities.yaml"
        data = read_yaml(path)
        items = list(data[self.kind].items())
        first = self.entity % (len(items) - 1)
        items[first], items[first + 1] = items[first + 1], items[first]
        data[self.kind] = dict(items)
        write_yaml(path, data)
        return f"entities.yaml: {self.kind} {items[first + 1][0]} and {items[first][0]} swapped"


@dataclass(frozen=True)
class BlankLinesAtTopOfEntities(Edit):
    lines: int

    def apply(self, site: Path) -> str:
        path = site / "content" / "entities.yaml"
        path.write_text("\n" * self.lines + path.read_text(encoding="utf-8"), encoding="utf-8")
        return f"entities.yaml: {self.lines} blank lines inserted at the top"


@dataclass(frozen=True)
class SetArticleField(Edit):
    article: int
    field: str  # title or publisher
    value: str | None  # None: remove the (optional) publisher

    def apply(self, site: Path) -> str:
        paths = sorted((site / "content" / "articles").glob("*.yaml"))
        path = paths[self.article % len(paths)]
        data = read_yaml(path)
        if self.value is None:
            data.pop(self.field, None)
        else:
            data[self.field] = self.value
        write_yaml(path, data)
        return f"articles/{path.name}: {self.field} = {self.value!r}"


@dataclass(frozen=True)
class SetArticleLasting(Edit):
    """What keeps an article readable, on one with an original and an archived copy."""

    article: int
    url_status: str | None  # live, dead or unfit; None: left out (live)
    archive_date: str | None
    accessed: str | None

    def apply(self, site: Path) -> str | None:
        paths = sorted((site / "content" / "articles").glob("*.yaml"))
        archived = [path for path in paths if {"url", "archive_url"} <= read_yaml(path).keys()]
        if not archived:
            return None
        path = archived[self.article % len(archived)]
        data = read_yaml(path)
        for name in ("url_status", "archive_date", "accessed"):
            value = getattr(self, name)
            if value is None:
                data.pop(name, None)
            else:
                data[name] = value
        write_yaml(path, data)
        return f"articles/{path.name}: {self.url_status=} {self.archive_date=} {self.accessed=}"


@dataclass(frozen=True)
class SetQuoteTranslation(Edit):
    """The translation beside an event's first quote (a warning where the document is in the
    site's language: the site stays valid)."""

    event: int
    value: str | None

    def apply(self, site: Path) -> str | None:
        path = event_files(site)[self.event % len(event_files(site))]
        data = read_yaml(path)
        quoted = [source for source in data["sources"] if "quote" in source]
        if not quoted:
            return None
        if self.value is None:
            quoted[0].pop("translation", None)
        else:
            quoted[0]["translation"] = self.value
        write_yaml(path, data)
        return f"{path.name}: translation = {self.value!r}"


@dataclass(frozen=True)
class EditPage(Edit):
    field: str  # title, description or body
    value: str

    def apply(self, site: Path) -> str:
        path = site / "content" / "pages" / "about.md"
        _, front_text, body = path.read_text(encoding="utf-8").split("---\n", 2)
        front = yaml.load(front_text, Loader=yaml.BaseLoader)
        if self.field == "body":
            body = self.value
        else:
            front[self.field] = self.value
        front_text = yaml.dump(front, Dumper=_TextDumper, allow_unicode=True, sort_keys=False, width=10_000)
        path.write_text(f"---\n{front_text}---\n{body}", encoding="utf-8")
        return f"pages/about.md: {self.field} = {self.value!r}"


@dataclass(frozen=True)
class SetSiteField(Edit):
    field: str  # title or description
    value: str

    def apply(self, site: Path) -> str:
        path = site / "content" / "site.yaml"
        data = read_yaml(path)
        data[self.field] = self.value
        write_yaml(path, data)
        return f"site.yaml: {self.field} = {self.value!r}"


@dataclass(frozen=True)
class SetSiteLanguage(Edit):
    language: str | None  # None: no `language:` (English)

    def apply(self, site: Path) -> str:
        path = site / "content" / "site.yaml"
        data = read_yaml(path)
        if self.language is None:
            data.pop("language", None)
        else:
            data["language"] = self.language
        write_yaml(path, data)
        return f"site.yaml: language = {self.language!r}"


@dataclass(frozen=True)
class SetSiteString(Edit):
    message: str  # an interface message, by its English text
    value: str | None  # None: the override removed

    def apply(self, site: Path) -> str:
        path = site / "content" / "site.yaml"
        data = read_yaml(path)
        strings = data.setdefault("strings", {})
        if self.value is None:
            strings.pop(self.message, None)
        else:
            strings[self.message] = self.value
        if not strings:
            del data["strings"]
        write_yaml(path, data)
        return f"site.yaml: strings[{self.message!r}] = {self.value!r}"


@dataclass(frozen=True)
class ThemeOverride(Edit):
    file: str
    variant: int  # 0 removes the override; 1 and 2 are OVERRIDES[file]

    def apply(self, site: Path) -> str | None:
        path = site / "templates" / self.file
        if self.variant == 0:
            if not path.exists():
                return None
            path.unlink()
            return f"templates/{self.file} removed"
        path.parent.mkdir(exist_ok=True)
        text = OVERRIDES[self.file][self.variant - 1]
        if path.exists() and path.read_text(encoding="utf-8") == text:
            return None
        path.write_text(text, encoding="utf-8")
        return f"templates/{self.file} = variant {self.variant}"


@dataclass(frozen=True)
class RenameEvent(Edit):
    event: int
    new_slug: str

    def apply(self, site: Path) -> str | None:
        path = event_files(site)[self.event % len(event_files(site))]
        target = path.with_name(f"{self.new_slug}.yaml")
        if target.exists() or linked_from_elsewhere(site, path.stem):
            return None
        path.rename(target)
        return f"{path.name} renamed {target.name}"


@dataclass(frozen=True)
class DeleteEvent(Edit):
    event: int

    def apply(self, site: Path) -> str | None:
        events = event_files(site)
        path = events[self.event % len(events)]
        if len(events) <= 2 or linked_from_elsewhere(site, path.stem):
            return None
        path.unlink()
        return f"{path.name} deleted"


@dataclass(frozen=True)
class ReplaceImage(Edit):
    """The bytes of the image an event shows replaced, under the same name."""

    image: str  # a file of tests/fixtures/images

    def apply(self, site: Path) -> str | None:
        target = site / "media" / "kostra-dam.jpg"
        new = (IMAGES / self.image).read_bytes()
        if target.read_bytes() == new:
            return None
        target.write_bytes(new)
        return f"media/kostra-dam.jpg replaced by {self.image}"


@dataclass(frozen=True)
class SetEventImage(Edit):
    """An event given the fixture's chart as its only media (alt and caption as given), or
    its media removed (alt None)."""

    event: int
    alt: str | None
    caption: str = ""

    def apply(self, site: Path) -> str | None:
        path = event_files(site)[self.event % len(event_files(site))]
        data = read_yaml(path)
        if self.alt is None:
            if "media" not in data:
                return None
            del data["media"]
            write_yaml(path, data)
            return f"{path.name}: media removed"
        image = {"file": "media/river-levels.png", "alt": self.alt, "caption": self.caption, "credit": "Us"}
        data["media"] = [image]
        write_yaml(path, data)
        return f"{path.name}: media = {image}"


WORDS = (
    "Selka",
    "dam",
    "talks",
    "Kraków",
    "Zoë",
    "Ångström",
    "“quoted”",
    "R&D",
    "<b>bold</b>",
    "water",
    "board",
    "2025",
    "O'Neil",
    "—",
    "flow",
    "accord",
    "Łódź",
    "#7",
    "a: b",
    "50%",
    "**firm**",
    "_soft_",
)
ALIASES = ("UN", "UNO", "the Republic", "Ms Ångström", "Selka <delta>", "R&D board", "Kraków city", "X")
NAMES = ("Veldoria Republic", "United Nations Organisation", "Zoë Ångström-Berg", "Kraków & district", "Dam")
TAGS = ("dam", "diplomacy", "water-rights", "treaty", "monitoring", "energy", "un-mediation")
DATES = (
    "1998",
    "2011",
    "2019-02",
    "2021-03-15",
    "2025-04",
    "2025-04-11",
    "2025-05-19",
    "2025-06",
    "2025-06-04",
    "2025-07-02",
    "2025-06~",
    "2025-05-19?",
    "[2025-05-01..2025-05-26]",
    "[..2025-06-03]",
    "[2025-06-05..]",
)
NEW_SLUGS = ("renamed-event", "kostra-event", "selka-2025", "an-event")

indexes = st.integers(min_value=0, max_value=9)
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
markdown = st.lists(phrases, min_size=1, max_size=3).map(lambda paragraphs: "\n\n".join(paragraphs) + "\n")

entity_aliases = st.builds(
    SetEntityField,
    st.sampled_from(("actors", "places")),
    indexes,
    st.lists(st.sampled_from(ALIASES), unique=True, max_size=2).map(tuple),
)
entity_names = st.builds(
    SetEntityField, st.sampled_from(("actors", "places")), indexes, st.none(), st.sampled_from(NAMES)
)
theme_overrides = st.builds(ThemeOverride, st.sampled_from(sorted(OVERRIDES)), st.integers(0, 2))

# Entity and theme edits twice over: what a theme reads beyond the default's data is the point.
EDITS: st.SearchStrategy[Edit] = st.one_of(
    st.builds(SetEventField, indexes, st.just("title"), phrases),
    st.builds(SetEventField, indexes, st.just("summary"), markdown),
    st.builds(SetEventDate, indexes, st.sampled_from(DATES)),
    st.builds(AddEventAfter, indexes, indexes),
    st.builds(SetEventTags, indexes, st.lists(st.sampled_from(TAGS), unique=True, max_size=3).map(tuple)),
    st.builds(ReplaceEventActor, indexes, indexes, indexes),
    entity_aliases,
    entity_aliases,
    entity_names,
    st.builds(BlankLinesAtTopOfEntities, st.integers(min_value=1, max_value=3)),
    st.builds(SwapEntities, st.sampled_from(("actors", "places")), indexes),
    st.builds(SetArticleField, indexes, st.just("title"), phrases),
    st.builds(SetArticleField, indexes, st.just("publisher"), st.none() | phrases),
    st.builds(SetArticleField, indexes, st.just("title_supplied"), st.sampled_from(("true", "false"))),
    st.builds(
        SetArticleLasting,
        indexes,
        st.none() | st.sampled_from(("live", "dead", "unfit")),
        st.none() | st.sampled_from(("2025-04-20", "2026-01-01")),
        st.none() | st.sampled_from(("2025-06-30", "2025-12-31")),
    ),
    st.builds(SetQuoteTranslation, indexes, st.none() | phrases),
    st.builds(EditPage, st.sampled_from(("title", "description")), phrases),
    st.builds(EditPage, st.just("body"), markdown),
    st.builds(SetSiteField, st.sampled_from(("title", "description")), phrases),
    st.builds(SetSiteLanguage, st.sampled_from((None, "en", "fr", "ko", "ar"))),
    st.sampled_from(
        (
            SetSiteString("Disputed figures", "Numbers in dispute"),
            SetSiteString("Disputed figures", None),
            SetSiteString("Sources", "R&D <5> & co"),  # escaped, never markup (a tag is refused)
            SetSiteString("Credit: %(credit)s", "Credit — %(credit)s"),
            SetSiteString("%(num)s event", None),
        )
    ),
    theme_overrides,
    theme_overrides,
    st.builds(RenameEvent, indexes, st.sampled_from(NEW_SLUGS)),
    st.builds(DeleteEvent, indexes),
    st.builds(ReplaceImage, st.sampled_from(("photo-gps.jpg", "turned.jpg", "chart.png"))),
    st.builds(SetEventImage, indexes, st.none() | phrases, phrases),
)
# The site's own theme before the first build: override file -> variant (1 or 2).
THEMES = st.dictionaries(st.sampled_from(sorted(OVERRIDES)), st.integers(1, 2))

# --------------------------------------------------------------------------- the builds


def rebuild_cached_and_cold(site: Path, cached_out: Path, work: Path) -> str | None:
    """Rebuilds `site` into `cached_out` with its cache and, meanwhile, a fresh copy of it cold into
    `work/cold`; the first difference between the two outputs, or None."""
    cold_root, cold_out = work / "cold-site", work / "cold"
    for stale in (cold_root, cold_out):
        if stale.exists():
            shutil.rmtree(stale)
    copy_site(site, cold_root)
    cached = start_build(site, cached_out)
    cold = start_build(cold_root, cold_out, "--no-cache")
    finish_build(cached, "the cached rebuild")
    finish_build(cold, "the cold build")
    return first_difference(cold_out, cached_out)


@derandomized(EXAMPLES)
@given(theme=THEMES, edits=st.lists(EDITS, min_size=1, max_size=5))
def test_after_every_edit_a_cached_rebuild_equals_a_cold_build(
    theme: dict[str, int], edits: list[Edit]
) -> None:
    with tempfile.TemporaryDirectory(prefix="chronicle-cache-test-") as temporary:
        work = Path(temporary)
        site = copy_site(FIXTURE_SITE, work / "site")
        steps = [f"before the first build: {ThemeOverride(*item).apply(site)}" for item in theme.items()]
        out = work / "out"
        finish_build(start_build(site, out), "the first build")
        for edit in edits:
            description = edit.apply(site)
            if description is None:
                continue
            steps.append(description)
            note(f"edit: {description}")
            difference = rebuild_cached_and_cold(site, out, work)
            if difference is not None:
                listed = "\n".join(f"  {number}. {step}" for number, step in enumerate(steps, 1))
                pytest.fail(f"after\n{listed}\na cached rebuild differs from a cold build at {difference}")


# --------------------------------------------------------------------------- the known case


def test_listing_override_reading_entity_aliases_rebuilds_like_a_cold_build(tmp_path: Path) -> None:
    site = copy_site(FIXTURE_SITE, tmp_path / "site")
    (site / "templates").mkdir()
    (site / "templates" / "listings.html").write_text(LISTINGS_WITH_ALIASES, encoding="utf-8")
    out = tmp_path / "out"
    finish_build(start_build(site, out), "the first build")
    assert '<span class="aliases">UN</span>' in (out / "actors" / "index.html").read_text("utf-8")

    entities = site / "content" / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    assert "aliases: [UN]" in text
    entities.write_text(text.replace("aliases: [UN]", "aliases: [UNO]"), encoding="utf-8")
    difference = rebuild_cached_and_cold(site, out, tmp_path)

    actors_page = (out / "actors" / "index.html").read_text(encoding="utf-8")
    shown = re.findall(r'<span class="aliases">([^<]*)</span>', actors_page)
    assert "UNO" in shown, f"actors/index.html shows the aliases {shown} after the rebuild"
    assert difference is None, f"a cached rebuild differs from a cold build at {difference}"


PRINTED_VIEWS = (
    '{% extends "base.html" %}{% block main %}<p id="actors">{{ listing.events[0].actors }}</p>'
    '<p id="places">{{ "%s" | format(listing.events[0].places) }}</p>'
    '<p id="pprint">{{ listing.events[0].places | pprint }}</p>{% endblock %}'
)


def test_a_theme_printing_a_field_that_holds_views_rebuilds_like_a_cold_build(tmp_path: Path) -> None:
    # Printed, a tuple of entities shows each one whole (its name, aliases ...), not only
    # which ones it holds.
    site = copy_site(FIXTURE_SITE, tmp_path / "site")
    (site / "templates").mkdir()
    (site / "templates" / "listing.html").write_text(PRINTED_VIEWS, encoding="utf-8")
    out = tmp_path / "out"
    finish_build(start_build(site, out), "the first build")
    entities = site / "content" / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    assert "veldoria: {name: Veldoria," in text
    renamed = text.replace("veldoria: {name: Veldoria,", "veldoria: {name: Veldoria-Renamed,")
    entities.write_text(renamed, encoding="utf-8")
    difference = rebuild_cached_and_cold(site, out, tmp_path)
    assert difference is None, f"a cached rebuild differs from a cold build at {difference}"
    assert "Inner(" not in (out / "tags" / "dam" / "index.html").read_text(encoding="utf-8")


STATEFUL_THEMES = REPO / "tests" / "fixtures" / "stateful-themes"


def _site_with_theme(tmp_path: Path, theme: str) -> Path:
    site = copy_site(FIXTURE_SITE, tmp_path / "site")
    shutil.copytree(STATEFUL_THEMES / theme, site / "templates")
    return site


def test_a_theme_counting_in_an_imported_template_counts_from_the_start_in_every_render(
    tmp_path: Path,
) -> None:
    # Jinja keeps an imported template's module, and what its top level sets (a namespace(),
    # a cycler()), for the environment's life: each page must start from the module's start.
    site = _site_with_theme(tmp_path, "counter")
    out = tmp_path / "out"
    finish_build(start_build(site, out), "the first build")
    event = site / "content" / "events" / "kostra-dam-construction.yaml"
    text = event.read_text(encoding="utf-8")
    event.write_text(text.replace("title: ", "title: Edited ", 1), encoding="utf-8")
    difference = rebuild_cached_and_cold(site, out, tmp_path)
    assert difference is None, f"a cached rebuild differs from a cold build at {difference}"
    shown = {
        page.parent.name: re.findall(r'<p class="render">([^<]*)</p>', page.read_text(encoding="utf-8"))
        for page in (out / "events").glob("*/index.html")
    }
    assert shown and all(found == ["render 1 odd"] for found in shown.values()), shown


def test_entities_reordered_rebuild_a_page_listing_them_in_order_like_a_cold_build(tmp_path: Path) -> None:
    site = _site_with_theme(tmp_path, "entity-order")
    out = tmp_path / "out"
    finish_build(start_build(site, out), "the first build")
    entities = site / "content" / "entities.yaml"
    lines = entities.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[1].startswith("  veldoria:") and lines[2].startswith("  marenzia:")
    lines[1], lines[2] = lines[2], lines[1]
    entities.write_text("".join(lines), encoding="utf-8")
    difference = rebuild_cached_and_cold(site, out, tmp_path)
    assert difference is None, f"a cached rebuild differs from a cold build at {difference}"
    assert "<li>Marenzia</li><li>Veldoria</li>" in (out / "404.html").read_text(encoding="utf-8")


def test_a_document_renamed_to_another_format_is_read_again(tmp_path: Path) -> None:
    # The extension decides how a document is read (.md rendered, .html stripped, .txt as it is):
    # the same bytes under another name are another text.
    site = copy_site(FIXTURE_SITE, tmp_path / "site")
    out = tmp_path / "out"
    finish_build(start_build(site, out), "the first build")
    seeds = site / "seeds"
    (seeds / "beta-wire.md").rename(seeds / "beta-wire.txt")
    difference = rebuild_cached_and_cold(site, out, tmp_path)
    assert difference is None, f"a cached rebuild differs from a cold build at {difference}"


@pytest.mark.parametrize("made_a_folder", ["data/events.json", "feed.xml"])
def test_a_folder_where_a_whole_timeline_file_was_is_replaced_by_the_next_build(
    tmp_path: Path, made_a_folder: str
) -> None:
    site = copy_site(FIXTURE_SITE, tmp_path / "site")
    out = tmp_path / "out"
    finish_build(start_build(site, out), "the first build")
    (out / made_a_folder).unlink()
    (out / made_a_folder).mkdir()
    (out / made_a_folder / "kept.txt").write_text("someone's", encoding="utf-8")
    difference = rebuild_cached_and_cold(site, out, tmp_path)
    assert difference is None, f"a cached rebuild differs from a cold build at {difference}"
