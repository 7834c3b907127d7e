"""Links inside the site, in summaries, captions and free pages: one to a part (`#fragment`) its
page does not have, or to no page of the site, is a warning where the link is written; a page's
parts are the ids it has as the theme renders it. `check` and `build` report the same."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from unit_helpers import EVENT_YAML, paged_site_files, run_build, write_site

from chronicle.build import plan, site_links, theme_sample
from chronicle.build.cache import BuildState
from chronicle.build.load import load_site
from chronicle.build.plan import plan_files, plan_timeline
from chronicle.build.session import provenance
from chronicle.build.site_links import check_site_links, output_paths
from chronicle.cli import main

EVENT = "content/events/first-event.yaml"
ABOUT = "content/pages/about.md"
SUMMARY_LINE = "summary: Officials agree to share river data every week.\n"


def with_summary(summary: str) -> str:
    """The base event with `summary` (one line, written after `summary: `, at line 3)."""
    return EVENT_YAML.replace(SUMMARY_LINE, f"summary: {summary}\n")


def about(body: str) -> str:
    """A free page whose body starts at line 4."""
    return f"---\ntitle: About\n---\n{body}\n"


def at(path: str, line: int, written: str, target: str) -> str:
    """`path:line:col` of `target` in the line `written` (where a link's target starts)."""
    return f"{path}:{line}:{written.index(target) + 1}"


def problems(root: Path) -> list[tuple[str, str, str | None]]:
    """What `check` reports of the site's links: (where, message, hint)."""
    site = load_site(root).site
    assert site is not None
    return [(str(d.mark), f"{d.severity}: {d.message}", d.hint) for d in check_site_links(site, root)]


def test_a_fragment_alone_naming_no_part_of_the_event_page_is_warned_about_where_written(
    tmp_path: Path,
) -> None:
    summary = "Officials agree; [see](#no-such-part)."
    ((where, message, hint),) = problems(write_site(tmp_path, {EVENT: with_summary(summary)}))
    assert where == at(EVENT, 3, f"summary: {summary}", "#no-such-part")
    assert message == "warning: '#no-such-part' names no part of this event's page: readers land at its top"
    assert hint is not None and "sources-h" in hint


def test_a_fragment_alone_naming_a_part_of_the_event_page_passes(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: with_summary("Officials agree; [the sources](#sources-h).")})
    assert problems(root) == []


def test_top_and_an_empty_fragment_pass(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: with_summary("Officials agree; [up](#top), [here](#).")})
    assert problems(root) == []


def test_a_link_to_a_part_another_page_lacks_is_warned_about_with_the_nearest_part(tmp_path: Path) -> None:
    line = "See [the sources](../../events/first-event/#sourcs-h)."
    ((where, message, hint),) = problems(write_site(tmp_path, {ABOUT: about(line)}))
    assert where == at(ABOUT, 4, line, "../../events/")
    assert message == (
        "warning: '../../events/first-event/#sourcs-h' names no part of the page /events/first-event/: "
        "readers land at its top"
    )
    assert hint == "did you mean '../../events/first-event/#sources-h'?"


def test_a_fragment_alone_in_a_free_page_names_a_part_of_that_page(tmp_path: Path) -> None:
    line = "See [the method](#method) below."
    ((where, message, _),) = problems(write_site(tmp_path, {ABOUT: about(f"Intro.\n\n{line}")}))
    assert where == at(ABOUT, 6, line, "#method")
    assert message == "warning: '#method' names no part of this page: readers land at its top"


def test_a_caption_link_naming_no_part_of_its_page_is_warned_about_at_the_caption(tmp_path: Path) -> None:
    media = (
        "media:\n  - url: https://example.org/video\n    title: Footage\n    credit: Example TV\n"
        "    caption: Filmed [there](/pages/about/#nowhere)\n"
    )
    root = write_site(tmp_path, {EVENT: EVENT_YAML + media, ABOUT: about("Text.")})
    ((where, message, _),) = problems(root)
    assert where == at(EVENT, 15, media.splitlines()[-1], "/pages/about/#nowhere")
    assert message == (
        "warning: '/pages/about/#nowhere' names no part of the page /pages/about/: readers land at its top"
    )


