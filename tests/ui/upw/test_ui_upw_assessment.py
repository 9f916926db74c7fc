"""The UPW assessment screen: explicit questions, completion with every gap shown, keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from upw_ttg.domain.codes import Gender, PlacementPreference, RiskLevel

from tests.ui.conftest import settle
from ui.dialogs.upw.assessment_dialog import (
    AssessmentDialog,
    open_assessment,
    opened_assessments,
)

_parents: list[QWidget] = []


def _open(qtbot, services, person_id: int) -> AssessmentDialog:
    parent = QWidget()
    qtbot.addWidget(parent)
    _parents.append(parent)  # the dialog is the parent's child: keep the parent alive
    open_assessment(parent, services, person_id)
    [dialog] = [d for d in opened_assessments() if d.parent() is parent]
    assert dialog.isVisible() and dialog.objectName() == "UpwAssessmentDialog"
    return dialog


def test_completing_lists_every_unanswered_question_by_its_field(qtbot, services, world):
    """Complete with gaps: saved as a draft, each gap under its field, nobody placeable."""
    person_id, order_id = world.placeable(Gender.FEMALE, assessed=False)
    dialog = _open(qtbot, services, person_id)
    assert "cannot be placed on any session until this assessment is completed" in \
        dialog.status.text()
    assert dialog.female_only_offered.isVisibleTo(dialog)
    assert dialog.placement_preference.findData(PlacementPreference.FEMALE_ONLY_GROUP) > 0
    dialog.answers["hs_allergies"].setCurrentIndex(dialog.answers["hs_allergies"].findData(True))
    dialog.complete()
    errors = dialog.fields
    assert errors.error_text("hs_epilepsy") == ("Answer the health and safety question: "
                                                "epilepsy or loss of consciousness.")
    assert errors.error_text("hs_allergies_detail") == "Describe the allergies."
    assert errors.error_text("vulnerable").startswith("Answer the vulnerability question")
    assert errors.error_text("availability").startswith("Mark at least one time")
    assert errors.error_text("female_only_offered").startswith("Record that a female-only")
    assert errors.error_text("public_transport_accessible")
    assert errors.error_text("risk_level") == "Choose the risk of harm level."
    assert "Saved as a draft, but not completed" in dialog.banner.text()
    assert dialog.isVisible()
    [draft] = services.upw.assessments.for_person(person_id)
    assert not draft.complete and len(draft.unanswered) == 12
    assert draft.answers.order_id == order_id

    for name in ("hs_allergies", "hs_epilepsy", "hs_pregnancy", "hs_mobility",
                 "hs_medication", "vulnerable", "public_transport_accessible"):
        combo = dialog.answers[name]
        combo.setCurrentIndex(combo.findData(False))
        settle()
    dialog.availability.box(0, 0).setChecked(True)
    dialog.female_only_offered.setChecked(True)
    dialog.placement_preference.setCurrentIndex(
        dialog.placement_preference.findData(PlacementPreference.FEMALE_ONLY_GROUP))
    dialog.risk_level.setCurrentIndex(dialog.risk_level.findData(RiskLevel.LOW))
    settle()
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        dialog.complete()
    assert dialog.result() == QDialog.DialogCode.Accepted
    [done] = services.upw.assessments.for_person(person_id)
    assert done.complete and done.answers.availability.startswith("YNN")
    assert done.answers.order_id == order_id


def test_men_are_not_offered_female_only_and_commitments_are_kept(qtbot, services, world):
    person_id, _ = world.placeable(Gender.MALE, assessed=False)
    dialog = _open(qtbot, services, person_id)
    assert not dialog.female_only_offered.isVisibleTo(dialog)
    assert dialog.placement_preference.findData(PlacementPreference.FEMALE_ONLY_GROUP) == -1
    editor = dialog.commitments
    editor.end.setTime(editor.start.time().addSecs(-3600))
    editor.add_current()
    assert editor.problem.text() == "A commitment ends after it starts."
    assert editor.model.rowCount() == 0
    editor.end.setTime(editor.start.time().addSecs(4 * 3600))
    editor.description.setText("Warehouse shifts")
    editor.add_current()
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        dialog.submit()
        settle()
    [draft] = services.upw.assessments.for_person(person_id)
    assert [c.description for c in draft.answers.commitments] == ["Warehouse shifts"]


def test_the_availability_grid_is_one_tab_stop_with_arrow_keys(qtbot):
    from ui.dialogs.upw.assessment_widgets import AvailabilityGrid
    grid = AvailabilityGrid()
    qtbot.addWidget(grid)
    grid.show()
    grid.activateWindow()
    qtbot.waitUntil(grid.isActiveWindow)
    first = grid.box(0, 0)
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Right)
    tuesday = grid.box(1, 0)
    assert tuesday.hasFocus()
    qtbot.keyClick(tuesday, Qt.Key.Key_Down)
    assert grid.box(1, 1).hasFocus()
    qtbot.keyClick(grid.box(1, 1), Qt.Key.Key_Space)
    assert grid.value()[4] == "Y" and grid.value().count("Y") == 1
    tab_stops = [b for b in grid.findChildren(type(first))
                 if b.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert tab_stops == [grid.box(1, 1)]
    assert grid.box(1, 1).accessibleName() == "Tuesday afternoon"


def test_several_medication_effects_are_ticked_and_kept(qtbot, services, world):
    """Each effect of medication on safety is ticked on its own, and only with a "yes"."""
    person_id, _order_id = world.placeable(Gender.MALE, assessed=False)
    dialog = _open(qtbot, services, person_id)
    effects = dialog.medication_effects
    assert not effects.isEnabled()
    medication = dialog.answers["hs_medication"]
    medication.setCurrentIndex(medication.findData(True))
    settle()
    assert effects.isEnabled()
    effects.boxes["drowsy"].setChecked(True)
    effects.boxes["sun_sensitive"].setChecked(True)
    assert dialog.collect().hs_medication_effects == ("drowsy", "sun_sensitive")
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        dialog.submit()
    [draft] = services.upw.assessments.for_person(person_id)
    assert [e.value for e in draft.answers.hs_medication_effects] == ["drowsy", "sun_sensitive"]
