"""PyYAML's syntax errors in editors' words: where the mistake is, what it is, and how to fix it.

PyYAML says what its parser expected ("did not find expected key", "while scanning a simple
key") and often where it gave up, which can be past the end of the file: an unclosed quote is
found only at the end. Most mistakes editors make are a handful (a quote left open, a `"`
inside a quoted value, a `: ` inside a value that is not quoted, a line indented out of line,
a value starting with a character YAML reserves), and each is recognised here from the
parser's words and the text around its marks. Anything else keeps PyYAML's own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from chronicle.model.diagnostics import Mark
from chronicle.source.load import shown
from chronicle.source.yaml_quoting import quoted_for_yaml

_QUOTED = "while scanning a quoted scalar"


@dataclass(frozen=True)
class SyntaxProblem:
    line: int
    """From 1, as editors count lines."""
    col: int
    message: str
    hint: str | None


def syntax_error(error: yaml.MarkedYAMLError, text: str, relpath: str) -> tuple[Mark, str, str | None]:
    """The error to report: where, what ("YAML syntax error: ..."), and a hint."""
    where = _position(error.problem_mark) or _position(error.context_mark)
    mark = Mark(relpath, *where) if where else Mark(relpath)
    problem = error.problem or "invalid YAML"
    if error.context == "expected a single document in the stream":
        return mark, "YAML syntax error: a file holds one YAML document", "remove the second `---`"
    if (
        "\\t" in problem
        or "tab" in problem
        or (where and _line(text.split("\n"), where[0])[where[1] - 1 : where[1]] == "\t")
    ):
        return mark, "YAML syntax error: a tab character cannot indent YAML", "indent with spaces"
    explained = explain_syntax_error(error, text)
    if explained is not None:
        return (
            Mark(relpath, explained.line, explained.col),
            f"YAML syntax error: {explained.message}",
            explained.hint,
        )
    return mark, f"YAML syntax error: {problem}", error.context


def explain_syntax_error(error: yaml.MarkedYAMLError, text: str) -> SyntaxProblem | None:
    """What went wrong, in editors' words, at the place to fix; None when not recognised."""
    lines = text.split("\n")
    problem, context = error.problem or "", error.context or ""
    at, opened = _position(error.problem_mark), _position(error.context_mark)
    if context == _QUOTED and opened is not None:
        return _unclosed_quote(lines, opened)
    if problem == "found unknown escape character" and at is not None:
        return SyntaxProblem(
            *at,
            "a backslash (\\) in a value in double quotes starts an escape such as \\n, and this one is none",
            "write a backslash as \\\\, or put the value in single quotes",
        )
    if context.startswith("while parsing a flow") and opened is not None:
        return _unclosed_flow(lines, opened)
    if at is None:
        return None
    if problem in ("found character that cannot start any token", "found undefined alias") or context in (
        "while scanning an anchor",
        "while scanning an alias",
    ):
        return _reserved_start(lines, opened if context.startswith("while scanning an") and opened else at)
    if problem == "did not find expected key" and _after_closing_quote(lines, at):
        earlier = _opened_lines_before(text, at)
        return _text_after_quote(lines, at) if earlier is None else _unclosed_quote(lines, earlier)
    if problem == "mapping values are not allowed in this context" and _inside_value(lines, at):
        return _colon_in_value(lines, at)
    if context == "while scanning a simple key" and opened is not None:
        return SyntaxProblem(
            opened[0],
            1,
            "this line is neither `key: value` nor indented under a key",
            "if it goes on with the value above it (after `summary: |`), indent it as the lines "
            "above it; otherwise write it as `key: value`",
        )
    if problem in (
        "did not find expected key",
        "did not find expected '-' indicator",
        "mapping values are not allowed in this context",
    ):
        return _out_of_line(lines, at[0])
    return None


def _position(mark: yaml.Mark | None) -> tuple[int, int] | None:
    return None if mark is None else (mark.line + 1, mark.column + 1)


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 1 <= number <= len(lines) else ""


def _unclosed_quote(lines: list[str], opened: tuple[int, int]) -> SyntaxProblem:
    quote = _line(lines, opened[0])[opened[1] - 1 : opened[1]] or '"'
    inside = "\\" + quote if quote == '"' else quote * 2
    other = "single" if quote == '"' else "double"
    return SyntaxProblem(
        *opened,
        f"the value opened here with {quote} is never closed",
        f"end the value with {quote}; a {quote} inside it is written {inside} (or put the value in "
        f"{other} quotes)",
    )


