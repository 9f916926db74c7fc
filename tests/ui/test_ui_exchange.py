"""Import and export through the real widgets: columns, preview, duplicates, dry run, import;
outcomes for the national record; every list to a spreadsheet; the Data menu by role."""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import load_workbook
from PySide6.QtWidgets import QMenu

from upw_ttg.domain.codes import Gender, Role
from upw_ttg.records.exchange import RowOutcome
from upw_ttg.records.people import PersonInput

from tests.narrowing import present
from tests.services.exchange.extracts import make_people, to_csv
from tests.ui.conftest import add_staff_member
from ui.changes import change_bus
from ui.dialogs.exchange.import_dialog import NOT_IMPORTED, ImportDialog
from ui.dialogs.exchange.outcomes_dialog import OutcomesExportDialog
from ui.main_window import MainWindow
from ui.models.exchange_models import ImportRowsModel
from ui.views.people_page import PeoplePage


def _dialog(qtbot, services, data: bytes, name: str = "extract.csv") -> ImportDialog:
    proposal = services.people_import.propose_mapping(data, name)
    dialog = ImportDialog(services, "people", name, data, proposal)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_columns_are_proposed_with_examples_and_a_preview_then_an_import(
        qtbot, services, wait_for_tasks):
    made = make_people(40)
    data = to_csv(made.rows)
    dialog = _dialog(qtbot, services, data)
    crn_box = dialog.column_boxes["crn"]
    assert crn_box.currentText() == "CRN"
    assert dialog.column_boxes["middle_names"].currentText() == NOT_IMPORTED
    dialog.run_preview()
    wait_for_tasks()
    assert dialog.pages.currentIndex() == 1
    assert dialog.rows_model.rowCount() == 40
    assert "Nothing has been written yet" in dialog.counts.text()
    assert services.people.count() == 0

    dialog.run_import(dry_run=True)
    wait_for_tasks()
    assert dialog.banner.text().startswith("Dry run, nothing written")
    assert services.people.count() == 0

    with qtbot.waitSignal(change_bus().announced, timeout=20000):
        dialog.run_import(dry_run=False)
    wait_for_tasks()
    assert services.people.count() == 40 - len(made.bad_lines)
    assert not dialog.import_button.isEnabled()


def test_a_likely_duplicate_is_added_only_when_confirmed(qtbot, services, wait_for_tasks):
    services.people.create(PersonInput(crn="A111111", forename="Siân", surname="Jones",
                                       date_of_birth=dt.date(1990, 3, 4), gender=Gender.FEMALE))
    row = ["B222222", "Sian", "Jones", "04/03/1990", "F"] + [""] * 12
    dialog = _dialog(qtbot, services, to_csv([row]))
    dialog.run_preview()
    wait_for_tasks()
    assert dialog.rows_model.row_at(0).outcome == RowOutcome.DUPLICATE
    dialog.table.selectRow(0)
    assert dialog.confirm_button.isEnabled()
    dialog.toggle_confirmed()
    assert dialog.rows_model.confirmed == {2}
    assert "Will be added" in dialog.rows_model.index(0, 3).data()
    dialog.run_import(dry_run=False)
    wait_for_tasks()
    assert services.people.count() == 2


def test_a_missing_column_sends_the_user_back_to_the_columns(qtbot, services, wait_for_tasks):
    dialog = _dialog(qtbot, services, to_csv(make_people(3).rows))
    dialog.column_boxes["surname"].setCurrentIndex(0)
    dialog.run_preview()
    wait_for_tasks()
    assert dialog.pages.currentIndex() == 0
    assert "Choose the column that holds the surname." in dialog.banner.text()


def test_the_preview_model_passes_the_model_tester(qtmodeltester, services):
    data = to_csv(make_people(10).rows)
    preview = services.people_import.preview(
        data, "x.csv", services.people_import.propose_mapping(data, "x.csv").mapping)
    model = ImportRowsModel()
    model.set_rows(preview.rows)
    qtmodeltester.check(model)


def test_outcomes_are_saved_then_marked_as_sent(qtbot, services, wait_for_tasks, tmp_path,
                                                monkeypatch):
    from tests.services.attendance.attendance_data import World

    world = World(services)
    session = world.session(world.project(), dt.date(2026, 11, 24))
    appointment = world.book(session, world.order(world.person()))
    world.key(session, appointment, "ATTC")
    dialog = OutcomesExportDialog(services)
    qtbot.addWidget(dialog)
    dialog.day.set_date(dt.date(2026, 11, 24))
    york = next(u.id for u in services.people.delivery_units() if u.code == "YNY")
    dialog.unit.setCurrentIndex(dialog.unit.findData(york))
    target = tmp_path / "outcomes.csv"
    monkeypatch.setattr(dialog, "ask_save_path", lambda suggested: target)
    with qtbot.waitSignal(change_bus().announced, timeout=20000):
        dialog.export()
    wait_for_tasks()
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [r["Outcome Code"] for r in rows] == ["ATTC"]
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    dialog.export()                       # nothing new to send the second time
    wait_for_tasks()
    assert "Nothing to send" in dialog.banner.text()


def test_a_list_is_exported_as_shown(qtbot, services, ui_settings, wait_for_tasks, tmp_path,
                                     monkeypatch):
    for number, surname in enumerate(("Jones", "Evans", "Price")):
        services.people.create(PersonInput(crn=f"X00000{number}", forename="Rhys",
                                           surname=surname, date_of_birth=dt.date(1990, 1, 2),
                                           gender=Gender.MALE))
    page = PeoplePage(services, ui_settings)
    qtbot.addWidget(page)
    page.show()
    wait_for_tasks()
    qtbot.waitUntil(lambda: page.table.model().rowCount() == 3, timeout=5000)
    target = tmp_path / "people.xlsx"
    monkeypatch.setattr(page.export_button, "ask_save", lambda suggested: target)
    page.export_button.click()
    wait_for_tasks()
    qtbot.waitUntil(lambda: page.export_button.saved_to == target, timeout=5000)
    sheet = present(load_workbook(target).active)
    values = [row for row in sheet.iter_rows(values_only=True) if any(row)]
    assert str(values[0][0]).startswith("People, ")
    header = values[1]
    name_column = header.index("Name")
    # The screen's own words and order: surname first, in capitals, by name.
    assert [v[name_column] for v in values[2:]] == ["EVANS, Rhys", "JONES, Rhys",
                                                    "PRICE, Rhys"]


def test_the_data_menu_follows_the_members_roles(qtbot, open_services, fast_hash,
                                                 ui_settings):
    def menus_for(role: Role) -> dict[str, list[str]]:
        services = open_services()
        services.ctx.actor = add_staff_member(services, f"u_{role.value}", role, fast_hash)
        window = MainWindow(services, ui_settings)
        qtbot.addWidget(window)
        return {m.title(): [a.text() for a in m.actions() if a.text()]
                for m in (a.menu() for a in window.menuBar().actions()) if isinstance(m, QMenu)}

    coordinator = menus_for(Role.COORDINATOR)["&Data"]
    assert "Import &people and orders…" in coordinator
    assert "Export &outcomes for the national record…" in coordinator
    assert "Import &custody records…" not in coordinator
    assert menus_for(Role.RESETTLEMENT_WORKER)["&Data"][0] == "Import &custody records…"
    assert "&Data" not in menus_for(Role.SUPERVISOR)
