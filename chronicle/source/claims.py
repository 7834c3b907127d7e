"""An event's `claims`: figures and wordings that sources state differently, each value with
its source, read and checked."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from chronicle.model.chronology import placement
from chronicle.model.diagnostics import Diagnostics
from chronicle.model.event_dates import EventDate
from chronicle.model.fields import CLAIM_FIELDS, CLAIM_KINDS, CLAIM_VALUE_FIELDS, EVENT_FIELDS
from chronicle.model.records import ArticleSource, Claim, ClaimValue
from chronicle.source.cited import read_source
from chronicle.source.copied_texts import read_event_text
from chronicle.source.figure_words import warn_numbers_not_stated
from chronicle.source.figures import read_figure, warn_unmarked_bound
from chronicle.source.load import YamlMap, YamlNode, YamlSeq
from chronicle.source.quotes import closest_passage, differences, fold, normalise
from chronicle.source.validate import check_mapping, read_choice, read_event_date, read_list
from chronicle.source.word_bounds import find_whole

if TYPE_CHECKING:
    from chronicle.source.events import EventContext


def read_claims(node: YamlNode | None, context: EventContext, diagnostics: Diagnostics) -> tuple[Claim, ...]:
    """An event's `claims`: each value read, its source's quote verified, in `as_of` order."""
    if node is None:
        return ()
    claims = []
    for item in read_list(node, "claims", diagnostics) or ():
        fields = check_mapping(item, CLAIM_FIELDS, "claim", diagnostics, item.mark, EVENT_FIELDS)
        if fields is None or "about" not in fields or "values" not in fields:
            continue
        about = read_event_text(fields["about"], "about", diagnostics)
        kind = read_choice(fields["kind"], "kind", CLAIM_KINDS, diagnostics) if "kind" in fields else "figure"
        values = (
            _claim_value(value_node, kind, context, diagnostics)
            for value_node in _claim_value_nodes(fields["values"], diagnostics)
        )
        if about is not None and kind is not None:
            ordered = ordered_by_as_of(value for value in values if value is not None)
            claims.append(Claim(about, ordered, "wording" if kind == "wording" else "figure"))
        if kind == "wording":
            _warn_of_numbers(fields["values"], diagnostics)
    return tuple(claims)


def _warn_of_numbers(values: YamlNode, diagnostics: Diagnostics) -> None:
    """`low`, `high`, `unit` and `bound` are a figure's: a wording is shown in its words, with no chart."""
    for value in values.items if isinstance(values, YamlSeq) else ():
        for key, _ in value.entries if isinstance(value, YamlMap) else ():
            if key.value in ("low", "high", "unit", "bound"):
                diagnostics.warning(
                    key.mark,
                    f"'{key.value}' is not shown for a claim of kind wording, which has no figure",
                    "remove it, or make the claim a figure (no `kind`, or `kind: figure`)",
                )


MIN_CLAIM_VALUES = 2
"""A claim sets side by side how sources state something differently (the contract's "figures
that sources state differently"): one value disputes nothing, and none shows an empty table."""


MAX_CLAIM_VALUES = 100
"""As tags and places are bounded: each value is a row of the claim's table, and its `as_of` a date."""


def _claim_value_nodes(node: YamlNode, diagnostics: Diagnostics) -> tuple[YamlNode, ...]:
    items = read_list(node, "values", diagnostics)
    if items is not None and len(items) < MIN_CLAIM_VALUES:
        held = "is empty" if not items else "holds one value"
        diagnostics.error(
            node.mark,
            f"'values' {held}; a claim shows how sources state something differently, "
            "so it needs at least two values",
            "add the value another source states; a figure that only one source gives belongs "
            "in the summary, with its source under `sources`",
        )
    if items is not None and len(items) > MAX_CLAIM_VALUES:
        diagnostics.error(
            node.mark,
            f"'values' holds {len(items):,} values; a claim may set at most {MAX_CLAIM_VALUES} side by side",
            "keep the values that differ, each with its source; a claim is a table a reader reads",
        )
        return ()
    return items or ()