def _unclosed_flow(lines: list[str], opened: tuple[int, int]) -> SyntaxProblem:
    line = _line(lines, opened[0])
    bracket = line[opened[1] - 1 : opened[1]]
    early = _quote_ending_early(line, opened[1])
    if early is not None:
        return SyntaxProblem(
            opened[0],
            early,
            'a " inside a value in double quotes ends the value there, and the rest is not read',
            'write each " inside the value as \\", or put the value in single quotes',
        )
    if bracket == "{":
        return SyntaxProblem(
            *opened,
            "a value starting with { is read as a mapping, and this one is not closed",
            "put the value in quotes if it is text",
        )
    return SyntaxProblem(
        *opened,
        "the list opened here with [ is not closed",
        "close it with ] (items separated by commas), or write one item per line under the key, "
        "each starting with `- `",
    )


_QUOTED_VALUE = re.compile(r'[:,\[{]\s*"((?:[^"\\]|\\.)*)"\s*([^\s,}\]]?)')


def _quote_ending_early(line: str, opened: int) -> int | None:
    """The column of a double quote that ends a value of a flow mapping or list early (text,
    not `,` or the closing bracket, follows it), or None."""
    for match in _QUOTED_VALUE.finditer(line, opened - 1):
        if match.group(2):
            return match.end(1) + 1
    return None


def _reserved_start(lines: list[str], at: tuple[int, int]) -> SyntaxProblem:
    line = _line(lines, at[0])
    character = line[at[1] - 1 : at[1]] or "?"
    key, _, value = line.partition(": ")
    value = _without_comment(value)
    example = f"{key.strip()}: {quoted_for_yaml(value)}" if value else '"..."'
    return SyntaxProblem(
        *at,
        f"a value cannot start with {character}: YAML keeps it for its own use",
        f"put the value in quotes: {example}",
    )


def _after_closing_quote(lines: list[str], at: tuple[int, int]) -> bool:
    before = _line(lines, at[0])[: at[1] - 1].rstrip()
    return before.endswith(('"', "'")) and ": " in before


_KEY_LINE = re.compile(r"\s*(?:- )?[\w-]+:(?:\s|$)|\s*#")


