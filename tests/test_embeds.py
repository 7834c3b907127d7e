"""Embeds, end to end: every event, period and the timeline have a page made for another site's
frame (embed/...), and each event an oEmbed answer its page announces. Read from built sites:
the fixture site (one page of events, images, disputed figures) and a small timeline in pages
by period."""

from __future__ import annotations

import json
import shutil
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import pytest
from conftest import FIXTURES, SUB_PATH_URL
from site_reader import BuiltSite, build_site, links_of
from unit_helpers import paged_site_files, write_site

from chronicle.model.records import SiteSettings
from chronicle.render.embeds import _indented, embed_snippet

# oEmbed 1.0, section 2.3.4: every response, then the "rich" type's own.
OEMBED_REQUIRED = {"type": str, "version": str, "html": str, "width": int, "height": int}
OEMBED_OPTIONAL = {
    "title": str,
    "author_name": str,
    "author_url": str,
    "provider_name": str,
    "provider_url": str,
    "cache_age": int,
    "thumbnail_url": str,
    "thumbnail_width": int,
    "thumbnail_height": int,
}
THUMBNAIL = {"thumbnail_url", "thumbnail_width", "thumbnail_height"}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("embeds") / "site"
    shutil.copytree(FIXTURES / "site", root)
    return build_site(root, root.parent / "out", SUB_PATH_URL)


@pytest.fixture(scope="module", params=["latest", "first"])
def paged_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = write_site(tmp_path_factory.mktemp("paged") / "site", paged_site_files(request.param))
    return build_site(root, root.parent / "out", SUB_PATH_URL)


def embed_paths(site: BuiltSite) -> list[str]:
    return [path for path in site.html_paths() if path.startswith("embed/")]


def shown_by(path: str) -> str:
    """The site path of the page an embed page shows."""
    return path.removeprefix("embed/")


def event_slugs(site: BuiltSite) -> list[str]:
    return sorted(path.parent.name for path in (site.out / "events").glob("*/index.html"))


def test_the_timeline_every_period_and_every_event_have_an_embed_page(paged_site: BuiltSite) -> None:
    shown = {shown_by(path) for path in embed_paths(paged_site)}
    periods = {path for path in paged_site.html_paths() if path[:4].isdigit()}
    assert periods >= {"2024/", "2024/01/", "2025/"}
    assert shown == {"", *periods, *(f"events/{slug}/" for slug in event_slugs(paged_site))}


def test_an_embed_page_has_no_site_navigation_but_a_link_to_the_page_it_shows(
    fixture_site: BuiltSite,
) -> None:
    for path in embed_paths(fixture_site):
        page = fixture_site.page(path)
        assert page.cssselect("header, nav.site-nav, .skip-link, .site-footer, form") == [], path
        (view,) = page.cssselect("footer.embed-footer a")
        assert view.text_content() == "View on The Selka dam dispute: a sourced timeline"
        assert urljoin(SUB_PATH_URL + path, view.get("href")) == SUB_PATH_URL + shown_by(path)


def test_every_link_of_an_embed_page_opens_in_the_page_around_the_frame_but_those_between_embeds(
    paged_site: BuiltSite, fixture_site: BuiltSite
) -> None:
    for site in (paged_site, fixture_site):
        for path in embed_paths(site):
            page = site.page(path)
            assert [base.get("target") for base in page.cssselect("base")] == ["_top"], path
            assert page.cssselect("base[href]") == []  # the policy says base-uri 'none'
            for link in page.cssselect("a[href]"):
                target = urljoin(SUB_PATH_URL + path, link.get("href"))
                in_frame = target.startswith(SUB_PATH_URL + "embed/")
                assert link.get("target") == ("_self" if in_frame else None), (path, target)


def test_an_embed_page_names_the_page_it_shows_as_canonical_and_not_noindex(
    fixture_site: BuiltSite,
) -> None:
    # The canonical address folds the frame into the page it shows; noindex beside it would
    # tell search engines the opposite (and costs the page its Lighthouse SEO score).
    for path in embed_paths(fixture_site):
        page = fixture_site.page(path)
        assert page.cssselect('meta[name="robots"]') == [], path
        (canonical,) = page.cssselect('link[rel="canonical"]')
        assert canonical.get("href") == SUB_PATH_URL + shown_by(path)


