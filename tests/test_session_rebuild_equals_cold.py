"""A session that builds again (the preview server keeps one `BuildSession`, its `BuildState`
in memory: the views of unchanged events, the search index's postings) gives, after any edit,
the very files a cold build of the edited site gives.

Each test builds a copy of tests/fixtures/site with one session, edits the copy, runs the
same session again, and compares every output file with a cold build (`build --no-cache`,
in a process of its own) of a fresh copy of the edited site. Each run also shows every page
open first (as the preview server does for the pages open in browsers), and checks that each
page it showed is the one the build then wrote.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from output_trees import REPO, SUB_PATH_URL, copy_site, first_difference

from chronicle.build.cache import CACHE_DIRNAME
from chronicle.build.open_pages import render_open_pages
from chronicle.build.plan import plan_timeline
from chronicle.build.session import BuildOptions, BuildSession, provenance

FIXTURE_SITE = REPO / "tests" / "fixtures" / "site"
IMAGES = REPO / "tests" / "fixtures" / "images"
CONTENT = "content"

Edit = Callable[[Path], None]


def replace(site: Path, relpath: str, old: str, new: str) -> None:
    """Replaces `old` (which must be there) with `new` in a file of the site, its time moved on
    so that no stamp can mistake it for the file it was."""
    path = site / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relpath}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _later(path)


def _later(path: Path) -> None:
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 2_000_000_000))


def cold_build(site: Path, out: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "build", "--root", str(site), "--out", str(out),
         "--base-url", SUB_PATH_URL, "--no-cache"],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


Stamps = dict[str, tuple[int, int]]


def stamps(site: Path) -> Stamps:
    """Every file of the site folder (but the cache) -> its size and modification time."""
    return {
        path.relative_to(site).as_posix(): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in site.rglob("*")
        if path.is_file() and CACHE_DIRNAME not in path.parts
    }


def changed_between(before: Stamps, after: Stamps) -> set[str] | None:
    """What a watcher reports: the files made, changed or deleted; None (every file checked),
    as the preview server has it, when any is outside content/ and seeds/."""
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    return changed if all(path.split("/")[0] in (CONTENT, "seeds") for path in changed) else None


class EveryPageOpen:
    """Open pages, as the preview server asks for them: every HTML page of the last output;
    the files `reported` changed since the last run, as the preview server's watcher does."""

    def __init__(self, out: Path, reported: set[str] | None = None) -> None:
        self.out = out
        self.shown: dict[str, bytes] = {}
        self.changed = reported

    def paths(self) -> set[str]:
        return {path.relative_to(self.out).as_posix() for path in self.out.rglob("*.html")}

    def show(self, pages: Mapping[str, bytes]) -> None:
        self.shown = dict(pages)

    def reported(self) -> set[str] | None:
        return self.changed


def run(session: BuildSession, reported: set[str] | None = None) -> None:
    """One build of the session, as the preview server runs it (the open pages shown first,
    the cache saved after); each page shown first is the page the build then wrote."""
    open_pages = EveryPageOpen(session.options.out, reported)
    outcome = session.run(save_later=True, open_pages=open_pages)
    errors = [item for item in outcome.diagnostics if item.severity == "error"]
    assert outcome.site is not None, errors
    session.save()
    for path, page in open_pages.shown.items():
        assert (session.options.out / path).read_bytes() == page, f"{path} was shown first otherwise"


def session_difference(
    tmp_path: Path, *edits: Edit, source: Path = FIXTURE_SITE, reported: set[str] | None = None
) -> str | None:
    """Builds a copy of `source` with one session, then after each edit again with the same
    session; the first difference between its output and a cold build's, or None. The
    session is told each edit changed the files it did, or only those `reported`."""
    site = copy_site(source, tmp_path / "site")
    out = tmp_path / "out"
    session = BuildSession(BuildOptions(site, out, SUB_PATH_URL, jobs=1))
    run(session)
    for edit in edits:
        before = stamps(site)
        edit(site)
        run(session, changed_between(before, stamps(site)) if reported is None else reported)
    cold_site = copy_site(site, tmp_path / "cold-site")
    cold_build(cold_site, tmp_path / "cold")
    return first_difference(tmp_path / "cold", out)


