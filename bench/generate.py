"""Synthetic timeline for benchmarks: a chronicle site folder and an equivalent Hugo site.

    python bench/generate.py --events 2000 --out bench/out/site [--hugo-out bench/out/hugo] [--seed 1]
        [--cited-by K]

Everything is derived from `--seed` with one `random.Random`, so the same arguments give
byte-identical folders. The chronicle site follows the content contract (README, "The site
folder") and passes `python build.py check`; the Hugo site holds the same events, articles,
entities and pages, rendered by a small layout set that shows the same things (see
bench/README.md, "The Hugo site").
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import html
import json
import random
import re
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

BASE_URL = "https://example.github.io/bench-timeline/"
SITE_TITLE = "Synthetic timeline (benchmark)"
START_DAY = datetime.date(1996, 1, 1)
END_DAY = datetime.date(2025, 12, 31)

# ---------------------------------------------------------------------------------------------
# Vocabulary: plain ASCII words, so a quote is the same text in .txt, .md and .html documents.

_NOUNS = (
    "agreement border convoy council delegation deployment envoy exercise frontier garrison harbour "
    "inquiry logistics mission negotiation observer outpost parliament patrol pipeline port project "
    "railway reactor report reserve route sanction shipment summit supply talks tariff treaty truce "
    "tribunal visit vote ammunition artillery bridge ceasefire corridor drill embargo exchange fleet "
    "grain loan militia ministry monitor network oil pact quota refinery referendum regiment satellite "
    "shelter statement strike survey system tanker terminal troops tunnel union warehouse"
).split()
_VERBS = (
    "announced approved blocked cancelled confirmed criticised delayed denied discussed doubled "
    "expanded extended finalised halted inspected launched negotiated opened postponed proposed "
    "ratified rejected reported restored resumed reviewed secured signed suspended welcomed"
).split()
_ADJECTIVES = (
    "annual bilateral coastal direct disputed eastern emergency financial formal joint large "
    "limited military naval new northern official partial regional rapid secret southern "
    "strategic temporary western wider"
).split()
_FILLERS = (
    "according to officials, in a statement, on the same day, after weeks of talks, "
    "despite earlier objections, for the first time, under the new terms, "
    "in the capital, near the border, by the end of the month, at a press briefing, "
    "with little notice"
).split(", ")
_QUALIFIERS = ("about, roughly, at least, nearly, more than, fewer than, up to, around").split(", ")
_UNITS = "soldiers, tonnes, shells, vehicles, workers, kilometres, families, aircraft".split(", ")
_FIRST = (
    "Anna Boris Chen Dana Elif Farid Greta Hana Ivan Jae Kofi Lena Marek Nadia Omar Pavel Quinn "
    "Rosa Sergei Tomas Una Viktor Wen Yara Zoltan"
).split()
_LAST = (
    "Abara Bellini Castell Dorn Ekwueme Falk Grigorian Halvorsen Ishikawa Jovanovic Kader Lind "
    "Moreau Novak Okafor Petrov Quiroga Rask Sato Tamm Udeh Varga Weiss Xu Yilmaz Zorin"
).split()
_SYLLABLES = (
    "al bar cor dan el fen gar hal is jor kal lor mar nor os pel qua ros sol tar ul vel wen yor zan".split()
)
_KINDS = ("country", "country", "person", "person", "person", "organisation", "agency", "media")
_PUBLISHERS = (
    "Northern Ledger, Harbour Times, Coastal Wire, Daily Meridian, Frontier Post, The Observer Desk, "
    "Capital Dispatch, Eastern Courier, Western Gazette, Regional Bulletin, Open Record, The Monitor"
).split(", ")
_TAG_BASES = (
    "diplomacy military sanctions trade energy elections courts protests refugees shipping aviation "
    "cyber nuclear treaties arms-control humanitarian espionage economy finance media health "
    "infrastructure border maritime space terrorism migration agriculture climate technology "
    "labour education religion minorities police intelligence corruption transport water"
).split()


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# ---------------------------------------------------------------------------------------------
# The model of the synthetic timeline (independent of either output format)


@dataclass
class Entity:
    id: str
    name: str
    category: str | None
    aliases: list[str]


@dataclass
class Article:
    id: str
    ext: str
    title: str
    publisher: str | None
    author: str | None
    published: str | None
    published_note: str | None
    url: str | None
    archive_url: str | None
    language: str | None
    paragraphs: list[list[str]]  # paragraphs of sentences
    headings: dict[int, str]  # paragraph index -> heading shown before it (.md, .html)

    def quote(self, rng: random.Random) -> str:
        """A verbatim passage: consecutive words from one sentence."""
        sentence = rng.choice(rng.choice(self.paragraphs))
        words = sentence.rstrip(".").split()
        length = min(len(words), rng.randint(6, 14))
        start = rng.randint(0, len(words) - length)
        return " ".join(words[start : start + length]).rstrip(",")


@dataclass
class Source:
    article: str | None = None
    quote: str | None = None
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: str | None = None


@dataclass
class ClaimValue:
    value: str
    according_to: str
    source: Source


@dataclass
class Claim:
    about: str
    values: list[ClaimValue]


@dataclass
class Event:
    slug: str
    title: str
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    day: datetime.date  # first day of `date`, for Hugo
    end: str | None
    circa: bool
    summary: str = ""
    tags: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    added: str = ""
    updated: str | None = None


@dataclass
class Timeline:
    actors: list[Entity]
    places: list[Entity]
    tags: list[str]
    articles: list[Article]
    events: list[Event]


def _sentence(rng: random.Random) -> str:
    parts = [
        "The",
        rng.choice(_ADJECTIVES),
        rng.choice(_NOUNS),
        "was",
        rng.choice(_VERBS),
        rng.choice(_FILLERS) + ",",
        "and",
        "the",
        rng.choice(_NOUNS),
        "of",
        f"{rng.randint(2, 9)},{rng.randint(100, 999)}" if rng.random() < 0.3 else str(rng.randint(3, 950)),
        rng.choice(_UNITS),
        rng.choice(("followed", "was expected", "remained", "was confirmed", "was disputed")),
    ]
    if rng.random() < 0.5:
        parts += ["while", "the", rng.choice(_NOUNS), rng.choice(_VERBS), rng.choice(_FILLERS)]
    return " ".join(parts) + "."


def _name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


def _entities(rng: random.Random, actors: int, places: int) -> tuple[list[Entity], list[Entity]]:
    actor_list: list[Entity] = []
    used: set[str] = set()
    while len(actor_list) < actors:
        kind = _KINDS[len(actor_list) % len(_KINDS)]
        if kind == "person":
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            aliases = [name.split()[1]]
        elif kind == "country":
            stem = _name(rng, 2)
            name = f"Republic of {stem}"
            aliases = [stem]
        else:
            name = f"{_name(rng, 2)} {rng.choice(('Council', 'Agency', 'Institute', 'Group', 'Network'))}"
            aliases = [name.split()[0].upper()[:4]] if rng.random() < 0.5 else []
        entity_id = slugify(name)
        if entity_id in used:
            continue
        used.add(entity_id)
        actor_list.append(Entity(entity_id, name, kind, aliases))
    place_list: list[Entity] = []
    while len(place_list) < places:
        name = _name(rng, rng.choice((2, 3)))
        entity_id = slugify(name)
        if entity_id in used:
            continue
        used.add(entity_id)
        country = f"Republic of {_name(rng, 2)}" if rng.random() < 0.8 else None
        aliases = [f"{name} region"] if rng.random() < 0.3 else []
        place_list.append(Entity(entity_id, name, country, aliases))
    return actor_list, place_list


def _random_day(rng: random.Random, low: datetime.date, high: datetime.date) -> datetime.date:
    return low + datetime.timedelta(days=rng.randint(0, (high - low).days))


def _partial(rng: random.Random, day: datetime.date, weights: tuple[float, float]) -> str:
    """YYYY-MM-DD, YYYY-MM or YYYY, drawn with `weights` = (month, year) probabilities."""
    roll = rng.random()
    if roll < weights[1]:
        return f"{day.year:04d}"
    if roll < weights[0] + weights[1]:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _articles(rng: random.Random, count: int) -> list[Article]:
    articles = []
    for index in range(count):
        roll = rng.random()
        ext = ".txt" if roll < 0.7 else ".md" if roll < 0.85 else ".html"
        article_id = f"{index:05d}_{rng.getrandbits(64):016x}"
        paragraphs = [[_sentence(rng) for _ in range(rng.randint(3, 6))] for _ in range(rng.randint(8, 16))]
        headings = {
            at: f"{rng.choice(_ADJECTIVES).capitalize()} {rng.choice(_NOUNS)}"
            for at in sorted(rng.sample(range(2, len(paragraphs)), 2))
        }
        publisher = rng.choice(_PUBLISHERS) if rng.random() < 0.8 else None
        author = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" if rng.random() < 0.5 else None
        published = _partial(rng, _random_day(rng, START_DAY, END_DAY), (0.2, 0.1))
        note = "Inferred from the events the document reports." if rng.random() < 0.1 else None
        slug = f"{rng.choice(_ADJECTIVES)}-{rng.choice(_NOUNS)}-{index}"
        url = f"https://news.example.org/{published[:4]}/{slug}" if rng.random() < 0.9 else None
        archive = (
            f"https://archive.example.org/{published[:4]}/{slug}" if url and rng.random() < 0.2 else None
        )
        language = "en" if rng.random() < 0.1 else None
        title = (
            f"{rng.choice(_ADJECTIVES).capitalize()} {rng.choice(_NOUNS)} {rng.choice(_VERBS)} "
            f"as {rng.choice(_NOUNS)} talks continue"
        )
        articles.append(
            Article(
                article_id,
                ext,
                title,
                publisher,
                author,
                published,
                note,
                url,
                archive,
                language,
                paragraphs,
                headings,
            )
        )
    return articles


def _summary(rng: random.Random, event: Event, timeline: Timeline, others: list[Event]) -> str:
    actors = {entity.id: entity for entity in timeline.actors}
    places = {entity.id: entity for entity in timeline.places}
    actor = actors[event.actors[0]].name
    place = places[event.places[0]].name
    other = rng.choice(others)
    first = [
        f"{actor} {rng.choice(_VERBS)} a *{rng.choice(_ADJECTIVES)}* {rng.choice(_NOUNS)} in {place},",
        f"{rng.choice(_FILLERS)}. {_sentence(rng)}",
        f"Officials described it as **{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)}** and",
        f"linked it to [{other.title.lower()}](../{other.slug}/). {_sentence(rng)}",
    ]
    if len(event.actors) > 1:
        first.append(f"{actors[event.actors[1]].name} {rng.choice(_VERBS)} the move. {_sentence(rng)}")
    paragraphs = ["\n".join(first)]
    if rng.random() < 0.35:
        items = [
            f"- {rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} {rng.choice(_VERBS)} "
            f"{rng.choice(_FILLERS)}, with *{rng.randint(2, 900)} {rng.choice(_UNITS)}*"
            for _ in range(rng.randint(2, 4))
        ]
        paragraphs.append("The measures included:\n\n" + "\n".join(items))
    paragraphs.append(" ".join(_sentence(rng) for _ in range(rng.randint(1, 3))))
    return "\n\n".join(paragraphs) + "\n"


def _last_day(published: str | None) -> datetime.date:
    """The last day a YYYY, YYYY-MM or YYYY-MM-DD date may be (none known: the first day)."""
    if published is None:
        return datetime.date.min
    parts = [int(part) for part in published.split("-")]
    if len(parts) == 3:
        return datetime.date(*parts)
    if len(parts) == 2:
        following = datetime.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - datetime.timedelta(days=1)
    return datetime.date(parts[0], 12, 31)


def _reporting(
    chosen: list[Article], day: datetime.date, by_day: list[tuple[datetime.date, int, Article]]
) -> list[Article]:
    """The articles cited by an event on `day`, at least one published by then, as in a real
    timeline (the build warns of an event dated after all its sources): when none of `chosen`
    is, the first is replaced by the article published soonest after it, if there is one."""
    if any(_last_day(article.published) >= day for article in chosen):
        return chosen
    at = bisect.bisect_left(by_day, (day, -1))
    if at == len(by_day):
        return chosen
    return [by_day[at][2], *(article for article in chosen[1:] if article is not by_day[at][2])]


def _stating(article: Article, value: str) -> str:
    """A claim value's quote: a sentence added to its article that states the value in its
    words, as a real report does (the build warns of a value its quote does not hold)."""
    article.paragraphs[-1].append(f"One account put the figure at {value}.")
    return f"the figure at {value}"


def build_timeline(events: int, seed: int, cited_by: int = 0) -> Timeline:
    """`cited_by`: that many events (the first ones) also quote the first article."""
    rng = random.Random(seed)
    actors, places = _entities(rng, 60, 40)
    tags = list(_TAG_BASES[:40])
    articles = _articles(rng, max(5, events // 10))
    by_day = sorted((_last_day(article.published), index, article) for index, article in enumerate(articles))
    timeline = Timeline(actors, places, tags, articles, [])

    slugs: set[str] = set()
    for _ in range(events):
        day = _random_day(rng, START_DAY, END_DAY)
        date = _partial(rng, day, (0.14, 0.06))
        first_day = datetime.date(
            day.year, day.month if len(date) > 4 else 1, day.day if len(date) > 7 else 1
        )
        chosen_actors = rng.sample(actors, rng.randint(1, 3))
        chosen_places = rng.sample(places, rng.randint(1, 3))
        title = (
            f"{chosen_actors[0].name} {rng.choice(_VERBS)} {rng.choice(_ADJECTIVES)} "
            f"{rng.choice(_NOUNS)} in {chosen_places[0].name}"
        )
        base = f"{date}-{slugify(title)}"[:70].rstrip("-")
        slug, counter = base, 2
        while slug in slugs:
            slug, counter = f"{base}-{counter}", counter + 1
        slugs.add(slug)
        end = None
        if rng.random() < 0.05:
            end_day = min(END_DAY, first_day + datetime.timedelta(days=rng.randint(20, 400)))
            end = end_day.isoformat() if len(date) == 10 else f"{end_day.year:04d}-{end_day.month:02d}"
        circa = len(date) < 10 and rng.random() < 0.2
        event = Event(slug, title, date, first_day, end, circa)
        event.tags = sorted(rng.sample(tags, rng.randint(1, 4)))
        event.actors = [entity.id for entity in chosen_actors]
        event.places = [entity.id for entity in chosen_places]
        for article in _reporting(rng.sample(articles, rng.randint(1, 3)), first_day, by_day):
            event.sources.append(Source(article=article.id, quote=article.quote(rng)))
        if rng.random() < 0.08:
            event.sources.append(
                Source(
                    url=f"https://reports.example.org/{slug}",
                    title=f"Report on the {rng.choice(_NOUNS)}",
                    publisher=rng.choice(_PUBLISHERS),
                    published=first_day.isoformat(),
                )
            )
        if rng.random() < 0.1:
            unit = rng.choice(_UNITS)
            values = []
            for article in rng.sample(articles, rng.randint(2, 3)):
                value = f"{rng.choice(_QUALIFIERS)} {rng.randint(10, 5000)} {unit}"
                source = Source(article=article.id, quote=_stating(article, value))
                values.append(ClaimValue(value, rng.choice(actors).name, source))
            event.claims.append(Claim(f"{unit.capitalize()} involved", values))
        added = _random_day(rng, datetime.date(2024, 1, 1), datetime.date(2025, 12, 31))
        event.added = added.isoformat()
        if rng.random() < 0.05:
            event.updated = (added + datetime.timedelta(days=rng.randint(1, 60))).isoformat()
        timeline.events.append(event)

    for event in timeline.events:
        others = [rng.choice(timeline.events) for _ in range(3)]
        others = [other for other in others if other is not event] or [timeline.events[0]]
        event.summary = _summary(rng, event, timeline, others)
    _cite_first_article(timeline, cited_by, random.Random(seed + 1))
    return timeline


def _cite_first_article(timeline: Timeline, count: int, rng: random.Random) -> None:
    """One article cited by `count` events, each quoting a passage of it: a source page with a
    long list of citing events and crowded highlights. Its own random stream, so that the
    rest of the timeline is the same with or without it."""
    article = timeline.articles[0]
    for event in timeline.events[:count]:
        if all(source.article != article.id for source in event.sources):
            event.sources.append(Source(article=article.id, quote=article.quote(rng)))


# ---------------------------------------------------------------------------------------------
# Writers


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: str) -> str:
    return "".join(f"{indent}{line}\n" if line else "\n" for line in text.rstrip("\n").split("\n"))


def _source_yaml(source: Source, indent: str) -> str:
    if source.article:
        return f"article: {source.article}\n{indent}quote: {q(source.quote or '')}\n"
    lines = [f"url: {q(source.url or '')}", f"title: {q(source.title or '')}"]
    if source.publisher:
        lines.append(f"publisher: {q(source.publisher)}")
    if source.published:
        lines.append(f"published: {source.published}")
    return ("\n" + indent).join(lines) + "\n"


def event_yaml(event: Event) -> str:
    out = [f"title: {q(event.title)}\n", f"date: {event.date}\n"]
    if event.end:
        out.append(f"end: {event.end}\n")
    if event.circa:
        out.append("circa: true\n")
    out.append("summary: |\n" + _block(event.summary, "  "))
    out.append(f"tags: [{', '.join(event.tags)}]\n")
    out.append(f"actors: [{', '.join(event.actors)}]\n")
    out.append(f"places: [{', '.join(event.places)}]\n")
    out.append("sources:\n")
    for source in event.sources:
        out.append("  - " + _source_yaml(source, "    "))
    if event.claims:
        out.append("claims:\n")
        for claim in event.claims:
            out.append(f"  - about: {q(claim.about)}\n    values:\n")
            for value in claim.values:
                src = value.source
                out.append(
                    f"      - value: {q(value.value)}\n"
                    f"        according_to: {q(value.according_to)}\n"
                    f"        source: {{article: {src.article}, quote: {q(src.quote or '')}}}\n"
                )
    out.append(f"added: {event.added}\n")
    if event.updated:
        out.append(f"updated: {event.updated}\n")
    return "".join(out)


def article_document(article: Article) -> str:
    if article.ext == ".txt":
        body = [article.title, ""]
        for index, paragraph in enumerate(article.paragraphs):
            if index in article.headings:
                body += [article.headings[index], ""]
            body += [" ".join(paragraph), ""]
        return "\n".join(body)
    if article.ext == ".md":
        body = [f"# {article.title}", ""]
        for index, paragraph in enumerate(article.paragraphs):
            if index in article.headings:
                body += [f"## {article.headings[index]}", ""]
            body += [" ".join(paragraph), ""]
        return "\n".join(body)
    esc = html.escape
    body = [
        "<!doctype html>",
        '<html lang="en">',
        f'<head><meta charset="utf-8"><title>{esc(article.title)}</title>',
        "<style>body { font-family: serif; }</style></head>",
        "<body>",
        '<nav><a href="/">Home</a> | <a href="/world/">World</a></nav>',
        f"<article><h1>{esc(article.title)}</h1>",
    ]
    for index, paragraph in enumerate(article.paragraphs):
        if index in article.headings:
            body.append(f"<h2>{esc(article.headings[index])}</h2>")
        body.append(f"<p>{esc(' '.join(paragraph))}</p>")
    body += ["</article>", "<script>window.analytics = [];</script>", "</body>", "</html>", ""]
    return "\n".join(body)


def article_yaml(article: Article) -> str:
    out = [f"title: {q(article.title)}\n"]
    for key in ("publisher", "author", "published", "published_note", "url", "archive_url", "language"):
        value = getattr(article, key)
        if value is not None:
            out.append(f"{key}: {value if key in ('published', 'language') else q(value)}\n")
        if key == "archive_url" and value is not None:  # when the copy was made, as the build asks
            out.append(f"archive_date: {_last_day(article.published) + datetime.timedelta(days=30)}\n")
    return "".join(out)


def entities_yaml(timeline: Timeline) -> str:
    out = ["# Synthetic actors and places for the benchmark\nactors:\n"]
    for entity in timeline.actors:
        aliases = ", ".join(q(alias) for alias in entity.aliases)
        out.append(
            f"  {entity.id}: {{name: {q(entity.name)}, kind: {entity.category}, aliases: [{aliases}]}}\n"
        )
    out.append("places:\n")
    for entity in timeline.places:
        country = f", country: {q(entity.category)}" if entity.category else ""
        aliases = ", ".join(q(alias) for alias in entity.aliases)
        out.append(f"  {entity.id}: {{name: {q(entity.name)}{country}, aliases: [{aliases}]}}\n")
    return "".join(out)


_ABOUT = """This is a synthetic timeline generated for benchmarks. Its events, articles, actors
and places are invented; every quote is copied verbatim from a generated article.

