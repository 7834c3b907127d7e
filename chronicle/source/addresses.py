"""Ids whose page would have the address of a page the build makes by itself.

The indexes of sources, tags, actors and places run onto numbered pages as a site grows
(`sources/2/`, `tags/2/` ...: timeline.lists.paged), in the folder where each source, tag,
actor and place has its own page (`sources/<id>/`, `tags/<tag>/` ...). An id made only of
digits would one day be given the address of one of those pages, so it is refused where it
is named, whatever the size of the site today: a site that builds never stops building
because one more article or topic was added. (Every other page is in a folder no id is
put in, or is named by a word no id of its folder can be: README, "Rules the build
enforces".)
"""

from __future__ import annotations

from typing import Literal

PagedKind = Literal["article", "tag", "actor", "place"]

INDEX_FOLDERS: dict[PagedKind, str] = {
    "article": "sources",
    "tag": "tags",
    "actor": "actors",
    "place": "places",
}
"""Where the index of each kind of id is, and where the page of each id is."""

_NAMES: dict[PagedKind, tuple[str, str]] = {
    "article": ("an article id", "the sources index"),
    "tag": ("a tag", "the topics index"),
    "actor": ("an actor id", "the actors index"),
    "place": ("a place id", "the places index"),
}


NOT_ONLY_DIGITS = "(?![0-9]+$)"
"""A lookahead to put after the `^` of an id's pattern (model.fields) for an id of a kind
paged by number: the JSON Schemas refuse what `numbered_id_problem` refuses."""


def numbered_id_problem(kind: PagedKind, value: str) -> tuple[str, str] | None:
    """(message, hint) when `value` cannot be an id of `kind` because its page could be a
    numbered page of that kind's index; None when it can."""
    if not (value.isascii() and value.isdigit()):
        return None
    what, index = _NAMES[kind]
    folder = INDEX_FOLDERS[kind]
    message = (
        f"'{value}' cannot be {what}: its page would be {folder}/{value}/, and those made only of "
        f"digits are kept for the numbered pages of {index} ({folder}/2/, {folder}/3/ ...) as the "
        "site grows"
    )
    if kind == "article":
        hint = (
            f"give it a name with a letter in it, e.g. 'article-{value}': rename "
            f"content/articles/{value}.yaml and its document in seeds/, and each `article: {value}`"
        )
    elif kind == "tag":
        hint = (
            f"give the topic a name with a letter in it, e.g. 'topic-{value}', in every event that lists it"
        )
    else:
        hint = (
            f"give it a name with a letter in it, e.g. '{kind}-{value}', here and in every event "
            f"naming it under '{kind}s'"
        )
    return message, hint