def _opened_lines_before(text: str, at: tuple[int, int]) -> tuple[int, int] | None:
    """Where the quoted value that closes just before `at` was opened, when that is on an
    earlier line and the lines it swallowed read as keys or comments: a quote left open, closed
    by chance by the first quote further down (which is then reported, and is right)."""
    quoted = None
    try:
        for token in yaml.scan(text, Loader=yaml.BaseLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                quoted = token
    except yaml.YAMLError:
        pass
    if quoted is None or quoted.end_mark.line + 1 != at[0] or quoted.start_mark.line + 1 >= at[0]:
        return None
    swallowed = text.split("\n")[quoted.start_mark.line + 1 : at[0]]
    if not any(_KEY_LINE.match(line) for line in swallowed):
        return None
    return quoted.start_mark.line + 1, quoted.start_mark.column + 1


def _text_after_quote(lines: list[str], at: tuple[int, int]) -> SyntaxProblem:
    key, _, value = _line(lines, at[0]).partition(": ")
    value = value.strip()
    quote = value[:1]
    # The whole value as typed, but its own quotes: what a paste of the hint must give back.
    inner = value[1:-1] if len(value) > 1 and value.endswith(quote) else value[1:]
    if quote == "'":
        inside, other = "a ' inside a value in single quotes is written ''", _double_quoted(inner)
    else:
        inside, other = 'a " inside a value in double quotes is written \\"', quoted_for_yaml(inner)
    return SyntaxProblem(
        *at,
        "the value's closing quote comes before this text",
        f"{inside} (or put the whole value in the other kind of quotes: {key.strip()}: {other})",
    )


def _inside_value(lines: list[str], at: tuple[int, int]) -> bool:
    """Whether the colon at `at` follows a key's own `: ` on its line (a value holding `: `)."""
    before = _line(lines, at[0])[: at[1] - 1]
    return ": " in before.lstrip("- ")


def _colon_in_value(lines: list[str], at: tuple[int, int]) -> SyntaxProblem:
    key, _, value = _line(lines, at[0]).partition(": ")
    return SyntaxProblem(
        *at,
        'a value holding ": " must be in quotes',
        f"write {key.strip()}: {quoted_for_yaml(_without_comment(value))}",
    )


def _without_comment(value: str) -> str:
    """The value without a comment after it (`new` ends each line of its file with one): a
    `#` after a space and before one, or at the end. A `#` with a word after it (`flight #1`,
    `#hashtag`) is kept as text: the line is to be put in quotes, where YAML keeps it too."""
    return re.split(r"\s#(?:\s|$)", value, maxsplit=1)[0].strip()


def _out_of_line(lines: list[str], number: int) -> SyntaxProblem:
    line = _line(lines, number)
    indent = len(line) - len(line.lstrip(" "))
    if line.lstrip(" ").startswith("- "):
        cut = _list_cut_above(lines, number, indent)
        if cut is not None:
            return cut
    spaces = "space" if indent == 1 else "spaces"
    return SyntaxProblem(
        number,
        indent + 1,
        f"this line is indented {indent} {spaces}, which fits no block above it",
        _alignment_hint(lines, number, line.lstrip(" ").startswith("- ")),
    )


def _lines_above(lines: list[str], number: int) -> Iterator[tuple[int, str, int]]:
    """(number, text without its indentation, indentation) of each line above line `number`
    that holds more than a comment, nearest first."""
    for above in range(number - 1, 0, -1):
        text = _line(lines, above)
        content = text.lstrip(" ")
        if content and not content.startswith("#"):
            yield above, content, len(text) - len(content)


def _list_cut_above(lines: list[str], number: int, indent: int) -> SyntaxProblem | None:
    """A list item that fits no block because a line less indented above it ended its list
    (a `quote:` pasted at column 1 under `- article:`): that line is the mistake."""
    cutter = None
    for above, content, depth in _lines_above(lines, number):
        if cutter is None:
            if depth >= indent:
                return None
            cutter = (above, depth)
        elif depth == indent and content.startswith("- "):
            keys = indent + 2
            return SyntaxProblem(
                cutter[0],
                cutter[1] + 1,
                f"this line is indented {cutter[1]} spaces, which ends the list of line {above}, "
                f"though the list goes on at line {number}",
                f"if it belongs to the item on line {above}, indent it as that item's keys: {keys} spaces",
            )
        elif depth < cutter[1] or depth < indent:
            return None
    return None


def _alignment_hint(lines: list[str], number: int, is_item: bool) -> str:
    """Where the line above says this one should start: a list item's `-` under the item
    before it, a key under the keys of its block, or of the block holding that one (a key
    of the event typed one space in after a list, `claims:` under `sources:`)."""
    indent = len(_line(lines, number)) - len(_line(lines, number).lstrip(" "))
    nearest = None
    for above, content, depth in _lines_above(lines, number):
        if is_item:
            if content.startswith("- "):
                return f"a list's items start in one column: line {above}'s `-` is indented {depth} spaces"
            continue
        if content.startswith("- "):
            content, depth = content[2:], depth + 2
        elif ":" not in content:  # the text of a block value (`summary: |`), not a key
            return _after_block_text(lines, number, above, depth)
        key = f"`{shown(content.partition(':')[0].strip())}:` on line {above} is indented {depth} spaces"
        if nearest is None:
            nearest = key
            if depth < indent:
                break
        elif depth < indent:
            return f"keys of one block start in one column: {nearest}, {key}"
    if nearest is not None:
        return f"keys of one block start in one column: {nearest}"
    return "keys of one block start in one column, and so do a list's `-`"


def _after_block_text(lines: list[str], number: int, text_line: int, text_depth: int) -> str:
    """A line after the text of a block value (`summary: |`): that text goes on, or, for a
    line that reads as a key (`tags: [a, b]` typed one space in), the keys start in the
    column of the key holding the text, which the text would otherwise swallow."""
    goes_on = f"if it goes on with the text above it, indent it as line {text_line}: {text_depth} spaces"
    content = _line(lines, number).lstrip(" ")
    if content.startswith(("-", "#")) or not _KEY_LINE.match(content):
        return goes_on
    for above, content, depth in _lines_above(lines, text_line):
        if depth < text_depth:
            key = shown(content.removeprefix("- ").partition(":")[0].strip())
            column = depth + 2 if content.startswith("- ") else depth
            return (
                f"if it is a key, as `{key}:` on line {above} is, start it in that key's column: "
                f"{column} spaces ({goes_on})"
            )
    return goes_on


def _double_quoted(value: str) -> str:
    """`value` (of one line) in double quotes, whatever it holds."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def tag_or_anchor(event: yaml.NodeEvent) -> tuple[str, str]:
    """The message and hint for a value YAML gives an anchor or a tag: each is refused (no
    value is named, none typed), and YAML would drop it from the text without a word."""
    if event.anchor is not None:
        what, written = "an anchor (a name for the value)", "&" + event.anchor
    else:
        tag = str(getattr(event, "tag", ""))
        what, written = "a tag (a type for the value)", tag.replace("tag:yaml.org,2002:", "!!", 1)
    return (
        f"YAML reads {written!r} at the start of this value as {what}, which is not allowed here, "
        "and would drop it from the text",
        f"put the whole value in quotes if {written[0]!r} is part of the text",
    )
