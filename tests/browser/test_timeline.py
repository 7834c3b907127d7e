"""The timeline page: whole without JavaScript; search and filters by keyboard, kept in the URL."""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .conftest import Opener, ServedSite
from .pages import tab_to, visible_event_ids, words_of

STATUS = "#finder-status"


INDEX = "search/index.json"


def all_ids(site: ServedSite) -> list[str]:
    return site.search_index.ids


def query_of(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def wait_until_filtered(page: Any) -> None:
    page.wait_for_function("s => document.querySelector(s).textContent.startsWith('Showing')", arg=STATUS)


def test_without_javascript_every_event_is_shown_and_the_search_form_is_hidden(
    opener: Opener, served_site: ServedSite
) -> None:
    page = opener.open("", java_script_enabled=False)
    assert visible_event_ids(page) == all_ids(served_site)
    assert page.locator("#finder").is_hidden()
    assert page.locator('input[type="search"]').is_hidden()
    explanation = page.locator(".browse").inner_text()
    assert "need JavaScript" in explanation
    for listing in ("tags/", "actors/", "places/"):
        assert page.locator(f'.browse a[href="{listing}"]').count() == 1
    assert not any(url.endswith(INDEX) for url in opener.watch.requested)


def test_without_javascript_tag_actor_and_place_pages_list_their_events(
    opener: Opener,
    served_site: ServedSite,
) -> None:
    for kind, attribute in (("tag", "data-tags"), ("actor", "data-actors"), ("place", "data-places")):
        path = served_site.kinds[kind]
        page = opener.open(path, java_script_enabled=False)
        identifier = path.rstrip("/").rsplit("/", 1)[1]
        cards = page.locator("article.event")
        assert cards.count() > 0
        for index in range(cards.count()):
            assert identifier in cards.nth(index).get_attribute(attribute).split()


def test_a_subject_page_offers_its_filtered_timeline_only_where_scripts_run(
    opener: Opener, served_site: ServedSite
) -> None:
    # Without the script the timeline cannot filter: the link would show every event.
    for kind in ("tag", "actor", "place"):
        path = served_site.kinds[kind]
        assert opener.open(path, java_script_enabled=False).locator(".see-on-timeline a").is_hidden()
        assert opener.open(path).locator(".see-on-timeline a").is_visible()


def test_search_by_keyboard_narrows_the_timeline_and_clears(opener: Opener, served_site: ServedSite) -> None:
    page = opener.open("")
    assert page.locator("#finder").is_visible()
    assert not any(url.endswith(INDEX) for url in opener.watch.requested), "index loads lazily"
    tab_to(page, "#finder-q")
    page.keyboard.type("shoigu")
    wait_until_filtered(page)
    shown = visible_event_ids(page)
    assert 0 < len(shown) < len(all_ids(served_site))
    index = served_site.search_index
    assert all(index.finds(slug, "shoigu") for slug in shown)
    expected = [slug for slug in all_ids(served_site) if index.finds(slug, "shoigu")]
    assert sorted(shown) == sorted(expected)
    assert any(url.endswith(INDEX) for url in opener.watch.requested)
    assert query_of(page) == {"q": ["shoigu"]}
    page.keyboard.press("Escape")
    page.wait_for_function("s => !document.querySelector(s).textContent.startsWith('Showing')", arg=STATUS)
    assert visible_event_ids(page) == all_ids(served_site)
    assert query_of(page) == {}


def test_search_matches_quotes_whatever_their_typographic_marks(
    opener: Opener, served_site: ServedSite
) -> None:
    page = opener.open("")
    page.locator("#finder-q").focus()
    page.keyboard.type("\u201cunconditional support\u201d")  # curly quotes: whole words
    wait_until_filtered(page)
    shown = visible_event_ids(page)
    index = served_site.search_index
    assert shown == [
        slug for slug in all_ids(served_site) if index.finds_whole(slug, "unconditional support")
    ]

    # Case and accents do not matter either: the script folds the query as search.py folds the index.
    page.locator("#finder-q").fill("K\u00daRSK")
    # The status names the query once its search has answered (the last one's stays till then).
    page.wait_for_function("s => document.querySelector(s).textContent.includes('K\u00daRSK')", arg=STATUS)
    expected = [slug for slug in all_ids(served_site) if index.finds(slug, "kursk")]
    assert expected and visible_event_ids(page) == expected


def test_search_ignores_characters_that_never_show_as_the_index_does(
    opener: Opener, served_site: ServedSite
) -> None:
    # A query pasted from a web page may carry a soft hyphen or a zero-width space.
    page = opener.open("")
    page.locator("#finder-q").fill("Kur\u00adsk\u200b")
    page.wait_for_function("s => document.querySelector(s).textContent.includes('Kur')", arg=STATUS)
    expected = [slug for slug in all_ids(served_site) if served_site.search_index.finds(slug, "kursk")]
    assert expected and visible_event_ids(page) == expected


def test_a_search_that_matches_nothing_says_so(opener: Opener) -> None:
    page = opener.open("")
    page.locator("#finder-q").fill("zzzz no such words")
    page.wait_for_function("s => document.querySelector(s).textContent.startsWith('No event')", arg=STATUS)
    assert visible_event_ids(page) == []
    assert page.locator("section.year:visible").count() == 0
    assert page.locator("#finder-clear").is_visible()


def test_filters_by_keyboard_work_together_and_are_kept_in_the_url(
    opener: Opener, served_site: ServedSite
) -> None:
    page = opener.open("")
    tab_to(page, "#finder-tag")
    page.keyboard.press("ArrowDown")  # the first topic
    tag = page.locator("#finder-tag").input_value()
    assert tag
    wait_until_filtered(page)
    by_tag = visible_event_ids(page)
    assert by_tag and all(tag in words_of(page, slug, "data-tags") for slug in by_tag)
    assert query_of(page) == {"tag": [tag]}

    page.keyboard.press("Tab")  # to the actor filter
    assert page.evaluate("document.activeElement.id") == "finder-actor"
    wanted = words_of(page, by_tag[0], "data-actors")  # actors of an event the topic shows
    for _ in range(page.locator("#finder-actor option").count()):
        page.keyboard.press("ArrowDown")
        if page.locator("#finder-actor").input_value() in wanted:
            break
    actor = page.locator("#finder-actor").input_value()
    assert actor in wanted
    page.wait_for_function("a => new URLSearchParams(location.search).get('actor') === a", arg=actor)
    page.wait_for_function("s => document.querySelector(s).textContent.includes('actor: ')", arg=STATUS)
    both = visible_event_ids(page)
    assert both and set(both) <= set(by_tag)
    assert all(actor in words_of(page, slug, "data-actors") for slug in both)
    assert query_of(page) == {"tag": [tag], "actor": [actor]}

    # The URL is shareable: opened afresh, it restores the same filters and the same events.
    again = opener.open("?" + urlsplit(page.url).query)
    wait_until_filtered(again)
    assert again.locator("#finder-tag").input_value() == tag
    assert again.locator("#finder-actor").input_value() == actor
    assert visible_event_ids(again) == both

    # The clear button, reached by keyboard, shows every event again and empties the URL.
    tab_to(page, "#finder-clear")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search === ''")
    assert visible_event_ids(page) == all_ids(served_site)
    assert page.evaluate("document.activeElement.id") == "finder-q"


def test_url_with_search_place_and_year_restores_the_state_on_load(
    opener: Opener, served_site: ServedSite
) -> None:
    index = served_site.search_index
    page = opener.open("?year=2025&q=kim")
    wait_until_filtered(page)
    assert page.locator("#finder-q").input_value() == "kim"
    assert page.locator("#finder-year").input_value() == "2025"
    shown = visible_event_ids(page)
    assert shown and all(index.finds(slug, "kim") for slug in shown)
    for slug in shown:  # a span is shown in each year it runs through
        first, last = words_of(page, slug, "data-year"), words_of(page, slug, "data-end-year")
        assert int(first[0]) <= 2025 <= int((last or first)[0])
    hidden_years = page.locator(".year-index li[hidden]").count()
    groups = {words_of(page, slug, "data-year")[0] for slug in shown}  # a span sits in its first year
    assert hidden_years == len(page.locator(".year-index li").all()) - len(groups), "only years shown stay"

    place = served_site.kinds["place"].rstrip("/").rsplit("/", 1)[1]
    page = opener.open(f"?place={place}")
    wait_until_filtered(page)
    assert page.locator("#finder-place").input_value() == place
    assert all(place in words_of(page, slug, "data-places") for slug in visible_event_ids(page))


def test_unknown_filter_values_in_the_url_show_every_event(opener: Opener, served_site: ServedSite) -> None:
    page = opener.open("?tag=no-such-topic&year=1900")
    assert page.locator("#finder-tag").input_value() == ""
    assert visible_event_ids(page) == all_ids(served_site)
    status = page.locator(STATUS).inner_text()
    assert "Not in this timeline" in status and "no-such-topic" in status and "1900" in status


def test_every_event_has_an_anchor_and_a_permalink(opener: Opener, served_site: ServedSite) -> None:
    page = opener.open("")
    for slug in all_ids(served_site):
        card = page.locator(f'article[id="{slug}"]')
        assert card.count() == 1
        assert card.locator(f'a[href="events/{slug}/"]').count() >= 2  # the title and the permalink
        date = card.locator(".event-date")
        # a <time> for what is certain; an approximate or uncertain date has none
        assert date.locator("time[datetime]").count() >= 1 or re.search(r"^c\. |\?", date.inner_text())
        assert "document" in card.locator(".event-meta").inner_text()  # how many documents it cites


LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


def test_nothing_moves_while_the_timeline_page_loads(opener: Opener) -> None:
    """The search form is in the page from the first paint (CLS 0): the script only wires it up,
    however late it arrives (held back here, as a slow phone network would)."""
    context = opener.context()

    def late(route: Any) -> None:
        time.sleep(0.4)
        route.continue_()

    context.route("**/timeline.js", late)
    page = opener.open("", context=context)
    page.wait_for_selector("#finder-q")
    assert page.evaluate(LAYOUT_SHIFT) == 0


def test_a_page_opened_from_disk_searches_its_own_text(browser: Any, served_site: ServedSite) -> None:
    """file:// forbids fetching the index: the one-page timeline is searched in its own text."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((served_site.out / "index.html").as_uri() + "?q=shoigu")
        page.wait_for_function("s => document.querySelector(s).textContent.includes('text only')", arg=STATUS)
        shown = visible_event_ids(page)
        index = served_site.search_index
        assert shown and all(index.finds(slug, "shoigu") for slug in shown)
    finally:
        context.close()
