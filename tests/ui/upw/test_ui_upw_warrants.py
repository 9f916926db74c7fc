"""Travel warrants: issue with problems by their fields, the register and spend, void, print."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from upw_ttg.domain.codes import WarrantStatus

from tests.narrowing import present
from tests.ui.conftest import settle
from ui.changes import change_bus
from ui.dialogs.print_preview import PrintPreviewDialog
from ui.views.upw.warrants_page import WarrantsPage


def test_issue_a_warrant_then_void_it_with_a_reason(qtbot, services, world, wait_for_tasks):
    person_id, _ = world.placeable(person={"crn": "C123456"})
    page = WarrantsPage(services)
    qtbot.addWidget(page)
    page.show()
    settle()
    assert page.model.rowCount() == 0
    dialog = present(page.issue())
    qtbot.addWidget(dialog)
    dialog.submit()
    settle()
    assert dialog.fields.error_text("person_id") == "Find the person the warrant is for."
    present(dialog.picker).search.setText("C123456")
    settle()
    present(dialog.picker).run_search()
    dialog.valid_from.setText("30/11/2026")
    settle()
    dialog.travel_from.setText("Selby")
    settle()
    dialog.submit()
    settle()
    assert dialog.fields.error_text("travel_to")
    assert dialog.fields.error_text("eligibility").startswith("Choose why the person is")
    assert dialog.travel_from.text() == "Selby"
    dialog.travel_to.setText("York")
    settle()
    dialog.fare.setValue(6.5)
    dialog.eligibility.setCurrentIndex(1)
    settle()
    dialog.reason.setText("No bus before 8:00")
    settle()
    with qtbot.waitSignal(change_bus().announced, timeout=2000) as notice:
        dialog.submit()
        settle()
    assert dialog.result() == QDialog.DialogCode.Accepted
    [warrant] = page.model.rows()
    assert notice.args[0] == f"Issued travel warrant {warrant.serial_text} to {warrant.name}."
    assert warrant.fare_pence == 650 and warrant.person_id == person_id
    assert warrant.valid_to == warrant.valid_from
    assert page.spend_model.rows()[0].total_pence == 650
    # Issuing says the serial and offers to print at once.
    box = page.issued_box
    assert box is not None and box.isVisible() and warrant.serial_text in box.text()
    box.print_button.click()
    wait_for_tasks()
    [preview] = page.findChildren(PrintPreviewDialog)
    qtbot.addWidget(preview)
    assert preview.page_count == 1 and warrant.serial_text in preview.windowTitle()
    page.table.selectRow(0)
    assert page.void_button.isEnabled()

    void = present(page.void())
    qtbot.addWidget(void)
    void.submit()
    settle()
    assert void.fields.error_text("void_reason")
    void.reason.setText("Issued with the wrong date")
    settle()
    void.submit()
    settle()
    [voided] = page.model.rows()
    assert voided.status == WarrantStatus.VOID and voided.serial == warrant.serial
    assert page.model.index(0, page.model.STATUS).data() == "Void: Issued with the wrong date"
    assert page.spend_model.rows() == []
    page.table.selectRow(0)
    assert not page.void_button.isEnabled() and not page.used_button.isEnabled()


def test_mark_used_and_filter_by_status(qtbot, services, world):
    from upw_ttg.domain.codes import WarrantMode
    from upw_ttg.records.upw import WarrantInput
    person_id, _ = world.placeable()
    criterion = services.upw.warrants.eligibility_criteria()[0]
    for _ in range(2):
        services.upw.warrants.issue(WarrantInput(
            person_id, world.office, None, world.TODAY, world.TODAY, "Selby", "York",
            WarrantMode.TRAIN, 900, criterion, "No bus"))
    page = WarrantsPage(services)
    qtbot.addWidget(page)
    page.show()
    settle()
    page.table.selectRow(0)
    page.mark_used()
    assert page.marking and not page.used_button.isEnabled(), "saved on the writer thread"
    settle()
    assert not page.marking
    page.status.setCurrentIndex(page.status.findData(WarrantStatus.USED))
    settle()
    assert [w.status for w in page.model.rows()] == [WarrantStatus.USED]
    page.status.setCurrentIndex(page.status.findData(WarrantStatus.ISSUED))
    settle()
    page.table.selectRow(0)
    page.mark_returned()
    settle()
    assert page.model.rows() == []


def test_a_warrant_issued_elsewhere_appears_in_the_register_without_pressing_show(
        qtbot, services, world, wait_for_tasks):
    from upw_ttg.domain.codes import WarrantMode
    from upw_ttg.records.upw import WarrantInput

    from ui.changes import Subject, publish

    person_id, _ = world.placeable()
    page = WarrantsPage(services)
    qtbot.addWidget(page)
    page.show()
    wait_for_tasks()
    assert page.model.rowCount() == 0
    warrant = services.upw.warrants.issue(WarrantInput(
        person_id, world.office, None, world.TODAY, world.TODAY, "Selby", "York",
        WarrantMode.BUS, 650, services.upw.warrants.eligibility_criteria()[0], "No bus"))
    publish(Subject.WARRANT, [warrant.id], [person_id], warrant)
    wait_for_tasks()
    assert page.model.rowCount() == 1


def test_the_fare_column_is_wide_enough_for_its_figures(qtbot, services, world,
                                                         wait_for_tasks):
    from upw_ttg.domain.codes import WarrantMode
    from upw_ttg.records.upw import WarrantInput

    person_id, _ = world.placeable()
    services.upw.warrants.issue(WarrantInput(
        person_id, world.office, None, world.TODAY, world.TODAY, "Selby", "York",
        WarrantMode.BUS, 99_999, services.upw.warrants.eligibility_criteria()[0], "No bus"))
    page = WarrantsPage(services)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    wait_for_tasks()
    fare = page.model.index(0, page.model.FARE).data()
    metrics = page.table.fontMetrics()
    assert page.table.columnWidth(page.model.FARE) > metrics.horizontalAdvance(fare) + 8
