"""The preview server shows the open pages first: while a build goes on after they were
rendered, they are served as shown, the theme's assets as they are, and every other file
only once the build is over. And the open pages say which they are."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from chronicle.commands.serve import OpenPagesFirst
from chronicle.preview.server import PreviewServer, make_handler
from chronicle.preview.state import PreviewState

EVENT_PAGE = "events/accord/index.html"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A last good build: a home page, an event page and the theme's style sheet."""
    for relpath, text in (
        ("index.html", "<body>old home</body>"),
        (EVENT_PAGE, "<body>old event</body>"),
        ("assets/style.css", "body {}"),
    ):
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def served(folder: Path) -> Iterator[tuple[PreviewState, tuple[str, int]]]:
    state = PreviewState(folder=folder)
    stopping = threading.Event()
    server = PreviewServer(("127.0.0.1", 0), make_handler(state, "/REPO/", stopping))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield state, (str(host), int(port))
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()


def get(address: tuple[str, int], path: str) -> tuple[int, str, float]:
    """(status, body, seconds it took)."""
    started = time.monotonic()
    connection = http.client.HTTPConnection(*address, timeout=20)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode(), time.monotonic() - started
    finally:
        connection.close()


def test_a_page_shown_first_is_served_as_shown_with_the_reload_script(
    served: tuple[PreviewState, tuple[str, int]],
) -> None:
    state, address = served
    state.show_first({EVENT_PAGE: b"<body>new event</body>"})
    status, body, _ = get(address, "/REPO/events/accord/")
    assert status == 200
    assert body.startswith("<body>new event<script src=") and f"build={state.build}" in body


def test_the_theme_assets_are_served_at_once_while_the_build_goes_on(
    served: tuple[PreviewState, tuple[str, int]],
) -> None:
    state, address = served
    state.show_first({EVENT_PAGE: b"<body>new event</body>"})
    status, body, seconds = get(address, "/REPO/assets/style.css")
    assert (status, body) == (200, "body {}") and seconds < 5


def test_before_any_good_build_the_theme_assets_wait_for_the_build_too(
    served: tuple[PreviewState, tuple[str, int]], folder: Path
) -> None:
    state, address = served
    state.folder = None  # broken from the start: this build is the first good one
    state.show_first({EVENT_PAGE: b"<body>new event</body>"})

    def finish_the_build() -> None:
        time.sleep(0.5)
        state.folder = folder
        state.settle()

    threading.Thread(target=finish_the_build, daemon=True).start()
    status, body, seconds = get(address, "/REPO/assets/style.css")
    assert (status, body) == (200, "body {}") and seconds >= 0.4  # not the page saying there is no build


def test_a_file_shown_first_that_is_no_html_page_is_served_as_it_was_made(
    served: tuple[PreviewState, tuple[str, int]],
) -> None:
    state, address = served
    state.show_first({"sitemap.xml": b"<urlset></urlset>\n"})
    connection = http.client.HTTPConnection(*address, timeout=20)
    try:
        connection.request("GET", "/REPO/sitemap.xml")
        response = connection.getresponse()
        assert response.getheader("Content-Type") == "application/xml; charset=utf-8"
        assert response.read() == b"<urlset></urlset>\n"  # no reload script in it
    finally:
        connection.close()


def test_a_page_that_connects_after_the_pages_were_shown_hears_the_errors_are_gone(
    served: tuple[PreviewState, tuple[str, int]],
) -> None:
    state, address = served
    state.errors = "content/events/a.yaml:2:7: error: not a date"  # the save before this one
    state.show_first({EVENT_PAGE: b"<body>new event</body>"})
    connection = http.client.HTTPConnection(*address, timeout=10)
    try:
        connection.request("GET", "/__chronicle/events?page=%2FREPO%2Fevents%2Faccord%2F")  # reloaded
        response = connection.getresponse()
        received = b"".join(response.fp.readline() for _ in range(8))
        assert received.endswith(b"event: ok\ndata: ok\n\n"), received  # no overlay on the new page
    finally:
        connection.close()


def test_any_other_file_waits_until_the_build_is_over(
    served: tuple[PreviewState, tuple[str, int]], folder: Path
) -> None:
    state, address = served
    state.show_first({EVENT_PAGE: b"<body>new event</body>"})

    def finish_the_build() -> None:
        time.sleep(0.5)
        (folder / "index.html").write_text("<body>new home</body>", encoding="utf-8")
        state.settle()

    threading.Thread(target=finish_the_build, daemon=True).start()
    status, body, seconds = get(address, "/REPO/")
    assert status == 200 and "new home" in body  # never the file the build is replacing
    assert seconds >= 0.4


def test_once_settled_every_page_comes_from_the_folder_again(
    served: tuple[PreviewState, tuple[str, int]],
) -> None:
    state, address = served
    state.show_first({EVENT_PAGE: b"<body>new event</body>"})
    state.settle()
    assert "old event" in get(address, "/REPO/events/accord/")[1]


def test_an_event_stream_names_the_page_it_was_opened_from(
    served: tuple[PreviewState, tuple[str, int]],
) -> None:
    state, address = served
    connection = http.client.HTTPConnection(*address, timeout=10)
    try:
        connection.request("GET", "/__chronicle/events?page=%2FREPO%2Fevents%2Faccord%2F")
        response = connection.getresponse()
        assert response.fp.readline() == b"retry: 1000\n"
        assert state.open_pages() == {EVENT_PAGE}
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("page", "expected"),
    [("/REPO/", "index.html"), ("/REPO/a%20b/", "a b/index.html"), ("/other/", ""), ("", ""), ("%ff", "")],
)
def test_the_page_of_an_event_stream_is_an_output_path_below_the_base_path(
    served: tuple[PreviewState, tuple[str, int]], page: str, expected: str
) -> None:
    state, address = served
    connection = http.client.HTTPConnection(*address, timeout=10)
    try:
        connection.request("GET", "/__chronicle/events?page=" + page.replace("/", "%2F"))
        response = connection.getresponse()
        assert response.fp.readline() == b"retry: 1000\n"  # subscribed
        assert state.open_pages() == ({expected} if expected else set())
    finally:
        connection.close()


def test_only_a_save_of_content_shows_the_open_pages_first(tmp_path: Path) -> None:
    state = PreviewState()
    state.subscribe(EVENT_PAGE)
    content = [
        ("modified", str(tmp_path / "content/events/a.yaml")),
        ("added", str(tmp_path / "seeds/b.txt")),
    ]
    assert OpenPagesFirst(state, tmp_path, content).paths() == {EVENT_PAGE}
    for changed in ("templates/event.html", "templates/assets/style.css", "media/photo.jpg"):
        save = [*content, ("modified", str(tmp_path / changed))]
        assert OpenPagesFirst(state, tmp_path, save).paths() == set()


def test_a_save_of_content_reports_the_files_it_changed_and_any_other_save_none(tmp_path: Path) -> None:
    content = [
        ("modified", str(tmp_path / "content/events/a.yaml")),
        ("added", str(tmp_path / "seeds/b.txt")),
    ]
    reported = OpenPagesFirst(PreviewState(), tmp_path, content).reported()
    assert reported == {"content/events/a.yaml", "seeds/b.txt"}
    theme = [*content, ("modified", str(tmp_path / "templates/event.html"))]
    assert OpenPagesFirst(PreviewState(), tmp_path, theme).reported() is None
