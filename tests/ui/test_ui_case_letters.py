"""Each letter on the person's record is its own line of the overview, with its date, kind
and when it was printed; a line opens where the letter is printed again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.domain.codes import Role
from upw_ttg.domain.enforcement import Decision
from upw_ttg.domain.local_time import local_date
from upw_ttg.records.letters import APPOINTMENT_LETTER, WARNING_LETTER
from upw_ttg.storage.models.base import utc_now

from tests.narrowing import present, shown
from tests.services.attendance.attendance_data import World
from tests.ui.conftest import TODAY, add_staff_member, settle
from tests.ui.cut_text import cut_cells
from ui.changes import change_bus
from ui.dialogs.print_day_paper import PrintDayPaperDialog
from ui.dialogs.upw.session_dialog import SessionDialog
from ui.formatting import format_date
from ui.main_window import MainWindow
from ui.printing import PdfPrinter


def _letters(overview) -> list[tuple[str, str, str]]:
    model = overview.letters_model
    return [tuple(model.index(row, column).data() for column in (0, 1, 3))
            for row in range(model.rowCount())]


@dataclass
class _WarnedCase:
    """Rhian, warned after failing two days ago, booked on a session four days ahead, her
    record open in a 1280 × 720 window."""

    world: World
    person: int
    failure: int
    coming: int
    booked: int
    day: dt.date
    window: MainWindow


def _warned_case(qtbot, services, ui_settings, fast_hash) -> _WarnedCase:
    services.ctx.actor = add_staff_member(
        services, "all", Role.MANAGER, fast_hash, "Alex Everything",
        roles=frozenset({Role.MANAGER, Role.ADMINISTRATOR, Role.COORDINATOR}))
    world = World(services)
    person = world.person("Rhian", "Morgan")
    order = world.order(person)
    failed_on = TODAY - dt.timedelta(days=2)
    past = world.session(world.project(name="Riverside Clean-up"), failed_on)
    failure = world.book(past, order)
    world.key(past, failure, "UAAB")
    world.att.enforcement.decide(failure, Decision.WARN,
                                 circumstances="You did not phone to say you could not come.")
    day = TODAY + dt.timedelta(days=4)
    coming = world.session(world.project(name="Canal towpath"), day)
    booked = world.book(coming, order)
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.open_person(person)
    return _WarnedCase(world, person, failure, coming, booked, day, window)


def test_letters_are_listed_one_by_one_and_open_where_they_are_printed(
        qtbot, services, ui_settings, fast_hash):
    case = _warned_case(qtbot, services, ui_settings, fast_hash)
    world, failure, coming, booked, window = (case.world, case.failure, case.coming,
                                              case.booked, case.window)
    overview = window.person_page.overview
    settle()  # the overview is read on a worker
    # The warning calls for a letter, and the session to come its appointment letter: neither
    # printed yet (the appointment letter bears the day it would be printed).
    assert _letters(overview) == [("26/11/2026", WARNING_LETTER, "Not printed yet"),
                                  ("26/11/2026", APPOINTMENT_LETTER, "Not printed yet")]
    assert "failure on 24/11/2026" in overview.letters_model.row_at(0).about

    services.upw.documents.render_letter(booked)
    world.att.letters.render_warning_letter(failure)
    overview.reload()
    settle()
    # Printed today by the computer's clock (the access log's), each on its own line.
    printed = format_date(local_date(utc_now()))
    assert sorted(_letters(overview)) == sorted([("26/11/2026", WARNING_LETTER, printed),
                                                 (printed, APPOINTMENT_LETTER, printed)])
    lines = {line.kind: row for row, line in enumerate(overview.letters_model.rows())}
    assert "Canal towpath" in overview.letters_model.row_at(lines[APPOINTMENT_LETTER]).about
    assert cut_cells(overview.letters) == []

    # The warning letter is printed again from its line.
    overview.letters.activated.emit(overview.letters_model.index(lines[WARNING_LETTER], 0))
    qtbot.waitUntil(lambda: window.person_page.preview is not None, timeout=10000)
    assert "Warning letter – Rhian Morgan" in present(window.person_page.preview).windowTitle()
    settle()  # the print is announced, and the overview reads its letters again
    assert overview.letters_model.row_at(lines[WARNING_LETTER]).times_printed == 2
    present(window.person_page.preview).reject()
    # The appointment letter opens its session with the person chosen, where it is printed.
    overview.letters.activated.emit(overview.letters_model.index(lines[APPOINTMENT_LETTER], 0))
    settle()
    dialog = shown(window.scheduling_area().planner.dialog, SessionDialog)
    assert dialog._session_id == coming
    assert [p.appointment_id for p in dialog.selected_people()] == [booked]
    assert dialog.letter_button.isEnabled()



def test_letters_printed_elsewhere_show_at_once_on_the_open_record(
        qtbot, services, ui_settings, fast_hash, wait_for_tasks):
    case = _warned_case(qtbot, services, ui_settings, fast_hash)
    world, person, failure, day, window = (case.world, case.person, case.failure, case.day,
                                           case.window)
    overview = window.person_page.overview
    settle()  # the overview is read on a worker
    assert [printed for _, _, printed in _letters(overview)] == ["Not printed yet"] * 2
    printed = format_date(local_date(utc_now()))

    # The day's paper, printed from Scheduling or Attendance, names no one in particular:
    # every record open reads its letters again.
    dialog = PrintDayPaperDialog(services, window, day=day)
    qtbot.addWidget(dialog)
    dialog.day.setText(format_date(day))
    with qtbot.waitSignal(change_bus().announced, timeout=20000):
        dialog.print_paper()
    wait_for_tasks()
    settle()
    assert (APPOINTMENT_LETTER, printed) in [(kind, when) for _, kind, when
                                             in _letters(overview)]

    # A letter printed from the Attendance screens names its person.
    printer = PdfPrinter(window)
    printer.run(lambda: world.att.letters.render_warning_letter(failure), "Warning letter",
                "warning-letter.pdf", "Preparing the warning letter…", letter_for=person)
    wait_for_tasks()
    settle()
    assert printer.preview is not None
    printer.preview.reject()
    assert (WARNING_LETTER, printed) in [(kind, when) for _, kind, when in _letters(overview)]