def test_an_embed_page_describes_what_it_shows(fixture_site: BuiltSite) -> None:
    for path in embed_paths(fixture_site):
        (description,) = fixture_site.page(path).cssselect('meta[name="description"]')
        assert description.get("content", "").strip(), path
    event = fixture_site.page("embed/events/selka-accord-signed/")
    shown = fixture_site.page("events/selka-accord-signed/")
    assert event.cssselect('meta[name="description"]')[0].get("content") == shown.cssselect(
        'meta[name="description"]'
    )[0].get("content")


def test_the_sitemap_leaves_the_embed_pages_out(fixture_site: BuiltSite) -> None:
    sitemap = lxml.etree.fromstring((fixture_site.out / "sitemap.xml").read_bytes())
    listed = [element.text for element in sitemap.iter("{*}loc")]
    assert listed and not [url for url in listed if "/embed/" in url]


def test_an_embed_page_runs_only_the_sites_own_script_under_the_sites_policy(
    fixture_site: BuiltSite,
) -> None:
    for path in embed_paths(fixture_site):
        page = fixture_site.page(path)
        scripts = page.cssselect("script")
        assert [urljoin(SUB_PATH_URL + path, script.get("src")) for script in scripts] == [
            SUB_PATH_URL + "assets/embed.js"
        ]
        (policy,) = page.cssselect('meta[http-equiv="Content-Security-Policy"]')
        assert "script-src 'self'" in policy.get("content")
        for href in links_of(page):
            # the site itself, or a source's address as the event page links it
            assert urlsplit(urljoin(SUB_PATH_URL + path, href)).netloc in (
                "example.github.io",
                "example.org",
                "example.net",
                "web.archive.org",
            )
    assert (fixture_site.out / "assets" / "embed.js").is_file()


def test_an_events_embed_shows_its_date_title_summary_lead_image_and_sources(
    fixture_site: BuiltSite,
) -> None:
    page = fixture_site.page("embed/events/kostra-dam-construction/")
    full = fixture_site.page("events/kostra-dam-construction/")
    assert page.cssselect("h1")[0].text_content() == full.cssselect("h1")[0].text_content()
    assert page.cssselect(".event-date")[0].text_content() == full.cssselect(".event-date")[0].text_content()
    assert page.cssselect("figure.media-lead img")
    quotes = [quote.text_content() for quote in page.cssselect("blockquote.quote")]
    assert quotes == [quote.text_content() for quote in full.cssselect(".event-sources blockquote.quote")]


def test_the_embed_timeline_shows_what_the_home_page_shows(paged_site: BuiltSite) -> None:
    home = {a.get("href") for a in paged_site.page("").cssselect("article.event .event-title a")}
    embedded = {a.get("href") for a in paged_site.page("embed/").cssselect(".embed-item-title a")}
    assert embedded and {"../" + href for href in home} == embedded


def test_the_embed_timeline_lists_newest_first_when_the_home_page_starts_with_the_latest(
    paged_site: BuiltSite,
) -> None:
    for path in ("embed/", "embed/2024/01/"):
        dates = [time.get("datetime") for time in paged_site.page(path).cssselect(".embed-item time")]
        newest_first = "start: latest" in (paged_site.root / "content/site.yaml").read_text(encoding="utf-8")
        assert len(dates) > 1 and dates == sorted(dates, reverse=newest_first)


def test_a_large_years_embed_page_lists_its_months_embed_pages(paged_site: BuiltSite) -> None:
    page = paged_site.page("embed/2024/")
    months = [urljoin(SUB_PATH_URL + "embed/2024/", a.get("href")) for a in page.cssselect(".embed-months a")]
    assert months[:2] == [SUB_PATH_URL + "embed/2024/01/", SUB_PATH_URL + "embed/2024/02/"]
    assert all(
        (paged_site.out / urlsplit(url).path.removeprefix("/REPO/") / "index.html").is_file()
        for url in months
    )


def oembed_answers(site: BuiltSite) -> dict[str, dict[str, object]]:
    return {
        path.relative_to(site.out).as_posix(): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((site.out / "embed").rglob("oembed.json"))
    }


def test_every_event_and_the_timeline_have_an_oembed_answer(fixture_site: BuiltSite) -> None:
    expected = ["embed/oembed.json"] + [
        f"embed/events/{slug}/oembed.json" for slug in event_slugs(fixture_site)
    ]
    assert sorted(oembed_answers(fixture_site)) == sorted(expected)


