"""`former_slugs`: a renamed event file keeps its old addresses (each a page that sends readers
on to the event, #part kept) and its id in the feeds and the calendar; the old names are
checked across events, and git's renames not kept are reported."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import feedparser
import lxml.html
import pytest
from unit_helpers import event_yaml, reported, run_build, write_site

from chronicle.source.history import parse_log

FIXTURE = Path(__file__).parent / "fixtures" / "former-slugs" / "renamed-event.yaml"
RENAMED = "content/events/renamed-event.yaml"
BASE = "https://example.org/sub/"


def renamed_site(root: Path) -> Path:
    return write_site(root, {"content/events/first-event.yaml": None, RENAMED: FIXTURE.read_text()})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = renamed_site(tmp_path_factory.mktemp("former") / "site")
    out = root.parent / "out"
    result = run_build("build", "--root", str(root), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def page(out: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((out / path / "index.html").read_bytes())


def test_each_old_address_sends_readers_on_to_the_event_page(built: Path) -> None:
    for old in ("2025-06-01-first-name", "second-name"):
        html = page(built, f"events/{old}/")
        (refresh,) = html.xpath('//meta[@http-equiv="refresh"]/@content')
        assert refresh == "0; url=../../events/renamed-event/"
        assert html.xpath('//link[@rel="canonical"]/@href') == [BASE + "events/renamed-event/"]
        assert html.xpath('//meta[@name="robots"]/@content') == ["noindex"]
        assert html.xpath('//a[@id="moved-to"]/@href') == ["../../events/renamed-event/"]
        assert html.xpath('//script[contains(@src, "moved.js")]')


def test_an_old_embed_address_sends_the_frame_on_to_the_event_embed(built: Path) -> None:
    html = page(built, "embed/events/second-name/")
    (refresh,) = html.xpath('//meta[@http-equiv="refresh"]/@content')
    assert refresh == "0; url=../../../embed/events/renamed-event/"
    assert html.xpath('//a[@id="moved-to"]/@target') == ["_self"]


def test_the_sitemap_lists_the_event_page_not_its_old_addresses(built: Path) -> None:
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert BASE + "events/renamed-event/" in sitemap
    assert "first-name" not in sitemap and "second-name" not in sitemap


def test_the_feeds_keep_the_first_address_as_the_id_and_link_the_page(built: Path) -> None:
    for name in ("atom.xml", "feed.xml"):
        feed = feedparser.parse((built / name).read_bytes())
        assert not feed.bozo
        (entry,) = feed.entries
        assert entry.id == BASE + "events/2025-06-01-first-name/"
        assert entry.link == BASE + "events/renamed-event/"


def test_the_calendar_keeps_the_first_address_as_the_uid(built: Path) -> None:
    calendar = (built / "data" / "events.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    assert f"UID:{BASE}events/2025-06-01-first-name/" in calendar
    assert f"URL;VALUE=URI:{BASE}events/renamed-event/" in calendar


def test_events_json_gives_the_former_slugs_oldest_first(built: Path) -> None:
    (event,) = json.loads((built / "data" / "events.json").read_text(encoding="utf-8"))["events"]
    assert event["id"] == "renamed-event"
    assert event["former_slugs"] == ["2025-06-01-first-name", "second-name"]


def test_an_event_own_slug_is_not_a_former_one(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, {"content/events/first-event.yaml": event_yaml() + "former_slugs: [first-event]\n"}
    )
    assert reported(root) == [
        (
            "content/events/first-event.yaml:6:16",
            "error: 'first-event' is this event's own slug, not a former one",
            "list only the names the file had before it was renamed",
        )
    ]


def test_a_former_slug_cannot_be_another_event_slug(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/events/other.yaml": event_yaml() + "former_slugs: [first-event]\n"})
    ((where, message, _hint),) = reported(root)
    assert where == "content/events/other.yaml:6:16"
    assert message.startswith(
        "error: 'first-event' is the slug of another event (content/events/first-event.yaml)"
    )


def test_two_events_cannot_share_a_former_slug(tmp_path: Path) -> None:
    old = "former_slugs: [old-name]\n"
    root = write_site(
        tmp_path,
        {
            "content/events/a-event.yaml": event_yaml() + old,
            "content/events/b-event.yaml": event_yaml() + old,
        },
    )
    ((where, message, _hint),) = reported(root)
    assert where == "content/events/b-event.yaml:6:16"
    assert message == (
        "error: 'old-name' is also in the former_slugs of content/events/a-event.yaml: an old address "
        "can lead to one event only"
    )


def test_a_relation_naming_a_former_slug_is_told_the_new_one(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            "content/events/renamed.yaml": event_yaml("2025-06") + "former_slugs: [old-name]\n",
            "content/events/later.yaml": event_yaml("2025-07") + "after: [old-name]\n",
        },
    )
    ((where, message, hint),) = reported(root)
    assert (where, message) == ("content/events/later.yaml:6:9", "error: 'after' names no event 'old-name'")
    assert hint == "the event was renamed: 'old-name' is a former slug of 'renamed'; name 'renamed'"


def test_git_log_gives_a_renamed_file_its_former_names_oldest_first() -> None:
    zero, one, two = "0" * 40, "1" * 40, "2" * 40
    log = (
        f"\x00{'c' * 40}\x002026-03-01T00:00:00+00:00 2026-03-01T00:00:00+00:00\x00Rename again\n\n"
        f":100644 100644 {two} {two} R100\tcontent/events/b.yaml\tcontent/events/c.yaml\n"
        f"\x00{'b' * 40}\x002026-02-01T00:00:00+00:00 2026-02-01T00:00:00+00:00\x00Rename\n\n"
        f":100644 100644 {one} {two} R090\tcontent/events/a.yaml\tcontent/events/b.yaml\n"
        f"\x00{'a' * 40}\x002026-01-01T00:00:00+00:00 2026-01-01T00:00:00+00:00\x00Add\n\n"
        f":000000 100644 {zero} {one} A\tcontent/events/a.yaml\n"
    )
    history = parse_log(log)
    assert history["content/events/c.yaml"].former_names == ("content/events/a.yaml", "content/events/b.yaml")


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def committed_site(tmp_path: Path) -> Path:
    """The base site in a new git repository, committed once."""
    root = write_site(tmp_path)
    git(root, "init", "-q")
    for key, value in (("user.name", "E"), ("user.email", "e@example.org"), ("commit.gpgsign", "false")):
        git(root, "config", key, value)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Start")
    return root


def test_a_rename_git_knows_and_former_slugs_lacks_is_reported(tmp_path: Path) -> None:
    root = committed_site(tmp_path)
    git(root, "mv", "content/events/first-event.yaml", "content/events/meeting.yaml")
    git(root, "commit", "-q", "-m", "minor: rename")
    ((where, message, hint),) = reported(root)
    assert where == "content/events/meeting.yaml:1:1"
    assert message == (
        "warning: git says this file was content/events/first-event.yaml: its old address, "
        "events/first-event/, now leads nowhere, and feed readers will take the event for a new one"
    )
    assert hint is not None and hint.startswith("add `former_slugs: [first-event]`")
    meeting = root / "content/events/meeting.yaml"
    meeting.write_text(
        meeting.read_text(encoding="utf-8") + "former_slugs: [first-event]\n", encoding="utf-8"
    )
    assert reported(root) == []


def _log(*commits: tuple[str, str, str]) -> str:
    """A `git log --raw` output of (sha letter, ISO day, raw lines), newest first."""
    return "".join(
        f"\x00{letter * 40}\x00{day}T00:00:00+00:00 {day}T00:00:00+00:00\x00{letter}\n\n{lines}\n"
        for letter, day, lines in commits
    )


def _renamed(old: str, new: str, blob: str) -> str:
    return f":100644 100644 {blob} {blob} R100\tcontent/events/{old}.yaml\tcontent/events/{new}.yaml"


ONE, TWO, NONE = "1" * 40, "2" * 40, "0" * 40


def _added(name: str, blob: str) -> str:
    return f":000000 100644 {NONE} {blob} A\tcontent/events/{name}.yaml"


@pytest.mark.parametrize(
    ("renames", "last", "former"),
    [
        ((("a", "b"), ("b", "a"), ("a", "b")), "b", ("a",)),  # renamed, renamed back, renamed again
        ((("x", "a"), ("a", "b"), ("b", "a")), "a", ("x", "b")),  # a name taken back
    ],
    ids=["renamed-back-and-again", "name-taken-back"],
)
def test_a_file_renamed_to_and_fro_keeps_its_history_under_its_last_name(
    renames: tuple[tuple[str, str], ...], last: str, former: tuple[str, ...]
) -> None:
    commits = [
        (letter, f"2026-0{number + 2}-01", _renamed(old, new, ONE))
        for number, (letter, (old, new)) in enumerate(zip("bcd", renames, strict=True))
    ]
    log = _log(*reversed(commits), ("a", "2026-01-01", _added(renames[0][0], ONE)))
    history = parse_log(log)[f"content/events/{last}.yaml"]
    assert history.added is not None and history.added.sha == "a" * 40
    assert history.former_names == tuple(f"content/events/{name}.yaml" for name in former)


def test_commits_of_another_file_once_at_the_same_name_are_not_the_renamed_files() -> None:
    deleted = f":100644 000000 {ONE} {NONE} D\tcontent/events/b.yaml"
    log = _log(
        ("c", "2026-03-01", _renamed("a", "b", TWO)),
        ("b", "2026-02-01", _added("a", TWO) + "\n" + deleted),
        ("a", "2026-01-01", _added("b", ONE)),
    )
    history = parse_log(log)["content/events/b.yaml"]
    assert history.added is not None and history.added.sha == "b" * 40
    assert [commit.sha[0] for commit in history.commits] == ["b"]


def test_check_ends_on_a_repository_whose_file_was_renamed_back_and_again(tmp_path: Path) -> None:
    root = committed_site(tmp_path)
    for old, new in (("first-event", "meeting"), ("meeting", "first-event"), ("first-event", "meeting")):
        git(root, "mv", f"content/events/{old}.yaml", f"content/events/{new}.yaml")
        git(root, "commit", "-q", "-m", f"minor: {new}")
    ((where, message, _),) = reported(root)
    assert where == "content/events/meeting.yaml:1:1"
    assert message.startswith("warning: git says this file was content/events/first-event.yaml")