def assert_same(tmp_path: Path, *edits: Edit, reported: set[str] | None = None) -> None:
    difference = session_difference(tmp_path, *edits, reported=reported)
    assert difference is None, f"the session's rebuild differs from a cold build at {difference}"


def edit(relpath: str, old: str, new: str) -> Edit:
    return lambda site: replace(site, relpath, old, new)


ALPHA = f"{CONTENT}/articles/alpha-report.yaml"
ENTITIES = f"{CONTENT}/entities.yaml"
SETTINGS = f"{CONTENT}/site.yaml"
EVENTS = f"{CONTENT}/events"

# --------------------------------------------------------------------------- articles


def test_a_session_rebuild_after_an_article_title_change_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, edit(ALPHA, "title: Veldoria begins filling", "title: Veldoria starts filling"))


def test_a_session_rebuild_after_an_article_publisher_change_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, edit(ALPHA, "publisher: Alpha Report", "publisher: Alpha Daily Report"))


def test_a_session_rebuild_after_an_article_date_change_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, edit(ALPHA, "published: 2025-04-11", "published: 2025-04-10"))


def test_a_session_rebuild_after_an_article_url_status_change_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, edit(ALPHA, "url_status: live", "url_status: dead"))


def test_a_session_rebuild_after_text_is_added_around_a_quote_equals_a_cold_build(tmp_path: Path) -> None:
    def add_text(site: Path) -> None:
        document = site / "seeds" / "alpha-report.txt"
        text = document.read_text(encoding="utf-8")
        document.write_text("An editor's note added in front of the report.\n\n" + text, encoding="utf-8")
        _later(document)

    assert_same(tmp_path, add_text)


# --------------------------------------------------------------------------- images


def copied_over(source: Path, relpath: str) -> Edit:
    """An edit that replaces a file of the site with `source`, its time moved on."""

    def copy(site: Path) -> None:
        shutil.copyfile(source, site / relpath)
        _later(site / relpath)

    return copy


def test_a_session_rebuild_after_an_image_file_is_replaced_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, copied_over(IMAGES / "turned.jpg", "media/kostra-dam.jpg"))


def test_a_session_rebuild_after_a_png_is_replaced_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, copied_over(IMAGES / "chart.png", "media/river-levels.png"))


def test_a_session_rebuild_after_a_media_caption_change_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(
        tmp_path,
        edit(f"{EVENTS}/kostra-dam-construction.yaml", "seen from *downstream*", "seen from *upstream*"),
    )


def test_a_session_rebuild_after_a_media_alt_change_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(
        tmp_path,
        edit(f"{EVENTS}/gauge-readings-shared.yaml", "rising and falling", "falling and rising"),
    )


# --------------------------------------------------------------------------- entities


def test_a_session_rebuild_after_an_actor_name_change_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, edit(ENTITIES, "{name: Veldoria,", "{name: Republic of Veldoria,"))


def test_a_session_rebuild_after_an_actor_alias_change_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, edit(ENTITIES, "aliases: [UN]", "aliases: [UNO]"))


def test_a_session_rebuild_after_a_place_country_change_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(
        tmp_path, edit(ENTITIES, "{name: Kraków, country: Poland}", "{name: Kraków, country: Polska}")
    )


def test_a_session_rebuild_after_a_new_actor_is_added_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(
        tmp_path,
        edit(
            ENTITIES,
            "places:\n",
            "  selka-commission: {name: Selka Commission, kind: organisation}\nplaces:\n",
        ),
    )


# --------------------------------------------------------------------------- settings


def test_a_session_rebuild_after_the_language_changes_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, edit(SETTINGS, "language: en", "language: fr"))


def test_a_session_rebuild_after_the_language_gets_a_territory_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, edit(SETTINGS, "language: en", "language: en-US"))


def test_a_session_rebuild_after_a_string_is_overridden_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(
        tmp_path,
        edit(SETTINGS, "language: en\n", 'language: en\nstrings:\n  "approximate date": "roughly"\n'),
    )


def test_a_session_rebuild_after_the_start_changes_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, edit(SETTINGS, "language: en\n", "language: en\nstart: first\n"))


def test_a_session_rebuild_after_the_site_title_changes_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, edit(SETTINGS, "The Selka dam dispute", "The Selka river dispute"))


def test_a_session_rebuild_after_the_feed_limit_changes_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, edit(SETTINGS, "language: en\n", "language: en\nfeed_limit: 3\n"))


