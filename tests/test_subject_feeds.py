"""Feeds per subject: an RSS and an Atom feed for every tag, actor and place, read with feedparser;
their entries are the main feed's (same ids, same dates), limited to the subject's events."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest
from renderers import timeline_of
from site_reader import BuiltSite

from chronicle.build.cache import BuildState
from chronicle.build.load import load_site
from chronicle.build.plan import plan_site
from chronicle.build.session import provenance
from chronicle.render.theme import make_environment, theme_dirs
from chronicle.timeline.views import Listing, Timeline


@pytest.fixture(scope="module")
def timeline(fixture_site_root: Path) -> Timeline:
    site = load_site(fixture_site_root).site
    assert site is not None
    return timeline_of(site)


def listings(timeline: Timeline) -> list[Listing]:
    return [*timeline.tags, *timeline.actors, *timeline.places]


def test_every_tag_actor_and_place_has_an_rss_and_an_atom_feed(
    built_fixture_site: BuiltSite, timeline: Timeline
) -> None:
    expected = [path for listing in listings(timeline) for path in (listing.feed_path, listing.atom_path)]
    assert "tags/dam/feed.xml" in expected and "places/kostra-dam/atom.xml" in expected
    assert [path for path in expected if not (built_fixture_site.out / path).is_file()] == []


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_subject_feeds_hold_the_subjects_events_with_the_main_feeds_ids_and_dates(
    built_fixture_site: BuiltSite, timeline: Timeline, name: str
) -> None:
    main = {entry.id: entry for entry in built_fixture_site.feed(name).entries}
    base = built_fixture_site.base_url
    for listing in listings(timeline):
        feed = built_fixture_site.feed(listing.path + name)
        assert not feed.bozo, (listing.path, feed.get("bozo_exception"))
        ids = [entry.id for entry in feed.entries]
        assert sorted(ids) == sorted(base + view.path for view in listing.events)
        for entry in feed.entries:
            assert entry.title == main[entry.id].title
            assert entry.link == main[entry.id].link
            assert entry.published == main[entry.id].published
            if name == "atom.xml":
                assert entry.updated == main[entry.id].updated
        assert ids == [entry_id for entry_id in main if entry_id in set(ids)]  # the main feed's order
        assert listing.name in feed.feed.title
        own = [link.href for link in feed.feed.links if link.rel == "self"]
        assert own == [base + listing.path + name]


def test_an_actors_feed_is_titled_by_the_actor(built_fixture_site: BuiltSite) -> None:
    feed = built_fixture_site.feed("actors/zoe-angstrom/atom.xml")
    assert feed.feed.title == "The Selka dam dispute: a sourced timeline · Actor: Zoë Ångström"
    assert feed.feed.id == built_fixture_site.base_url + "actors/zoe-angstrom/"
    assert [entry.id for entry in feed.entries] == [
        built_fixture_site.base_url + "events/reservoir-filling-begins/",
        built_fixture_site.base_url + "events/krakow-talks-stall/",
    ]


def test_the_partial_links_a_listing_page_to_its_feeds(timeline: Timeline, fixture_site_root: Path) -> None:
    env = make_environment(theme_dirs(fixture_site_root), {})
    listing = next(item for item in timeline.tags if item.id == "water-rights")
    head = env.get_template("partials/subject_feeds.html").render(
        listing=listing, root="../../", site=timeline.site.settings
    )
    links = lxml.html.fragments_fromstring(head)
    assert [(link.get("rel"), link.get("type"), link.get("href")) for link in links] == [
        ("alternate", "application/rss+xml", "../../tags/water-rights/feed.xml"),
        ("alternate", "application/atom+xml", "../../tags/water-rights/atom.xml"),
    ]
    assert links[0].get("title") == "The Selka dam dispute: a sourced timeline · water rights (RSS)"


def feed_keys(root: Path) -> dict[str, str]:
    site = load_site(root).site
    assert site is not None
    plan = plan_site(site, root, BuildState(""), provenance(site), 1)
    return {item.path: item.key for item in plan.files if item.path.endswith(("feed.xml", "atom.xml"))}


def test_editing_an_event_changes_only_the_feeds_of_its_subjects(
    fixture_site_root: Path, tmp_path: Path
) -> None:
    root = tmp_path / "site"
    shutil.copytree(fixture_site_root, root)
    before = feed_keys(root)
    event = root / "content/events/marenzia-writes-to-un.yaml"
    event.write_text(
        event.read_text(encoding="utf-8").replace("writes to the UN", "writes to the United Nations")
    )
    after = feed_keys(root)
    changed = sorted({path.rsplit("/", 1)[0] for path in before if before[path] != after[path]})
    assert changed == [
        "actors/marenzia",
        "actors/united-nations",
        "atom.xml",
        "feed.xml",
        "places/selka-delta",
        "tags/diplomacy",
    ]


@pytest.mark.parametrize("path", ["tags/dam/", "actors/zoe-angstrom/", "places/kostra-dam/"])
def test_a_listing_page_announces_its_own_feeds(built_fixture_site: BuiltSite, path: str) -> None:
    page = built_fixture_site.page(path)
    announced = {
        (link.get("type"), link.get("href"))
        for link in page.xpath("//head/link[@rel='alternate']")
        if link.get("href").startswith("../../" + path)
    }
    assert announced == {
        ("application/rss+xml", f"../../{path}feed.xml"),
        ("application/atom+xml", f"../../{path}atom.xml"),
    }
    for _, href in announced:
        resolved = built_fixture_site.resolve(built_fixture_site.base_url + path, href)
        assert resolved is not None and resolved[0].is_file()
