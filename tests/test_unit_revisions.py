"""revisions: what a correction changed, field by field, from the two revisions of the event
file git holds (read by one `git cat-file --batch`), and its wording."""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

import pytest

from chronicle.model.records import Change, FieldChange
from chronicle.source import revisions
from chronicle.source.history import read_history
from chronicle.source.revisions import changed_fields, event_histories, field_changes, read_blobs, top_level

EVENT = """\
title: Officials meet
date: 2025-06-03
summary: They agree to share data every week.
tags: [diplomacy, water]
sources:
  - {article: one, quote: "share data every week"}
  - url: https://example.org/a
"""


def fields(text: str) -> dict[str, revisions.Plain]:
    found = top_level(text.encode("utf-8"), "event.yaml")
    assert found is not None
    return found


def changes(old: str, new: str) -> tuple[FieldChange, ...]:
    return field_changes(fields(old), fields(new))


def test_a_changed_value_is_named() -> None:
    new = EVENT.replace("every week.", "every day.")
    assert changes(EVENT, new) == (FieldChange("summary", "changed"),)


def test_fields_added_and_removed_are_named_new_revision_order_first() -> None:
    new = EVENT.replace("date: 2025-06-03\n", "") + "end: 2025-06-05\n"
    assert changes(EVENT, new) == (FieldChange("end", "added"), FieldChange("date", "removed"))


def test_a_list_counts_its_items_added_removed_and_changed_in_place() -> None:
    one_more = EVENT + "  - url: https://example.org/b\n    title: B\n"
    assert changes(EVENT, one_more) == (FieldChange("sources", "changed", items_added=1),)
    quote_fixed = EVENT.replace('quote: "share data every week"', 'quote: "share data"')
    assert changes(EVENT, quote_fixed) == (FieldChange("sources", "changed", items_changed=1),)
    tag_dropped = EVENT.replace("[diplomacy, water]", "[diplomacy]")
    assert changes(EVENT, tag_dropped) == (FieldChange("tags", "changed", items_removed=1),)


def test_layout_quoting_key_order_and_comments_are_no_change() -> None:
    relaid = (
        "# reformatted\ndate: '2025-06-03'\ntitle: \"Officials meet\"\n"
        "summary: >-\n  They agree to share data\n  every week.\ntags:\n  - diplomacy\n  - water\n"
        "sources:\n  - quote: share data every week\n    article: one\n  - {url: 'https://example.org/a'}\n"
    )
    assert changes(EVENT, relaid) == ()


def test_a_field_set_to_null_counts_as_absent() -> None:
    assert changes(EVENT, EVENT + "end: ~\n") == ()


def test_a_reordered_list_is_named_without_counts() -> None:
    swapped = EVENT.replace("[diplomacy, water]", "[water, diplomacy]")
    assert changes(EVENT, swapped) == (FieldChange("tags", "changed"),)


@pytest.mark.parametrize(
    "data",
    [
        b"title: [unclosed\n",  # not YAML
        b"- a list\n- not a mapping\n",
        b"title: \xff\n",  # not UTF-8
        b"base: &a [1]\ncopy: *a\n",  # aliases are refused, as in a site file
        b"",
    ],
)
def test_a_revision_that_is_not_an_event_mapping_has_no_fields(data: bytes) -> None:
    assert top_level(data, "event.yaml") is None


@pytest.mark.parametrize(
    ("change", "label"),
    [
        (FieldChange("summary", "changed"), "summary"),
        (FieldChange("end", "added"), "end date (added)"),
        (FieldChange("circa", "removed"), "the “c.” (approximate) mark on the dates (removed)"),
        (FieldChange("sources", "changed", 1, 2, 1), "sources (1 added, 1 changed, 2 removed)"),
    ],
)
def test_a_field_change_in_words(change: FieldChange, label: str) -> None:
    assert change.label == label


def test_what_a_change_changed_in_words() -> None:
    day = datetime.date(2026, 2, 3)
    fields_known = (FieldChange("summary", "changed"), FieldChange("sources", "changed", items_added=1))
    assert Change(day, "abc1234", "Fix", True, fields_known).what_changed == "summary, sources (1 added)"
    assert Change(day, "abc1234", "Fix", True, ()).what_changed == "nothing readers see"
    assert Change(day, "abc1234", "Fix", True, None).what_changed == ""


def test_pairs_known_before_are_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_git(root: Path, blobs: object) -> dict[str, bytes | None]:
        raise AssertionError("git was asked")

    monkeypatch.setattr(revisions, "read_blobs", no_git)
    known = {"a" * 40 + ":" + "b" * 40: (FieldChange("title", "changed"),)}
    zero = "0" * 40
    found = changed_fields(Path("."), [("a" * 40, "b" * 40), (zero, "c" * 40)], known)
    assert found == {**known, f"{zero}:{'c' * 40}": None}  # an added file: nothing to compare


