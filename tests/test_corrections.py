"""Corrections from git, end to end: a repository made here, with an event corrected (its
summary and sources) in a commit with a message and touched again by a minor commit, built
through the command line; corrections.xml read with feedparser and checked, like the main Atom
feed, against RFC 4287's schema; the Corrections page and the links from the event's page."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import pytest
from output_trees import first_difference
from unit_helpers import EVENT_YAML, run_build, write_site

from chronicle.build.load import load_site

SCHEMA = Path(__file__).parent / "fixtures" / "rfc4287-atom.rng"
ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://example.org/sub/"
EVENT = "content/events/first-event.yaml"
OTHER = "content/events/second-event.yaml"
PERMALINK = BASE + "events/first-event/"
ORIGINAL = EVENT_YAML.replace("added: 2026-01-02\n", "")
CORRECTED = ORIGINAL.replace("every week.", "every day.") + (
    "  - url: https://example.org/minutes\n    title: Minutes\n"
)
MESSAGE = "Correct the frequency: the data is shared every day, as the minutes say"
SECOND = """\
title: Bravo replies
date: 2025-06-10
summary: Bravo answers the proposal.
sources: [{url: "https://example.org/reply", title: T}]
"""


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    done = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env
    )
    return done.stdout.strip()


def commit(repo: Path, files: dict[str, str], message: str, when: str) -> str:
    """Write `files` and commit them; the new commit's short id."""
    for relpath, text in files.items():
        (repo / relpath).parent.mkdir(parents=True, exist_ok=True)
        (repo / relpath).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)
    return git(repo, "rev-parse", "--short=7", "HEAD")


def build(repo: Path, out: Path, *options: str) -> None:
    built = run_build("build", "--root", str(repo), "--out", str(out), *options)
    assert built.returncode == 0, built.stdout + built.stderr


@dataclass(frozen=True)
class Corrected:
    repo: Path
    out: Path
    sha: str
    """The correction's short commit id."""

    def page(self, relpath: str) -> lxml.html.HtmlElement:
        return lxml.html.fromstring((self.out / relpath).read_bytes())


