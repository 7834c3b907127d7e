"""Site files -> every external URL the site cites, each with the mark of its value.

Read from the raw YAML (the keys `url`, `archive_url`, `url_status`), not from the validated
model: the links are checked whatever else the content says, and a file only has to parse.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from chronicle.links.addresses import web_address_fault
from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.source.catalogue import ARTICLES_DIR, site_files
from chronicle.source.events import EVENTS_DIR
from chronicle.source.load import YamlMap, YamlNode, YamlScalar, YamlSeq, load_yaml_file

Role = Literal["original", "archive"]


@dataclass(frozen=True)
class Citation:
    """One place where the site gives an external URL: an original or its archived copy."""

    url: str
    mark: Mark
    """Where the URL's value starts in its file."""
    role: Role
    kind: str
    """What cites it, as messages name it: "source", "article", "media"."""
    archive_url: str | None = None
    """The archived copy given beside an original (for an archive, None)."""
    url_status: str | None = None
    """`url_status` as written beside the original (`live`, `dead`, `unfit`), for both roles."""

    @property
    def readers_follow_archive(self) -> bool:
        """Whether the site links readers to the archived copy instead of the original."""
        return self.url_status in ("dead", "unfit") and self.archive_url is not None


def collect(root: Path, diagnostics: Diagnostics) -> list[Citation]:
    """Every cited URL in event and article files, in file order; a file that does not parse
    is reported in `diagnostics` and cites nothing."""
    if not (root / "content").is_dir():
        diagnostics.error(
            Mark("content"), "there is no content/ folder here", "`--root` names the site folder"
        )
        return []
    citations: list[Citation] = []
    for event in _yaml_maps(root, EVENTS_DIR, diagnostics):
        citations.extend(_event_citations(event))
    for article in _yaml_maps(root, ARTICLES_DIR, diagnostics):
        citations.extend(_cited(article, "article"))
    return citations


def _yaml_maps(root: Path, folder: str, diagnostics: Diagnostics) -> Iterator[YamlMap]:
    """The top mapping of each YAML file of a content folder that parses."""
    for relpath in site_files(root, folder):
        node = load_yaml_file(root, relpath, diagnostics) if relpath.endswith(".yaml") else None
        if isinstance(node, YamlMap):
            yield node


def hosts(urls: Iterable[str]) -> set[str]:
    """The distinct hosts (name and port) of some URLs."""
    return {urlsplit(url).netloc.lower() for url in urls}


def _event_citations(event: YamlMap) -> Iterator[Citation]:
    for source in _mappings(event.get("sources")):
        yield from _cited(source, "source")
    for claim in _mappings(event.get("claims")):
        for value in _mappings(claim.get("values")):
            if isinstance(stated_in := value.get("source"), YamlMap):
                yield from _cited(stated_in, "source")
    for media in _mappings(event.get("media")):
        yield from _cited(media, "media")


def _cited(entry: YamlMap, kind: str) -> Iterator[Citation]:
    """The URL of a source, article or media entry, and its archived copy."""
    url, archive = _web_address(entry.get("url")), _web_address(entry.get("archive_url"))
    status_node = entry.get("url_status")
    status = status_node.value.strip() if isinstance(status_node, YamlScalar) else None
    archive_url = archive.value.strip() if archive is not None else None
    if url is not None:
        yield Citation(url.value.strip(), url.mark, "original", kind, archive_url, status)
    if archive is not None and archive_url is not None:
        yield Citation(archive_url, archive.mark, "archive", kind, None, status)


def _web_address(node: YamlNode | None) -> YamlScalar | None:
    """An http(s) URL value; anything else is `check`'s to report, not a link to fetch."""
    if not isinstance(node, YamlScalar) or web_address_fault(node.value.strip()) is not None:
        return None
    return node


def _mappings(node: YamlNode | None) -> Iterator[YamlMap]:
    if isinstance(node, YamlSeq):
        yield from (item for item in node.items if isinstance(item, YamlMap))
