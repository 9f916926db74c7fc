"""Auto-fill from the planner: runs off the main thread with progress, applies or cancels."""

from __future__ import annotations

import datetime as dt
import threading

from PySide6.QtWidgets import QDialog

from upw_ttg.domain.codes import Gender, PlacementPreference
from upw_ttg.errors import Cancelled

from tests.narrowing import present
from tests.ui.upw_world import World
from ui.dialogs.upw.autofill_dialog import AutoFillDialog


def test_auto_fill_reports_progress_shows_the_proposal_and_applies_it(
        qtbot, services, world, wait_for_tasks, monkeypatch):
    """Two men get a day each; a woman who chose female-only has none: she is listed with
    why. Apply books the places in one go."""
    sessions = [world.session(World.MONDAY + dt.timedelta(days=d)) for d in range(2)]
    men = [world.placeable()[1] for _ in range(2)]
    world.placeable(Gender.FEMALE,
                    placement_preference=PlacementPreference.FEMALE_ONLY_GROUP)
    reports: list[tuple[int, int, str]] = []
    threads: list[str] = []
    original = services.upw.autofill.propose

    def propose(week_start, unit_id=None, *, progress=None, cancelled=None):
        def report(done: int, total: int, text: str) -> None:
            reports.append((done, total, text))
            progress(done, total, text)
        threads.append(threading.current_thread().name)
        return original(week_start, unit_id, progress=report, cancelled=cancelled)

    monkeypatch.setattr(services.upw.autofill, "propose", propose)
    dialog = AutoFillDialog(services, world.unit, World.MONDAY)
    qtbot.addWidget(dialog)
    wait_for_tasks()
    assert reports and threads and threads[0] != threading.current_thread().name
    assert dialog.task is not None and dialog.task.control is not None  # Cancel is offered
    placed = {line.placement.order_id: line for line in dialog.placements.rows()}
    assert set(placed) == set(men)
    assert {line.placement.session_id for line in placed.values()} <= set(sessions)
    assert all(line.name.startswith("Dafydd Jones") for line in placed.values())
    [short] = dialog.shortfalls.rows()
    assert short.name.startswith("Cerys") and short.minutes_proposed == 0
    assert any("female-only" in reason for reason in short.reasons)
    assert "2 places to book for 2 people (14:00 hours)" in dialog.summary.text()
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(dialog.applied, timeout=5000) as signal:
        dialog.apply()
    wait_for_tasks()
    assert signal.args == ["Auto-fill booked 2 places."]
    assert dialog.result() == QDialog.DialogCode.Accepted
    booked = {p.order_id for s in sessions for p in services.upw.sessions.detail(s).people}
    assert booked == set(men)


def test_cancelling_auto_fill_books_nothing(qtbot, services, world, wait_for_tasks,
                                           monkeypatch):
    world.session()
    world.placeable()
    started = threading.Event()

    def propose(week_start, unit_id=None, *, progress=None, cancelled=None):
        started.set()
        for _ in range(500):
            if cancelled():
                raise Cancelled()
            threading.Event().wait(0.01)
        raise AssertionError("never cancelled")

    monkeypatch.setattr(services.upw.autofill, "propose", propose)
    dialog = AutoFillDialog(services, world.unit, World.MONDAY)
    qtbot.addWidget(dialog)
    assert started.wait(5)
    present(dialog.task).cancel()
    wait_for_tasks()
    assert dialog.summary.text().startswith("Cancelled: no proposal.")
    assert not dialog.apply_button.isEnabled() and dialog.propose_button.isEnabled()
