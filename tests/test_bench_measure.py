"""bench/measure.py: one command's wall time, CPU time and peak memory, as JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

MEASURE_PY = Path(__file__).resolve().parent.parent / "bench" / "measure.py"


def measure(tmp_path: Path, *command: str, timeout: float = 60.0) -> dict[str, object]:
    result = tmp_path / "result.json"
    subprocess.run(
        [sys.executable, str(MEASURE_PY), "--json", str(result), "--timeout", str(timeout), "--", *command],
        check=True,
        timeout=120,
    )
    data = json.loads(result.read_text())
    assert isinstance(data, dict)
    return data


def test_a_command_is_timed_from_its_start_to_its_end(tmp_path: Path) -> None:
    data = measure(tmp_path, sys.executable, "-c", "import time; time.sleep(0.3)")
    assert data["returncode"] == 0
    assert data["timed_out"] is False
    assert 0.3 <= float(str(data["wall_s"])) < 5


def test_a_command_over_its_time_limit_is_killed_and_reported(tmp_path: Path) -> None:
    data = measure(tmp_path, "sleep", "30", timeout=0.5)
    assert data["timed_out"] is True
    assert data["returncode"] == -9
    assert float(str(data["wall_s"])) < 10
