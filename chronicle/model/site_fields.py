"""The fields of content/site.yaml and of a free page's front matter (model/fields.py holds
the others, and `Field`)."""

from __future__ import annotations

from chronicle.model.fields import Field

SITE_FIELDS = (
    Field("title", "text", "Title of the site.", "Russia and North Korea: a sourced timeline", required=True),
    Field(
        "description",
        "text",
        "One line for feeds and search engines.",
        "Events of the alliance, each traced to a verified quote.",
    ),
    Field(
        "base_url",
        "url",
        "Where the site is published; `--base-url` overrides it.",
        "https://example.github.io/timeline/",
        required=True,
    ),
    Field(
        "language",
        "language",
        "Language of the site and of its interface (en, fr, de, es, ru, uk, ko, ar; others are shown "
        "with an English interface).",
        "en",
    ),
    Field("author", "text", "Editors' name or the newsroom.", "The editors"),
    Field(
        "feed_limit",
        "integer",
        "How many events each feed lists, the newest first (default 100).",
        100,
    ),
    Field(
        "start",
        "text",
        "Where the reader starts when the timeline is in pages by period: `latest` (the default) or `first`.",
        "latest",
    ),
    Field(
        "strings",
        "strings",
        "Replacements for texts of the interface, each named by its English text; a text said by "
        "count takes a list, one per plural form of the language.",
        {"Disputed figures": "Contested numbers"},
    ),
    Field(
        "correction_notes",
        "commit-notes",
        "What readers are told of a commit to content/events/ whose own subject is not written "
        "for them (it names an issue, or covers other changes too), in place of the subject; "
        "`minor` hides it, as a `minor:` subject would. Keys: commit ids as `git log --oneline` shows them, "
        "or `commit/event-slug` for one entry of a commit that changed several.",
        {
            "24534cf": "The date is now given as the range the reports support.",
            "24534cf/kim-message": "The entry now records what the message came after.",
            "9ceb223": "minor",
        },
    ),
)

PAGE_FIELDS = (
    Field("title", "text", "Title of the page.", "About", required=True),
    Field(
        "description", "text", "One line for search engines and link previews.", "What this timeline covers."
    ),
    Field("order", "integer", "Position in the site menu (smaller first; then by name).", 1),
)