It exercises what a real timeline does: *partial dates*, spans, disputed figures,
links between events and source documents in three formats.
"""

_METHODOLOGY = """Events are drawn at random over thirty years, each citing one to three documents.

- Dates are known to the day, the month or the year.
- Figures that sources state differently are shown side by side.
"""


_STAMP = ".bench-generated"


def _reset(folder: Path) -> None:
    """Empty `folder` for a new site; only a folder this script made (or an empty one) is removed."""
    if folder.exists():
        if any(folder.iterdir()) and not (folder / _STAMP).exists():
            raise SystemExit(f"error: {folder} exists and was not made by bench/generate.py; not removing it")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / _STAMP).write_text("made by bench/generate.py; removed and rewritten on every run\n")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def write_chronicle_site(timeline: Timeline, out: Path) -> None:
    _reset(out)
    _write(
        out / "content/site.yaml",
        f"title: {q(SITE_TITLE)}\n"
        f"description: {q(f'{len(timeline.events)} invented events, each backed by a verbatim quote.')}\n"
        f"base_url: {BASE_URL}\nlanguage: en\nauthor: The benchmark\n",
    )
    _write(out / "content/entities.yaml", entities_yaml(timeline))
    _write(out / "content/pages/about.md", f"---\ntitle: About\norder: 1\n---\n{_ABOUT}")
    _write(out / "content/pages/methodology.md", f"---\ntitle: Methodology\norder: 2\n---\n{_METHODOLOGY}")
    for article in timeline.articles:
        _write(out / f"seeds/{article.id}{article.ext}", article_document(article))
        _write(out / f"content/articles/{article.id}.yaml", article_yaml(article))
    for event in timeline.events:
        _write(out / f"content/events/{event.slug}.yaml", event_yaml(event))


# ---------------------------------------------------------------------------------------------
# The equivalent Hugo site

# The Hugo config and layouts are files beside this script (bench/hugo-theme/).
THEME = Path(__file__).resolve().parent / "hugo-theme"


def _front(data: dict[str, object]) -> str:
    """JSON front matter: Hugo reads a page that starts with `{` as JSON."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