def make_history(repo: Path) -> str:
    """The site, two events added, the first corrected, then touched by a minor commit; the
    correction's short id."""
    repo.mkdir(parents=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Test Editor")
    git(repo, "config", "user.email", "editor@example.org")
    git(repo, "config", "commit.gpgsign", "false")
    write_site(repo, {EVENT: None})
    commit(repo, {}, "Start the timeline", "2026-01-01T09:00:00+00:00")
    commit(repo, {EVENT: ORIGINAL, OTHER: SECOND}, "Add two events", "2026-01-02T10:00:00+00:00")
    sha = commit(repo, {EVENT: CORRECTED}, MESSAGE, "2026-02-03T08:00:00+00:00")
    tidied = CORRECTED.replace("every day.", "every day .")
    commit(repo, {EVENT: tidied}, "minor: tidy the summary", "2026-02-10T08:00:00+00:00")
    return sha


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> Corrected:
    folder = tmp_path_factory.mktemp("corrections")
    repo = folder / "timeline"
    sha = make_history(repo)
    build(repo, folder / "out")
    return Corrected(repo, folder / "out", sha)


def read_feed(out: Path, name: str = "corrections.xml") -> feedparser.FeedParserDict:
    feed = feedparser.parse((out / name).read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


def test_the_corrections_feed_parses_and_lists_the_correction_with_its_message(corrected: Corrected) -> None:
    feed = read_feed(corrected.out)
    (entry,) = feed.entries
    assert entry.id == f"{PERMALINK}#correction-{corrected.sha}"
    assert entry.title == "Corrected: Alpha officials meet in the capital"
    assert entry.link == PERMALINK
    assert entry.updated.startswith("2026-02-03")
    content = lxml.html.fromstring(entry.content[0].value).text_content()
    assert MESSAGE in content
    assert "Changed: summary, sources (1 added)." in content
    assert feed.feed.updated.startswith("2026-02-03")


def test_a_minor_commit_is_neither_in_the_feed_nor_on_the_page(corrected: Corrected) -> None:
    assert "tidy" not in (corrected.out / "corrections.xml").read_text(encoding="utf-8")
    assert "tidy" not in corrected.page("corrections/index.html").text_content()


@pytest.mark.parametrize("name", ["corrections.xml", "atom.xml", "tags/diplomacy/atom.xml"])
def test_the_atom_feeds_are_valid_against_the_rfc_4287_schema(corrected: Corrected, name: str) -> None:
    schema = lxml.etree.RelaxNG(lxml.etree.parse(SCHEMA))
    feed = lxml.etree.parse(corrected.out / name)
    assert schema.validate(feed), schema.error_log
    # The schema's Schematron rules, which RELAX NG leaves out: the feed has an author (its
    # entries have none), and each entry an alternate link (a link without `rel` is one).
    root = feed.getroot()
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        assert [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]


def test_the_schema_refuses_a_feed_without_an_id(corrected: Corrected) -> None:
    schema = lxml.etree.RelaxNG(lxml.etree.parse(SCHEMA))
    feed = lxml.etree.parse(corrected.out / "corrections.xml")
    root = feed.getroot()
    root.remove(root.find(f"{ATOM}id"))
    assert not schema.validate(feed)


def test_the_corrections_page_lists_the_correction(corrected: Corrected) -> None:
    page = corrected.page("corrections/index.html")
    (item,) = page.cssselect("ol.corrections > li")
    assert item.get("id") == f"correction-{corrected.sha}-first-event"
    text = " ".join(item.text_content().split())
    assert text == (
        f"3 February 2026: Alpha officials meet in the capital {MESSAGE} (revision {corrected.sha}) "
        "Changed: summary, sources (1 added)"
    )
    (link,) = item.cssselect(".correction-head a")
    assert link.get("href") == f"../events/first-event/#correction-{corrected.sha}"


def test_the_corrections_page_says_what_it_leaves_out_in_readers_words(corrected: Corrected) -> None:
    """What counts as minor, at the top, as readers would put it: not how the team marks it."""
    introduction = " ".join(
        corrected.page("corrections/index.html").cssselect("main > p")[0].text_content().split()
    )
    assert "Changes the editors judged minor (typing or layout fixes) are not listed." in introduction
    assert "the id of the revision that made it" in introduction
    assert not any(word in introduction for word in ("commit", "minor:", "typo:", "[minor]"))


def test_each_revision_id_is_labelled_for_readers_on_the_event_page(corrected: Corrected) -> None:
    page = corrected.page("events/first-event/index.html")
    items = page.cssselect(".history-list li")
    revisions = [" ".join(item.cssselect(".revision")[0].text_content().split()) for item in items]
    assert revisions[0] == f"(revision {corrected.sha})"
    assert revisions[1].startswith("(revision ") and len(revisions[1]) == len("(revision 1234567)")
    assert items[0].get("id") == f"correction-{corrected.sha}"  # the anchor, and the feed's id, as before
    assert not page.cssselect("code.commit")


def test_the_corrections_page_announces_its_feed_and_is_in_the_sitemap_and_the_footer(
    corrected: Corrected,
) -> None:
    page = corrected.page("corrections/index.html")
    (alternate,) = page.xpath("//head/link[@title='Corrections']")
    assert (alternate.get("type"), alternate.get("href")) == ("application/atom+xml", "../corrections.xml")
    assert f"<loc>{BASE}corrections/</loc>" in (corrected.out / "sitemap.xml").read_text(encoding="utf-8")
    home = corrected.page("index.html")
    assert home.xpath("//footer//a[@href='corrections/']")
    assert home.xpath("//head/link[@title='Corrections'][@href='corrections.xml']")


def test_the_event_page_links_its_correction_to_the_corrections_page(corrected: Corrected) -> None:
    page = corrected.page("events/first-event/index.html")
    (item,) = page.cssselect(f"li#correction-{corrected.sha}")
    assert "Changed: summary, sources (1 added)" in item.text_content()
    (link,) = item.xpath(".//a")
    assert link.get("href") == f"../../corrections/#correction-{corrected.sha}-first-event"
    assert len(page.cssselect(".history-list li")) == 2  # added, corrected; the minor commit left out
    uncorrected = corrected.page("events/second-event/index.html")
    assert not uncorrected.cssselect(".history-list a")


def test_the_adding_commit_is_listed_by_its_date_not_its_message(corrected: Corrected) -> None:
    page = corrected.page("events/first-event/index.html")
    last = page.cssselect(".history-list li")[-1].text_content()
    assert last.startswith("Added to the timeline on 2 January 2026.")
    assert "Add two events" not in page.text_content()


def test_an_entry_never_corrected_lists_no_changes(corrected: Corrected) -> None:
    page = corrected.page("events/second-event/index.html")
    assert not page.cssselect(".event-history details")
    assert page.cssselect(".event-added")[0].text_content() == "Added to the timeline on 2 January 2026."


def test_an_entry_keeps_its_id_across_a_rebuild_and_a_later_unrelated_commit(tmp_path: Path) -> None:
    repo, out = tmp_path / "timeline", tmp_path / "out"
    sha = make_history(repo)
    build(repo, out)
    first = [entry.id for entry in read_feed(out).entries]
    build(repo, out)  # from the cache
    assert [entry.id for entry in read_feed(out).entries] == first
    commit(
        repo,
        {"content/pages/about.md": "---\ntitle: About\n---\nA page.\n"},
        "Add an about page",
        "2026-03-01T08:00:00+00:00",
    )
    build(repo, out)
    assert [entry.id for entry in read_feed(out).entries] == first == [f"{PERMALINK}#correction-{sha}"]


def test_a_cached_rebuild_after_a_correction_equals_a_cold_build(tmp_path: Path) -> None:
    repo, out = tmp_path / "timeline", tmp_path / "out"
    make_history(repo)
    build(repo, out)
    commit(
        repo,
        {OTHER: SECOND.replace("answers", "rejects")},
        "Correct: Bravo rejects it",
        "2026-03-02T08:00:00+00:00",
    )
    build(repo, out)
    cold_repo = tmp_path / "copy"
    shutil.copytree(repo, cold_repo, ignore=shutil.ignore_patterns(".chronicle-cache"))
    build(cold_repo, tmp_path / "cold", "--no-cache")
    assert first_difference(tmp_path / "cold", out) is None
    assert len(read_feed(out).entries) == 2


def test_a_site_outside_git_has_an_empty_corrections_page_and_feed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = write_site(tmp_path / "site")
    build(root, tmp_path / "out")
    feed = read_feed(tmp_path / "out")
    assert feed.entries == []
    assert feed.feed.updated.startswith("2026-01-02")  # as new as the timeline, not 1970
    page = lxml.html.fromstring((tmp_path / "out" / "corrections/index.html").read_bytes())
    assert "No corrections yet." in page.text_content()


def test_check_reads_no_revision_from_git(corrected: Corrected, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def counting_popen(command: list[str], *args: object, **kwargs: object) -> object:
        started.append(command)
        return real_popen(command, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "Popen", counting_popen)
    checked = load_site(corrected.repo, what_changed=False).site
    assert checked is not None
    assert not any("cat-file" in command for command in started)
    (correction,) = [change for event in checked.events for change in event.history if change.correction]
    assert (correction.sha, correction.fields) == (corrected.sha, None)
