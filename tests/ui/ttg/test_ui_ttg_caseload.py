"""The caseload dashboard: its lists open the person's plan, assigning cases, one service call."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence

from upw_ttg.domain.codes import Role
from upw_ttg.records.custody import CustodyInput

from tests.narrowing import present
from tests.ui.conftest import TODAY, add_staff_member, make_person, settle
from ui.main_window import MainWindow
from ui.views.ttg.area import TtgArea
from ui.views.ttg.caseload_page import LISTS

DAY = dt.timedelta(days=1)


@pytest.fixture
def caseload(services, fast_hash) -> SimpleNamespace:
    """Ann is due a plan, Bob's is overdue, Cai is released in three weeks with no address."""
    rita = add_staff_member(services, "rita", Role.RESETTLEMENT_WORKER, fast_hash,
                            "Rita Resettlement")
    wyn = add_staff_member(services, "wyn", Role.RESETTLEMENT_WORKER, fast_hash, "Wyn Worker")
    services.ctx.actor = rita
    prison = services.custody.prisons()[0]

    def episode(crn: str, name: str, received: dt.date, release: dt.date) -> int:
        person = make_person(services, crn, name, "Test")
        return services.custody.create(CustodyInput(
            person_id=person.id, prison_id=prison.id, prison_number=f"A{crn[-4:]}BC",
            reception_date=received, screening_date=received + DAY,
            sentence_start_date=received, conditional_release_date=release)).id

    ann = episode("A100001", "Ann", TODAY - 2 * DAY, TODAY + 300 * DAY)
    bob = episode("A100002", "Bob", TODAY - 40 * DAY, TODAY + 200 * DAY)
    cai = episode("A100003", "Cai", TODAY - 150 * DAY, TODAY + 20 * DAY)
    return SimpleNamespace(rita=rita, wyn=wyn, ann=ann, bob=bob, cai=cai)


@pytest.fixture
def area(qtbot, services, caseload) -> TtgArea:
    area = TtgArea(services)
    qtbot.addWidget(area)
    area.resize(1100, 760)
    assert area.caseload.worker.currentData() == caseload.rita.id, "a worker sees their own"
    area.caseload.worker.setCurrentIndex(0)  # all workers
    settle()
    area.show()
    settle()
    return area


def names(page) -> list[str]:
    return [page.proxy.row_object(r).person_name for r in range(page.proxy.rowCount())]


def test_each_list_shows_its_people_and_counts(area, caseload):
    page = area.caseload
    texts = {page.lists.item(r).data(Qt.ItemDataRole.UserRole): page.lists.item(r).text()
             for r in range(page.lists.count())}
    assert texts["due_a_plan"] == "Due a plan  (1)"
    assert texts["plans_overdue"] == "Plans overdue  (2)"
    assert texts["no_accommodation"] == "No accommodation  (1)"
    page.select_list("plans_overdue")
    settle()
    assert names(page) == ["Cai Test", "Bob Test"], "the longest overdue first"
    assert page.model.headerData(page.model.DATE, Qt.Orientation.Horizontal) == "Was due"
    page.select_list("releases_within_12_weeks")
    settle()
    assert names(page) == ["Cai Test"]
    assert page.table.isColumnHidden(page.model.DATE), "the release date is already shown"
    assert page.proxy.index(0, page.model.RELEASE).data().endswith("CRD")
    assert "3 in custody" in page.scope_label.text()
    assert [card.text.text() for card in page.cards][0] == "Plans completed on time"


@pytest.mark.parametrize("attr, page_key", [("plans_overdue", "need:accommodation"),
                                            ("no_accommodation", "review")])
def test_enter_on_a_person_opens_their_plan_at_the_right_page(qtbot, area, caseload, attr,
                                                              page_key):
    page = area.caseload
    page.select_list(attr)
    settle()
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(page.proxy.rowCount() - 1, 0))
    settle()
    forename = page.proxy.row_object(page.proxy.rowCount() - 1).person_name.split()[0]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert area.currentWidget() is area.plan
    qtbot.waitUntil(lambda: not area.plan.loading, timeout=10000)
    assert area.plan.nav.hasFocus(), "the keyboard is in the plan once it is shown"
    assert area.plan.header.name_label.text() == f"TEST, {forename}"
    assert area.plan.current_key() == page_key
    area.plan.header.back_button.click()
    settle()
    assert area.currentWidget() is area.caseload