_MONTHS = "January February March April May June July August September October November December".split()
EVENTS_PER_PAGE = 40
"""chronicle's (chronicle/timeline/periods.py): every card of this generator weighs one."""


def _month_key(event: Event) -> str:
    """The month an event is listed in: "1996-03", or "1996-00" when only its year is known
    (chronicle's `1996/month-unknown/`, listed before January)."""
    return event.date[:7] if len(event.date) > 4 else f"{event.date}-00"


def _periods(timeline: Timeline) -> tuple[set[str], set[str]]:
    """(the years, the months) with a page of their own, as chronicle makes them: none when the
    whole timeline fits on the home page; else every year, and the months of a year with more
    events than a page holds (a smaller year's page shows its events)."""
    if len(timeline.events) <= EVENTS_PER_PAGE:
        return set(), set()
    by_year = Counter(event.date[:4] for event in timeline.events)
    large = {year for year, count in by_year.items() if count > EVENTS_PER_PAGE}
    return set(by_year), {_month_key(event) for event in timeline.events if event.date[:4] in large}


def _write_hugo_periods(years: set[str], months: set[str], out: Path) -> None:
    """A term page for each period page of chronicle's: `/1996/` and `/1996/03/` (hugo.toml's
    permalinks), each with an embed page. A month's page runs onto further pages past 40 events,
    as chronicle's does."""
    unlisted = {"render": "never"}  # the list of every year (or month) is not a page of chronicle's
    for taxonomy in ("years", "months"):
        _write(out / f"content/{taxonomy}/_index.md", _front({"title": taxonomy, "build": unlisted}))
    outputs = ["html", "embed"]
    for year in sorted(years):
        _write(out / f"content/years/{year}/_index.md", _front({"title": year, "outputs": outputs}))
    for weight, key in enumerate(sorted(months), start=1):
        year, month = key.split("-")
        front = {
            "title": f"{year}, month not known" if month == "00" else f"{_MONTHS[int(month) - 1]} {year}",
            "weight": weight,  # time order, for the links to the previous and next month
            "slug": "month-unknown" if month == "00" else month,
            "date": f"{year}-{'01' if month == '00' else month}-01",  # for :year in the permalink
            "outputs": outputs,
        }
        _write(out / f"content/months/{key}/_index.md", _front(front))


