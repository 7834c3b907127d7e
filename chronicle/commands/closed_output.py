"""Output read by a program that stops reading (`check --format github | head -1`).

Unix tools go quietly when the reader closes the pipe. Python raises BrokenPipeError at the
next write instead, which would end the command as an internal error (exit 3) and hide its
real result. Past that point, what is written is dropped and the command runs to its own end
and exit status.
"""

from __future__ import annotations

import os
from typing import Any, TextIO, cast


class ReaderMayLeave:
    """A text stream (sys.stdout, sys.stderr) whose writes, once its reader has gone, go to
    the null device."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._drop_the_rest()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._drop_the_rest()

    def _drop_the_rest(self) -> None:
        # What the stream still buffers would fail again at every flush, the last one at exit
        # included: the descriptor is pointed at the null device, as the Python docs advise.
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, self._stream.fileno())
        finally:
            os.close(null)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def reader_may_leave(stream: TextIO) -> TextIO:
    return cast(TextIO, ReaderMayLeave(stream))
