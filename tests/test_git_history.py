"""Corrections from git: an event's added and last-changed dates and its substantive commits,
read from a fixture repository built here; the feed entry keeps its id and its `updated`
follows the last substantive commit."""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

import feedparser
import lxml.html
import pytest
from renderers import timeline_of
from unit_helpers import run_build, write_site

from chronicle.build.load import load_site
from chronicle.model.records import Change, FieldChange
from chronicle.render.theme import make_environment, theme_dirs
from chronicle.source.history import Commit, FileHistory, event_history, is_minor

EVENT = "content/events/first-event.yaml"
BASE = "https://example.org/sub/"
PERMALINK = BASE + "events/first-event/"
ORIGINAL = """\
title: Alpha officials meet in the capital
date: 2025-06-03
summary: Officials agree to share river data every week.
tags: [diplomacy]
actors: [alpha]
places: [capital]
sources:
  - article: one
    quote: "agreed to share river data every week"
"""


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    result = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env
    )
    return result.stdout.strip()


def commit(repo: Path, message: str, when: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)
    return git(repo, "rev-parse", "--short=7", "HEAD")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site folder that is a git repository: the site, then the event, each committed."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    root = tmp_path / "timeline"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "config", "user.name", "Test Editor")
    git(root, "config", "user.email", "editor@example.org")
    git(root, "config", "commit.gpgsign", "false")
    write_site(root, {EVENT: None})
    commit(root, "Start the timeline", "2026-01-01T09:00:00+00:00")
    (root / EVENT).parent.mkdir(parents=True, exist_ok=True)
    (root / EVENT).write_text(ORIGINAL, encoding="utf-8")
    commit(root, "Add the meeting in the capital", "2026-01-02T10:00:00+00:00")
    return root


def edit(repo: Path, old: str, new: str) -> None:
    path = repo / EVENT
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def event_view(root: Path):  # type: ignore[no-untyped-def]
    result = load_site(root)
    assert result.site is not None, result.diagnostics
    return timeline_of(result.site).events[0]


def atom_entry(out: Path) -> feedparser.FeedParserDict:
    feed = feedparser.parse((out / "atom.xml").read_bytes())
    assert not feed.bozo
    (entry,) = feed.entries
    return entry


def test_a_new_event_has_its_adding_commit_as_history_and_no_update(repo: Path) -> None:
    view = event_view(repo)
    sha = git(repo, "rev-parse", "--short=7", "HEAD")
    assert view.event.added == datetime.date(2026, 1, 2)
    assert view.event.updated is None
    assert view.last_changed == datetime.date(2026, 1, 2)
    assert view.history == (Change(datetime.date(2026, 1, 2), sha, "Add the meeting in the capital"),)


def test_a_correction_becomes_updated_and_joins_the_history_while_minor_commits_do_not(repo: Path) -> None:
    add_sha = git(repo, "rev-parse", "--short=7", "HEAD")
    edit(repo, "every week.", "every day.")
    fix_sha = commit(
        repo, "Correct: the data is shared every day, not every week", "2026-02-03T08:00:00+00:00"
    )
    edit(repo, "Officials agree", "Officials agreed")
    commit(repo, "minor: tense", "2026-02-10T08:00:00+00:00")
    edit(repo, "Officials agreed", "The officials agreed")
    commit(repo, "Reword the summary [minor]", "2026-02-11T08:00:00+00:00")
    view = event_view(repo)
    assert view.event.added == datetime.date(2026, 1, 2)
    assert view.event.updated == datetime.date(2026, 2, 3)
    assert view.last_changed == datetime.date(2026, 2, 3)
    assert view.history == (
        Change(datetime.date(2026, 1, 2), add_sha, "Add the meeting in the capital"),
        Change(
            datetime.date(2026, 2, 3),
            fix_sha,
            "Correct: the data is shared every day, not every week",
            correction=True,
            fields=(FieldChange("summary", "changed"),),
        ),
    )


def test_an_explicit_updated_wins_over_the_last_commit(repo: Path) -> None:
    edit(repo, "every week.", "every day.")
    path = repo / EVENT
    path.write_text(path.read_text(encoding="utf-8") + "updated: 2026-03-01\n", encoding="utf-8")
    commit(repo, "Correct the frequency", "2026-02-03T08:00:00+00:00")
    assert event_view(repo).event.updated == datetime.date(2026, 3, 1)


