"""Application start to the sign-in window and to the main window, beside a bare PySide6
window (the sign-in window and the bare window are launched in turn, so load hits both)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from upw_ttg.storage.database import sqlite_url

from benchmarks.common import Timing

ROOT = Path(__file__).resolve().parent.parent
RUNS = 9


def _launch(args: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    started = time.time()
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "startup_child.py"),
                             *args], capture_output=True, text=True, cwd=ROOT, env=env,
                            check=True)
    return (float(result.stdout.strip().splitlines()[-1]) - started) * 1000


def run(database: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        _launch(["bare"])  # warm the file cache for both
        _launch(["app", sqlite_url(database), folder])
        bare_runs, sign_in_runs = [], []
        for _ in range(RUNS):
            bare_runs.append(_launch(["bare"]))
            sign_in_runs.append(_launch(["signin"]))
        bare = Timing("bare PySide6 window", bare_runs)
        sign_in = Timing("start to the sign-in window", sign_in_runs)
        app = Timing("start to main window (people list)", [
            _launch(["app", sqlite_url(database), folder]) for _ in range(RUNS)])
    return [sign_in.line(bare), app.line(bare), bare.line()]