def test_an_oembed_answer_has_what_the_spec_requires_of_a_rich_type(fixture_site: BuiltSite) -> None:
    for path, answer in oembed_answers(fixture_site).items():
        assert answer["version"] == "1.0" and answer["type"] == "rich", path
        for name, kind in OEMBED_REQUIRED.items():
            assert type(answer.get(name)) is kind, (path, name)
        assert set(answer) <= {*OEMBED_REQUIRED, *OEMBED_OPTIONAL}, path
        for name in set(answer) & set(OEMBED_OPTIONAL):
            assert type(answer[name]) is OEMBED_OPTIONAL[name], (path, name)
        assert set(answer) >= THUMBNAIL or not THUMBNAIL & set(answer), path
        assert answer["provider_name"] == "The Selka dam dispute: a sourced timeline"
        assert answer["provider_url"] == SUB_PATH_URL


def test_an_oembed_answer_embeds_the_page_it_belongs_to(fixture_site: BuiltSite) -> None:
    for path, answer in oembed_answers(fixture_site).items():
        frame = lxml.html.fragment_fromstring(str(answer["html"]), create_parent="div").cssselect("iframe")[0]
        assert frame.get("src") == SUB_PATH_URL + path.removesuffix("oembed.json")
        assert frame.get("height") == str(answer["height"])


def test_an_event_page_announces_its_oembed_answer_at_an_absolute_address(fixture_site: BuiltSite) -> None:
    for slug in event_slugs(fixture_site):
        (link,) = fixture_site.page(f"events/{slug}/").cssselect('link[type="application/json+oembed"]')
        assert link.get("rel") == "alternate" and link.get("title")
        assert link.get("href") == f"{SUB_PATH_URL}embed/events/{slug}/oembed.json"
    (home,) = fixture_site.page("").cssselect('link[type="application/json+oembed"]')
    assert home.get("href") == f"{SUB_PATH_URL}embed/oembed.json"


def test_an_event_pages_embed_section_shows_the_snippet_of_its_oembed_answer(fixture_site: BuiltSite) -> None:
    for slug in event_slugs(fixture_site):
        (section,) = fixture_site.page(f"events/{slug}/").cssselect("section.embed-code")
        snippet = section.cssselect("pre code")[0].text_content()
        answer = oembed_answers(fixture_site)[f"embed/events/{slug}/oembed.json"]
        assert snippet == answer["html"]


def test_the_snippet_takes_a_height_only_from_the_sites_origin_and_its_own_frame(
    fixture_site: BuiltSite,
) -> None:
    snippet = str(oembed_answers(fixture_site)["embed/oembed.json"]["html"])
    assert 'event.origin !== "https://example.github.io"' in snippet
    assert "frame.contentWindow === event.source" in snippet
    assert '<iframe src="https://example.github.io/REPO/embed/"' in snippet
    assert 'loading="lazy"' in snippet and 'height="600"' in snippet


def settings(base_url: str, title: str = "A timeline") -> SiteSettings:
    return SiteSettings(title, "", base_url, "en", "")


def test_the_snippet_takes_messages_from_the_origin_of_the_base_url_port_included() -> None:
    snippet = embed_snippet(settings("http://127.0.0.1:8123/timeline/"), "events/x/", "X")
    assert 'event.origin !== "http://127.0.0.1:8123"' in snippet
    assert 'src="http://127.0.0.1:8123/timeline/embed/events/x/"' in snippet


def test_the_snippet_escapes_the_titles_in_the_frames_attributes() -> None:
    snippet = embed_snippet(settings("https://example.org/", 'Say "no" & <go>'), "events/x/", '"Quoted"')
    frame = lxml.html.fragment_fromstring(snippet, create_parent="div").cssselect("iframe")[0]
    assert frame.get("title") == '"Quoted" (Say "no" & <go>)'


@pytest.mark.parametrize(
    "data",
    [
        {"version": "1.0", "width": 640, "height": 480.5, "author_name": None, "cached": True},
        {"html": '<iframe src="x" title="Ж \u2028 é"></iframe>', "title": 'quote " and \\ and \x01'},
    ],
)
def test_an_oembed_answer_is_written_as_jsons_indented_form(data: dict[str, object]) -> None:
    assert _indented(data) == json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
