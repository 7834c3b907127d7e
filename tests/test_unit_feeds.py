"""feeds: RSS 2.0 and Atom of events by `added`, newest first, with ids and dates that never drift."""

from __future__ import annotations

import datetime
from pathlib import Path

import feedparser
import pytest
from renderers import render_feeds, render_site, render_subject_feed, timeline_of
from unit_helpers import SITE_YAML, write_site

from chronicle.build.load import load_site

BASE = "https://example.org/sub/"


def event(title: str, date: str, added: str, extra: str = "", summary: str = "S") -> str:
    return (
        f"title: {title}\ndate: {date}\nsummary: {summary}\n"
        f"sources: [{{url: https://example.org/r, title: T}}]\nadded: {added}\n{extra}"
    )


def feed_site(root: Path, **changes: str) -> Path:
    events = {
        "content/events/first-event.yaml": event("First", "2025-06-03", "2020-01-02"),
        "content/events/second-event.yaml": event(
            "Second",
            "2025-05-01",
            "2020-01-05",
            "updated: 2020-01-07\n",
            summary="See [the first](../first-event/).",
        ),
        "content/events/third-event.yaml": event("Third", "2025-07-01", "2020-01-03"),
    }
    return write_site(root, {**events, **changes})


def feeds_of(root: Path) -> tuple[bytes, bytes]:
    site = load_site(root).site
    assert site is not None
    return render_feeds(timeline_of(site))


