"""Keying registers from the keyboard alone: codes by their first letters, Tab/Enter, Ctrl+S."""

from __future__ import annotations

import io
import os
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt

from upw_ttg.domain.codes import Language, Rating

from tests.narrowing import present
from tests.ui.attendance_support import (
    PAST,
    activate,
    focused,
    group_session,
    make_world,
    press,
    type_text,
)
from tests.ui.conftest import settle
from ui.changes import Change, Subject, subscribe
from ui.models.attendance.register_model import RegisterTableModel
from ui.views.attendance.area import AttendanceArea
from ui.views.attendance.register_page import RegisterPage

_M = RegisterTableModel
ENTER, TAB, ESC = Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Escape
ALT, CTRL, SHIFT = (Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier,
                    Qt.KeyboardModifier.ShiftModifier)


def _open_day_by_keyboard(qtbot, page: RegisterPage) -> None:
    """Alt+D to the date, type it, Enter: the day's only session opens at row 1's outcome."""
    press(qtbot, Qt.Key.Key_D, ALT)
    assert focused() is page.date
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, PAST.strftime("%d/%m/%Y"))
    press(qtbot, ENTER)
    assert page.loader.busy, "the day's sessions are read on a worker"
    settle()
    assert page.register is not None
    assert page.table.currentIndex().column() == _M.OUTCOME


def test_keying_a_12_person_register_from_the_keyboard_alone(qtbot, services, ui_settings):
    """Codes by first letters, Enter and Tab through the cells row by row, a bulk outcome for
    the last three rows, Ctrl+S: every outcome, time, rating and note is stored."""
    world = make_world(services)
    session, appointments, _ = group_session(world, PAST, 12)
    area = AttendanceArea(services, ui_settings)
    activate(qtbot, area)
    page = area.registers
    _open_day_by_keyboard(qtbot, page)
    assert [r.row_number for r in present(page.register).rows] == list(range(1, 13))
    assert present(page.register).rows[0].name == "Sam Adams"

    # Row 1: ATTC, session times kept, 30 penalty minutes, good, excellent, hi-vis, a note.
    type_text(qtbot, "at")
    press(qtbot, ENTER, times=3)                 # outcome, start, end
    type_text(qtbot, "30")
    press(qtbot, ENTER)
    for answer in ("g", "e", "y", "Worked well"):
        type_text(qtbot, answer)
        press(qtbot, ENTER)
    press(qtbot, ENTER)                          # sensitive left blank: on to row 2
    # Row 2: AFTC with Tab instead of Enter, 45 minutes' penalty.
    type_text(qtbot, "af")
    press(qtbot, TAB, times=3)
    type_text(qtbot, "45")
    press(qtbot, TAB, times=6)
    # Row 3: UAAB skips the attended-only cells straight to the notes; marked sensitive.
    type_text(qtbot, "ua")
    press(qtbot, ENTER)
    assert page.table.currentIndex().column() == _M.NOTES
    type_text(qtbot, "No contact")
    press(qtbot, ENTER)
    type_text(qtbot, "y")
    press(qtbot, ENTER)
    # Row 4: AAME (AA completes to the first acceptable absence).
    type_text(qtbot, "aa")
    press(qtbot, ENTER, times=3)
    # Rows 5-9: ATTC and nothing else.
    for _row in range(5):
        type_text(qtbot, "at")
        press(qtbot, ENTER, times=9)
    assert page.table.currentIndex().row() == 9
    # Rows 10-12: select them and give them one outcome.
    press(qtbot, ESC)
    press(qtbot, Qt.Key.Key_Down, SHIFT, times=2)
    press(qtbot, Qt.Key.Key_B, ALT)
    assert focused() is page.bulk_code
    type_text(qtbot, "atss")
    press(qtbot, ENTER)
    assert page.model.has_unsaved_changes()
    changes: list[Change] = []
    subscribe(page, [Subject.ATTENDANCE], changes.append)
    press(qtbot, Qt.Key.Key_S, CTRL)
    # Saved on the writer thread: the register stays, greyed, with every entry.
    assert page.saving and not page.table.isEnabled() and not page.save_button.isEnabled()
    assert page.model.has_unsaved_changes() and page.model.entry_at(0).outcome_code == "ATTC"
    assert page.banner.text() == "Saving the register…"
    settle()
    assert not page.saving and page.table.isEnabled() and focused() is page.table
    assert "saved: 12 rows changed" in page.banner.text()
    stored = services.attendance.registers.load_register(session)
    assert [r.appointment_id for r in stored.rows] == appointments
    # Each person's record, if open, reads the outcomes again.
    assert [(sorted(c.ids), c.person_ids) for c in changes] == [
        (sorted(appointments), tuple(sorted({r.person_id for r in stored.rows})))]
    assert [r.outcome_code for r in stored.rows] == [
        "ATTC", "AFTC", "UAAB", "AAME", "ATTC", "ATTC", "ATTC", "ATTC", "ATTC", "ATSS", "ATSS",
        "ATSS"]
    first, second, third = stored.rows[:3]
    assert (first.penalty_minutes, first.work_quality, first.behaviour, first.hi_vis_worn,
            first.notes) == (30, Rating.GOOD, Rating.EXCELLENT, True, "Worked well")
    # Rule UPW-12: 9:00-16:00 less the 30-minute break and the penalty.
    assert (first.minutes_credited, second.minutes_credited) == (360, 345)
    assert (third.notes, third.notes_sensitive, third.minutes_credited) == (
        "No contact", True, 0)
    assert not page.model.has_unsaved_changes()


