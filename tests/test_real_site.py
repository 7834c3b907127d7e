"""The repository's own timeline: clean `check`, every article cited, disputes side by side."""

from __future__ import annotations

import filecmp
import subprocess
import sys

from conftest import REPO
from site_reader import BuiltSite, ids_of, links_of

from chronicle.build.load import load_site


def test_check_reports_no_error_and_no_warning() -> None:
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "check", "--root", str(REPO)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.startswith("ok: ")


def test_seeds_are_the_shared_documents_unchanged() -> None:
    shared = REPO.parent / "shared" / "seeds"
    if not shared.is_dir():
        return
    names = sorted(path.name for path in shared.iterdir())
    assert sorted(path.name for path in (REPO / "seeds").iterdir()) == names
    assert all(filecmp.cmp(shared / name, REPO / "seeds" / name, shallow=False) for name in names)


def test_every_article_is_cited_and_several_events_cite_more_than_one() -> None:
    site = load_site(REPO).site
    assert site is not None
    cited = {source.article_id for event in site.events for source in event.sources
             if hasattr(source, "article_id")}
    assert cited == set(site.articles)
    multi = [event for event in site.events
             if len({getattr(s, "article_id", None) for s in event.sources} - {None}) > 1]
    assert len(multi) >= 3


def test_casualty_figures_are_recorded_as_disputed(built_real_site: BuiltSite) -> None:
    tables = built_real_site.page("disputes/").cssselect("table.claim")
    captions = [table.cssselect("caption")[0].text_content().lower() for table in tables]
    assert any("killed" in caption or "dead" in caption for caption in captions)
    values = " ".join(table.text_content() for table in tables)
    assert "600" in values and ("2,000" in values or "two thousand" in values)


def test_every_internal_link_of_the_real_site_resolves(built_real_site: BuiltSite) -> None:
    broken = []
    for path in built_real_site.html_paths():
        page_url = built_real_site.base_url + path
        for href in links_of(built_real_site.page(path)):
            resolved = built_real_site.resolve(page_url, href)
            if resolved is None or href.startswith("#"):
                continue
            file, fragment = resolved
            if not file.is_file() or (fragment and fragment not in ids_of(built_real_site.page(
                    file.relative_to(built_real_site.out).as_posix().removesuffix("index.html")))):
                broken.append((path, href))
    assert broken == []


def test_real_feeds_hold_every_event(built_real_site: BuiltSite) -> None:
    count = len(list((REPO / "content" / "events").glob("*.yaml")))
    for name in ("feed.xml", "atom.xml"):
        feed = built_real_site.feed(name)
        assert feed.bozo == 0
        assert len(feed.entries) == count


def test_output_folder_is_git_ignored() -> None:
    assert "/site/" in (REPO / ".gitignore").read_text().split()