def git(repo: Path, *args: str, when: str = "2026-01-01T10:00:00+00:00") -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    done = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env
    )
    return done.stdout.strip()


def commit(
    repo: Path, text: str | None, message: str, when: str, name: str = "content/events/a.yaml"
) -> None:
    path = repo / name
    if text is None:
        path.unlink()
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "config", "user.name", "Test Editor")
    git(root, "config", "user.email", "editor@example.org")
    git(root, "config", "commit.gpgsign", "false")
    commit(root, EVENT, "Add a", "2026-01-01T10:00:00+00:00")
    return root


def history_of(repo: Path, relpath: str = "content/events/a.yaml") -> tuple[Change, ...]:
    histories, _ = event_histories(repo, [relpath], read_history(repo, "content/events"))
    return histories[relpath].changes


def test_a_correction_in_a_repository_names_the_fields_it_changed(repo: Path) -> None:
    commit(
        repo, EVENT.replace("every week.", "every day."), "Correct the frequency", "2026-02-01T10:00:00+00:00"
    )
    added, corrected = history_of(repo)
    assert (added.correction, added.fields) == (False, None)
    assert (corrected.correction, corrected.fields) == (True, (FieldChange("summary", "changed"),))


def test_an_old_revision_that_does_not_parse_gives_a_correction_without_fields(repo: Path) -> None:
    commit(repo, "title: [broken\n", "Break the file", "2026-02-01T10:00:00+00:00")
    commit(
        repo, EVENT.replace("every week.", "every day."), "Mend it, correct it", "2026-02-02T10:00:00+00:00"
    )
    _, broke, mended = history_of(repo)
    assert (broke.correction, broke.fields, mended.correction, mended.fields) == (True, None, True, None)


def test_a_file_deleted_and_added_again_gives_those_commits_no_fields(repo: Path) -> None:
    commit(repo, None, "Remove a", "2026-02-01T10:00:00+00:00")
    commit(repo, EVENT, "Restore a", "2026-02-02T10:00:00+00:00")
    _, removed, restored = history_of(repo)
    assert [change.fields for change in (removed, restored)] == [None, None]
    assert restored.correction


def test_a_site_folder_below_the_repository_top_is_read_from_its_own_paths(repo: Path) -> None:
    commit(repo, EVENT, "Add b", "2026-02-01T10:00:00+00:00", "site/content/events/b.yaml")
    commit(
        repo,
        EVENT + "end: 2025-06-04\n",
        "Add its end",
        "2026-02-02T10:00:00+00:00",
        "site/content/events/b.yaml",
    )
    _, corrected = history_of(repo / "site", "content/events/b.yaml")
    assert corrected.fields == (FieldChange("end", "added"),)


def test_cat_file_answers_each_blob_it_has_and_skips_a_missing_one(repo: Path) -> None:
    blob = git(repo, "rev-parse", "HEAD:content/events/a.yaml")
    assert read_blobs(repo, [blob, "f" * 40, blob]) == {blob: EVENT.encode("utf-8")}


def test_a_blob_over_the_size_limit_is_not_kept(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(revisions, "MAX_YAML_BYTES", 10)
    blob = git(repo, "rev-parse", "HEAD:content/events/a.yaml")
    assert read_blobs(repo, [blob]) == {blob: None}


def test_outside_a_repository_no_blob_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert read_blobs(tmp_path, ["a" * 40]) == {}


def test_every_correction_of_every_file_is_read_by_one_git_process(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [f"content/events/{name}.yaml" for name in ("a", "b", "c")]
    for name in names[1:]:
        commit(repo, EVENT, f"Add {name}", "2026-01-02T10:00:00+00:00", name)
    for day in (4, 5):
        for name in names:
            commit(
                repo,
                EVENT + f"end: 2025-06-0{day}\n",
                f"Give {name} an end",
                f"2026-02-0{day}T10:00:00+00:00",
                name,
            )
    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def counting_popen(command: list[str], *args: object, **kwargs: object) -> object:
        started.append(command)
        return real_popen(command, *args, **kwargs)  # type: ignore[call-overload]

    git_log = read_history(repo, "content/events")
    monkeypatch.setattr(subprocess, "Popen", counting_popen)
    histories, compared = event_histories(repo, names, git_log)
    assert [command[3:] for command in started] == [["cat-file", "--batch"]]
    assert all(len(histories[name].changes) == 3 for name in names)
    assert len(compared) == 2  # the three files went through the same two revisions


def test_an_old_revision_with_odd_or_many_fields_names_them_in_part() -> None:
    odd = EVENT + '"bad\\u0085key": 1\n'
    assert changes(EVENT, odd) == (FieldChange("a field with an odd name", "added"),)
    many = EVENT + "".join(f"extra{number}: 1\n" for number in range(30))
    found = changes(EVENT, many)
    assert len(found) == revisions.MAX_FIELDS
    assert found[-1] == FieldChange("11 other fields", "changed")