def test_each_link_is_located_in_its_own_value_spelled_or_not(tmp_path: Path) -> None:
    # The summary's link spelled with character references, the caption's as it is: each
    # warning at its own field, not both at the first place the plain form is written.
    summary = "Officials agree; [river data](&#46;&#46;/gone/)."
    media = (
        "media:\n  - url: https://example.org/video\n    title: Footage\n    credit: Example TV\n"
        "    caption: Filmed [before](../gone/)\n"
    )
    root = write_site(tmp_path, {EVENT: with_summary(summary) + media})
    wheres = sorted(where for where, _, _ in problems(root))
    assert wheres == [
        f"{EVENT}:15:{len('    caption: Filmed [before](') + 1}",
        f"{EVENT}:3:{len('summary: Officials agree; [river data](') + 1}",
    ]


def test_the_first_link_of_a_value_is_the_first_written_spelled_or_not(tmp_path: Path) -> None:
    summary = "See [a](&#46;&#46;/gone/) and [again](../gone/)."
    found = problems(write_site(tmp_path, {EVENT: with_summary(summary)}))
    assert found[0][0] == f"{EVENT}:3:{len('summary: See [a](') + 1}"


def test_a_link_is_located_at_its_target_not_in_a_code_span_showing_the_same_markdown(tmp_path: Path) -> None:
    summary = "|\n  Editors write `[text](../gone/)`,\n  as in [the plan](../gone/)."
    ((where, _, _),) = problems(write_site(tmp_path, {EVENT: with_summary(summary)}))
    assert where == f"{EVENT}:5:{len('  as in [the plan](') + 1}"


def test_a_references_address_on_the_line_after_its_label_is_where_its_link_is(tmp_path: Path) -> None:
    summary = "|\n  See (../gone/) and [r].\n\n  [r]:\n    ../gone/"
    ((where, _, _),) = problems(write_site(tmp_path, {EVENT: with_summary(summary)}))
    assert where == f"{EVENT}:7:5"


def test_a_link_to_an_events_card_on_the_home_page_passes(tmp_path: Path) -> None:
    root = write_site(tmp_path, {ABOUT: about("See [the meeting](/#first-event) on the timeline.")})
    assert problems(root) == []


def test_a_link_to_a_card_the_home_page_does_not_show_is_warned_about(tmp_path: Path) -> None:
    # A timeline in pages by period: the home page shows 2025's events, not 2024's.
    files = paged_site_files("latest")
    line = "See [the first](/#e-2024-01-01) and [a later one](/#e-2025-03-10)."
    files[ABOUT] = about(line)
    ((where, message, _),) = problems(write_site(tmp_path, files))
    assert where == at(ABOUT, 4, line, "/#e-2024-01-01")
    assert message == "warning: '/#e-2024-01-01' names no part of the home page: readers land at its top"


def test_a_part_named_at_an_entrys_former_address_is_looked_for_where_it_leads(tmp_path: Path) -> None:
    renamed = EVENT_YAML.replace("summary:", "former_slugs: [old-name]\nsummary:")
    line = "See [its sources](../../events/old-name/#sources-h) and [none](../../events/old-name/#gone)."
    ((where, message, _),) = problems(write_site(tmp_path, {EVENT: renamed, ABOUT: about(line)}))
    assert where == at(ABOUT, 4, line, "../../events/old-name/#gone")
    assert message == (
        "warning: '../../events/old-name/#gone' names no part of the page /events/first-event/: "
        "readers land at its top"
    )


def test_an_id_of_the_sites_own_template_counts(tmp_path: Path) -> None:
    template = (
        '{% extends "base.html" %}'
        '{% block main %}<div id="method">{{ page.body.html(root) }}</div>{% endblock %}'
    )
    files = {ABOUT: about("See [the method](#method)."), "templates/page.html": template}
    assert problems(write_site(tmp_path, files)) == []


def test_a_link_to_no_page_of_the_site_is_warned_about_with_the_nearest_page(tmp_path: Path) -> None:
    summary = "Officials agree; [see](/pages/abut/)."
    root = write_site(tmp_path, {EVENT: with_summary(summary), ABOUT: about("A.")})
    ((where, message, hint),) = problems(root)
    assert where == at(EVENT, 3, f"summary: {summary}", "/pages/abut/")
    assert message == "warning: '/pages/abut/' leads to no page of the site (/pages/abut/)"
    assert hint is not None and hint.startswith("did you mean '/pages/about/'?")


