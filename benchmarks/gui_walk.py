"""A scripted walk of every screen, reporting the longest GUI-thread stall of each action.

Each scale runs in its own process on a copy of the cached demo database (opening a plan or
an assessment writes to the access log). A watchdog timer on the GUI thread fires every few
milliseconds; how late it fires is how long the window could not repaint or take a key (and
the GUI thread's own processor time between two ticks, which waiting for a shared core does not
inflate). Each action (signing in, opening an area, a tab, a plan, a person) is started from
the event loop, and is over when no background task is running and the loop has been free
for a moment. The peak resident memory of the process is reported at the end, every screen
having been visited, and the resident memory after each action (now, and the peak so far)
beside its stalls.

    python -m benchmarks.gui_walk crc national
"""

from __future__ import annotations

import cProfile
import importlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICK_MS = 5
SETTLE_S = 0.25
STEP_TIMEOUT_S = 180.0


def resident_mb() -> float:
    """The process's resident memory now (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return 0.0


def peak_mb() -> float:
    """The process's peak resident memory so far (``ru_maxrss``, in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(database: Path) -> list[str]:
    """Walk the screens on a copy of ``database`` in a child process; its report lines."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "benchmarks.gui_walk", "--child",
                             str(database)], capture_output=True, text=True, cwd=ROOT, env=env,
                            check=False)
    lines = [line for line in result.stdout.splitlines() if line.startswith("  ")]
    if result.returncode != 0:
        lines.append(f"  the walk failed (exit {result.returncode}): "
                     f"{result.stderr.strip().splitlines()[-1:]}")
    return lines


# The child process ----------------------------------------------------------------------


class _Walk:
    """Drives the application through the script and times each action's stalls."""

    def __init__(self, services, location):
        from PySide6.QtCore import QElapsedTimer, Qt, QTimer

        self.services = services
        self.location = location
        self.window = None
        # Each action: its name, longest stall, its processor time, until settled (ms),
        # resident memory once settled and the peak so far (MB).
        self.results: list[tuple[str, float, float, float, float, float]] = []
        self._clock = QElapsedTimer()
        self._clock.start()
        self._last_tick = 0.0
        self._worst = 0.0
        # The GUI thread's own processor time between two ticks: on a machine whose cores are
        # shared, the wall-clock stall also counts waiting for a core; this does not.
        self._last_cpu = 0.0
        self._worst_cpu = 0.0
        self._watch = QTimer()
        self._watch.setTimerType(Qt.TimerType.PreciseTimer)
        self._watch.setInterval(TICK_MS)
        self._watch.timeout.connect(self._on_tick)
        self._driver = QTimer()
        self._driver.setInterval(TICK_MS)
        self._driver.timeout.connect(self._on_drive)
        self._steps = self._script()
        self._current: tuple[str, Callable[[], bool]] | None = None
        self._started = 0.0
        self._quiet_since = 0.0
        self.failed: str | None = None
        # UPW_TTG_WALK_PROFILE names one action whose GUI-thread work is profiled (cProfile
        # follows one thread: the workers' reads are left out), written to the path in
        # UPW_TTG_WALK_PROFILE_OUT (default walk.prof in the temporary folder).
        self._profile_action = os.environ.get("UPW_TTG_WALK_PROFILE")
        self._profiler: cProfile.Profile | None = None

    def _now(self) -> float:
        return self._clock.nsecsElapsed() / 1e6

    def _on_tick(self) -> None:
        now, cpu = self._now(), time.thread_time() * 1000
        self._worst = max(self._worst, now - self._last_tick - TICK_MS)
        self._worst_cpu = max(self._worst_cpu, cpu - self._last_cpu)
        self._last_tick, self._last_cpu = now, cpu

    def start(self) -> None:
        self._last_tick = self._now()
        self._watch.start()
        self._driver.start()

    def _on_drive(self) -> None:
        from PySide6.QtWidgets import QApplication

        from ui.tasks import running_tasks

        now = self._now()
        if self._current is not None:
            name, done = self._current
            if running_tasks() or not done():
                self._quiet_since = 0.0
                if (now - self._started) / 1000 > STEP_TIMEOUT_S:
                    self.failed = f"{name}: did not finish"
                    QApplication.exit(2)
                return
            if not self._quiet_since:
                self._quiet_since = now
                return
            if (now - self._quiet_since) / 1000 < SETTLE_S:
                return
            self.results.append((name, max(self._worst, 0.0), self._worst_cpu,
                                 self._quiet_since - self._started, resident_mb(), peak_mb()))
            if self._profiler is not None:
                self._profiler.disable()
                self._profiler.dump_stats(os.environ.get(
                    "UPW_TTG_WALK_PROFILE_OUT", os.path.join(tempfile.gettempdir(), "walk.prof")))
                self._profiler = None
            self._current = None
        try:
            name, action, done = next(self._steps)
        except StopIteration:
            self._driver.stop()
            self._watch.stop()
            QApplication.exit(0)
            return
        # The tick just before the action, so only the action's own stall is counted.
        self._on_tick()
        self._worst = self._worst_cpu = 0.0
        self._started = self._now()
        self._quiet_since = 0.0
        if name == self._profile_action:
            self._profiler = cProfile.Profile()
            self._profiler.enable()
        action()
        self._current = (name, done)

    # The script --------------------------------------------------------------------------

    def _script(self) -> Iterator[tuple[str, Callable[[], None], Callable[[], bool]]]:
        from PySide6.QtWidgets import QTabWidget

        always: Callable[[], bool] = lambda: True  # noqa: E731
        dialog = self._sign_in_dialog()
        # The walk's own import (the demo generator's password), made before any timing.
        from upw_ttg.demo import DEMO_PASSWORD

        self._password = DEMO_PASSWORD
        # The application loads the main window's modules while the sign-in window waits.
        import ui.main_window  # noqa: F401
        yield "sign-in window shown", dialog.show, always
        yield ("sign in (password to main window)", lambda: self._sign_in(dialog),
               lambda: self.window is not None and self.window.isVisible())
        window = self.window
        for row in range(window.nav.count()):
            name = window.nav.item(row).text()
            yield name, lambda row=row: window.nav.setCurrentRow(row), always
            area = window.stack.currentWidget()
            for tabs in area.findChildren(QTabWidget):
                if tabs.window() is not window or not tabs.isVisible():
                    continue
                for index in range(tabs.count()):
                    if index == tabs.currentIndex() or not tabs.isTabVisible(index):
                        continue
                    label = f"{name} ▸ {tabs.tabText(index).replace('&&', '+').replace('&', '')}"
                    yield label, lambda t=tabs, i=index: t.setCurrentIndex(i), always
        episode = self._an_episode()
        if episode is not None and window.ttg_area is not None:
            yield "open a resettlement plan", lambda: window.open_plan(episode), always
            yield "back to the caseload", window.ttg_area.show_caseload, always
        person = self.services.people.list_page(0, 1)
        if person:
            yield "open a person's record", lambda: window.open_person(person[0].id), always
            yield "back to the people list", window.show_people, always

    def _sign_in_dialog(self):
        from ui.dialogs.sign_in import SignInDialog

        return SignInDialog(self.services.staff, self.services.db.describe(), "admin")

    def _sign_in(self, dialog) -> None:
        dialog.password.setText(self._password)
        dialog.accepted.connect(lambda: self._open_main_window(dialog))
        dialog.submit()

    def _open_main_window(self, dialog) -> None:
        from ui.main_window import MainWindow
        from ui.settings import UiSettings

        dialog.hide()
        self.window = MainWindow(self.services, UiSettings.in_folder(self.location.data_dir))
        self.window.resize(1280, 800)
        self.window.show()

    def _an_episode(self) -> int | None:
        caseload = self.services.caseload.caseload()
        rows = caseload.due_a_plan + caseload.plans_overdue + caseload.releases_within_24_weeks
        return rows[0].episode_id if rows else None