@pytest.fixture(params=["rss", "atom"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def parsed(root: Path, kind: str) -> feedparser.FeedParserDict:
    rss, atom = feeds_of(root)
    return feedparser.parse(rss if kind == "rss" else atom)


def test_render_site_writes_both_feeds_well_formed(tmp_path: Path) -> None:
    root = feed_site(tmp_path)
    site = load_site(root).site
    assert site is not None
    files = render_site(site, root)
    assert [feedparser.parse(files[name]).bozo for name in ("feed.xml", "atom.xml")] == [0, 0]
    assert [feedparser.parse(files[name]).version for name in ("feed.xml", "atom.xml")] == ["rss20", "atom10"]


def test_entries_are_newest_added_first(tmp_path: Path, kind: str) -> None:
    feed = parsed(feed_site(tmp_path), kind)
    assert feed.bozo == 0
    assert [entry.title for entry in feed.entries] == [
        "1 May 2025: Second",
        "1 July 2025: Third",
        "3 June 2025: First",
    ]


def test_entry_ids_and_links_are_the_absolute_permalinks(tmp_path: Path, kind: str) -> None:
    feed = parsed(feed_site(tmp_path), kind)
    expected = [f"{BASE}events/{slug}/" for slug in ("second-event", "third-event", "first-event")]
    assert [entry.id for entry in feed.entries] == expected
    assert [entry.link for entry in feed.entries] == expected


def test_entry_ids_do_not_change_when_title_or_summary_changes(tmp_path: Path, kind: str) -> None:
    before = [entry.id for entry in parsed(feed_site(tmp_path / "a"), kind).entries]
    changed = feed_site(
        tmp_path / "b",
        **{
            "content/events/first-event.yaml": event(
                "First, retitled", "2025-06-03", "2020-01-02", summary="New."
            )
        },
    )
    assert [entry.id for entry in parsed(changed, kind).entries] == before


def test_links_in_summaries_are_absolute(tmp_path: Path, kind: str) -> None:
    summary = parsed(feed_site(tmp_path), kind).entries[0].summary
    assert summary.startswith(f'<p>See <a href="{BASE}events/first-event/">the first</a>.</p>')


def test_entry_dates_are_added_and_updated(tmp_path: Path) -> None:
    feed = parsed(feed_site(tmp_path), "atom")
    assert [(entry.published, entry.updated) for entry in feed.entries] == [
        ("2020-01-05T00:00:00+00:00", "2020-01-07T00:00:00+00:00"),
        ("2020-01-03T00:00:00+00:00", "2020-01-03T00:00:00+00:00"),
        ("2020-01-02T00:00:00+00:00", "2020-01-02T00:00:00+00:00"),
    ]


def test_feed_date_is_the_newest_change_of_the_content_not_the_clock(tmp_path: Path) -> None:
    rss, atom = (feedparser.parse(data) for data in feeds_of(feed_site(tmp_path)))
    newest = datetime.datetime(2020, 1, 7, tzinfo=datetime.UTC)
    assert rss.feed.updated == "Tue, 07 Jan 2020 00:00:00 +0000"
    assert atom.feed.updated == newest.isoformat()


class _AnyDatetime(type):
    def __instancecheck__(cls, instance: object) -> bool:
        return isinstance(instance, datetime.datetime)


class LaterClock(metaclass=_AnyDatetime):
    """Stands in for feedgen's `datetime`: the clock reads a moment years after the first render."""

    @staticmethod
    def now(tz: datetime.tzinfo | None = None) -> datetime.datetime:
        return datetime.datetime(2031, 1, 1, 12, 0, tzinfo=tz)


def test_two_renders_at_different_times_are_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = feed_site(tmp_path)
    first = feeds_of(root)
    monkeypatch.setattr("feedgen.feed.datetime", LaterClock)
    monkeypatch.setattr("feedgen.entry.datetime", LaterClock)
    assert feeds_of(root) == first


def test_atom_feed_links_itself_and_the_site(tmp_path: Path) -> None:
    feed = parsed(feed_site(tmp_path), "atom").feed
    assert sorted((link.rel, link.href) for link in feed.links) == [
        ("alternate", BASE),
        ("self", f"{BASE}atom.xml"),
    ]


def test_rss_channel_link_is_the_site(tmp_path: Path) -> None:
    assert parsed(feed_site(tmp_path), "rss").feed.link == BASE


def same_day_site(root: Path) -> Path:
    tagged = "tags: [talks]\n"
    return write_site(
        root,
        {
            "content/events/a-early.yaml": event("A", "2025-01-01", "2020-01-02", tagged),
            "content/events/c-late.yaml": event("C", "2025-03-01", "2020-01-02", tagged),
            "content/events/b-late.yaml": event("B", "2025-03-01", "2020-01-02", tagged),
            "content/events/d-added-before.yaml": event("D", "2025-12-01", "2020-01-01", tagged),
            "content/events/first-event.yaml": None,
        },
    )


# Same-day additions: the reverse of the timeline's order (B and C tie on the date; the
# timeline takes B first, by file name).
SAME_DAY_ORDER = ["1 March 2025: C", "1 March 2025: B", "1 January 2025: A", "1 December 2025: D"]


def test_events_added_the_same_day_are_in_reverse_timeline_order(tmp_path: Path, kind: str) -> None:
    assert [entry.title for entry in parsed(same_day_site(tmp_path), kind).entries] == SAME_DAY_ORDER


def test_a_subject_feed_keeps_the_main_feeds_order(tmp_path: Path, kind: str) -> None:
    site = load_site(same_day_site(tmp_path)).site
    assert site is not None
    timeline = timeline_of(site)
    (talks,) = timeline.tags
    feed = feedparser.parse(render_subject_feed(timeline, kind, talks))  # type: ignore[arg-type]
    assert [entry.title for entry in feed.entries] == SAME_DAY_ORDER


def with_feed_limit(root: Path, limit: int) -> Path:
    (root / "content/site.yaml").write_text(SITE_YAML + f"feed_limit: {limit}\n", encoding="utf-8")
    return root


def test_a_feed_lists_the_newest_feed_limit_events_only(tmp_path: Path, kind: str) -> None:
    root = with_feed_limit(same_day_site(tmp_path), 2)
    assert [entry.title for entry in parsed(root, kind).entries] == SAME_DAY_ORDER[:2]


def test_a_subject_feed_lists_the_newest_feed_limit_events_only(tmp_path: Path, kind: str) -> None:
    site = load_site(with_feed_limit(same_day_site(tmp_path), 3)).site
    assert site is not None
    timeline = timeline_of(site)
    (talks,) = timeline.tags
    feed = feedparser.parse(render_subject_feed(timeline, kind, talks))  # type: ignore[arg-type]
    assert [entry.title for entry in feed.entries] == SAME_DAY_ORDER[:3]


def test_a_feeds_date_is_the_newest_change_among_the_events_it_lists(tmp_path: Path) -> None:
    # First, added earliest, changed last; the feed lists Second only (updated 2020-01-07).
    first = event("First", "2025-06-03", "2020-01-02", "updated: 2020-02-01\n")
    root = with_feed_limit(feed_site(tmp_path, **{"content/events/first-event.yaml": first}), 1)
    assert parsed(root, "atom").feed.updated.startswith("2020-01-07")


def test_atom_feed_of_a_site_without_author_names_the_site_as_its_author(tmp_path: Path) -> None:
    root = feed_site(tmp_path, **{"content/site.yaml": SITE_YAML.replace("author: Test Editors\n", "")})
    feed = parsed(root, "atom").feed
    assert feed.author_detail.name == "Test timeline"


def test_rss_feed_of_a_site_without_author_names_no_author(tmp_path: Path) -> None:
    root = feed_site(tmp_path, **{"content/site.yaml": SITE_YAML.replace("author: Test Editors\n", "")})
    rss, _ = feeds_of(root)
    assert b"managingEditor" not in rss and b"<author>" not in rss
