"""Commands that cross areas: where the lines of a person's overview open (sessions in
Scheduling or the register, appointment letters and warrants in Scheduling), and printing a
day's paper from anywhere (kept here so the main window stays a frame)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from upw_ttg.bootstrap import AppServices
from upw_ttg.records.case_record import SessionLine

if TYPE_CHECKING:
    from ui.dialogs.print_day_paper import PrintDayPaperDialog
    from ui.main_window import MainWindow
    from ui.views.upw.area import SchedulingArea


def open_case_item(window: MainWindow, opens: str, ref_id: int, line: object) -> None:
    """Open ``ref_id`` (a session, an appointment letter's session or a warrant) where it is
    changed or printed again, if the member may."""
    if opens == "session":
        if isinstance(line, SessionLine) and not line.upcoming and window.may_attend:
            window.show_attendance()
            window.attendance_area().open_register(ref_id, line.session_date,
                                                   line.appointment_id)
            return
        if (scheduling := show_scheduling_page(window, "PLANNER")) is not None:
            scheduling.planner.open_session(ref_id)
    elif opens == "appointment_letter" \
            and (scheduling := show_scheduling_page(window, "PLANNER")) is not None:
        # The session, with the person chosen: its "Appointment letter" prints it again.
        dialog = scheduling.planner.open_session(ref_id)
        appointment = getattr(line, "appointment_id", 0)
        for row in range(dialog.proxy.rowCount()):
            if dialog.proxy.row_object(row).appointment_id == appointment:
                dialog.table.selectRow(row)
    elif opens == "warrant":
        show_scheduling_page(window, "WARRANTS")


def show_scheduling_page(window: MainWindow, page: str) -> SchedulingArea | None:
    """Scheduling's page named ``page`` (PLANNER, BROKEN, WARRANTS, INDUCTION…), if the member
    may schedule."""
    if not window.may_schedule:
        return None
    window.show_scheduling()
    area = window.scheduling_area()
    area.show_page(getattr(area, page))
    return area


def open_day_paper(services: AppServices, parent: QWidget, day: dt.date | None = None,
                   unit_id: int | None = None) -> PrintDayPaperDialog:
    """Open "Print a day's paper" (the next working day unless ``day`` is given)."""
    from ui.dialogs.print_day_paper import PrintDayPaperDialog  # printing loads when used

    dialog = PrintDayPaperDialog(services, parent, day=day, unit_id=unit_id)
    dialog.open()
    return dialog
