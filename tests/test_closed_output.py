"""A reader that stops reading (`check --format github | head -1`) ends nothing early."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from unit_helpers import BUILD_PY, write_site

from chronicle.commands.closed_output import reader_may_leave

# A site whose events name actors and places its entities file lacks: `check --format github`
# prints an annotation per error on stdout and exits 1.
WITHOUT_ENTITIES = {"content/entities.yaml": "actors:\n  nobody: {name: Nobody}\n"}


def test_a_write_after_the_reader_left_is_dropped_without_an_error() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    stream = reader_may_leave(io.TextIOWrapper(io.FileIO(write_end, "w"), write_through=True))
    assert stream.write("first line\n") == len("first line\n")
    stream.write("and the rest\n")
    stream.flush()
    stream.close()


def test_check_keeps_its_exit_status_when_its_reader_leaves(tmp_path: Path) -> None:
    root = write_site(tmp_path, WITHOUT_ENTITIES)
    command = [sys.executable, str(BUILD_PY), "check", "--root", str(root), "--format", "github"]
    read_all = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert "::error" in read_all.stdout
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the command writes anything: its first write meets a closed pipe
    stderr = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=120) == read_all.returncode == 1
    assert "internal error" not in stderr