def test_a_free_pages_link_to_an_event_named_in_part_suggests_the_event(tmp_path: Path) -> None:
    body = "See [the talks](../../events/union-talks/)."
    long_slug = "content/events/union-and-port-authority-open-talks.yaml"
    ((_, message, hint),) = problems(write_site(tmp_path, {ABOUT: about(body), long_slug: EVENT_YAML}))
    assert message.endswith("leads to no page of the site (/events/union-talks/)")
    assert hint is not None
    assert hint.startswith("did you mean '/events/union-and-port-authority-open-talks/'?")


def test_a_free_pages_link_to_no_event_is_told_how_a_free_page_links_an_event(tmp_path: Path) -> None:
    body = "See [the meeting](../../events/zebra-crossing/)."
    ((_, _, hint),) = problems(write_site(tmp_path, {ABOUT: about(body)}))
    assert hint == "link to a page the site has: an event as /events/<slug>/, a free page as /pages/<name>/"


def test_an_events_link_to_no_event_is_told_how_an_event_links_another(tmp_path: Path) -> None:
    summary = "Officials agree; [see](../zebra-crossing/)."
    ((_, _, hint),) = problems(write_site(tmp_path, {EVENT: with_summary(summary)}))
    assert hint == "link to a page the site has: an event as ../<slug>/, a free page as /pages/<name>/"


def test_a_link_climbing_above_the_sites_root_is_warned_about_where_written(tmp_path: Path) -> None:
    summary = "Officials agree; [our other project](../../../other-project/page.html)."
    ((where, message, hint),) = problems(write_site(tmp_path, {EVENT: with_summary(summary)}))
    assert where == at(EVENT, 3, f"summary: {summary}", "../../../other-project")
    assert message == (
        "warning: '../../../other-project/page.html' climbs above the site's root, where the site "
        "has no page: it is made a link to the home page"
    )
    assert hint is not None and "full address (https://...)" in hint


def test_a_root_relative_link_climbing_above_the_root_is_warned_about_in_a_free_page(tmp_path: Path) -> None:
    found = problems(write_site(tmp_path, {ABOUT: about("See [the other](/../other/).")}))
    assert [(where, message.split(" climbs")[0]) for where, message, _ in found] == [
        (at(ABOUT, 4, "See [the other](/../other/).", "/../other/"), "warning: '/../other/'")
    ]


@pytest.mark.parametrize("target", ["%2e%2e/%2e%2e/%2e%2e/other/", ".%2E/.%2e/.%2e/h/", "../../.."])
def test_a_link_climbing_above_the_root_by_percent_escapes_or_without_a_last_slash_is_warned_about(
    tmp_path: Path, target: str
) -> None:
    found = problems(write_site(tmp_path, {EVENT: with_summary(f"Officials agree; [x]({target}).")}))
    assert [message.split("' climbs")[0] for _, message, _ in found] == [f"warning: '{target}"]


def test_a_link_is_located_at_its_target_not_where_the_text_names_the_same_address(tmp_path: Path) -> None:
    summary = "They wrote ../../../dup/ then [dup](../../../dup/)."
    ((where, _, _),) = problems(write_site(tmp_path, {EVENT: with_summary(summary)}))
    column = f"summary: {summary}".index("](../../../dup/)") + len("](") + 1
    assert where == f"{EVENT}:3:{column}"


@pytest.mark.parametrize("written", ["&#46;&#46;/&#46;&#46;/&#46;&#46;/x/", "\\.\\./\\.\\./\\.\\./x/"])
def test_a_link_spelled_with_character_references_or_escapes_is_located_at_its_target(
    tmp_path: Path, written: str
) -> None:
    summary = f"They wrote ../../../x/ then [x]({written})."
    ((where, _, _),) = problems(write_site(tmp_path, {EVENT: with_summary(summary)}))
    column = f"summary: {summary}".index(f"]({written}") + len("](") + 1
    assert where == f"{EVENT}:3:{column}"


def test_a_link_climbing_within_the_site_is_not_warned_about_as_above_the_root(tmp_path: Path) -> None:
    root = write_site(tmp_path, {EVENT: with_summary("Officials agree; [home](../../).")})
    assert problems(root) == []


