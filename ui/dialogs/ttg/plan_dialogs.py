"""Forms for a plan's actions and diversity needs; each saves through one service call."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QWidget

from upw_ttg.domain.codes import DiversityCategory
from upw_ttg.errors import ValidationError
from upw_ttg.records.ttg import (
    ActionInput,
    ActionRecord,
    DiversityNeedRow,
    NeedRecord,
    PlanRecord,
)

from ui.dialogs.form_dialog import FormDialog, read_date
from ui.widgets.code_combo import code_combo
from ui.widgets.date_field import DateField
from ui.widgets.provider_picker import Loader, ProviderPicker

SaveAction = Callable[[ActionInput, int | None], PlanRecord]


class ActionDialog(FormDialog):
    """Add an action (``record`` None) or change one: what, who, by when, done, risk."""

    def __init__(self, needs: tuple[NeedRecord, ...], save_action: SaveAction,
                 record: ActionRecord | None = None, need_id: int | None = None,
                 manages_risk: bool = False, parent: QWidget | None = None,
                 providers: Loader | None = None):
        title = "New action" if record is None else "Edit action"
        super().__init__(title, "Say what will be done, who does it and by when.", parent)
        self._save_action = save_action
        self._record = record
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.description = QLineEdit()
        self.description.setMaxLength(400)
        self.description.setPlaceholderText("e.g. Refer to Shelter for a housing assessment")
        self.fields.add_row(form, "description", "&Action", self.description)
        # Who does it: typed, or a provider from the directory whose details then print.
        self.who = ProviderPicker(
            providers or (lambda _code: []), "Who does it", choose_text=None,
            other_text="Not in Local services: type who does it",
            placeholder="e.g. Resettlement worker, the person, CAS3 housing")
        self.owner = self.who.typed
        self.fields.add_row(form, "owner", "&Who does it", self.who)
        self.who.resized.connect(self._refit_when_shown)
        self.due_date = DateField()
        self.fields.add_row(form, "due_date", "&Due by", self.due_date)
        self.need = QComboBox()
        self.need.addItem("The whole plan (no one pathway)", None)
        for need in needs:
            self.need.addItem(need.pathway_name, need.id)
        self.fields.add_row(form, "need_id", "&Pathway", self.need)
        self.manages_risk = QCheckBox("This action &manages the risk of harm")
        self.fields.add_row(form, "manages_risk", "", self.manages_risk,
                            hint="Actions that manage risk are never printed on the "
                                 "person's copy.")
        self.manages_risk.setAccessibleName("Manages the risk of harm")
        self.done_on = DateField()
        self.fields.add_row(form, "done_on", "Done o&n", self.done_on,
                            hint="Leave empty until it is done.")
        self.body.addLayout(form)
        # Keyed by the need's id; None (the whole plan) is in no pathway.
        self._pathways: dict[int | None, str] = {need.id: need.pathway_code for need in needs}
        if record is not None:
            self.description.setText(record.description)
            self.due_date.set_date(record.due_date)
            self.done_on.set_date(record.done_on)
            need_id, manages_risk = record.need_id, record.manages_risk
        self.need.setCurrentIndex(max(0, self.need.findData(need_id)))
        self.who.set_pathway(self._pathways.get(need_id))
        if record is not None:
            self.who.set_value(record.provider_id, None if record.provider_id else record.owner,
                               record.owner)
        self.need.currentIndexChanged.connect(
            lambda _i: self.who.set_pathway(self._pathways.get(self.need.currentData())))
        self.manages_risk.setChecked(manages_risk)
        self.resize(560, self.sizeHint().height())

    def _refit_when_shown(self) -> None:
        if self.isVisible():
            self.fit_contents(shrink=True)

    def collect(self) -> ActionInput:
        problems: dict[str, str] = {}
        due = read_date(self.fields, "due_date", problems)
        done = read_date(self.fields, "done_on", problems)
        if problems:
            raise ValidationError(problems)
        return ActionInput(description=self.description.text(),
                           owner=self.owner.text() if self.who.is_other() else "",
                           provider_id=self.who.provider_id(),
                           due_date=due, need_id=self.need.currentData(),
                           manages_risk=self.manages_risk.isChecked(), done_on=done,
                           version=self._record.version if self._record else None)

    def save(self, data: ActionInput) -> PlanRecord:
        return self._save_action(data, self._record.id if self._record else None)


SaveDiversity = Callable[[DiversityCategory, str, str, int | None], PlanRecord]


class DiversityNeedDialog(FormDialog):
    """A diversity or accessibility need and the adjustment it makes to the plan."""

    def __init__(self, save_need: SaveDiversity, record: DiversityNeedRow | None = None,
                 parent: QWidget | None = None):
        title = "New diversity or accessibility need" if record is None \
            else "Edit diversity or accessibility need"
        super().__init__(title, "Every need says how the plan changes because of it.", parent)
        self._save_need = save_need
        self._record = record
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.category = code_combo(DiversityCategory, "Choose the kind of need…")
        self.fields.add_row(form, "category", "&Kind of need", self.category)
        self.description = QLineEdit()
        self.description.setMaxLength(400)
        self.description.setPlaceholderText("e.g. Reads English with difficulty")
        self.fields.add_row(form, "description", "&What it is", self.description)
        self.adjustment = QLineEdit()
        self.adjustment.setMaxLength(400)
        self.adjustment.setPlaceholderText("e.g. Plan read aloud with them; easy-read copy")
        self.fields.add_row(form, "adjustment", "&Adjustment to the plan", self.adjustment)
        self.body.addLayout(form)
        if record is not None:
            self.category.setCurrentIndex(max(0, self.category.findData(record.category)))
            self.description.setText(record.description)
            self.adjustment.setText(record.adjustment)
        self.resize(560, self.sizeHint().height())

    def collect(self) -> tuple:
        if self.category.currentData() is None:
            raise ValidationError({"category": "Choose the kind of need."})
        return (self.category.currentData(), self.description.text(), self.adjustment.text())

    def save(self, data: tuple) -> PlanRecord:
        category, description, adjustment = data
        return self._save_need(category, description, adjustment,
                               self._record.id if self._record else None)
