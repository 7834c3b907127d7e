"""A source document's page: its text in parts, quoted passages highlighted, each linking to
the event quoting it, and the events citing it (made by timeline.assemble)."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from chronicle.model.hidden_text import INVISIBLE, code_point
from chronicle.model.records import Article
from chronicle.timeline.documents import paragraph_break, text_parts, text_path
from chronicle.timeline.views import EventView

if TYPE_CHECKING:
    from chronicle.timeline.lists import Part


@dataclass(frozen=True)
class Shown:
    """A piece of a segment as the page shows it: text, or one invisible character's marker."""

    text: str
    """The text; for an invisible character, its marker ("[U+202E]")."""
    hidden: str = ""
    """For an invisible character: what it is ("U+202E (RIGHT-TO-LEFT OVERRIDE)")."""


@dataclass(frozen=True)
class Segment:
    """A run of an article's text; a highlighted one links to the event quoting it.

    A document is third party: it may hold the characters that reorder text (bidi embeddings,
    overrides, isolates) or take no space (zero width space, word joiner, byte order mark)
    that the editors' own fields refuse (model.hidden_text.INVISIBLE). It is not refused for
    them; its page shows each as a visible marker where it stands instead, so that it cannot
    reorder or hide what readers see, while a reader still learns it is in the document
    (removing it would reproduce the document less faithfully than the page says it does).
    The joiners and direction marks that scripts and emoji need stay as they are."""

    original: str
    """The run as the document has it."""
    anchors: tuple[str, ...]
    event: EventView | None
    quoted_by: int = 1
    """How many events quote the passage, when it is shown as one highlight (more than
    CROWDED quotes); 1 otherwise."""
    listed: bool = True
    """Whether `event`'s line of the citing list is on the page with the text."""
    also: tuple[EventView, ...] = ()
    """After the last run of a passage: the events quoting it that none of its highlights links
    (a passage quoted alike by several, or words quoted inside another's quote)."""

    @cached_property
    def pieces(self) -> tuple[Shown, ...]:
        """The run as shown, each invisible character a marker of its own."""
        if not INVISIBLE.search(self.original):  # (almost every run: one search)
            return (Shown(self.original),)
        pieces, at = [], 0
        for match in INVISIBLE.finditer(self.original):
            if at < match.start():
                pieces.append(Shown(self.original[at : match.start()]))
            char = match.group()
            pieces.append(Shown(f"[U+{ord(char):04X}]", code_point(char)))
            at = match.end()
        if at < len(self.original):
            pieces.append(Shown(self.original[at:]))
        return tuple(pieces)

    @property
    def text(self) -> str:
        """The run as shown, in plain text (for a theme that shows `text` rather than `pieces`)."""
        return "".join(piece.text for piece in self.pieces)


QuotedSpan = tuple[int, int, str, "EventView"]


@dataclass(frozen=True)
class QuotedTranslation:
    """A quoted passage that its event gives in translation, as the source page lists it."""

    quote: str
    translation: str
    anchor: str
    """Of the passage highlighted in the text."""
    text_path: str
    """The page of the document's text where the passage is (the first, or a later one)."""
    event: EventView


@dataclass(frozen=True)
class SourcePage:
    article: Article
    spans: tuple[QuotedSpan, ...]
    """Every quoted passage: (start, end, anchor, quoting event)."""
    citing: tuple[EventView, ...]
    parts: tuple[Part[EventView], ...]
    """The citing events in pages (timeline/lists.py `citing_parts`): the first is shown
    with the document's text, at `path`."""
    translations: tuple[QuotedTranslation, ...] = ()
    """The quoted passages given in translation, in the order of the spans."""

    @cached_property  # one string, however often renders and records name it
    def identity(self) -> str:
        return f"source:{self.article.id}"

    @property
    def kind(self) -> str:
        """What the sources index lists it as ("address" for a source cited by address alone)."""
        return "document"

    @property
    def editors_words(self) -> bool:
        """Whether a list of sources shows words of the editors' for it, in square brackets: a
        title they described a document without a headline by, or a date they inferred."""
        return self.article.title_supplied or bool(self.article.published_note)

    @cached_property
    def texts(self) -> tuple[SourceText, ...]:
        """The document's text in the parts it is shown in (one unless it is long), each with
        the quotes starting or running in it; the first on the page listing the first citing
        events."""
        text, parts = self.article.text, text_parts(self.article.text)
        listed = tuple(view.slug for view in self.parts[0].items)
        made = []
        for number, (start, end) in enumerate(parts, start=1):
            spans = tuple(
                (max(first, start) - start, min(last, end) - start, anchor if start <= first else "", view)
                for first, last, anchor, view in self.spans
                if first < end and last > start
            )
            shown = listed if number == 1 else ()
            made.append(SourceText(self.article.id, number, len(parts), text[start:end], spans, shown))
        return tuple(made)

    @property
    def paragraphs(self) -> tuple[tuple[Segment, ...], ...]:
        """The first part of the text, quoted passages marked."""
        return self.texts[0].paragraphs

    @property
    def crowded(self) -> bool:
        return self.texts[0].crowded

    @property
    def path(self) -> str:
        return f"sources/{self.article.id}/"


