"""What makes the markdown of an event's field unpublishable, checked before anything renders
it: link references past their bound, tables past theirs, nesting deeper than markdown reads,
table rows longer than their header, addresses with user names."""

from __future__ import annotations

from chronicle.source.link_credentials import credentials_problem
from chronicle.source.markdown_nesting import nesting_problem
from chronicle.source.markdown_references import expansion_problem
from chronicle.source.markdown_tables import table_problem
from chronicle.source.table_rows import long_row_problem


def markdown_problem(text: str, name: str) -> tuple[str, str, int | None, int | None] | None:
    """(message, hint, the line of the text it is at and its column there, from 0, where
    known) of the first problem of the markdown of field `name`, or None."""
    expansion = expansion_problem(text)
    if expansion is not None:
        return expansion[1], expansion[2], expansion[0].line, None
    tables = table_problem(text, f"the {name}'s")
    if tables is not None:
        return tables[1], tables[2], tables[0].largest_line, None
    lost = nesting_problem(text, f"the {name}'s") or long_row_problem(text, f"the {name}'s")
    if lost is not None:
        return lost[1], lost[2], lost[0], None
    credentials = credentials_problem(text, f"the {name}")
    if credentials is None:
        return None
    return credentials.message, credentials.hint, credentials.line, credentials.column
