"""Markdown link references, bounded before anything renders them.

A reference definition (`[a]: /address`) is written once and copied into every link that
uses it (`[text][a]`, `[a]`): a short text can name a long address thousands of times, and
every page, feed and index showing it would carry each copy. The copies are counted from the
block structure alone (markdown-it's inline parse, which makes them, never runs here), and
markdown whose references would add more than MAX_REFERENCE_EXPANSION characters beyond its
own length is refused where it is written (the same idea as cmark-gfm's bound, CVE-2023-22486).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.reference import reference
from markdown_it.token import Token

from chronicle.source.load import shown

MAX_REFERENCE_EXPANSION = 100_000
"""Characters the link references of one text may add to it: thousands of links with
ordinary addresses, never megabytes."""

# An innermost pair of brackets: every use of a reference writes its label as one (a label
# holds no unescaped bracket), so counting them counts each use, or more, never fewer.
_BRACKETED = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]", re.DOTALL)
_DEFINED = re.compile(r"\s*(?:>\s*)*\[((?:[^\[\]\\]|\\.)*)\]:")
"""A definition's label as its line writes it (after any quote markers)."""
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
"""A code span: its brackets are its text, no link's."""


def block_tokens(source: str, env: dict[str, Any] | None = None) -> list[Token]:
    """The block structure of `source` as summaries are read (tables and strikethrough on),
    without the inline parse: `env["references"]` holds its reference definitions."""
    return _blocks_only().parse(source, {} if env is None else env)


@cache
def _blocks_only() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"]).disable("inline")
    md.block.ruler.at("reference", _reference_noting_repeats)
    return md


def _reference_noting_repeats(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's own reference rule, noting in `env["repeated"]` the line of each
    definition of a label defined before: markdown keeps the first, and shows nothing of it."""
    known = len(state.env.get("references", ()))
    found = reference(state, start, end, silent)
    if found and not silent and len(state.env.get("references", ())) == known:
        state.env.setdefault("repeated", []).append(start)
    return found


@dataclass(frozen=True)
class Expansion:
    """What the references of a text would add to it when rendered."""

    total: int
    label: str
    """The reference adding the most, as its definition names it."""
    uses: int
    length: int
    """The length of its address (and title)."""
    line: int
    """The line of its definition in the text, from 0."""


def reference_expansion(source: str) -> Expansion | None:
    """The characters `source`'s link references add when rendered; None: it defines none."""
    if "]:" not in source:  # a definition's label is followed by its colon: almost every text
        return None
    env: dict[str, Any] = {}
    tokens = block_tokens(source, env)
    references: dict[str, dict[str, Any]] = env.get("references", {})
    if not references:
        return None
    uses = _uses(tokens, references)

    def copied(label: str) -> int:
        reference = references[label]
        return len(reference.get("href") or "") + len(reference.get("title") or "")

    weights = {label: count * copied(label) for label, count in uses.items()}
    if not weights:
        return None
    most = max(weights, key=lambda label: weights[label])
    line = (references[most].get("map") or [0])[0]
    return Expansion(sum(weights.values()), most, uses[most], copied(most), line)


def _uses(tokens: list[Token], references: dict[str, dict[str, Any]]) -> Counter[str]:
    """How often each defined label is used (or may be: every bracketed text out of code counts)."""
    uses: Counter[str] = Counter()
    for token in tokens:
        if token.type == "inline":
            spans = [span.span() for span in _CODE_SPAN.finditer(token.content)]
            starts = [start for start, _ in spans]
            for match in _BRACKETED.finditer(token.content):
                inside = bisect_right(starts, match.start()) - 1
                if inside >= 0 and match.start() < spans[inside][1]:
                    continue  # a bracket in code (`[a]`) is its text; code in a label ([`a`]) is not
                label = normalizeReference(match[1])
                if label in references:
                    uses[label] += 1
    return uses


def unused_reference(source: str, whose: str) -> tuple[int, str, str] | None:
    """(line from 0, message, hint) of the first link reference `source` defines and no link
    uses: markdown shows nothing of the line (`[Update]: corrected.` reads as one)."""
    if "]:" not in source:
        return None
    env: dict[str, Any] = {}
    tokens = block_tokens(source, env)
    references: dict[str, dict[str, Any]] = env.get("references", {})
    uses = _uses(tokens, references)
    unused = {(references[label].get("map") or [0])[0]: label for label in references if label not in uses}
    repeated = {line: "" for line in env.get("repeated", ()) if line not in unused}
    if not unused and not repeated:
        return None
    line = min([*unused, *repeated])
    written = _DEFINED.match(source.splitlines()[line] if line < len(source.splitlines()) else "")
    label = f"[{shown(written[1], 40)}]" if written else "a link reference"
    if line in unused:
        message = (
            f"this line of {whose} text reads as the definition of {label}, a link reference no "
            "link uses: markdown shows nothing of it"
        )
    else:
        message = (
            f"this line of {whose} text reads as a second definition of {label}: markdown keeps "
            "the first one of a label, and shows nothing of this line"
        )
    use = "link with it ([words][label])" if line in unused else "give it a label of its own"
    hint = f"if it is text, write \\[ for its first bracket; else {use}, or remove it"
    return line, message, hint


def expansion_problem(source: str) -> tuple[Expansion, str, str] | None:
    """The expansion of `source`, with a message and a hint in editors' words, when it is over
    the bound."""
    expansion = reference_expansion(source)
    if expansion is None or expansion.total <= len(source) + MAX_REFERENCE_EXPANSION:
        return None
    message = (
        f"the link reference [{shown(expansion.label.lower(), 40)}] is used {expansion.uses:,} times and "
        f"repeats its address of {expansion.length:,} characters each time: its references add "
        f"{expansion.total:,} characters, more than the {MAX_REFERENCE_EXPANSION:,} a text's "
        "references may add"
    )
    hint = "write the address once per link, or shorten it"
    return expansion, message, hint