def test_the_event_page_data_shows_added_last_changed_and_the_corrections_messages(repo: Path) -> None:
    edit(repo, "every week.", "every day.")
    commit(repo, "Correct the frequency <b>not bold</b>", "2026-02-03T08:00:00+00:00")
    view = event_view(repo)
    env = make_environment(theme_dirs(repo), {})
    html = env.get_template("partials/event_history.html").render(
        event=view, root="../../", correction_pages={}
    )
    assert '<time datetime="2026-01-02">2 January 2026</time>' in html
    assert 'last changed <time datetime="2026-02-03">3 February 2026</time>' in html
    assert "Add the meeting in the capital" not in html  # the adding commit's message is about the commit
    assert "Correct the frequency &lt;b&gt;not bold&lt;/b&gt;" in html
    assert html.index("Correct the frequency") < html.rindex("Added to the timeline on")  # newest first


def test_the_feed_entry_keeps_its_id_and_its_updated_follows_the_correction(
    repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run_build("build", "--root", str(repo), "--out", str(out)).returncode == 0
    before = atom_entry(out)
    assert before.id == PERMALINK
    assert before.updated.startswith("2026-01-02")
    edit(repo, "every week.", "every day.")
    commit(repo, "Correct the frequency", "2026-02-03T08:00:00+00:00")
    built = run_build("build", "--root", str(repo), "--out", str(out))  # the cached rebuild
    assert built.returncode == 0, built.stderr
    after = atom_entry(out)
    assert after.id == before.id
    assert after.published.startswith("2026-01-02")
    assert after.updated.startswith("2026-02-03")
    rss = feedparser.parse((out / "feed.xml").read_bytes())
    assert [entry.id for entry in rss.entries] == [PERMALINK]
    assert "2026-02-03" in (out / "data" / "events.json").read_text(encoding="utf-8")


def test_history_is_read_with_one_git_log_for_the_whole_folder(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(5):
        (repo / f"content/events/event-{number}.yaml").write_text(ORIGINAL, encoding="utf-8")
    commit(repo, "Add five events", "2026-01-03T10:00:00+00:00")
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(command: list[str], *args: object, **kwargs: object) -> object:
        calls.append(command)
        return real_run(command, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", counting_run)
    result = load_site(repo)
    assert result.site is not None and len(result.site.events) == 6
    # one question (where is HEAD, is the clone shallow?), then one log for every file
    assert [command[command.index("-C") + 2] for command in calls] == ["rev-parse", "log"]
    assert all(len(event.history) == 1 for event in result.site.events)


def test_outside_git_an_event_has_no_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = write_site(tmp_path / "site")
    view = event_view(root)
    assert view.history == ()
    assert view.event.updated is None


@pytest.mark.parametrize(
    ("subject", "minor"),
    [
        ("minor: fix a typo", True),
        ("Minor: whitespace", True),
        ("typo: Shoigu", True),
        ("fixup! Add the meeting", True),
        ("Reformat every event [minor]", True),
        ("Correct the number of soldiers", False),
        ("Minority report cited", False),
        ("Add a source", False),
    ],
)
def test_minor_commits_are_marked_in_their_subject(subject: str, minor: bool) -> None:
    assert is_minor(subject) is minor


def test_updated_default_ignores_the_adding_commit_and_minor_edits() -> None:
    add = Commit("a" * 40, datetime.date(2026, 1, 2), "Add")
    fix = Commit("b" * 40, datetime.date(2026, 1, 5), "Correct the date")
    typo = Commit("c" * 40, datetime.date(2026, 1, 9), "minor: typo")
    history = event_history(FileHistory((add, fix, typo), add))
    assert history.last_edit == datetime.date(2026, 1, 5)
    assert [change.sha for change in history.changes] == ["aaaaaaa", "bbbbbbb"]
    assert event_history(FileHistory((add,), add)).last_edit is None


def test_the_built_event_page_shows_the_dates_and_the_corrections_messages(
    repo: Path, tmp_path: Path
) -> None:
    edit(repo, "every week.", "every day.")
    commit(repo, "Correct the frequency", "2026-02-03T08:00:00+00:00")
    out = tmp_path / "out"
    built = run_build("build", "--root", str(repo), "--out", str(out))
    assert built.returncode == 0, built.stderr
    page = lxml.html.fromstring((out / "events/first-event/index.html").read_bytes())
    text = " ".join(page.text_content().split())
    assert "Added to the timeline on 2 January 2026; last changed 3 February 2026." in text
    assert "Correct the frequency" in text and "Add the meeting in the capital" not in text
    times = page.xpath("//time/@datetime")
    assert "2026-01-02" in times and "2026-02-03" in times
