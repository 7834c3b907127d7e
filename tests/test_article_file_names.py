"""A document or metadata file whose name is no article id is told the name to give it; an
article without a document, beside the one document without an article, is told they are
likely one article named apart."""

from __future__ import annotations

from pathlib import Path

from unit_helpers import ARTICLE_TEXT, reported, write_site


def test_a_document_named_with_capitals_is_told_its_name_as_an_id(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"seeds/Other-Report.txt": ARTICLE_TEXT})
    found = {where: hint for where, message, hint in reported(root) if "not a valid article id" in message}
    assert found == {
        "seeds/Other-Report.txt:1:1": "ids use lowercase a-z, 0-9, hyphens and underscores; "
        "rename it to seeds/other-report.txt"
    }


def test_the_article_and_the_document_left_unpaired_are_told_they_may_be_one(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"seeds/one.txt": None, "seeds/One Report.txt": ARTICLE_TEXT})
    found = {where: hint for where, message, hint in reported(root) if "no document" in message}
    assert found == {
        "content/articles/one.yaml:1:1": "put the document in seeds/one.txt, .md or .html; if it is "
        "seeds/One Report.txt, rename that file to seeds/one.txt"
    }
