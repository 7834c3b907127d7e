"""End to end: the fixture site built for a sub-path, read as a reader and a feed reader would."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import yaml
from conftest import SUB_PATH_URL
from site_reader import BuiltSite, build_site, ids_of, links_of

from chronicle.model.dates import PartialDate

EVENTS = {
    "selka-accord-signed",
    "kostra-planning-begins",
    "kostra-dam-construction",
    "water-board-report",
    "krakow-talks-stall",
    "reservoir-filling-begins",
    "marenzia-writes-to-un",
    "gauge-readings-shared",
    "marenzia-considers-options",
    "veldoria-blames-dry-spring",
    "technical-committee-meets",
}


def _event_files(root: Path) -> dict[str, dict[str, object]]:
    """Event files read with every scalar as text, as the contract requires."""
    return {
        path.stem: yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        for path in sorted((root / "content" / "events").glob("*.yaml"))
    }


def test_every_page_the_contract_lists_is_written(built_fixture_site: BuiltSite) -> None:
    out = built_fixture_site.out
    root = built_fixture_site.root
    expected = [
        "index.html",
        "feed.xml",
        "atom.xml",
        "sitemap.xml",
        "404.html",
        ".nojekyll",
        "disputes/index.html",
        "pages/about/index.html",
    ]
    expected += [f"events/{slug}/index.html" for slug in _event_files(root)]
    expected += [f"sources/{path.stem}/index.html" for path in (root / "seeds").iterdir()]
    for event in _event_files(root).values():
        expected += [f"tags/{tag}/index.html" for tag in event.get("tags", [])]
        expected += [f"actors/{actor}/index.html" for actor in event.get("actors", [])]
        expected += [f"places/{place}/index.html" for place in event.get("places", [])]
    missing = [path for path in expected if not (out / path).is_file()]
    assert missing == []


def test_two_builds_are_byte_identical(built_fixture_site: BuiltSite, tmp_path: Path) -> None:
    again = build_site(built_fixture_site.root, tmp_path / "again", SUB_PATH_URL)
    comparison = filecmp.dircmp(built_fixture_site.out, again.out)
    differing: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        differing.extend(prefix + name for name in cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        differing.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(comparison, "")
    assert differing == []


def test_timeline_lists_events_by_earliest_possible_day_with_before_and_after_honoured(
    built_fixture_site: BuiltSite,
) -> None:
    shown = [article.get("id") for article in built_fixture_site.page("").cssselect("article.event")]
    assert shown == [
        "selka-accord-signed",  # 1998
        "kostra-planning-begins",  # c. 2011
        "kostra-dam-construction",  # 2021 – 11 April 2025: 2021 may be 1 January
        "reservoir-filling-begins",  # 11 April 2025
        "krakow-talks-stall",  # 19–20 May 2025
        "veldoria-blames-dry-spring",  # on or before 20 May: at its bound, after the 19th
        "marenzia-considers-options",  # between 20 May and 1 July; before the letter of 2 July
        "gauge-readings-shared",  # on or after 21 May, and after the talks
        "water-board-report",  # June 2025
        "technical-committee-meets",  # c. June 2025 – September 2025?: a longer span after June
        "marenzia-writes-to-un",  # 2 July 2025
    ]
    assert set(shown) == EVENTS


def test_timeline_groups_by_year_and_month_with_year_precision_first(
    built_fixture_site: BuiltSite,
) -> None:
    index = built_fixture_site.page("")
    years = [section.get("id") for section in index.cssselect("section.year")]
    assert years == sorted(years)
    for year in index.cssselect("section.year"):
        months = [section.get("id") for section in year.cssselect("section.month")]
        unknown = [month for month in months if month.endswith("-unknown")]
        assert months == unknown + sorted(month for month in months if not month.endswith("-unknown"))


def test_dates_show_only_what_is_known(built_fixture_site: BuiltSite) -> None:
    index = built_fixture_site.page("")
    shown = {
        article.get("id"): article.cssselect(".event-date")[0] for article in index.cssselect("article.event")
    }
    events = _event_files(built_fixture_site.root)
    ranges = {
        "veldoria-blames-dry-spring": ("on or before 20 May 2025", ["2025-05-20"]),
        "marenzia-considers-options": ("between 20 May and 1 July 2025", ["2025-05-20", "2025-07-01"]),
        "gauge-readings-shared": ("on or after 21 May 2025", ["2025-05-21"]),
        "technical-committee-meets": ("c. June 2025 – September 2025?", []),
    }
    for slug, label in shown.items():
        times = label.cssselect("time")
        if slug in ranges:  # the bounds are certain, nothing of a qualified date is
            text, datetimes = ranges[slug]
            assert label.text_content().startswith(text)
            assert [time.get("datetime") for time in times] == datetimes
            continue
        date = PartialDate.parse(str(events[slug]["date"]))
        if events[slug].get("circa") == "true":  # nothing of an approximate date is certain
            assert times == []
            assert label.text_content().startswith("c. ")
            continue
        assert times[0].get("datetime") == date.iso()
        if date.precision != "day" and "end" not in events[slug]:  # only years may appear: no invented day
            assert not re.search(r"\d", re.sub(r"\b\d{4}\b", "", times[0].text_content()))


def test_event_pages_show_verified_quotes_and_original_links(built_fixture_site: BuiltSite) -> None:
    root = built_fixture_site.root
    for slug, event in _event_files(root).items():
        page = built_fixture_site.page(f"events/{slug}/")
        assert page.cssselect("h1")[0].text_content().strip() == event["title"]
        quotes = [q.text_content() for q in page.cssselect("ol.sources blockquote.quote")]
        for source in event["sources"]:
            if "quote" in source:
                assert any(source["quote"] in quote for quote in quotes)
            article_meta = root / "content" / "articles" / f"{source.get('article')}.yaml"
            cited = (
                yaml.load(article_meta.read_text(), Loader=yaml.BaseLoader) if "article" in source else source
            )
            links = [a.get("href") for a in page.cssselect("ol.sources a")]
            if cited.get("url_status") == "unfit":  # its address serves something else: the copy only
                assert cited["url"] not in links and cited["archive_url"] in links
            elif cited.get("url"):
                assert cited["url"] in links


def test_disputed_figures_are_side_by_side_with_who_says_so(built_fixture_site: BuiltSite) -> None:
    disputed = {slug: e for slug, e in _event_files(built_fixture_site.root).items() if "claims" in e}
    assert disputed, "the fixture has a disputed figure"
    for slug, event in disputed.items():
        table = built_fixture_site.page(f"events/{slug}/").cssselect("table.claim")[0]
        rows = [
            [cell.text_content().strip() for cell in row.cssselect("td")]
            for row in table.cssselect("tbody tr")
        ]
        claim = event["claims"][0]
        assert [row[:2] for row in rows] == [[v["value"], v["according_to"]] for v in claim["values"]]
    listed = built_fixture_site.page("disputes/").cssselect("table.claim")
    assert len(listed) == sum(len(e["claims"]) for e in disputed.values())


def test_source_pages_highlight_each_quoted_passage_linked_to_its_event(
    built_fixture_site: BuiltSite,
) -> None:
    for slug, event in _event_files(built_fixture_site.root).items():
        for source in event["sources"]:
            if "article" not in source:
                continue
            page = built_fixture_site.page(f"sources/{source['article']}/")
            marked = " ".join(" ".join(m.text_content().split()) for m in page.cssselect("mark"))
            assert " ".join(source["quote"].split()).casefold().replace(
                "’", "'"
            ) in marked.casefold().replace("’", "'")
            hrefs = {a.get("href") for a in page.cssselect("mark a")}
            assert f"../../events/{slug}/" in hrefs


def test_html_article_text_excludes_script_and_style(built_fixture_site: BuiltSite) -> None:
    html_sources = [p.stem for p in (built_fixture_site.root / "seeds").glob("*.html")]
    for article_id in html_sources:
        document = built_fixture_site.page(f"sources/{article_id}/").cssselect(".document")[0]
        text = document.text_content()
        assert "function" not in text and "{" not in text
        assert "&amp;" not in text and "&#" not in text


def test_every_internal_link_resolves_under_the_sub_path(built_fixture_site: BuiltSite) -> None:
    broken = _broken_links(built_fixture_site)
    assert broken == []


def test_not_found_page_links_work_at_any_depth(built_fixture_site: BuiltSite) -> None:
    page = built_fixture_site.page("404.html")
    for depth_url in (SUB_PATH_URL + "missing", SUB_PATH_URL + "a/b/c/missing/"):
        for href in links_of(page):
            if href.startswith("#"):
                continue
            resolved = built_fixture_site.resolve(depth_url, href)
            if resolved is not None:
                assert resolved[0].is_file(), (depth_url, href)


def test_markdown_link_between_events_works_on_the_timeline_and_the_event_page(
    built_fixture_site: BuiltSite,
) -> None:
    linking = [
        slug for slug, e in _event_files(built_fixture_site.root).items() if "](../" in str(e["summary"])
    ]
    assert linking, "the fixture has a markdown link between events"
    for slug in linking:
        for page_path, selector in (
            (f"events/{slug}/", ".event-summary a"),
            ("", f"#{slug} .event-summary a"),
        ):
            page_url = SUB_PATH_URL + page_path
            targets = [
                built_fixture_site.resolve(page_url, a.get("href"))
                for a in built_fixture_site.page(page_path).cssselect(selector)
            ]
            assert targets and all(t is not None and t[0].is_file() for t in targets)


def test_feeds_parse_without_warnings_newest_added_first_with_absolute_links_and_unique_ids(
    built_fixture_site: BuiltSite,
) -> None:
    events = _event_files(built_fixture_site.root)
    for name in ("feed.xml", "atom.xml"):
        feed = built_fixture_site.feed(name)
        assert feed.bozo == 0, (name, feed.get("bozo_exception"))
        ids = [entry.id for entry in feed.entries]
        assert len(ids) == len(set(ids)) == len(events)
        assert all(entry.link.startswith(SUB_PATH_URL + "events/") for entry in feed.entries)
        added = [
            events[entry.link.removeprefix(SUB_PATH_URL + "events/").rstrip("/")]["added"]
            for entry in feed.entries
        ]
        assert added == sorted(added, reverse=True)
        for entry in feed.entries:
            for href in lxml_links(entry.summary):
                assert href.startswith(("https://", "http://")), href


def lxml_links(html: str) -> list[str]:
    import lxml.html

    return [a.get("href") for a in lxml.html.fragment_fromstring(html, create_parent="div").iter("a")]


def test_site_without_its_own_templates_uses_the_default_theme(built_fixture_site: BuiltSite) -> None:
    assert not (built_fixture_site.root / "templates").exists()
    assert (built_fixture_site.out / "assets" / "style.css").is_file()


def test_a_site_theme_may_override_one_template(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(Path(__file__).parent / "fixtures" / "site", root)
    (root / "templates").mkdir()
    (root / "templates" / "404.html").write_text(
        "{% extends 'base.html' %}{% block main %}<h1>Custom lost page</h1>{% endblock %}"
    )
    built = build_site(root, tmp_path / "out", SUB_PATH_URL)
    assert "Custom lost page" in (built.out / "404.html").read_text()
    assert (built.out / "events").is_dir()


def _broken_links(site: BuiltSite) -> list[tuple[str, str]]:
    broken = []
    for path in site.html_paths():
        page = site.page(path)
        page_url = site.base_url + path
        for href in links_of(page):
            resolved = site.resolve(page_url, href)
            if resolved is None:
                continue
            file, fragment = resolved
            if not file.is_file() or (
                fragment
                and file.suffix == ".html"
                and fragment
                not in ids_of(
                    site.page(str(file.relative_to(site.out).as_posix()).removesuffix("index.html"))
                )
            ):
                broken.append((path, href))
    return broken
