"""What makes the markdown of an event's field unpublishable, checked before anything renders
it: link references past their bound, tables past theirs, nesting deeper than markdown reads,
addresses with user names."""

from __future__ import annotations

from chronicle.source.link_credentials import credentials_problem
from chronicle.source.markdown_nesting import nesting_problem
from chronicle.source.markdown_references import expansion_problem
from chronicle.source.markdown_tables import table_problem


def markdown_problem(text: str, name: str) -> tuple[str, str] | None:
    """(message, hint) of the first problem of the markdown of field `name`, or None."""
    problem = (
        expansion_problem(text)
        or table_problem(text, f"the {name}'s")
        or nesting_problem(text, f"the {name}'s")
    )
    if problem is not None:
        return problem[1], problem[2]
    credentials = credentials_problem(text, f"the {name}")
    return (credentials.message, credentials.hint) if credentials is not None else None
