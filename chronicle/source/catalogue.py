"""seeds/ documents paired with content/articles/ metadata -> Articles with their text."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from chronicle.model.diagnostics import Diagnostic, Diagnostics, Mark
from chronicle.model.fields import ARTICLE_FIELDS
from chronicle.model.records import Article
from chronicle.source.addresses import numbered_id_problem
from chronicle.source.copied_texts import ARTICLE_MOST, read_copied_text
from chronicle.source.document_encoding import read_document
from chronicle.source.documents import (
    DOCUMENT_SUFFIXES,
    MAX_DOCUMENT_BYTES,
    document_text,
    invisible_warnings,
    nesting_warnings,
)
from chronicle.source.folders import extension_hint, rename_hint, report_sub_folders
from chronicle.source.lasting import read_lasting, read_title_supplied
from chronicle.source.load import load_yaml_file
from chronicle.source.quotes import NormalisedText, normalise
from chronicle.source.validate import (
    check_mapping,
    is_article_id,
    read_date,
    read_language,
    read_text,
    read_url,
    suggest_slug,
)

ARTICLES_DIR = "content/articles"
SEEDS_DIR = "seeds"


@dataclass
class Catalogue:
    """The site's source documents; `known_ids` also holds ids whose files had errors."""

    articles: dict[str, Article] = field(default_factory=dict)
    texts: dict[str, NormalisedText] = field(default_factory=dict)
    """Normalised texts made so far; `text()` makes the others when first needed."""
    known_ids: set[str] = field(default_factory=set)
    language: str = "en"
    """The site's language: the articles' own unless they give another."""

    def text(self, article_id: str) -> NormalisedText | None:
        """The article's text in matching form (None when the article has errors)."""
        if article_id not in self.texts and article_id in self.articles:
            self.texts[article_id] = normalise(self.articles[article_id].text)
        return self.texts.get(article_id)


def site_files(root: Path, folder: str) -> list[str]:
    """Visible files of a content folder as root-relative posix paths, sorted."""
    try:
        with os.scandir(root / folder) as entries:
            return sorted(
                f"{folder}/{entry.name}"
                for entry in entries
                if not entry.name.startswith(".")
                and not entry.name.endswith("~")
                and not entry.is_dir(follow_symlinks=False)  # files, links, and a FIFO to report
            )
    except (FileNotFoundError, NotADirectoryError):
        return []


@dataclass(frozen=True)
class ArticleFile:
    """An article's metadata file and its document, to be read together."""

    relpath: str
    article_id: str
    document: str


def find_articles(
    root: Path, diagnostics: Diagnostics, language: str = "en"
) -> tuple[Catalogue, list[ArticleFile]]:
    """The catalogue's ids, and each article's pair of files; files without a partner reported."""
    catalogue = Catalogue(language=language)
    report_sub_folders(root, ARTICLES_DIR, "article metadata files", diagnostics)
    report_sub_folders(root, SEEDS_DIR, "documents", diagnostics)
    documents, misnamed = _documents(root, diagnostics)
    found: list[ArticleFile] = []
    without_document: list[tuple[str, str]] = []
    for relpath in site_files(root, ARTICLES_DIR):
        article_id = _stem(relpath, ".yaml")
        if article_id is None:
            stem, _, suffix = relpath.rpartition(".")
            diagnostics.error(
                Mark(relpath),
                "article metadata files end in .yaml",
                extension_hint(root, relpath, f"{stem}.yaml")
                if suffix.lower() in ("yaml", "yml") and os.path.lexists(root / f"{stem}.yaml")
                else "rename it to <id>.yaml, the id being its document's name",
            )
            continue
        if not is_article_id(article_id):
            _misnamed(root, relpath, article_id, ".yaml", diagnostics)
            continue
        numbered = numbered_id_problem("article", article_id)
        if numbered is not None:  # an error, but the article is read: events citing it are checked too
            diagnostics.error(Mark(relpath), *numbered)
        catalogue.known_ids.add(article_id)
        document = documents.pop(article_id, None)
        if document is None:
            without_document.append((relpath, article_id))
            continue
        found.append(ArticleFile(relpath, article_id, document))
    # One of each left unpaired is likely one article whose two files were named apart.
    unpaired = [*misnamed, *documents.values()]
    for relpath, article_id in without_document:
        hint = f"put the document in seeds/{article_id}.txt, .md or .html"
        if len(without_document) == 1 and len(unpaired) == 1:
            suffix = "." + unpaired[0].rsplit(".", 1)[-1]
            hint += f"; if it is {unpaired[0]}, rename that file to {SEEDS_DIR}/{article_id}{suffix}"
        diagnostics.error(Mark(relpath), f"no document for article '{article_id}'", hint)
    for article_id, document in sorted(documents.items()):
        diagnostics.error(
            Mark(document),
            f"document has no article metadata file {ARTICLES_DIR}/{article_id}.yaml",
            "describe the document there, with at least `title:`",
        )
    return catalogue, found