def test_a_missing_outcome_is_shown_on_its_cell_and_nothing_is_saved(qtbot, services,
                                                                       ui_settings):
    """The service's "{appointment}:{field}" problems mark the cell, list it and keep edits."""
    world = make_world(services)
    session, appointments, _ = group_session(world, PAST, 2)
    page = RegisterPage(services)
    activate(qtbot, page)
    _open_day_by_keyboard(qtbot, page)
    type_text(qtbot, "at")
    press(qtbot, ENTER)
    press(qtbot, Qt.Key.Key_S, CTRL)
    settle()
    assert page.banner.text().startswith("Not saved. Please correct the cell marked in red.")
    assert page.model.problems() == [
        (1, _M.OUTCOME, "Row 2, Sam Baker: enter an outcome; the session has taken place.")]
    assert page.problems.isVisibleTo(page) and page.problems.count() == 1
    assert (page.table.currentIndex().row(), page.table.currentIndex().column()) == (1, _M.OUTCOME)
    assert page.model.entry_at(0).outcome_code == "ATTC"  # the user's entry is kept
    stored = services.attendance.registers.load_register(session)
    assert [r.outcome_code for r in stored.rows] == [None, None]
    # Correcting the cell clears its mark; saving then works.
    type_text(qtbot, "ua")
    press(qtbot, ENTER)
    assert page.model.problems() == []
    press(qtbot, Qt.Key.Key_S, CTRL)
    settle()
    assert [r.outcome_code for r in services.attendance.registers.load_register(
        session).rows] == ["ATTC", "UAAB"]
    assert appointments


def test_unreadable_text_is_kept_and_marked_without_asking_the_service(qtbot, services,
                                                                      ui_settings):
    """A time such as 25:00 or an unknown code stays as typed, marked in plain words."""
    world = make_world(services)
    session, _, _ = group_session(world, PAST, 1)
    page = RegisterPage(services)
    activate(qtbot, page)
    _open_day_by_keyboard(qtbot, page)
    type_text(qtbot, "at")
    press(qtbot, ENTER)
    type_text(qtbot, "25:00")
    press(qtbot, ENTER)
    assert page.model.index(0, _M.START).data() == "25:00"
    assert "is not a time" in page.model.index(0, _M.START).data(Qt.ItemDataRole.ToolTipRole)
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert "Please correct the cell marked in red" in page.banner.text()
    assert services.attendance.registers.load_register(session).rows[0].outcome_code is None


