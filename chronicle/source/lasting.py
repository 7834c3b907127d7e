"""The fields that keep a source readable once its site is gone (`accessed`, `archive_url`,
`archive_date`, `url_status`) and `title_supplied`, read from an article's metadata or an
event's url source, their rules checked together."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from chronicle.model.dates import PartialDate
from chronicle.model.diagnostics import Diagnostics
from chronicle.model.records import URL_STATUSES, UrlStatus
from chronicle.source.load import YamlNode, YamlScalar
from chronicle.source.validate import read_bool, read_choice, read_day, read_url


@dataclass(frozen=True)
class Lasting:
    """What is known of a source's original online and of its archived copy."""

    accessed: datetime.date | None = None
    archive_url: str | None = None
    archive_date: datetime.date | None = None
    url_status: UrlStatus = "live"


def read_lasting(
    fields: dict[str, YamlNode],
    published: PartialDate | None,
    diagnostics: Diagnostics,
) -> Lasting:
    """The four fields, each checked, then against each other: a dead or unfit original needs
    its archived copy (the reader has nothing else to open); `accessed` and `url_status` speak
    of the original at `url`, `archive_date` of the copy at `archive_url`. A date before the
    publication is a warning: a copy cannot be made, nor a page read, before it exists."""
    accessed = read_day(fields["accessed"], "accessed", diagnostics) if "accessed" in fields else None
    archive_url = (
        read_url(fields["archive_url"], "archive_url", diagnostics) if "archive_url" in fields else None
    )
    archive_date = (
        read_day(fields["archive_date"], "archive_date", diagnostics) if "archive_date" in fields else None
    )
    status = (
        read_choice(fields["url_status"], "url_status", URL_STATUSES, diagnostics)
        if "url_status" in fields
        else None
    )
    for name in ("accessed", "url_status"):
        if name in fields and "url" not in fields:
            what = "when the original was read" if name == "accessed" else "how the original is"
            diagnostics.error(fields[name].mark, f"'{name}' needs 'url': it says {what} at that address")
    if "archive_date" in fields and "archive_url" not in fields:
        diagnostics.error(
            fields["archive_date"].mark,
            "'archive_date' needs 'archive_url': the date of which archived copy?",
        )
    if status in ("dead", "unfit") and "archive_url" not in fields:
        gone = "is gone" if status == "dead" else "may not be linked"
        diagnostics.error(
            fields["url_status"].mark,
            f"'url_status: {status}' needs 'archive_url': the original {gone}, readers need a copy",
            "find or make a copy (e.g. https://web.archive.org/) and give its address in 'archive_url'",
        )
    _check_copy(fields, archive_url, diagnostics)
    for name, day in (("accessed", accessed), ("archive_date", archive_date)):
        if day is not None and published is not None and day < published.first_day():
            diagnostics.warning(
                fields[name].mark,
                f"'{name}' ({day.isoformat()}) is before 'published' ({published.display()})",
                "one of the two dates is likely mistyped",
            )
    url_status: UrlStatus = "live"
    for known in URL_STATUSES:
        if known == status:
            url_status = known
    return Lasting(accessed, archive_url, archive_date, url_status)


def _check_copy(fields: dict[str, YamlNode], archive_url: str | None, diagnostics: Diagnostics) -> None:
    """The copy is somewhere else than the original, and says when it was made."""
    if archive_url is None:
        return
    original = fields.get("url")
    if isinstance(original, YamlScalar) and original.value.strip() == archive_url:
        diagnostics.error(
            fields["archive_url"].mark,
            "'archive_url' is the same address as 'url': it must be a copy kept elsewhere",
            "give the address of the archived copy (e.g. on https://web.archive.org/)",
        )
    elif "archive_date" not in fields:
        diagnostics.warning(
            fields["archive_url"].mark,
            "'archive_url' without 'archive_date': readers are not told when the copy was made",
            "add archive_date: YYYY-MM-DD (a Wayback Machine address holds it: /web/YYYYMMDD...)",
        )


def read_title_supplied(fields: dict[str, YamlNode], diagnostics: Diagnostics) -> bool:
    """`title_supplied`, which needs the `title` it speaks of."""
    if "title_supplied" not in fields:
        return False
    supplied = read_bool(fields["title_supplied"], "title_supplied", diagnostics)
    if supplied and "title" not in fields:
        diagnostics.error(
            fields["title_supplied"].mark,
            "'title_supplied' needs 'title': it says the editors wrote the title",
        )
    return bool(supplied)