def _copy_database(source: Path, folder: Path) -> Path:
    target = folder / "upw-ttg.db"
    for suffix in ("", "-wal"):
        if Path(str(source) + suffix).exists():
            shutil.copyfile(str(source) + suffix, str(target) + suffix)
    return target


def child(database: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The application's own order: its entry module first (the upw-ttg command starts there,
    # and it changes how later imports are scanned), then the rest.
    importlib.import_module("ui.app")
    from PySide6.QtWidgets import QApplication

    from upw_ttg.bootstrap import AppLocation, open_app
    from upw_ttg.storage.database import sqlite_url

    from ui.app import setup_application
    from ui.tasks import finish_all_tasks

    with tempfile.TemporaryDirectory() as folder:
        copy = _copy_database(database, Path(folder))
        app = QApplication(sys.argv[:1])
        setup_application(app)
        location = AppLocation(Path(folder), sqlite_url(copy))
        services = open_app(location)
        walk = _Walk(services, location)
        opened = (resident_mb(), peak_mb())
        walk.start()
        code = app.exec()
        finish_all_tasks()
        print(f"  {'action':<58} {'longest stall':>14} {'its processor':>14} "
              f"{'until settled':>14} {'resident':>10} {'peak':>8}")
        print(f"  {'(services open, before the first window)':<58} {'':>14} {'':>14} {'':>14} "
              f"{opened[0]:>7.0f} MB {opened[1]:>5.0f} MB")
        for name, stall, cpu, settled, resident, peak in walk.results:
            print(f"  {name:<58} {stall:>11.0f} ms {cpu:>11.0f} ms {settled:>11.0f} ms "
                  f"{resident:>7.0f} MB {peak:>5.0f} MB")
        none = ("-", 0.0, 0.0, 0.0, 0.0, 0.0)
        worst = max(walk.results, key=lambda r: r[1]) if walk.results else none
        print(f"  longest stall of the walk: {worst[1]:.0f} ms ({worst[0]})")
        worst = max(walk.results, key=lambda r: r[2]) if walk.results else none
        print(f"  longest GUI-thread processor time between two ticks: {worst[2]:.0f} ms "
              f"({worst[0]})")
        print(f"  peak memory, every screen visited: {peak_mb():.0f} MB")
        if walk.failed:
            print(f"  the walk stopped: {walk.failed}")
        if walk.window is not None:
            walk.window.close()
        services.close()
        os._exit(code if not walk.failed else 2)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--child":
        return child(Path(argv[1]))
    from benchmarks.common import demo_database

    for scale in argv or ["crc", "national"]:
        path, _info = demo_database(scale)
        print(f"\n[{scale}] the scripted walk of every screen (GUI-thread stalls)", flush=True)
        started = time.perf_counter()
        for line in run(path):
            print(line, flush=True)
        print(f"  ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
