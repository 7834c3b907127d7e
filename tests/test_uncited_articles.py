"""Articles that no event cites (in `sources:` or a claim value's `source:`): their pages say
that no event cites them yet; `check` and `build` warn at each article's metadata file.

The unit site (tests/unit_helpers.py) cites its one article, `one`, in its one event."""

from __future__ import annotations

from pathlib import Path

from unit_helpers import ARTICLE_TEXT, ARTICLE_YAML, EVENT_YAML, run_build, write_site

from chronicle.build.load import load_site
from chronicle.build.uncited_articles import uncited_articles
from chronicle.model.records import Site

SECOND_ARTICLE = {"content/articles/two.yaml": ARTICLE_YAML, "seeds/two.txt": ARTICLE_TEXT}

CLAIM_CITING_TWO = """\
claims:
  - about: how often river data is shared
    kind: wording
    values:
      - value: every week
        according_to: Test Wire
        source:
          article: one
          quote: "agreed to share river data every week"
      - value: every week
        according_to: Test Wire, again
        source:
          article: two
          quote: "agreed to share river data every week"
"""


def site_of(root: Path) -> Site:
    site = load_site(root).site
    assert site is not None
    return site


def test_check_warns_at_an_article_no_event_cites_with_a_hint(tmp_path: Path) -> None:
    result = run_build("check", "--root", str(write_site(tmp_path, SECOND_ARTICLE)))
    assert result.returncode == 0, result.stdout
    assert (
        "content/articles/two.yaml:1:1: warning: article 'two' is cited by no event: its page says "
        "that no event cites it yet, and no quote of it appears on the site"
    ) in result.stderr
    assert "hint: cite it in an event's `sources` (`- article: two` with a `quote:` from it)" in result.stderr


def test_the_build_warns_of_it_too(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", SECOND_ARTICLE)
    result = run_build("build", "--root", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout
    assert "content/articles/two.yaml:1:1: warning: article 'two' is cited by no event" in result.stderr


def test_an_article_cited_only_by_a_claim_value_is_cited(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, {**SECOND_ARTICLE, "content/events/first-event.yaml": EVENT_YAML + CLAIM_CITING_TWO}
    )
    assert uncited_articles(site_of(root)) == ()


def test_a_site_citing_every_article_has_no_such_warning(tmp_path: Path) -> None:
    assert uncited_articles(site_of(write_site(tmp_path))) == ()