def test_a_register_changed_by_someone_else_shows_a_banner_and_keeps_the_edits(
        qtbot, services, ui_settings):
    world = make_world(services)
    session, appointments, _ = group_session(world, PAST, 1)
    page = RegisterPage(services)
    activate(qtbot, page)
    _open_day_by_keyboard(qtbot, page)
    world.key(session, appointments[0], "AAME")  # another coordinator saves first
    type_text(qtbot, "at")
    press(qtbot, ENTER)
    press(qtbot, Qt.Key.Key_S, CTRL)
    settle()
    assert "after you opened it" in page.banner.text()
    assert page.discard_button.isVisibleTo(page)
    assert page.model.entry_at(0).outcome_code == "ATTC"
    page.discard_button.click()
    settle()
    assert page.model.entry_at(0).outcome_code == "AAME"


def test_a_sensitive_note_cannot_be_unmarked_once_saved(qtbot, services, ui_settings):
    world = make_world(services)
    session, appointments, _ = group_session(world, PAST, 1)
    world.key(session, appointments[0], "UAAB", notes="Said he was ill",
              notes_sensitive=True)
    page = RegisterPage(services)
    activate(qtbot, page)
    _open_day_by_keyboard(qtbot, page)
    index = page.model.index(0, _M.SENSITIVE)
    assert index.data() == "Yes"
    assert not page.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert "cannot be undone" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_the_outstanding_list_opens_the_register_at_the_person(qtbot, services, ui_settings):
    """Enter on a missing outcome shows its session's register with that row current."""
    world = make_world(services)
    session, appointments, _ = group_session(world, PAST, 3)
    area = AttendanceArea(services, ui_settings)
    activate(qtbot, area)
    area.show_page(area.OUTSTANDING)
    settle()
    outstanding = area.outstanding
    assert outstanding.proxy.rowCount() == 3
    outstanding.table.setFocus()
    outstanding.table.selectRow(2)
    press(qtbot, ENTER)
    settle()
    assert area.tabs.currentIndex() == area.REGISTERS
    assert present(area.registers.register).session_id == session
    assert area.registers.table.currentIndex().row() == 2
    assert present(area.registers.register).rows[2].appointment_id == appointments[2]


def test_the_outstanding_list_reads_a_page_at_a_time_as_the_view_needs_them(
        qtbot, services, ui_settings, monkeypatch):
    """The screen asks the service for one page; the view asks for the next while it has
    room (or is scrolled to the end), and the count says how many there are in all."""
    from upw_ttg.services.attendance.registers import RegisterService

    from ui.views.attendance import outstanding_page

    monkeypatch.setattr(outstanding_page, "PAGE_ROWS", 2)
    asked = []
    read = RegisterService.outstanding_outcomes

    def spy(self, **kwargs):
        asked.append((kwargs.get("offset"), kwargs.get("limit")))
        return read(self, **kwargs)

    monkeypatch.setattr(RegisterService, "outstanding_outcomes", spy)
    world = make_world(services)
    _session, appointments, _ = group_session(world, PAST, 3)
    area = AttendanceArea(services, ui_settings)
    activate(qtbot, area)
    area.show_page(area.OUTSTANDING)
    settle()
    outstanding = area.outstanding
    while outstanding.model.canFetchMore():  # as the view does when it is scrolled down
        outstanding.proxy.fetchMore(QModelIndex())
    assert asked == [(0, 2), (2, 2)]
    assert [outstanding.proxy.row_object(n).appointment_id for n in range(3)] == appointments
    assert not outstanding.model.canFetchMore()
    assert outstanding.count_label.text() == "3 appointments without an outcome."


def test_the_work_sheet_prints_in_the_language_chosen_beside_print(qtbot, services,
                                                                  wait_for_tasks):
    world = make_world(services)
    group_session(world, PAST, 2)
    page = RegisterPage(services)
    activate(qtbot, page)
    _open_day_by_keyboard(qtbot, page)
    page.sheet_language.setCurrentIndex(page.sheet_language.findData(Language.WELSH))
    if os.environ.get("UPW_TTG_SCREEN_OUT"):
        page.resize(1280, 720)
        page.grab().save(str(Path(os.environ["UPW_TTG_SCREEN_OUT"]) / "register-page.png"))
    page.print_button.click()
    wait_for_tasks()
    qtbot.waitUntil(lambda: page.printer.preview is not None, timeout=5000)
    text = PdfReader(io.BytesIO(present(page.printer.preview)._pdf)).pages[0].extract_text()
    assert "Taflen waith" in text and "Llofnod y" in text
    present(page.printer.preview).close()