@dataclass(frozen=True)
class SourceText:
    """One page's part of a source document's text."""

    article_id: str
    number: int
    count: int
    """How many parts the text is in."""
    text: str
    spans: tuple[QuotedSpan, ...]
    """The quoted passages in this part (offsets in it; a quote begun on an earlier part
    without its anchor)."""
    listed: tuple[str, ...]
    """The slugs of the events whose citing line is on the same page."""

    @property
    def path(self) -> str:
        return text_path(self.article_id, self.number)

    @property
    def pages(self) -> tuple[tuple[int, str], ...]:
        """(number, path) of every part, for the navigation between them."""
        return tuple((number, text_path(self.article_id, number)) for number in range(1, self.count + 1))

    @cached_property
    def paragraphs(self) -> tuple[tuple[Segment, ...], ...]:
        """The text, quoted passages marked: made only for a page being rendered."""
        return highlight(self.text, list(self.spans), set(self.listed))

    @property
    def crowded(self) -> bool:
        """Whether a passage is quoted by so many events that it links only the first."""
        return any(segment.quoted_by > 1 for paragraph in self.paragraphs for segment in paragraph)


CROWDED = 5
"""A passage (quotes that overlap) quoted more than five times is one highlight, as if quoted
once by the first event (in the timeline's order) quoting it, with that quote's anchor only: a
source quoted 2,500 times drew 1,516 highlights with 1,714 extra anchors (596 KB of HTML) and
draws 70 (26 KB). The other quotes' anchors are not on the page: their "in context" links open it at
the top."""

_Run = tuple[int, int, tuple[str, ...], EventView | None, int, tuple[EventView, ...]]
"""(start, end, anchors, event, quoted_by, the other events quoting it) of a run of the text."""


def highlight(
    text: str, spans: list[QuotedSpan], listed: Collection[str] | None = None
) -> tuple[tuple[Segment, ...], ...]:
    """The text as paragraphs of segments, quoted spans marked: a passage quoted at most
    CROWDED times is cut where its quotes start and end, each piece linking the earliest quote
    covering it (and anchoring the quotes that start there); a more crowded one is one
    highlight. `listed`: the slugs of the events whose citing line is on the page (None: all)."""
    text = text.rstrip()  # its last line break ends its last paragraph (no quote reaches into it)
    ordered = sorted(enumerate(spans), key=lambda item: (item[1][0], item[1][1], item[1][2]))
    runs: list[_Run] = []
    position = 0
    for passage in _passages(ordered):
        start, end = passage[0][1][0], max(span[1] for _, span in passage)
        if position < start:
            runs.append((position, start, (), None, 1, ()))
        if len(passage) <= CROWDED:
            runs.extend(_naming_the_unlinked(list(_pieces([span for _, span in passage])), passage))
        else:
            runs.extend(_one(passage))
        position = end
    if position < len(text):
        runs.append((position, len(text), (), None, 1, ()))
    paragraphs: list[list[Segment]] = [[]]
    breaks = paragraph_break(text)
    for start, end, anchors, event, quoted_by, also in runs:
        shown = event is not None and (listed is None or event.slug in listed)
        pieces = breaks.split(text[start:end])
        last = max((number for number, piece in enumerate(pieces) if piece), default=0)
        for number, piece in enumerate(pieces):
            if number > 0:
                paragraphs.append([])
            if piece:  # the other quoting events named once, after the run's last piece
                paragraphs[-1].append(
                    Segment(piece, anchors, event, quoted_by, shown, also if number == last else ())
                )
                anchors = ()
    return tuple(tuple(paragraph) for paragraph in paragraphs if paragraph)


def _naming_the_unlinked(pieces: list[_Run], passage: list[tuple[int, QuotedSpan]]) -> list[_Run]:
    """The passage's pieces, the last naming the events that quote it but that no piece links
    (a passage quoted alike by several, or words quoted inside another's quote): once, after
    the passage, never inside a quotation."""
    linked = {id(piece[3]) for piece in pieces}
    unlinked = list({id(span[3]): span[3] for _, span in passage if id(span[3]) not in linked}.values())
    if not unlinked or not pieces:
        return pieces
    *rest, last = pieces
    return [*rest, (*last[:5], tuple(unlinked))]


def _passages(ordered: list[tuple[int, QuotedSpan]]) -> Iterator[list[tuple[int, QuotedSpan]]]:
    """The spans (sorted by start) in groups that overlap: each group one passage of the text."""
    passage: list[tuple[int, QuotedSpan]] = []
    end = 0
    for item in ordered:
        if passage and item[1][0] >= end:
            yield passage
            passage = []
        end = max(end, item[1][1]) if passage else item[1][1]
        passage.append(item)
    if passage:
        yield passage


def _pieces(spans: list[QuotedSpan]) -> Iterator[_Run]:
    """A passage cut where its quotes start and end; overlaps link the earliest quote."""
    cuts = sorted({*(span[0] for span in spans), *(span[1] for span in spans)})
    anchored: set[str] = set()
    for start, end in itertools.pairwise(cuts):
        covering = [span for span in spans if span[0] <= start and end <= span[1]]
        anchors = tuple(span[2] for span in covering if span[2] and span[2] not in anchored)
        anchored.update(anchors)
        yield start, end, anchors, covering[0][3] if covering else None, 1, ()


def _one(passage: list[tuple[int, QuotedSpan]]) -> Iterator[_Run]:
    """A crowded passage as one run (see CROWDED), for its first quote in the timeline's order
    (the order of the source's list of spans)."""
    _, first = min(passage)
    quoting = len({id(span[3]) for _, span in passage})  # an event's view is one object
    start, end = passage[0][1][0], max(span[1] for _, span in passage)
    yield start, end, (first[2],) if first[2] else (), first[3], quoting, ()
