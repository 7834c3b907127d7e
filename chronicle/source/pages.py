"""content/pages/<name>.md -> Page: YAML front matter between `---` lines, then markdown."""

from __future__ import annotations

from pathlib import Path

from chronicle.model.diagnostics import Diagnostics, Mark
from chronicle.model.records import Page
from chronicle.model.site_fields import PAGE_FIELDS
from chronicle.source.folders import rename_hint
from chronicle.source.link_credentials import credentials_problem
from chronicle.source.load import MAX_YAML_BYTES, parse_yaml, read_text_file
from chronicle.source.markdown_nesting import nesting_problem
from chronicle.source.markdown_references import expansion_problem, unused_reference
from chronicle.source.markdown_tables import table_problem
from chronicle.source.table_rows import long_row_problem
from chronicle.source.validate import (
    check_mapping,
    is_slug,
    read_integer,
    read_text,
    suggest_slug,
    text_problem,
)

PAGES_DIR = "content/pages"


def read_page(root: Path, relpath: str, diagnostics: Diagnostics) -> Page | None:
    mark = Mark(relpath)
    name = relpath.rsplit("/", 1)[-1]
    if not name.endswith(".md"):
        diagnostics.error(mark, "pages are markdown files ending in .md")
        return None
    name = name[:-3]
    if not is_slug(name):
        diagnostics.error(
            mark,
            f"page file name '{name}' is not a slug",
            rename_hint(root, relpath, f"{PAGES_DIR}/{suggest_slug(name) or 'about'}.md", "page"),
        )
        return None
    text = read_text_file(root, relpath, diagnostics, MAX_YAML_BYTES)
    if text is None:
        return None
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---" or "---" not in (line.strip() for line in lines[1:]):
        diagnostics.error(
            mark,
            "a page starts with front matter between two `---` lines",
            "begin the file with:\n---\ntitle: Page title\n---",
        )
        return None
    close = next(i for i, line in enumerate(lines) if i > 0 and line.strip() == "---")
    # A leading empty line keeps the front matter's line numbers those of the file.
    before = len(diagnostics.items)
    front = parse_yaml("\n" + "\n".join(lines[1:close]), relpath, diagnostics)
    if front is None and len(diagnostics.items) == before:
        diagnostics.error(mark, "the front matter is empty", "give at least `title:`")
    fields = check_mapping(front, PAGE_FIELDS, "page front matter", diagnostics, mark)
    if fields is None:
        return None
    title = read_text(fields["title"], "title", diagnostics) if "title" in fields else None
    description = (
        read_text(fields["description"], "description", diagnostics) if "description" in fields else None
    )
    order = read_integer(fields["order"], "order", diagnostics) if "order" in fields else None
    body = "\n".join(lines[close + 1 :])
    if not _body_checked(relpath, body, close + 2, diagnostics) or title is None:
        return None
    return Page(name, title, description, body, order if order is not None else 0, relpath)


def _body_checked(relpath: str, body: str, first_line: int, diagnostics: Diagnostics) -> bool:
    """False, and an error where it is written, when the page's text holds a character no text
    may hold (typed, or as a character reference markdown would turn into it)."""
    problem = text_problem(body, multiline=True)
    if problem is None:
        return _references_bounded(relpath, body, first_line, diagnostics)
    line_start = body.rfind("\n", 0, problem.at) + 1
    where = Mark(relpath, first_line + body.count("\n", 0, problem.at), problem.at - line_start + 1)
    diagnostics.error(where, f"the page's text contains {problem.what}", problem.hint)
    return False


def _references_bounded(relpath: str, body: str, first_line: int, diagnostics: Diagnostics) -> bool:
    """False, and an error at the reference's definition or the largest table, when the
    page's link references would repeat their addresses past the bound
    (source.markdown_references), an address in it carries a user name or password
    (source.link_credentials), its tables would hold too many cells (source.markdown_tables),
    or markdown would leave out what it nests too deep (source.markdown_nesting) or what a
    table row holds past its header's cells (source.table_rows)."""
    problem = expansion_problem(body)
    if problem is not None:
        expansion, message, hint = problem
        diagnostics.error(Mark(relpath, first_line + expansion.line, 1), message, hint)
        return False
    credentials = credentials_problem(body, "the page")
    if credentials is not None:
        where = Mark(relpath, first_line + credentials.line, credentials.column + 1)
        diagnostics.error(where, credentials.message, credentials.hint)
        return False
    tables = table_problem(body, "the page's")
    if tables is not None:
        size, message, hint = tables
        diagnostics.error(Mark(relpath, first_line + size.largest_line, 1), message, hint)
        return False
    lost = nesting_problem(body, "the page's") or long_row_problem(body, "the page's")
    if lost is not None:
        line, message, hint = lost
        diagnostics.error(Mark(relpath, first_line + line, 1), message, hint)
        return False
    unused = unused_reference(body, "the page's")
    if unused is not None:
        line, message, hint = unused
        diagnostics.warning(Mark(relpath, first_line + line, 1), message, hint)
    return True