def read_article(
    root: Path, item: ArticleFile, language: str, data: tuple[bytes | None, bytes | None] = (None, None)
) -> tuple[Article | None, NormalisedText | None, tuple[Diagnostic, ...]]:
    """One article with its text in matching form, and the problems found; `data`: the bytes
    of its metadata file and of its document where already read (source.document_encoding.read_document)."""
    local = Diagnostics()
    article = _read_article(root, item, language, data, local)
    return article, (None if article is None else normalise(article.text)), tuple(local.items)


def _stem(relpath: str, suffix: str) -> str | None:
    name = relpath.rsplit("/", 1)[-1]
    return name[: -len(suffix)] if name.endswith(suffix) else None


def _documents(root: Path, diagnostics: Diagnostics) -> tuple[dict[str, str], list[str]]:
    """Article id -> its document; and the documents whose names are no article id."""
    documents: dict[str, str] = {}
    misnamed: list[str] = []
    for relpath in site_files(root, SEEDS_DIR):
        suffix = "." + relpath.rsplit(".", 1)[-1] if "." in relpath.rsplit("/", 1)[-1] else ""
        if suffix not in DOCUMENT_SUFFIXES:
            diagnostics.error(
                Mark(relpath), "documents must be .txt, .md or .html files", _text_hint(relpath)
            )
            continue
        article_id = relpath.rsplit("/", 1)[-1][: -len(suffix)]
        if not is_article_id(article_id):
            _misnamed(root, relpath, article_id, suffix, diagnostics)
            misnamed.append(relpath)
            continue
        if article_id in documents:
            diagnostics.error(
                Mark(relpath),
                f"two documents for article '{article_id}'",
                f"the other is {documents[article_id]}; keep one",
            )
            continue
        documents[article_id] = relpath
    return documents, misnamed


def _misnamed(root: Path, relpath: str, article_id: str, suffix: str, diagnostics: Diagnostics) -> None:
    folder = relpath.rsplit("/", 1)[0]
    fixed = suggest_slug(article_id)
    diagnostics.error(
        Mark(relpath),
        f"'{article_id}' is not a valid article id",
        "ids use lowercase a-z, 0-9, hyphens and underscores"
        + (f"; {rename_hint(root, relpath, f'{folder}/{fixed}{suffix}', 'file')}" if fixed else ""),
    )


def _text_hint(relpath: str) -> str:
    """Where the text of a document of another kind (a PDF, a Word file) goes."""
    name = relpath.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    article_id = stem if is_article_id(stem) else suggest_slug(stem) or "<id>"
    return (
        f"save its text as seeds/{article_id}.txt (quotes are checked against the text, and the "
        f"site publishes it) and move {name} out of seeds/"
    )


def _read_article(
    root: Path,
    item: ArticleFile,
    language: str,
    data: tuple[bytes | None, bytes | None],
    diagnostics: Diagnostics,
) -> Article | None:
    relpath, article_id, document = item.relpath, item.article_id, item.document
    mark = Mark(relpath)
    node = load_yaml_file(root, relpath, diagnostics, data[0])
    fields = check_mapping(node, ARTICLE_FIELDS, "article metadata", diagnostics, mark)
    raw = read_document(root, document, diagnostics, MAX_DOCUMENT_BYTES, data[1])
    if fields is None or raw is None:
        return None

    def text(name: str) -> str | None:
        if name not in fields:
            return None
        if name in ARTICLE_MOST:
            copied_onto = "the page of every event citing the article"
            return read_copied_text(fields[name], name, ARTICLE_MOST[name], copied_onto, diagnostics)
        return read_text(fields[name], name, diagnostics)

    def url(name: str) -> str | None:
        return read_url(fields[name], name, diagnostics) if name in fields else None

    title = text("title")
    published = read_date(fields["published"], "published", diagnostics) if "published" in fields else None
    supplied = read_title_supplied(fields, diagnostics)
    lasting = read_lasting(fields, published, diagnostics)
    article_language = (
        read_language(fields["language"], "language", diagnostics) if "language" in fields else None
    )
    if title is None:
        return None
    diagnostics.extend(invisible_warnings(raw, document))
    diagnostics.extend(nesting_warnings(raw, document))
    return Article(
        id=article_id,
        title=title,
        publisher=text("publisher"),
        author=text("author"),
        published=published,
        published_note=text("published_note"),
        url=url("url"),
        archive_url=lasting.archive_url,
        language=article_language or language,
        document=document,
        text=document_text(raw, "." + document.rsplit(".", 1)[-1]),
        mark=mark,
        title_supplied=supplied,
        accessed=lasting.accessed,
        archive_date=lasting.archive_date,
        url_status=lasting.url_status,
    )