# --------------------------------------------------------------------------- events and their relations


def test_a_session_rebuild_after_an_event_title_change_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, edit(f"{EVENTS}/selka-accord-signed.yaml", "sign the Selka", "sign the new Selka"))


def test_a_session_rebuild_after_a_related_event_title_change_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(
        tmp_path,
        edit(f"{EVENTS}/krakow-talks-stall.yaml", "Talks in Kraków end", "Talks in Kraków break up"),
    )


def test_a_session_rebuild_after_a_related_event_date_change_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(
        tmp_path, edit(f"{EVENTS}/marenzia-writes-to-un.yaml", "date: 2025-07-02", "date: 2025-07-03")
    )


def test_a_session_rebuild_after_an_event_moves_in_time_equals_a_cold_build(tmp_path: Path) -> None:
    """The site's order changes: the event and the one that comes after it move past others."""

    def move(site: Path) -> None:
        replace(site, f"{EVENTS}/krakow-talks-stall.yaml", "date: 2025-05-19", "date: 2025-07-10")
        replace(site, f"{EVENTS}/krakow-talks-stall.yaml", "end: 2025-05-20", "end: 2025-07-11")

    assert_same(tmp_path, move)


def test_a_session_rebuild_still_reports_a_contradiction_another_save_left_alone(tmp_path: Path) -> None:
    site = copy_site(FIXTURE_SITE, tmp_path / "site")
    session = BuildSession(BuildOptions(site, tmp_path / "out", SUB_PATH_URL, jobs=1))
    run(session)
    replace(site, f"{EVENTS}/marenzia-writes-to-un.yaml", "date: 2025-07-02", "date: 2025-05-01")
    first = session.run(save_later=True)
    replace(site, f"{EVENTS}/kostra-dam-construction.yaml", "date: 2021", "date: 2022")
    again = session.run(save_later=True)
    contradiction = [item.message for item in first.diagnostics if "contradicts the dates" in item.message]
    assert first.site is None and again.site is None and contradiction
    assert [
        item.message for item in again.diagnostics if "contradicts the dates" in item.message
    ] == contradiction


def test_a_session_rebuild_after_a_relation_is_added_elsewhere_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(
        tmp_path,
        edit(
            f"{EVENTS}/technical-committee-meets.yaml",
            "date: 2025-06~\n",
            "date: 2025-06~\nafter: [water-board-report]\n",
        ),
    )


def test_a_session_rebuild_after_a_relation_is_removed_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, edit(f"{EVENTS}/gauge-readings-shared.yaml", "after: [krakow-talks-stall]\n", ""))


def test_a_session_rebuild_after_a_summary_link_change_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(
        tmp_path,
        edit(f"{EVENTS}/water-board-report.yaml", "(../krakow-talks-stall/)", "(../gauge-readings-shared/)"),
    )


def test_a_session_rebuild_after_a_tag_change_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(
        tmp_path, edit(f"{EVENTS}/veldoria-blames-dry-spring.yaml", "tags: [water-rights]", "tags: [weather]")
    )


def test_a_session_rebuild_after_a_tag_change_and_its_revert_equals_a_cold_build(tmp_path: Path) -> None:
    relpath = f"{EVENTS}/veldoria-blames-dry-spring.yaml"
    assert_same(
        tmp_path,
        edit(relpath, "tags: [water-rights]", "tags: [weather]"),
        edit(relpath, "tags: [weather]", "tags: [water-rights]"),
    )


def test_a_session_rebuild_after_words_move_between_events_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(
        tmp_path,
        edit(f"{EVENTS}/veldoria-blames-dry-spring.yaml", "rather than the dam", "rather than the zeppelin"),
        edit(f"{EVENTS}/veldoria-blames-dry-spring.yaml", "rather than the zeppelin", "rather than the dam"),
        edit(f"{EVENTS}/selka-accord-signed.yaml", "is shared.", "is shared, says the zeppelin."),
    )


def test_a_session_rebuild_after_an_event_moves_to_another_year_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, edit(f"{EVENTS}/selka-accord-signed.yaml", "date: 1998", "date: 1999"))


def test_a_session_rebuild_after_an_event_is_deleted_equals_a_cold_build(tmp_path: Path) -> None:
    assert_same(tmp_path, lambda site: (site / EVENTS / "veldoria-blames-dry-spring.yaml").unlink())


