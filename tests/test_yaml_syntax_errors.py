"""YAML syntax errors editors make, reported where to fix them, in their words, with the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from chronicle.model.diagnostics import Diagnostics
from chronicle.source.load import parse_yaml

EVENT_START = "title: T\nsources:\n  - article: a\n"


def reported(text: str) -> tuple[str, str, str | None]:
    diagnostics = Diagnostics()
    assert parse_yaml(text, "f.yaml", diagnostics) is None
    [problem] = diagnostics.items
    assert problem.message.startswith("YAML syntax error: ")
    return str(problem.mark), problem.message.removeprefix("YAML syntax error: "), problem.hint


def test_a_quote_left_open_is_reported_where_it_opens_not_past_the_end() -> None:
    where, message, hint = reported(EVENT_START + '    quote: "longest 57 seconds\ntags: [x]\n')
    assert (where, message) == ("f.yaml:4:12", 'the value opened here with " is never closed')
    assert hint is not None and 'end the value with "' in hint and '\\"' in hint


def test_a_single_quote_left_open_says_how_to_write_a_single_quote_inside() -> None:
    where, message, hint = reported("title: T\nsummary: 'it is\ntags: [x]\n")
    assert (where, message) == ("f.yaml:2:10", "the value opened here with ' is never closed")
    assert hint is not None and "''" in hint


def test_an_apostrophe_inside_single_quotes_is_explained_with_the_value_rewritten() -> None:
    where, message, hint = reported("title: T\nsummary: 'it's'\n")
    assert (where, message) == ("f.yaml:2:14", "the value's closing quote comes before this text")
    assert hint is not None and "''" in hint and 'summary: "it\'s"' in hint


def test_a_double_quote_inside_double_quotes_is_explained_with_the_value_rewritten() -> None:
    where, message, hint = reported('title: T\nsummary: "He said "yes" today"\n')
    assert (where, message) == ("f.yaml:2:20", "the value's closing quote comes before this text")
    assert hint is not None and "summary: 'He said \"yes\" today'" in hint


@pytest.mark.parametrize(
    ("line", "meant"),
    [
        ('quote: "Open for business", she said.', 'Open for business", she said.'),
        ('quote: "Open for business", she said today!', 'Open for business", she said today!'),
        ("quote: 'It's open', \"she\" said", "It's open', \"she\" said"),
        ('quote: "' + "word " * 30 + 'end" after', "word " * 30 + 'end" after'),
    ],
)
def test_the_value_rewritten_in_the_other_quotes_is_the_whole_value_as_typed(line: str, meant: str) -> None:
    _, message, hint = reported(f"title: T\n{line}\n")
    assert message == "the value's closing quote comes before this text"
    assert hint is not None
    rewritten = hint.partition("(or put the whole value in the other kind of quotes: ")[2].removesuffix(")")
    assert yaml.safe_load(rewritten) == {"quote": meant}


def test_a_colon_and_space_inside_a_plain_value_asks_for_quotes_around_that_value() -> None:
    assert reported("title: T\nsummary: Orville: he writes that it worked\n") == (
        "f.yaml:2:17",
        'a value holding ": " must be in quotes',
        'write summary: "Orville: he writes that it worked"',
    )


def test_the_value_to_quote_leaves_out_the_comment_after_it() -> None:
    # Each line `new` writes ends in a comment: it is no part of the value.
    _, _, hint = reported("title: Baltic: data cables cut   # headline of the event\n")
    assert hint == 'write title: "Baltic: data cables cut"'


def test_a_hash_with_a_word_after_it_is_kept_in_the_value_to_quote() -> None:
    _, _, hint = reported("title: Wrights: flight #1 went well   # headline\n")
    assert hint == 'write title: "Wrights: flight #1 went well"'


NEAREST = "keys of one block start in one column: `article:` on line 3 is indented 4 spaces"
HOLDING = ", `sources:` on line 2 is indented 0 spaces"


@pytest.mark.parametrize(
    ("line", "where", "hint"),
    [
        ("  quote: q", "f.yaml:4:3", NEAREST + HOLDING),
        ("      quote: q", "f.yaml:4:7", NEAREST),
        ("   quote: q", "f.yaml:4:4", NEAREST + HOLDING),
        (" claims: []", "f.yaml:4:2", NEAREST + HOLDING),
    ],
    ids=["less", "more", "one-off", "a-key-of-the-block-holding-it"],
)
def test_a_key_out_of_line_is_reported_at_its_indentation_with_the_columns_of_the_blocks_it_may_be_in(
    line: str, where: str, hint: str
) -> None:
    found, message, said = reported(EVENT_START + line + "\ntags: [x]\n")
    assert found == where
    assert message.startswith("this line is indented ") and message.endswith("which fits no block above it")
    assert said == hint


def test_a_list_item_out_of_line_is_given_the_column_of_the_item_before_it() -> None:
    where, _, hint = reported(EVENT_START + "    quote: q\n - url: https://example.org/\n")
    assert where == "f.yaml:5:2"
    assert hint == "a list's items start in one column: line 3's `-` is indented 2 spaces"


def test_an_unindented_line_of_a_block_value_is_reported_at_that_line() -> None:
    where, message, hint = reported("title: T\nsummary: |\n  first line\nsecond line\ntags: [x]\n")
    assert (where, message) == ("f.yaml:4:1", "this line is neither `key: value` nor indented under a key")
    assert hint is not None and "indent it as the lines above it" in hint


def test_a_line_of_a_block_value_indented_less_is_told_the_indentation_of_the_text() -> None:
    where, _, hint = reported("title: T\nsummary: |\n  first line\n second line\n")
    assert where == "f.yaml:4:2"
    assert hint == "if it goes on with the text above it, indent it as line 3: 2 spaces"


def test_a_key_indented_after_a_block_value_is_told_first_the_column_of_the_key_above() -> None:
    # Indented as the text, `tags:` would be swallowed into the summary without a word.
    where, _, hint = reported("title: T\nsummary: |\n  first line\n tags: [cables, energy]\n")
    assert where == "f.yaml:4:2"
    assert hint == (
        "if it is a key, as `summary:` on line 2 is, start it in that key's column: 0 spaces "
        "(if it goes on with the text above it, indent it as line 3: 2 spaces)"
    )


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("title: T\ntags: [x, y\nactors: [a]\n", "f.yaml:2:7", "the list opened here with [ is not closed"),
        ("title: [unclosed\n", "f.yaml:1:8", "the list opened here with [ is not closed"),
        (
            "title: T\nsummary: {abc\n",
            "f.yaml:2:10",
            "a value starting with { is read as a mapping, and this one is not closed",
        ),
    ],
    ids=["list", "list-at-the-end", "mapping"],
)
def test_an_unclosed_bracket_is_reported_where_it_opens(text: str, where: str, message: str) -> None:
    assert reported(text)[:2] == (where, message)


@pytest.mark.parametrize("start", ["@", "`", "%", "*"])
def test_a_value_starting_with_a_reserved_character_asks_for_quotes(start: str) -> None:
    where, message, hint = reported(f"title: T\nsummary: {start}x said so\n")
    assert (where, message) == (
        "f.yaml:2:10",
        f"a value cannot start with {start}: YAML keeps it for its own use",
    )
    assert hint == f'put the value in quotes: summary: "{start}x said so"'


def test_a_backslash_that_starts_no_escape_in_double_quotes_is_explained() -> None:
    where, message, hint = reported('title: T\nsummary: "C:\\dir"\n')
    assert where == "f.yaml:2:13"
    assert "backslash" in message
    assert hint == "write a backslash as \\\\, or put the value in single quotes"


FIXTURES = Path(__file__).parent / "fixtures"


def test_a_quote_left_open_closed_by_chance_further_down_is_reported_where_it_opens() -> None:
    # The title's quote is never closed; YAML reads on to the next `"`, the quote's, and fails
    # after it: the error is at the title, not at the quote line, which is right.
    text = (FIXTURES / "unclosed-title-quote.yaml").read_text(encoding="utf-8")
    where, message, hint = reported(text)
    assert (where, message) == ("f.yaml:1:8", 'the value opened here with " is never closed')
    assert hint is not None and 'end the value with "' in hint


def test_a_quote_left_open_in_a_new_events_file_is_reported_where_it_opens_not_in_a_comment() -> None:
    # `chronicle new`'s file, its quote opened and not closed: the next `"` is in a comment.
    text = (FIXTURES / "unclosed-quote-in-scaffold.yaml").read_text(encoding="utf-8")
    where, message, _ = reported(text)
    assert (where, message) == ("f.yaml:18:12", 'the value opened here with " is never closed')


def test_a_double_quote_inside_double_quotes_in_braces_is_reported_at_the_quote_ending_it() -> None:
    line = '        source: {article: strike, quote: "The authority put it at "fewer than 700""}\n'
    where, message, hint = reported("title: T\n" + line.lstrip())
    column = line.lstrip().index('"fewer') + 1
    assert where == f"f.yaml:2:{column}"
    assert message == 'a " inside a value in double quotes ends the value there, and the rest is not read'
    assert hint == 'write each " inside the value as \\", or put the value in single quotes'


def test_braces_left_open_are_still_reported_at_the_brace() -> None:
    where, message, _ = reported('title: T\nsource: {article: a, quote: "x"\n')
    assert where == "f.yaml:2:9"
    assert message == "a value starting with { is read as a mapping, and this one is not closed"


def test_a_key_dedented_out_of_a_list_item_is_reported_at_that_key_not_at_the_next_item() -> None:
    # `quote:` at column 1 under `- article:` ends the list; the next `- url:` fits no block.
    text = (FIXTURES / "key-cutting-a-list.yaml").read_text(encoding="utf-8")
    where, message, hint = reported(text)
    assert where == "f.yaml:6:1"
    assert message == (
        "this line is indented 0 spaces, which ends the list of line 5, though the list goes on at line 7"
    )
    assert hint == "if it belongs to the item on line 5, indent it as that item's keys: 4 spaces"
