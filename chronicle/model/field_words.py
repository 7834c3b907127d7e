"""What readers call each field of an event file, where a correction lists what it changed
("figures and wordings (4 changed)", not "claims (4 changed)"): in the interface's language."""

from __future__ import annotations

import re

from chronicle.model.date_wording import N_
from chronicle.model.wording import Wording

FIELD_WORDS = {
    "title": N_("title"),
    "date": N_("date"),
    "end": N_("end date"),
    "date_basis": N_("how the date is known"),
    # Translators: `circa: true`, shown as "c." before a date
    "circa": N_("the “c.” (approximate) mark on the dates"),
    "before": N_("order relative to other events"),
    "after": N_("order relative to other events"),
    "former_slugs": N_("former addresses of the entry"),
    "merged_slugs": N_("addresses of entries merged into this one"),
    "summary": N_("summary"),
    "tags": N_("topics"),
    "actors": N_("actors"),
    "places": N_("places"),
    "sources": N_("sources"),
    "claims": N_("figures and wordings"),
    "media": N_("images and media"),
    "added": N_("date added to the timeline"),
    "updated": N_("date of the last change"),
}
"""Every field of an event (model/fields.py EVENT_FIELDS) in a reader's words."""

ODD_FIELD_NAME = N_("a field with an odd name")
"""What a page calls a field whose name no event could have (an old revision is not checked)."""
OTHER_FIELDS = re.compile(r"([0-9]+) other fields")
"""The name of the fields beyond those a correction names (source/revisions.py MAX_FIELDS)."""


def field_words(name: str, wording: Wording) -> str:
    """A field of an event file as readers call it; a field no event has now (an old
    revision's) by its own name."""
    if name in FIELD_WORDS:
        return wording.phrase(FIELD_WORDS[name])
    if name == ODD_FIELD_NAME:
        return wording.phrase(ODD_FIELD_NAME)
    if (others := OTHER_FIELDS.fullmatch(name)) is not None:
        count = int(others.group(1))
        return wording.counted("%(num)s other part of the entry", "%(num)s other parts of the entry", count)
    return name
