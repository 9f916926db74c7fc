"""Print tomorrow: one command, from the menu, Scheduling and Attendance, printing a day's
work sheets, van manifests and appointment letters off the screen's thread."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtGui import QKeySequence

from upw_ttg.domain.codes import Language
from upw_ttg.records.day_printing import DayPaper

from tests.pdf_support import pdf_text
from tests.ui.upw_world import World
from ui.changes import change_bus
from ui.dialogs.print_day_paper import PrintDayPaperDialog
from ui.main_window import MainWindow


def test_print_tomorrow_produces_sheets_manifests_and_letters_for_the_day(
        qtbot, services, ui_settings, world, wait_for_tasks):
    sid = world.session()
    for _ in range(2):
        services.upw.placement.place(world.placeable()[1], sid)
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.show()
    assert window.print_day_action.shortcut() == QKeySequence("Ctrl+Shift+P")
    window.print_day_action.trigger()
    dialog: PrintDayPaperDialog = window.day_paper_dialog
    qtbot.addWidget(dialog)
    # Thursday 26 November: the next working day is Friday 27th; Monday 30th is chosen here.
    assert dialog.day.text() == "27/11/2026"
    dialog.day.setText("30/11/2026")
    assert dialog.chosen() == list(DayPaper)
    with qtbot.waitSignal(change_bus().announced, timeout=20000):
        dialog.print_paper()
    wait_for_tasks()
    assert len(dialog.previews) == 1
    text = pdf_text(dialog.previews[0]._pdf)
    assert "Work sheet" in text or "WORK SHEET" in text.upper()
    assert "30/11/2026" in text or "30 November 2026" in text
    assert "appointment" in text.lower()
    # One PDF per kind: each kind its own document (no van booked, so no manifest).
    again = PrintDayPaperDialog(services, window)
    qtbot.addWidget(again)
    again.day.setText("30/11/2026")
    again.per_kind.setChecked(True)
    with qtbot.waitSignal(change_bus().announced, timeout=20000):
        again.print_paper()
    wait_for_tasks()
    titles = [p.windowTitle() for p in again.previews]
    assert titles == ["Print preview – Work sheets for 30/11/2026",
                      "Print preview – Appointment letters for 30/11/2026"]


def test_the_three_kinds_for_the_right_day_through_the_service(services, world):
    sid = world.session()
    for _ in range(2):
        services.upw.placement.place(world.placeable()[1], sid)
    other = world.session(World.MONDAY + dt.timedelta(days=1))
    services.upw.placement.place(world.placeable()[1], other)
    pdfs = services.day_printing.print_day(World.MONDAY, one_pdf=False)
    assert set(pdfs) <= {k.value for k in DayPaper} and DayPaper.WORK_SHEETS in pdfs
    assert DayPaper.LETTERS in pdfs
    letters = pdf_text(pdfs[DayPaper.LETTERS])
    assert "30" in letters and "01/12/2026" not in letters


def test_the_command_is_reachable_from_scheduling_and_attendance(qtbot, services, ui_settings,
                                                                 world):
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.show()
    planner = window.scheduling_area().planner
    dialog = planner.print_day()  # a child of the window, closed and deleted with it
    assert isinstance(dialog, PrintDayPaperDialog)
    printing = window.attendance_area().printing
    assert printing.all_paper_button.isVisibleTo(printing)
    printing.all_paper_button.click()
    assert isinstance(printing.paper_dialog, PrintDayPaperDialog)


def test_the_sheets_and_manifests_print_in_the_language_chosen(
        qtbot, services, ui_settings, world, wait_for_tasks):
    sid = world.session()
    services.upw.placement.place(world.placeable()[1], sid)
    dialog = PrintDayPaperDialog(services, None)
    qtbot.addWidget(dialog)
    dialog.day.setText("30/11/2026")
    dialog.kinds[DayPaper.LETTERS].setChecked(False)
    dialog.staff_language.setCurrentIndex(dialog.staff_language.findData(Language.WELSH))
    if os.environ.get("UPW_TTG_SCREEN_OUT"):
        dialog.show()
        dialog.grab().save(str(Path(os.environ["UPW_TTG_SCREEN_OUT"]) / "day-paper.png"))
    with qtbot.waitSignal(change_bus().announced, timeout=20000):
        dialog.print_paper()
    wait_for_tasks()
    text = pdf_text(dialog.previews[0]._pdf)
    assert "Taflen waith" in text and "Llofnod y" in text
    assert "Supervisor's" not in text
