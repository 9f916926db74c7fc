"""The real application, launched again and again: it tours every area, prints and quits cleanly.

Each run starts ``python -m ui.app --exercise`` on the demo data in its own process, which
visits every area and tab, opens a plan, prints a case summary and a travel warrant to PDF and
quits while another document is still being prepared. Every run must exit with status 0 and
leave no native-crash trace. ``UPW_TTG_QUIT_RUNS`` sets the number of runs per platform (one
in the normal suite; CI asks for 20 in a step of its own), run two or more at a time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from upw_ttg.bootstrap import DATABASE_FILE, AppLocation, open_app
from upw_ttg.storage.database import sqlite_url

ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("UPW_TTG_QUIT_RUNS", "1"))
RUN_TIMEOUT_S = 240
CRASH_SIGNS = ("Fatal Python error", "Segmentation fault",
               "Error calling Python override", "QThread: Destroyed while thread")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory) -> Path:
    """The small demo data set, generated once for the module."""
    from upw_ttg.demo import generate_demo

    folder = tmp_path_factory.mktemp("demo")
    services = open_app(AppLocation.resolve(folder, sqlite_url(folder / DATABASE_FILE)))
    try:
        generate_demo(services.db, "small")
    finally:
        services.close()
    return folder / DATABASE_FILE


@pytest.fixture(scope="module")
def x_display() -> Iterator[str]:
    """A private Xvfb display, or a skip where Xvfb or Qt's X11 libraries are missing."""
    from dev import missing_qt_libraries

    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed")
    if missing_qt_libraries():
        pytest.skip("Qt's X11 libraries are not installed: " + ", ".join(missing_qt_libraries()))
    read_end, write_end = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write_end), "-screen", "0",
                               "1600x1000x24", "-nolisten", "tcp"], pass_fds=(write_end,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        pytest.skip("Xvfb did not start")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=30)


def launch_tour(database: Path, folder: Path, platform: str, display: str | None) -> str:
    """One run in a fresh data folder; returns what went wrong, or '' if it quit cleanly."""
    folder.mkdir()
    shutil.copy(database, folder / DATABASE_FILE)
    pdf = folder / "warrant.pdf"
    env = {key: value for key, value in os.environ.items()
           if key not in {"UPW_TTG_DATABASE_URL", "DISPLAY", "WAYLAND_DISPLAY"}}
    env.update(QT_QPA_PLATFORM=platform, HOME=str(folder), XDG_CONFIG_HOME=str(folder / "cfg"),
               XDG_RUNTIME_DIR=str(folder))
    if display:
        env["DISPLAY"] = display
    result = subprocess.run([sys.executable, "-m", "ui.app", "--data-dir", str(folder),
                             "--exercise", str(pdf)], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=RUN_TIMEOUT_S)
    log = (folder / "logs" / "upw-ttg.log").read_text(encoding="utf-8", errors="replace")
    output = result.stdout + result.stderr
    problems = []
    if result.returncode != 0:
        problems.append(f"exit status {result.returncode}")
    problems += [sign for sign in CRASH_SIGNS if sign in output or sign in log]
    if not pdf.exists() or not pdf.read_bytes().startswith(b"%PDF"):
        problems.append("no PDF printed")
    if "Stopped" not in log:
        problems.append("the log does not record the end")
    return f"{folder.name}: {', '.join(problems)}\n{output[-3000:]}" if problems else ""


def tour_repeatedly(database: Path, tmp_path: Path, platform: str,
                    display: str | None = None) -> list[str]:
    workers = max(2, min(4, os.cpu_count() or 2))
    with ThreadPoolExecutor(workers) as pool:
        outcomes = pool.map(lambda n: launch_tour(database, tmp_path / f"run-{n:02}", platform,
                                                  display), range(RUNS))
        return [outcome for outcome in outcomes if outcome]


def test_launch_tour_print_and_quit_offscreen(demo_database, tmp_path):
    assert tour_repeatedly(demo_database, tmp_path, "offscreen") == []


def test_launch_tour_print_and_quit_on_an_x_display(demo_database, tmp_path, x_display):
    assert tour_repeatedly(demo_database, tmp_path, "xcb", x_display) == []
