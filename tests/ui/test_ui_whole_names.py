"""Long names and long lines are read whole: the person's overview and the caseload's lists
wrap them in the width they have rather than shortening them with "…"."""

from __future__ import annotations

import datetime as dt

from upw_ttg.domain.codes import Role
from upw_ttg.records.case_record import CaseEvent, CaseOverview, SessionLine
from upw_ttg.records.custody import CustodyInput
from upw_ttg.records.letters import WARNING_LETTER, LetterLine

from tests.narrowing import present
from tests.ui.conftest import TODAY, add_staff_member, make_person, settle
from tests.ui.cut_text import cut_cells
from ui.main_window import MainWindow
from ui.views.ttg.caseload_page import LISTS

LONG_WORKER = "Oluwaseun Adebayo-Fitzwilliam Montgomery-Richardson"
LONG_PROJECT = ("Allotment plots, hedging and footpaths, community garden, "
                "Knaresborough and district")


def _window(qtbot, services, ui_settings) -> MainWindow:
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    return window


def _line(day: int, outcome: str, upcoming: bool) -> SessionLine:
    return SessionLine(appointment_id=day, session_id=day, order_id=1,
                       session_date=TODAY + dt.timedelta(days=day), start_time=dt.time(8, 30),
                       end_time=dt.time(16), project_name=LONG_PROJECT, outcome=outcome,
                       credited_minutes=0 if upcoming else 390, stood_down=False,
                       upcoming=upcoming)


def test_the_overview_shows_long_projects_outcomes_and_timeline_lines_whole(
        qtbot, services, ui_settings, person):
    window = _window(qtbot, services, ui_settings)
    window.open_person(person.id)
    settle()
    overview = window.person_page.overview
    window.person_page.tabs.setCurrentWidget(overview)
    sessions = (_line(-7, "AFTC – Attended – failed to comply", False),
                _line(-3, "AAME – Acceptable absence – medical", False),
                _line(4, "", True))
    events = (CaseEvent(TODAY, "custody", "Custody: recall (HMP Lincoln): Recalled on licence: "
                        "missed appointments and lost contact with the probation officer, "
                        f"resettlement worker {LONG_WORKER}", "custody", 1),
              CaseEvent(TODAY - dt.timedelta(days=7), "session",
                        f"Session at {LONG_PROJECT} 08:30: AFTC – Attended – failed to "
                        "comply, 6:30 credited", "session", 1))
    letters = (LetterLine(TODAY, WARNING_LETTER, "First warning for the failure on "
                          f"{TODAY:%d/%m/%Y} at {LONG_PROJECT}", None, 0, "warning_letter", 1),)
    overview.show_overview(CaseOverview(person.id, TODAY, sessions, (), events, 0,
                                        frozenset(), letters))
    settle()
    qtbot.wait(50)  # the rows in sight are measured after the layout settles
    for view in overview.table_views():
        assert view.model().rowCount()
        assert cut_cells(view) == []
        assert not view.horizontalScrollBar().isVisible()


def test_the_caseload_shows_a_long_worker_name_whole(qtbot, services, ui_settings, fast_hash):
    long_worker = add_staff_member(services, "owen", Role.RESETTLEMENT_WORKER, fast_hash,
                                   LONG_WORKER)
    someone = make_person(services, "A100009", "Bartholomew-Alexander", "Featherstonehaugh")
    prison = services.custody.prisons()[0]
    services.custody.create(CustodyInput(
        person_id=someone.id, prison_id=prison.id, prison_number="A9999BC",
        reception_date=TODAY - dt.timedelta(days=2), sentence_start_date=TODAY,
        conditional_release_date=TODAY + dt.timedelta(days=300), worker_id=long_worker.id))
    window = _window(qtbot, services, ui_settings)
    window.show_ttg()
    settle()
    page = present(window.ttg_area).caseload
    page.select_list("due_a_plan")
    settle()
    qtbot.wait(50)
    workers = [page.workers_model.index(r, 0).data()
               for r in range(page.workers_model.rowCount())]
    assert LONG_WORKER in workers
    assert cut_cells(page.workers) == []
    assert page.model.rowCount() == 1
    assert page.model.index(0, page.model.WORKER).data() == LONG_WORKER
    assert cut_cells(page.table, (page.model.NAME, page.model.WORKER)) == []
    assert "due_a_plan" in [entry[0] for entry in LISTS]