def test_links_to_a_data_file_and_to_a_folder_without_its_slash_pass(tmp_path: Path) -> None:
    body = "Get [the data](../../data/events.json); read [about](/pages/about) and [the feed](/feed.xml)."
    assert problems(write_site(tmp_path, {ABOUT: about(body)})) == []


def test_two_links_to_one_missing_part_are_each_warned_about_where_written(tmp_path: Path) -> None:
    line = "summary: Officials [agree](#gone); [see](#gone)."
    root = write_site(tmp_path, {EVENT: with_summary(line.removeprefix("summary: "))})
    first = line.index("#gone")
    second = line.index("#gone", first + 1)
    assert [where for where, _, _ in problems(root)] == [f"{EVENT}:3:{first + 1}", f"{EVENT}:3:{second + 1}"]


def test_check_and_build_report_a_link_to_a_missing_part_and_succeed(tmp_path: Path) -> None:
    summary = "Officials agree; [see](#no-such-part)."
    root = write_site(tmp_path / "site", {EVENT: with_summary(summary)})
    where = at(EVENT, 3, f"summary: {summary}", "#no-such-part")
    expected = f"{where}: warning: '#no-such-part' names no part of this event's page"
    for command in (["check"], ["build", "--out", str(tmp_path / "out")]):
        result = run_build(*command, "--root", str(root))
        assert result.returncode == 0, result.stderr
        assert expected in result.stderr, command


def own_theme_site(root: Path, summary: str) -> Path:
    """The base site with `summary`, and a theme of its own (a 404 page of its own)."""
    return write_site(root, {EVENT: with_summary(summary), "templates/404.html": "<p>Nothing here.</p>\n"})


def test_check_makes_the_timeline_of_a_site_with_its_own_theme_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = own_theme_site(tmp_path / "site", "Officials agree; [see](#no-such-part).")
    made: list[str] = []

    def counted(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            made.append(name)
            return original(*args, **kwargs)

        return call

    for module in (plan, site_links):
        monkeypatch.setattr(module, "in_chronology", counted("in_chronology", module.in_chronology))
    monkeypatch.setattr(theme_sample, "plan_timeline", counted("plan_timeline", theme_sample.plan_timeline))
    assert main(["check", "--root", str(root)]) == 0
    assert sorted(made) == ["in_chronology", "plan_timeline"]


def test_check_of_a_site_with_its_own_theme_warns_about_its_links_as_without_a_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = own_theme_site(tmp_path / "site", "Officials [agree](#gone); [see](/pages/nowhere/).")
    expected = [f"{where}: {message}" for where, message, _ in problems(root)]
    assert main(["check", "--root", str(root)]) == 0
    warned = [line for line in capsys.readouterr().err.splitlines() if line.startswith(EVENT)]
    assert warned == expected and len(expected) == 2


def test_the_files_links_are_checked_against_are_those_the_build_writes(fixture_site_root: Path) -> None:
    loaded = load_site(fixture_site_root, what_changed=False)
    assert loaded.site is not None
    state, keys = BuildState(""), provenance(loaded.site, loaded.provenance)
    planning = plan_timeline(loaded.site, fixture_site_root, state, keys, 1)
    written = {item.path for item in plan_files(planning, state, keys).files}
    # The search index's pieces are named by their content; .chronicle-output is the build's mark.
    written = {path for path in written if not path.startswith("search/") or path == "search/index.json"}
    assert output_paths(planning.timeline, planning.dirs, planning.images) == written - {".chronicle-output"}


def test_a_text_gets_twenty_broken_link_warnings_then_one_for_the_rest(tmp_path: Path) -> None:
    body = " ".join(f"[a](/nowhere-{number}/)" for number in range(25))
    found = problems(write_site(tmp_path, {ABOUT: about(body)}))
    assert len(found) == site_links.MOST_WARNINGS_PER_TEXT + 1
    assert found[-1][0] == at(ABOUT, 4, body, "/nowhere-20/")
    assert found[-1][1] == "warning: 5 more links of this text lead to no page or part of the site"


def test_a_text_of_many_broken_links_is_parsed_once_to_locate_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_site(tmp_path, {ABOUT: about("[a](b) " * 300)})
    parsed = []
    real = site_links.written_links
    monkeypatch.setattr(site_links, "written_links", lambda *args: parsed.append(1) or real(*args))
    assert len(problems(root)) == site_links.MOST_WARNINGS_PER_TEXT + 1
    assert len(parsed) == 1