def test_a_session_rebuild_after_an_event_is_renamed_equals_a_cold_build(tmp_path: Path) -> None:
    def rename(site: Path) -> None:
        folder = site / EVENTS
        (folder / "veldoria-blames-dry-spring.yaml").rename(folder / "veldoria-blames-the-weather.yaml")

    assert_same(tmp_path, rename)


def test_a_session_rebuild_after_an_event_file_is_only_touched_equals_a_cold_build(tmp_path: Path) -> None:
    def touch_and_edit(site: Path) -> None:
        _later(site / EVENTS / "selka-accord-signed.yaml")
        replace(site, ENTITIES, "{name: Kraków,", "{name: Krakow,")

    assert_same(tmp_path, touch_and_edit)


def test_a_session_rebuild_after_a_theme_override_equals_a_cold_build(tmp_path: Path) -> None:
    def override(site: Path) -> None:
        source = REPO / "templates" / "card.html"
        (site / "templates").mkdir(exist_ok=True)
        text = source.read_text(encoding="utf-8")
        (site / "templates" / "card.html").write_text("<!-- own card -->\n" + text, encoding="utf-8")

    assert_same(tmp_path, override)


# --------------------------------------------------------------------------- git history


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env)


def commit_all(repo: Path, message: str, when: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


def committed_site(tmp_path: Path) -> Path:
    """A copy of the fixture site that is a git repository, everything in one commit."""
    source = copy_site(FIXTURE_SITE, tmp_path / "source")
    git(source, "init", "-q")
    git(source, "config", "user.name", "Test Editor")
    git(source, "config", "user.email", "editor@example.org")
    git(source, "config", "commit.gpgsign", "false")
    commit_all(source, "Start the timeline", "2026-01-01T09:00:00+00:00")
    return source


def test_a_session_rebuild_after_a_correction_is_committed_equals_a_cold_build(tmp_path: Path) -> None:
    source = committed_site(tmp_path)

    def correct(site: Path) -> None:
        replace(site, f"{EVENTS}/selka-accord-signed.yaml", "is shared.", "is shared between them.")
        commit_all(site, "Correct what the accord shares", "2026-02-01T09:00:00+00:00")

    difference = session_difference(tmp_path, correct, source=source)
    assert difference is None, f"the session's rebuild differs from a cold build at {difference}"


def test_a_session_rebuild_after_a_commit_message_is_amended_equals_a_cold_build(tmp_path: Path) -> None:
    source = committed_site(tmp_path)
    replace(source, f"{EVENTS}/selka-accord-signed.yaml", "is shared.", "is shared between them.")
    commit_all(source, "Correct what the accord shares", "2026-02-01T09:00:00+00:00")

    def amend(site: Path) -> None:
        git(
            site,
            "commit",
            "-q",
            "--amend",
            "-m",
            "Correct what the 1998 accord shares",
            when="2026-02-01T09:00:00+00:00",
        )

    difference = session_difference(tmp_path, amend, source=source)
    assert difference is None, f"the session's rebuild differs from a cold build at {difference}"


def test_a_session_rebuild_after_a_minor_commit_equals_a_cold_build(tmp_path: Path) -> None:
    source = committed_site(tmp_path)

    def minor(site: Path) -> None:
        replace(site, f"{EVENTS}/selka-accord-signed.yaml", "is shared.", "is shared. ")
        commit_all(site, "minor: whitespace", "2026-02-02T09:00:00+00:00")

    difference = session_difference(tmp_path, minor, source=source)
    assert difference is None, f"the session's rebuild differs from a cold build at {difference}"


# --------------------------------------------------------------------------- a longer timeline

MANY = 45
"""Events added to the fixture: more than a page of cards, and lists long enough (16 or more)
for `describe` to describe each once per build."""


def many_events(site: Path) -> Path:
    """The fixture site with MANY more events, each tagged `drill` and naming Veldoria."""
    for number in range(MANY):
        (site / EVENTS / f"drill-{number:02d}.yaml").write_text(
            f"title: Drill number {number} at the Kostra Dam\n"
            f"date: 2024-{number % 12 + 1:02d}-{number % 27 + 1:02d}\n"
            f"summary: The dam's crew holds drill {number}.\n"
            "tags: [drill]\nactors: [veldoria]\nplaces: [kostra-dam]\n"
            f"sources: [{{url: 'https://example.org/drills/{number}', title: T}}]\n"
            "added: 2026-01-11\n",
            encoding="utf-8",
        )
    return site


def test_a_session_rebuild_of_a_longer_timeline_after_a_title_change_equals_a_cold_build(
    tmp_path: Path,
) -> None:
    source = many_events(copy_site(FIXTURE_SITE, tmp_path / "source"))
    difference = session_difference(
        tmp_path, edit(f"{EVENTS}/drill-07.yaml", "Drill number 7", "Drill number seven"), source=source
    )
    assert difference is None, f"the session's rebuild differs from a cold build at {difference}"


def test_a_session_rebuild_of_a_longer_timeline_after_events_are_deleted_equals_a_cold_build(
    tmp_path: Path,
) -> None:
    def delete(site: Path) -> None:
        for number in range(0, MANY, 3):
            (site / EVENTS / f"drill-{number:02d}.yaml").unlink()

    source = many_events(copy_site(FIXTURE_SITE, tmp_path / "source"))
    difference = session_difference(tmp_path, delete, source=source)
    assert difference is None, f"the session's rebuild differs from a cold build at {difference}"


def test_a_session_rebuild_of_a_longer_timeline_after_an_actor_name_change_equals_a_cold_build(
    tmp_path: Path,
) -> None:
    source = many_events(copy_site(FIXTURE_SITE, tmp_path / "source"))
    difference = session_difference(
        tmp_path, edit(ENTITIES, "{name: Veldoria,", "{name: Republic of Veldoria,"), source=source
    )
    assert difference is None, f"the session's rebuild differs from a cold build at {difference}"


def test_a_session_rebuild_of_a_longer_timeline_after_a_tag_is_renamed_equals_a_cold_build(
    tmp_path: Path,
) -> None:
    def retag(site: Path) -> None:
        for number in range(0, MANY, 2):
            replace(site, f"{EVENTS}/drill-{number:02d}.yaml", "tags: [drill]", "tags: [exercise]")

    source = many_events(copy_site(FIXTURE_SITE, tmp_path / "source"))
    difference = session_difference(tmp_path, retag, source=source)
    assert difference is None, f"the session's rebuild differs from a cold build at {difference}"


def test_a_session_rebuild_of_a_longer_timeline_after_a_span_runs_into_a_later_year_equals_a_cold_build(
    tmp_path: Path,
) -> None:
    """2025's events are the very same (its group and pages are kept), but a 2024 event now
    runs into it: its overview is made again."""
    source = many_events(copy_site(FIXTURE_SITE, tmp_path / "source"))
    difference = session_difference(
        tmp_path,
        edit(f"{EVENTS}/drill-05.yaml", "date: 2024-06-06\n", "date: 2024-06-06\nend: 2025-03-01\n"),
        source=source,
    )
    assert difference is None, f"the session's rebuild differs from a cold build at {difference}"


# --------------------------------------------------------------------------- a save with errors between


def test_a_session_rebuild_after_a_save_with_errors_then_a_fix_equals_a_cold_build(tmp_path: Path) -> None:
    site = copy_site(FIXTURE_SITE, tmp_path / "site")
    out = tmp_path / "out"
    session = BuildSession(BuildOptions(site, out, SUB_PATH_URL, jobs=1))
    run(session)
    replace(site, ENTITIES, "{name: Veldoria,", "{name: Veldoria Republic,")
    replace(
        site,
        f"{EVENTS}/selka-accord-signed.yaml",
        "actors: [veldoria, marenzia]",
        "actors: [veldora, marenzia]",
    )
    assert session.run(save_later=True).site is None  # an actor no one knows: nothing built
    replace(
        site,
        f"{EVENTS}/selka-accord-signed.yaml",
        "actors: [veldora, marenzia]",
        "actors: [veldoria, marenzia]",
    )
    run(session)
    cold_build(copy_site(site, tmp_path / "cold-site"), tmp_path / "cold")
    difference = first_difference(tmp_path / "cold", out)
    assert difference is None, f"the session's rebuild differs from a cold build at {difference}"


# --------------------------------------------------------------------------- what the watcher reports


WATER_BOARD = f"{EVENTS}/water-board-report.yaml"
NEW_LINK = ("(../krakow-talks-stall/)", "(../gauge-readings-shared/)")


def test_a_session_rebuild_after_an_edit_the_watcher_did_not_report_equals_a_cold_build(
    tmp_path: Path,
) -> None:
    """Files not reported are taken as unchanged until the open pages are shown; one that did
    change is found then, and the pages are shown again from every file checked."""
    assert_same(tmp_path, edit(WATER_BOARD, *NEW_LINK), reported=set())


@pytest.mark.parametrize("change", ["added", "deleted"])
def test_a_session_rebuild_after_an_event_file_the_watcher_did_not_report_equals_a_cold_build(
    tmp_path: Path, change: str
) -> None:
    """An event file made or deleted unreported, beside a reported edit of another: the
    folder is listed again once the open pages are shown."""

    def unreported(site: Path) -> None:
        events = site / EVENTS
        if change == "added":
            text = (events / "kostra-planning-begins.yaml").read_text(encoding="utf-8")
            (events / "kostra-planning-begins-again.yaml").write_text(text, encoding="utf-8")
        else:
            (events / "kostra-planning-begins.yaml").unlink()
        replace(site, WATER_BOARD, *NEW_LINK)

    assert_same(tmp_path, unreported, reported={WATER_BOARD})


def test_a_session_rebuild_after_an_article_the_watcher_did_not_report_equals_a_cold_build(
    tmp_path: Path,
) -> None:
    """An article's two files made unreported, beside a reported edit of an event: the
    articles' folders are listed again once the open pages are shown."""

    def unreported(site: Path) -> None:
        for folder, name in ((CONTENT + "/articles", "alpha-report.yaml"), ("seeds", "alpha-report.txt")):
            (site / folder / name.replace("alpha", "omega")).write_bytes((site / folder / name).read_bytes())
        replace(site, WATER_BOARD, *NEW_LINK)

    assert_same(tmp_path, unreported, reported={WATER_BOARD})


def test_a_session_rebuild_after_an_edit_reported_with_others_not_equals_a_cold_build(tmp_path: Path) -> None:
    def two_files(site: Path) -> None:
        replace(site, ALPHA, "publisher: Alpha Report", "publisher: Alpha Daily Report")
        replace(site, ENTITIES, "{name: Veldoria,", "{name: Veldoria Republic,")

    assert_same(tmp_path, two_files, reported={ENTITIES})


# --------------------------------------------------------------------------- open event pages


def test_an_open_event_page_whose_theme_reads_the_listings_is_shown_as_the_build_writes_it(
    tmp_path: Path,
) -> None:
    """An event's page is first rendered before the listings, source pages and claims are
    made; one whose template reads them is rendered again once they are (`run` checks that
    every page shown first is the one written)."""
    site = copy_site(FIXTURE_SITE, tmp_path / "site")
    text = (REPO / "templates" / "event.html").read_text(encoding="utf-8")
    reading = (
        "{% block main %}<p>{{ timeline.tags | length }} topics, {{ timeline.claims | length }} disputes</p>"
    )
    (site / "templates").mkdir(exist_ok=True)
    (site / "templates" / "event.html").write_text(
        text.replace("{% block main %}", reading, 1), encoding="utf-8"
    )
    out = tmp_path / "out"
    session = BuildSession(BuildOptions(site, out, SUB_PATH_URL, jobs=1))
    run(session)
    before = stamps(site)
    replace(site, f"{EVENTS}/gauge-readings-shared.yaml", "tags: [", "tags: [new-topic, ")
    run(session, changed_between(before, stamps(site)))
    shown = (out / "events" / "gauge-readings-shared" / "index.html").read_text(encoding="utf-8")
    assert "topics," in shown


def test_an_open_event_page_of_the_default_theme_is_shown_before_the_listings_are_made(
    tmp_path: Path,
) -> None:
    site = copy_site(FIXTURE_SITE, tmp_path / "site")
    session = BuildSession(BuildOptions(site, tmp_path / "out", SUB_PATH_URL, jobs=1))
    loaded, _ = session.load()
    assert loaded.site is not None
    planning = plan_timeline(loaded.site, site, session.state, provenance(loaded.site), 1)
    pages = render_open_pages(planning, {"events/gauge-readings-shared/index.html"})
    assert list(pages) == ["events/gauge-readings-shared/index.html"]
    assert "timeline" not in vars(planning)  # the whole timeline (Planning.timeline) was not made
