"""The package alone: built as a wheel and installed in a fresh virtual environment, with
nothing of this checkout in reach, it makes a new site (`chronicle init`), builds, checks and
serves it, the theme, starter files and reload script all coming from the wheel.

Installing the wheel's dependencies needs the package index. Without it this module is
skipped, except under CI=true, where that is a failure. One wheel and one environment serve
every test of the module (about a minute with a warm pip cache).
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO

IN_CI = os.environ.get("CI") == "true"
STEP_TIMEOUT = 240  # seconds, for one pip or build step


@dataclass(frozen=True)
class Installed:
    """The wheel, and the fresh environment it is installed in."""

    wheel: Path
    venv: Path
    work: Path  # a folder outside the checkout, the commands' working folder

    @property
    def bin(self) -> Path:
        return self.venv / ("Scripts" if os.name == "nt" else "bin")

    @property
    def env(self) -> dict[str, str]:
        """The environment of a shell with the venv activated, and nothing pointing at this checkout."""
        env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
        env["VIRTUAL_ENV"] = str(self.venv)
        env["PATH"] = str(self.bin) + os.pathsep + env.get("PATH", "")
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def run(self, *command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / command[0]), *command[1:]],
            cwd=cwd or self.work,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=STEP_TIMEOUT,
            check=False,
        )


def unavailable(reason: str) -> None:
    """Skip for want of the package index or a tool, but fail under CI, where both must be there."""
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


def step(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=STEP_TIMEOUT, check=False
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    pytest.importorskip("build", reason="`build` is installed by `pip install -e '.[test]'`")
    work = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    probe = step(
        [*pip, "download", "--retries", "0", "--timeout", "15", "--no-deps", "-d", "probe", "hatchling"], work
    )
    if probe.returncode != 0:
        unavailable(f"the package index cannot be reached: {probe.stderr.strip().splitlines()[-1:]}")
    # Built from outside the checkout: there `python -m build` would find build.py, not the package.
    built = step([sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"), str(REPO)], work)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (work / "dist").glob("chronicle_timeline-*.whl")
    made = step([sys.executable, "-m", "venv", str(work / "venv")], work)
    assert made.returncode == 0, made.stderr
    result = Installed(wheel, work / "venv", work)
    pip_install = result.run(
        "python", "-m", "pip", "--disable-pip-version-check", "install", "-q", str(wheel)
    )
    assert pip_install.returncode == 0, pip_install.stdout + pip_install.stderr
    return result


@pytest.fixture(scope="module")
def new_site(installed: Installed) -> Path:
    made = installed.run("chronicle", "init", "x", "--title", "From the wheel")
    assert made.returncode == 0, made.stderr
    assert "cd x && chronicle build && chronicle serve" in made.stdout
    return installed.work / "x"


def test_the_wheel_holds_the_theme_the_starter_and_the_reload_script(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    theme = {
        f"chronicle/templates/{path.relative_to(REPO / 'templates').as_posix()}"
        for path in (REPO / "templates").rglob("*")
        if path.is_file()
    }
    starter = {
        f"chronicle/starter/{path.relative_to(REPO / 'chronicle' / 'starter').as_posix()}"
        for path in (REPO / "chronicle" / "starter").rglob("*")
        if path.is_file()
    }
    assert theme and theme <= names
    assert starter and starter <= names
    assert {"chronicle/preview/reload.js", "chronicle/py.typed"} <= names
    assert not [name for name in names if name.startswith(("tests/", "content/", "seeds/", "bench/"))]


def test_the_package_and_its_theme_come_from_the_environment(installed: Installed) -> None:
    code = "import chronicle.render.theme as t; print(t.__file__); print(t.default_theme_dir())"
    result = installed.run("python", "-c", code)
    assert result.returncode == 0, result.stderr
    module, theme = (Path(line).resolve() for line in result.stdout.splitlines())
    assert module.is_relative_to(installed.venv.resolve())
    assert theme.is_relative_to(installed.venv.resolve())
    assert not module.is_relative_to(REPO)


def test_a_new_site_builds_and_checks_with_the_installed_command(
    installed: Installed, new_site: Path
) -> None:
    built = installed.run("chronicle", "build", cwd=new_site)
    assert built.returncode == 0, built.stderr
    assert (new_site / "site" / "events" / "1903-wright-brothers-first-flights" / "index.html").is_file()
    assert (new_site / "site" / "assets" / "style.css").read_bytes() == (
        REPO / "templates" / "assets" / "style.css"
    ).read_bytes()
    checked = installed.run("chronicle", "check", cwd=new_site)
    assert (checked.returncode, checked.stdout, checked.stderr) == (
        0,
        "ok: 1 event, 1 article, every quote verified\n",
        "",
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
def test_a_new_site_is_served_with_the_reload_script(installed: Installed, new_site: Path) -> None:
    process = subprocess.Popen(
        [str(installed.bin / "chronicle"), "serve", "--port", "0"],
        cwd=new_site,
        env=installed.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    assert process.stdout is not None
    threading.Thread(target=lambda: lines.extend(process.stdout or []), daemon=True).start()
    try:
        url = _served_address(lines, process)
        host, port, path = url
        home = _get(host, port, path)
        assert home[0] == 200
        assert "From the wheel" in home[1]
        assert "/__chronicle/reload.js" in home[1]
        script = _get(host, port, "/__chronicle/reload.js")
        assert script[0] == 200
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert process.returncode == 0, process.stderr.read() if process.stderr else ""


def _served_address(lines: list[str], process: subprocess.Popen[str]) -> tuple[str, int, str]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        match = re.search(r"serving http://([^:/]+):(\d+)(/\S*) ", "".join(lines))
        if match:
            return match[1], int(match[2]), match[3]
        assert process.poll() is None, "".join(lines)
        time.sleep(0.1)
    raise AssertionError("serve printed no address:\n" + "".join(lines))


def _get(host: str, port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()
