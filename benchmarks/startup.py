"""Application start to the sign-in window, its password to the main window, and start to
the main window, beside a bare PySide6 window launched in turn with them (so load hits all).

Each launch is a separate process; processor time (the whole process's, every thread) is
printed beside the wall clock, which on a shared machine also counts waiting for a core.
``python -m benchmarks.startup DATABASE [ROOT ...]`` compares code trees (e.g. a worktree of
an earlier commit) run for run on copies of one database.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from upw_ttg.storage.database import sqlite_url

from benchmarks.common import Timing

ROOT = Path(__file__).resolve().parent.parent
CHILD = ROOT / "benchmarks" / "startup_child.py"
RUNS = 9


def _launch(root: Path, args: list[str]) -> list[float]:
    """The child's figures: [ms to the window, ms of processor time] for a launch."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)}
    started = time.time()
    result = subprocess.run([sys.executable, str(CHILD), *args], capture_output=True,
                            text=True, cwd=root, env=env, check=True, timeout=300)
    figures = [float(f) for f in result.stdout.strip().splitlines()[-1].split()]
    if args[0] == "password":
        return figures
    return [(figures[0] - started) * 1000, figures[1]]


class _Tree:
    """One code tree's copy of the database and its runs."""

    def __init__(self, root: Path, database: Path, folder: Path, label: str):
        self.root, self.label = root, label
        self.data_dir = folder / (label or "tree")
        self.data_dir.mkdir()
        copy = self.data_dir / "upw-ttg.db"
        shutil.copyfile(database, copy)
        self.url = sqlite_url(copy)
        self.runs: dict[str, list[list[float]]] = {"signin": [], "password": [], "app": []}

    def launch(self, mode: str, record: bool = True) -> None:
        figures = _launch(self.root, [mode, self.url, str(self.data_dir)])
        if record:
            self.runs[mode].append(figures)

    def timing(self, mode: str, name: str, column: int = 0) -> Timing:
        runs = self.runs[mode]
        return Timing(f"{name}{self.label and f' ({self.label})'}",
                      [run[column] for run in runs], [run[column + 1] for run in runs])


def run(database: Path, roots: list[Path] | None = None, runs: int = RUNS) -> list[str]:
    roots = roots or [ROOT]
    with tempfile.TemporaryDirectory() as folder:
        trees = [_Tree(root, database, Path(folder), "" if len(roots) == 1 else
                       f"{root.name}") for root in roots]
        bare_runs: list[list[float]] = []
        _launch(ROOT, ["bare"])  # warm the file cache
        for tree in trees:  # upgrade each copy and warm the file cache
            tree.launch("app", record=False)
            tree.launch("password", record=False)
        for _ in range(runs):
            bare_runs.append(_launch(ROOT, ["bare"]))
            for tree in trees:
                tree.launch("signin")
                tree.launch("password")
                tree.launch("app")
        bare = Timing("bare PySide6 window", [r[0] for r in bare_runs],
                      [r[1] for r in bare_runs])
        lines = []
        for tree in trees:
            lines += [tree.timing("signin", "start to the sign-in window").line(bare),
                      tree.timing("password", "password to the main window").line(),
                      tree.timing("password", "password to the people list filled", 2).line(),
                      tree.timing("app", "start to main window, no sign-in").line(bare)]
    return [*lines, bare.line()]


if __name__ == "__main__":
    for line in run(Path(sys.argv[1]), [Path(p).resolve() for p in sys.argv[2:]] or None,
                    int(os.environ.get("UPW_TTG_BENCH_RUNS", RUNS))):
        print(line)
