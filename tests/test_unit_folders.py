"""Files the build will not read are reported where they lie: the content folders are read
flat, content/ holds five known entries, and nothing is left out in silence but names
starting with a dot."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit_helpers import EVENT_YAML, reported, run_build, write_site

PAGE = "---\ntitle: Deep\n---\nText.\n"


def _errors(root: Path) -> list[tuple[str, str, str | None]]:
    return [item for item in reported(root) if item[1].startswith("error:")]


def test_an_event_file_in_a_sub_folder_of_events_is_an_error_at_the_file(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/events/2024/nested.yaml": EVENT_YAML})
    assert reported(root) == [
        (
            "content/events/2024/nested.yaml:1:1",
            "error: event files in sub-folders of content/events/ are not read",
            "move it to content/events/nested.yaml; "
            "a file or folder whose name starts with a dot is left out",
        )
    ]


def test_an_event_file_in_a_sub_folder_fails_check_with_exit_status_1(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/events/2024/nested.yaml": EVENT_YAML})
    result = run_build("check", "--root", str(root))
    assert result.returncode == 1
    assert "content/events/2024/nested.yaml:1:1: error: " in result.stdout + result.stderr


def test_a_page_in_a_sub_folder_of_pages_is_an_error_at_the_file(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/pages/about.md": PAGE, "content/pages/sub/deep.md": PAGE})
    assert [(mark, message) for mark, message, _ in reported(root)] == [
        ("content/pages/sub/deep.md:1:1", "error: pages in sub-folders of content/pages/ are not read")
    ]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "content/articles/old/two.yaml",
            "error: article metadata files in sub-folders of content/articles/",
        ),
        ("seeds/old/two.txt", "error: documents in sub-folders of seeds/"),
    ],
    ids=["article-metadata", "document"],
)
def test_article_files_in_sub_folders_are_errors_at_each_file(
    tmp_path: Path, path: str, message: str
) -> None:
    root = write_site(tmp_path, {path: "title: Two\n"})
    ((mark, said, _),) = reported(root)
    assert (mark, said) == (f"{path}:1:1", message + " are not read")


def test_every_file_deep_under_a_sub_folder_is_reported(tmp_path: Path) -> None:
    files: dict[str, str | bytes | None] = {
        "content/events/2024/06/a.yaml": EVENT_YAML,
        "content/events/2024/b.yaml": EVENT_YAML,
        "content/events/2024/notes.txt": "x",
    }
    root = write_site(tmp_path, files)
    assert [mark for mark, _, _ in _errors(root)] == [f"{path}:1:1" for path in sorted(files)]


def test_many_files_under_a_sub_folder_are_named_up_to_twenty_and_counted_at_the_folder(
    tmp_path: Path,
) -> None:
    root = write_site(tmp_path, {f"content/events/old/e{n:02d}.yaml": EVENT_YAML for n in range(25)})
    errors = _errors(root)
    assert len(errors) == 21
    counted = ("content/events/old:1:1", "error: 5 more files under this folder are not read either", None)
    assert counted in errors


def test_a_folder_named_like_an_event_file_is_a_warning_at_it(tmp_path: Path) -> None:
    root = write_site(tmp_path)
    (root / "content/events/dd.yaml").mkdir()
    assert reported(root) == [
        (
            "content/events/dd.yaml:1:1",
            "warning: 'dd.yaml' is a folder, and content/events/ is read without its sub-folders",
            "remove it, or give it a name starting with a dot",
        )
    ]


def test_a_name_starting_with_a_dot_keeps_a_folder_out_without_a_word(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/events/.drafts/draft.yaml": EVENT_YAML, "content/.notes.md": "x"})
    assert reported(root) == []


@pytest.mark.parametrize(
    ("path", "hint"),
    [
        ("content/event/x.yaml", "did you mean content/events/?"),
        ("content/entities.yml", "did you mean content/entities.yaml?"),
        ("content/notes.txt", "move it out of content/, or give it a name starting with a dot"),
    ],
    ids=["misspelt-folder", "misspelt-file", "other"],
)
def test_an_entry_of_content_the_build_does_not_read_is_a_warning_at_it(
    tmp_path: Path, path: str, hint: str
) -> None:
    root = write_site(tmp_path, {path: "x: 1\n"})
    entry = "/".join(path.split("/")[:2])
    ((mark, message, said),) = reported(root)
    assert (mark, said) == (f"{entry}:1:1", hint)
    assert message.startswith("warning: ") and " is not read: content/ holds " in message