def test_refreshing_is_one_service_call(area, services, monkeypatch):
    calls = []
    real = services.caseload.caseload

    def counted(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(services.caseload, "caseload", counted)
    area.caseload.refresh()
    settle()
    assert calls == [{"prison_id": None, "worker_id": None, "unassigned": False}]


def test_cases_are_assigned_to_a_worker_and_counted(area, caseload):
    page = area.caseload
    page.select_list("plans_overdue")
    settle()
    for row in range(page.proxy.rowCount()):
        page.table.selectionModel().select(
            page.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.Select
            | QItemSelectionModel.SelectionFlag.Rows)
    assert len(page.selected_rows()) == 2
    assert page.assign_label.text() == "Assign the 2 chosen cases to"
    assert not page.open_button.isEnabled(), "one plan at a time"
    page.assign_to.setCurrentIndex(page.assign_to.findData(caseload.wyn.id))
    settle()
    page.assign_button.click()
    assert page.assigning and not page.assign_button.isEnabled(), "saved on the writer thread"
    settle()
    assert not page.assigning
    counts = {w.worker_name: w.cases for w in page.caseload.workers}
    assert counts["Wyn Worker"] == 2 and counts["Not assigned"] == 1
    assert {page.proxy.row_object(r).worker_name for r in range(2)} == {"Wyn Worker"}
    page.worker.setCurrentIndex(page.worker.findData(caseload.wyn.id))
    settle()
    assert "2 in custody" in page.scope_label.text()
    assert page.table.isColumnHidden(page.model.WORKER)


def test_the_area_is_for_resettlement_staff_with_its_shortcut(qtbot, services, ui_settings,
                                                              person, caseload, fast_hash):
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.show()
    settle()
    assert window.go_ttg.shortcut() == QKeySequence("Ctrl+4")
    window.go_ttg.trigger()
    settle()
    assert window.stack.currentWidget() is window.ttg_area
    window.open_person(person.id)
    settle()
    custody = window.person_page.custody
    window.person_page.tabs.setCurrentWidget(custody)
    assert custody.plan_button.isVisible() and custody.plan_button.isEnabled()
    custody.plan_button.click()
    settle()
    assert window.stack.currentWidget() is window.ttg_area
    qtbot.waitUntil(lambda: not present(window.ttg_area).plan.loading, timeout=10000)
    assert present(window.ttg_area).plan.header.name_label.text() == "JONES, Siân"
    services.ctx.actor = add_staff_member(services, "cc", Role.COORDINATOR, fast_hash)
    other = MainWindow(services, ui_settings)
    qtbot.addWidget(other)
    assert other.ttg_area is None and not other.go_ttg.isEnabled()
    assert "Through the Gate" not in [other.nav.item(r).text() for r in range(other.nav.count())]
    assert not other.person_page.custody.plan_button.isVisibleTo(other.person_page)


def test_lists_are_the_documented_ones():
    assert [entry[0] for entry in LISTS] == [
        "needs_attention", "not_assigned", "due_a_plan", "plans_overdue",
        "releases_within_12_weeks", "releases_within_24_weeks",
        "no_accommodation", "handover_not_started", "handovers_not_acknowledged",
        "referrals_overdue", "reviews_due"]


def test_an_assignment_over_someone_elses_is_refused_and_shows_theirs(
        area, services, caseload, monkeypatch):
    page = area.caseload
    page.select_list("plans_overdue")
    settle()
    page.table.selectRow(0)
    chosen = page.selected_rows()[0]
    # Another manager assigns the same case after this screen read it.
    services.caseload.assign({chosen.episode_id: chosen.episode_version}, caseload.wyn.id)
    shown = []
    monkeypatch.setattr("ui.views.ttg.caseload_page.show_error",
                        lambda _parent, text, informative=None: shown.append((text, informative)))
    page.assign_to.setCurrentIndex(page.assign_to.findData(caseload.rita.id))
    settle()
    page.assign_button.click()
    settle()
    assert shown[0][0] == "The cases were not assigned."
    assert "changed by Rita Resettlement" in shown[0][1]
    rows = [page.proxy.row_object(r) for r in range(page.proxy.rowCount())]
    assert next(r for r in rows if r.episode_id == chosen.episode_id).worker_name == \
        "Wyn Worker", "the screen shows the assignment that was kept"


def test_an_unassigned_arrival_is_queued_until_it_is_assigned(qtbot, area, services, caseload,
                                                               ui_settings):
    page = area.caseload
    page.select_list("not_assigned")
    settle()
    assert len(names(page)) == 3, "nobody holds the three cases yet"
    assert page.worker.itemText(page.worker.findData("unassigned")) == "Not assigned (3)"
    assert page.worker.itemText(page.worker.findData(caseload.wyn.id)) == "Wyn Worker (0)"
    # A new arrival, recorded through the custody form with no worker chosen.
    person = make_person(services, "A100009", "Dai", "Newman")
    from ui.views.custody_tab import CustodyTab

    tab = CustodyTab(services)
    qtbot.addWidget(tab)
    tab.load(person.id, "Dai Newman")
    tab.add_episode()
    form = present(tab.dialog)
    assert form.worker.currentText() == "Not assigned yet"
    assert form.worker.findText("Wyn Worker (0 in custody)") >= 0, "caseloads beside names"
    form.prison.setCurrentIndex(1)
    form.prison_number.setText("A9999ZZ")
    form.reception_date.setText("25/11/2026")
    with qtbot.waitSignal(form.saved, timeout=2000):
        form.submit()
    settle()
    # The dashboard hears of it through the change bus, with no refresh pressed.
    assert "Dai Newman" in names(page)
    assert page.worker.itemText(page.worker.findData("unassigned")) == "Not assigned (4)"
    row = next(r for r in range(page.proxy.rowCount())
               if page.proxy.row_object(r).person_name == "Dai Newman")
    page.table.selectRow(row)
    page.assign_to.setCurrentIndex(page.assign_to.findData(caseload.wyn.id))
    settle()
    page.assign_button.click()
    settle()
    assert "Dai Newman" not in names(page)
    assert page.worker.itemText(page.worker.findData(caseload.wyn.id)) == "Wyn Worker (1)"
    page.worker.setCurrentIndex(page.worker.findData("unassigned"))
    settle()
    assert "Dai Newman" not in names(page) and len(names(page)) == 3


def test_the_worker_is_chosen_when_custody_is_recorded(qtbot, services, caseload):
    person = make_person(services, "A100010", "Eve", "Early")
    from ui.views.custody_tab import CustodyTab

    tab = CustodyTab(services)
    qtbot.addWidget(tab)
    tab.load(person.id, "Eve Early")
    tab.add_episode()
    form = present(tab.dialog)
    form.prison.setCurrentIndex(1)
    form.prison_number.setText("A8888ZZ")
    form.reception_date.setText("20/11/2026")
    form.worker.setCurrentIndex(form.worker.findData(caseload.rita.id))
    with qtbot.waitSignal(form.saved, timeout=2000):
        form.submit()
    episode = services.custody.for_person(person.id)[0]
    assert episode.worker_name == "Rita Resettlement"
    assert tab.date_values["worker"].text() == "Rita Resettlement"
    # Editing the dates keeps the worker.
    tab.edit_episode()
    assert present(tab.dialog).worker.currentData() == caseload.rita.id
    assert present(tab.dialog).worker.findData(None) < 0, "unassigning is done on the caseload"


def test_every_workers_cases_fit_a_laptop_without_scrolling_sideways(qtbot, services,
                                                                     ui_settings, caseload,
                                                                     fast_hash):
    """With every worker's cases the worker column joins the list: names and release dates
    wrap so that what needs doing keeps room, at 1280 × 720."""
    long_worker = add_staff_member(services, "alex", Role.RESETTLEMENT_WORKER, fast_hash,
                                   "Alexandra Pritchard-Whitaker")
    services.caseload.assign({i: services.custody.get(i).version
                              for i in (caseload.ann, caseload.bob, caseload.cai)},
                             long_worker.id)
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.show_ttg()
    settle()
    page = present(window.ttg_area).caseload
    page.worker.setCurrentIndex(0)  # all workers
    settle()
    for row in range(page.lists.count()):
        page.lists.setCurrentRow(row)
        settle()
        table = page.table
        if page.proxy.rowCount() == 0:
            continue
        assert not table.isColumnHidden(page.model.WORKER)
        header = table.horizontalHeader()
        assert header.length() <= table.viewport().width(), page.lists.item(row).text()
        assert table.columnWidth(page.model.NOTE) >= 160
