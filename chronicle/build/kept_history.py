"""git's history of the event files, as a session that builds again (the preview server's)
keeps it: read again only when HEAD has moved.

`git log` of the events' folder walks every commit of the repository, whatever the folder
holds: 18 ms in this repository's own history, and more in a long one, at every save. Asking
for HEAD takes one quick call, and the log of a folder is the same while HEAD is (a commit,
an amend, a reset, a checkout or a pull each move it; a shallow clone deepened or made
whole changes what the call says too)."""

from __future__ import annotations

from pathlib import Path

from chronicle.build.memo import Memo
from chronicle.source.events import EVENTS_DIR
from chronicle.source.history import GitHistory, read_head, read_history


def events_history(root: Path, memo: Memo) -> GitHistory:
    """source.history.read_history of the event files, or the last run's while HEAD is the same."""
    head = read_head(root)
    last: tuple[str, GitHistory] | None = memo.state.listed.get("history")
    if head is not None and last is not None and last[0] == head:
        return last[1]
    history = read_history(root, EVENTS_DIR, head)
    if head is not None:
        memo.state.listed["history"] = (head, history)
    return history
