"""`before`/`after`: each names an event, no cycle, no contradiction with the dates; located
errors that name both files; the order honours them."""

from __future__ import annotations

from pathlib import Path

from unit_helpers import event_yaml, reported, run_build, write_site

from chronicle.build.load import load_site

MEETING = "content/events/meeting.yaml"
STRIKE = "content/events/strike.yaml"


def with_relation(date: str, relation: str) -> str:
    """An event (title, date, summary, sources, added) with one more line."""
    return event_yaml(date) + relation + "\n"


def site_with(tmp_path: Path, strike: str, meeting: str = event_yaml("2025-06-04")) -> Path:
    return write_site(tmp_path, {"content/events/first-event.yaml": None, MEETING: meeting, STRIKE: strike})


def test_after_orders_the_timeline(tmp_path: Path) -> None:
    root = site_with(tmp_path, with_relation("2025-06", "before: [meeting]"))
    site = load_site(root).site
    assert site is not None
    assert [event.slug for event in site.events] == ["strike", "meeting"]
    root = site_with(tmp_path / "2", with_relation("2025-06", "after: [meeting]"))
    site = load_site(root).site
    assert site is not None
    assert [event.slug for event in site.events] == ["meeting", "strike"]


def test_an_unknown_slug_is_located_with_the_closest_one(tmp_path: Path) -> None:
    root = site_with(tmp_path, with_relation("2025-06", "before: [meting]"))
    assert reported(root) == [
        (f"{STRIKE}:6:10", "error: 'before' names no event 'meting'", "did you mean 'meeting'?")
    ]


def test_an_event_cannot_come_before_itself(tmp_path: Path) -> None:
    root = site_with(tmp_path, with_relation("2025-06", "after: [strike]"))
    assert reported(root) == [(f"{STRIKE}:6:9", "error: an event cannot come after itself", None)]


def test_a_contradiction_with_the_dates_names_both_files(tmp_path: Path) -> None:
    root = site_with(tmp_path, with_relation("2025-06-10", "before: [meeting]"))
    ((where, message, hint),) = reported(root)
    assert where == f"{STRIKE}:6:10"
    assert message == (
        "error: 'before: meeting' contradicts the dates: strike (10 June 2025) cannot have come "
        f"before meeting (4 June 2025); meeting is {MEETING}"
    )
    assert hint == "correct the date of one of the two events, or remove the relation"


def test_a_possible_order_is_no_contradiction(tmp_path: Path) -> None:
    # The same day, or a range that reaches the other date, may hold either order.
    for date in ("2025-06-04", '"[2025-06-01..2025-06-30]"', "2025"):
        root = site_with(tmp_path / date.strip('"[]'), with_relation(date, "before: [meeting]"))
        assert reported(root) == []


def test_a_cycle_is_located_once_and_names_its_files(tmp_path: Path) -> None:
    root = site_with(
        tmp_path,
        with_relation("2025-06", "before: [meeting]"),
        with_relation("2025-06-04", "before: [strike]"),
    )
    ((where, message, _hint),) = reported(root)
    assert where == f"{MEETING}:6:10"
    assert message.startswith("error: 'before'/'after' form a cycle: ")
    assert f"({MEETING}, {STRIKE})" in message


def test_events_caught_in_many_cycles_get_one_error_naming_how_many_more(tmp_path: Path) -> None:
    # Each of 30 events comes before and after the next ten: hundreds of cycles, one group.
    slugs = [f"e{number:03d}" for number in range(30)]
    files = {}
    for number, slug in enumerate(slugs):
        others = ", ".join(slugs[number + 1 : number + 11])
        relations = f"before: [{others}]\nafter: [{others}]\n" if others else ""
        files[f"content/events/{slug}.yaml"] = event_yaml("2025") + relations
    root = write_site(tmp_path, files)
    cycles = [message for _where, message, _hint in reported(root) if "form a cycle" in message]
    assert cycles == [
        "error: 'before'/'after' form a cycle: e000 before e001 before e000 "
        "(content/events/e000.yaml, content/events/e001.yaml); 28 more events are caught in cycles with these"
    ]


def test_two_separate_cycles_are_each_reported(tmp_path: Path) -> None:
    files = {
        f"content/events/{slug}.yaml": event_yaml("2025") + f"before: [{other}]\n"
        for slug, other in (("a1", "a2"), ("a2", "a1"), ("b1", "b2"), ("b2", "b1"))
    }
    root = write_site(tmp_path, files)
    cycles = [where for where, message, _hint in reported(root) if "form a cycle" in message]
    assert cycles == ["content/events/a1.yaml:6:10", "content/events/b1.yaml:6:10"]


def test_a_relation_to_an_event_with_errors_of_its_own_adds_no_error(tmp_path: Path) -> None:
    broken_meeting = event_yaml("2025-06-04").replace("summary: S\n", "")
    root = site_with(tmp_path, with_relation("2025-06", "before: [meeting]"), broken_meeting)
    assert [where for where, _message, _hint in reported(root)] == [f"{MEETING}:1:1"]


def test_a_contradiction_fails_the_build_and_leaves_the_output_as_it_was(tmp_path: Path) -> None:
    root = site_with(tmp_path / "site", with_relation("2025-06", "before: [meeting]"))
    out = tmp_path / "out"
    assert run_build("build", "--root", str(root), "--out", str(out), "--no-cache").returncode == 0
    before = {path: path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}
    (root / STRIKE).write_text(with_relation("2025-06-10", "before: [meeting]"), encoding="utf-8")
    result = run_build("build", "--root", str(root), "--out", str(out))
    assert result.returncode == 1
    assert f"{STRIKE}:6:10: error: 'before: meeting' contradicts the dates" in result.stderr + result.stdout
    assert {path: path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()} == before


def test_a_contradiction_through_a_chain_is_located_and_names_the_chain(tmp_path: Path) -> None:
    root = write_site(
        tmp_path,
        {
            "content/events/first-event.yaml": None,
            "content/events/c1.yaml": event_yaml("2025-06-10"),
            "content/events/b1.yaml": with_relation('"[2025-06-01..2025-06-30]"', "after: [c1]"),
            "content/events/a1.yaml": with_relation("2025-06-05", "after: [b1]"),
        },
    )
    ((where, message, _hint),) = reported(root)
    assert where == "content/events/a1.yaml:6:9"
    assert message == (
        "error: 'after: b1' contradicts the dates through a chain: c1 before b1 before a1, but c1 "
        "(10 June 2025, content/events/c1.yaml) cannot have come before a1 (5 June 2025, "
        "content/events/a1.yaml)"
    )


def test_an_approximate_date_contradicts_nothing(tmp_path: Path) -> None:
    # "c. 4 June" may be 6 June: the relation is what the documents say, the date its estimate.
    root = site_with(tmp_path, with_relation("2025-06-04~", "after: [meeting]"), event_yaml("2025-06-05"))
    assert reported(root) == []


def test_an_event_held_past_its_year_by_after_builds_in_pages_by_period(tmp_path: Path) -> None:
    # Over 40 events: the year pages' overviews count it where it is shown, not where it is dated.
    files: dict[str, str | None] = {"content/events/first-event.yaml": None}
    files.update({f"content/events/e{number:02d}.yaml": event_yaml("2025-01-05") for number in range(41)})
    files["content/events/late.yaml"] = with_relation('"[2024-12-01..2025-02-01]"', "after: [e00]")
    root = write_site(tmp_path / "site", files)
    result = run_build("build", "--root", str(root), "--out", str(tmp_path / "out"), "--no-cache")
    assert result.returncode == 0, result.stderr