def write_hugo_site(timeline: Timeline, out: Path) -> None:
    _reset(out)
    config = (THEME / "hugo.toml").read_text(encoding="utf-8")
    for name, value in (
        ("base_url", BASE_URL),
        ("title", SITE_TITLE),
        ("description", f"{len(timeline.events)} invented events, each backed by a verbatim quote."),
    ):
        config = config.replace("{" + name + "}", value)
    _write(out / "hugo.toml", config)
    shutil.copytree(THEME / "layouts", out / "layouts")
    _write(out / "static/style.css", "body { font-family: serif; max-width: 50rem; margin: auto; }\n")
    _write(out / "content/_index.md", _front({"title": SITE_TITLE}))
    # chronicle has no page listing every event, nor one listing the free pages.
    _write(out / "content/events/_index.md", _front({"title": "Events", "build": {"render": "never"}}))
    _write(out / "content/pages/_index.md", _front({"title": "Pages", "build": {"render": "never"}}))
    _write(out / "content/disputes/_index.md", _front({"title": "Disputed figures", "layout": "disputes"}))
    for name, weight, text in (("about", 1, _ABOUT), ("methodology", 2, _METHODOLOGY)):
        # No embed of a free page, as in chronicle.
        front = {"title": name.capitalize(), "weight": weight, "outputs": ["html"]}
        _write(out / f"content/pages/{name}.md", _front(front) + text)
    years, months = _periods(timeline)
    _write_hugo_periods(years, months, out)
    for kind, entities in (("actors", timeline.actors), ("places", timeline.places)):
        _write(out / f"content/{kind}/_index.md", _front({"title": kind.capitalize()}))
        for entity in entities:
            _write(
                out / f"content/{kind}/{entity.id}/_index.md",
                _front(
                    {
                        "title": entity.name,
                        "params": {"aliases_shown": entity.aliases, "category": entity.category},
                    }
                ),
            )
    _write(out / "content/tags/_index.md", _front({"title": "Topics"}))
    _write(out / "content/sources/_index.md", _front({"title": "Sources"}))
    articles = {article.id: article for article in timeline.articles}
    for article in timeline.articles:
        body = []
        for index, paragraph in enumerate(article.paragraphs):
            if index in article.headings:
                body.append(f"## {article.headings[index]}\n")
            body.append(" ".join(paragraph) + "\n")
        _write(
            out / f"content/sources/{article.id}/_index.md",
            _front(
                {
                    "title": article.title,
                    "outputs": ["html"],  # chronicle has no feed per source document
                    "params": {
                        "publisher": article.publisher,
                        "published": article.published,
                        "original": article.url,
                    },
                }
            )
            + "\n".join(body),
        )

    def cite(source: Source) -> dict[str, object]:
        if source.article:
            article = articles[source.article]
            return {
                "article": article.id,
                "title": article.title,
                "publisher": article.publisher,
                "author": article.author,
                "published": article.published,
                "url": article.url,
                "quote": source.quote,
            }
        return {
            "title": source.title,
            "publisher": source.publisher,
            "published": source.published,
            "url": source.url,
        }

    for event in timeline.events:
        cited = sorted(
            {s.article for s in event.sources if s.article}
            | {v.source.article for c in event.claims for v in c.values if v.source.article}
        )
        params = {
            "date_iso": event.date,
            "date_label": ("c. " if event.circa else "") + event.date,
            "end": event.end,
            "cites": [cite(source) for source in event.sources],
            "claims": [
                {
                    "about": claim.about,
                    "values": [
                        {"value": v.value, "according_to": v.according_to, "source": cite(v.source)}
                        for v in claim.values
                    ],
                }
                for claim in event.claims
            ],
            "added": event.added,
        }
        if not event.claims:
            del params["claims"]  # so that the disputes page can select the events that have some
        front = {
            "title": event.title,
            "date": event.day.isoformat(),
            "layout": "single",
            "tags": event.tags,
            "actors": event.actors,
            "places": event.places,
            "years": [event.date[:4]] if event.date[:4] in years else [],
            "months": [_month_key(event)] if _month_key(event) in months else [],
            "sources": cited,
            "params": params,
        }
        _write(out / f"content/events/{event.slug}.md", _front(front) + event.summary)


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=2000, help="number of events (default 2000)")
    parser.add_argument("--out", type=Path, help="chronicle site folder to (re)create")
    parser.add_argument("--hugo-out", type=Path, help="Hugo site folder to (re)create")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--cited-by", type=int, default=0, help="events that also quote the first article (default 0)"
    )
    args = parser.parse_args(argv)
    if args.events < 1:
        parser.error("--events must be at least 1")
    if args.out is None and args.hugo_out is None:
        parser.error("give --out and/or --hugo-out")
    timeline = build_timeline(args.events, args.seed, args.cited_by)
    if args.out is not None:
        write_chronicle_site(timeline, args.out)
        print(
            f"chronicle site: {len(timeline.events)} events, {len(timeline.articles)} articles -> {args.out}"
        )
    if args.hugo_out is not None:
        write_hugo_site(timeline, args.hugo_out)
        print(f"hugo site: {len(timeline.events)} events -> {args.hugo_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