def _claim_value(
    node: YamlNode, kind: str | None, context: EventContext, diagnostics: Diagnostics
) -> ClaimValue | None:
    fields = check_mapping(node, CLAIM_VALUE_FIELDS, "claim value", diagnostics, node.mark, EVENT_FIELDS)
    if fields is None or any(name not in fields for name in ("value", "according_to", "source")):
        return None
    value = read_event_text(fields["value"], "value", diagnostics)
    according_to = read_event_text(fields["according_to"], "according_to", diagnostics)
    source = read_source(fields["source"], fields["source"].mark, context, diagnostics)
    as_of = read_event_date(fields["as_of"], "as_of", diagnostics) if "as_of" in fields else None
    figure = read_figure(fields, diagnostics)
    note = read_event_text(fields["note"], "note", diagnostics) if "note" in fields else None
    if value is None or according_to is None or source is None:
        return None
    if kind == "figure" and "bound" not in fields:  # a `bound` written wrong is an error already
        warn_unmarked_bound(fields["value"], value, figure, diagnostics)
    if kind == "figure":
        warn_numbers_not_stated(fields, value, figure, diagnostics)
    outside = None
    if isinstance(source, ArticleSource):  # in the document's words, or in its translation's
        outside = words_outside_quote(value, source.quote)
        if outside is not None and source.translation is not None:
            outside = words_outside_quote(value, source.translation)
    if outside is not None:
        diagnostics.warning(
            fields["value"].mark,
            f"the value's words {outside!r} are not in its quote: a value gives the source's own words, "
            "which its quote holds",
            _differing(outside, source.quote if isinstance(source, ArticleSource) else "")
            + "quote the passage that gives the value; put words the editors add in square brackets "
            "([in 2024]) and mark words left out with …",
        )
    return ClaimValue(
        value, according_to, source, as_of, figure.low, figure.high, figure.unit, figure.bound, note
    )


def _differing(words: str, quote: str) -> str:
    """Where a value's words first differ from the passage of its quote closest to them
    (`the value has "3000" where its quote has "3,000"; `), or nothing when none is close."""
    if not quote:
        return ""
    miss = closest_passage(fold(words), normalise(quote))
    found = differences(words, miss.closest) if miss.closest and miss.score >= CLOSE_ENOUGH else None
    if found is None:
        return ""
    (ours, theirs), _ = found
    return f'the value has "{ours}" where its quote has "{theirs}"; '


CLOSE_ENOUGH = 60.0
"""How like the value (in %) the passage of its quote must be for the hint to name a difference."""


_EDITORS_WORDS = re.compile(r"\[[^\]]*\]")
_LEFT_OUT = re.compile(r"…|\.\.\.")


def words_outside_quote(value: str, quote: str) -> str | None:
    """The first run of a value's words that its quote does not hold at whole words (words in
    square brackets are the editors', and "…" marks words left out), the whole value when all of
    it is in brackets, or None."""
    # The quote's own characters tell a hyphen, which joins words, from a dash, which does not
    # ("North Korea" is whole in "Russia–North Korea"), as the quote check tells them.
    held, quoted = normalise(quote), False
    for part in _LEFT_OUT.split(_EDITORS_WORDS.sub("…", value)):
        words = fold(part).strip(" ,.;:'\"")
        if words and find_whole(held.text, words, held) < 0:
            return part.strip()
        quoted = quoted or bool(words)
    return None if quoted else value.strip()  # all the editors' words: none of the quote's


def ordered_by_as_of(values: Iterable[ClaimValue]) -> tuple[ClaimValue, ...]:
    """By when each was stated (earliest possible day); values without `as_of` keep their
    place after those with one, in file order."""
    return tuple(sorted(values, key=lambda value: _as_of_key(value.as_of)))


def _as_of_key(as_of: EventDate | None) -> tuple[object, ...]:
    if as_of is None:
        return (1,)
    return (0, *placement(as_of, None, "")[:4])
