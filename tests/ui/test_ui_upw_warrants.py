"""Travel warrants: issue with problems by their fields, the register and spend, void, print."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from upw_ttg.domain.codes import WarrantStatus
from ui.dialogs.print_preview import PrintPreviewDialog
from ui.views.upw.warrants_page import WarrantsPage
from tests.ui.conftest import settle


def test_issue_a_warrant_then_void_it_with_a_reason(qtbot, services, world, wait_for_tasks):
    person_id, _ = world.placeable(person={"crn": "C123456"})
    page = WarrantsPage(services)
    qtbot.addWidget(page)
    page.show()
    settle()
    assert page.model.rowCount() == 0
    dialog = page.issue()
    qtbot.addWidget(dialog)
    dialog.submit()
    settle()
    assert dialog.fields.error_text("person_id") == "Find the person the warrant is for."
    dialog.picker.search.setText("C123456")
    settle()
    dialog.picker.run_search()
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
    with qtbot.waitSignal(page.notice, timeout=2000) as notice:
        dialog.submit()
        settle()
    assert dialog.result() == QDialog.DialogCode.Accepted
    [warrant] = page.model.rows()
    assert notice.args[0] == f"Issued travel warrant {warrant.serial_text} to {warrant.name}."
    assert warrant.fare_pence == 650 and warrant.person_id == person_id
    assert warrant.valid_to == warrant.valid_from
    assert page.spend_model.rows()[0].total_pence == 650
    page.table.selectRow(0)
    assert page.void_button.isEnabled()

    page.print_warrant()
    wait_for_tasks()
    [preview] = page.findChildren(PrintPreviewDialog)
    qtbot.addWidget(preview)
    assert preview.page_count == 1 and warrant.serial_text in preview.windowTitle()

    void = page.void()
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
    from upw_ttg.domain.upw_records import WarrantInput
    from upw_ttg.domain.codes import WarrantMode
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
    settle()
    page.status.setCurrentIndex(page.status.findData(WarrantStatus.USED))
    settle()
    assert [w.status for w in page.model.rows()] == [WarrantStatus.USED]
    page.status.setCurrentIndex(page.status.findData(WarrantStatus.ISSUED))
    settle()
    page.table.selectRow(0)
    page.mark_returned()
    settle()
    assert page.model.rows() == []
