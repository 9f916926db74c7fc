"""A plan's actions shown for one pathway (or those managing risk), with add, edit and done."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout

from upw_ttg.records.ttg import ActionRecord

from ui.dialogs.ttg.plan_dialogs import ActionDialog
from ui.models.ttg.plan_models import ActionsTableModel
from ui.widgets.labels import hint
from ui.widgets.tables import fit_columns, fit_table_height, make_table, selected_row, wrap_columns

if TYPE_CHECKING:
    from ui.views.ttg.host import PlanHost
    from ui.views.ttg.section import SectionPage


class ActionsBox(QGroupBox):
    """The actions ``include`` picks from the plan; new ones start from ``defaults()``."""

    def __init__(self, title: str, page: SectionPage, host: PlanHost,
                 include: Callable[[ActionRecord], bool],
                 defaults: Callable[[], tuple[int | None, bool]], empty_text: str):
        super().__init__(title)
        self.page = page
        self.host = host
        self._include = include
        self._defaults = defaults
        self._empty_text = empty_text
        self.model = ActionsTableModel(self)
        self.table = make_table(self.model, title, sortable=False)
        wrap_columns(self.table, 0)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty = hint(empty_text)
        self.add_button = QPushButton("&Add action…")
        self.edit_button = QPushButton("Edit…")
        self.done_button = QPushButton("Mark &done")
        self.remove_button = QPushButton("Remove")
        for button, slot in ((self.add_button, self.add_action),
                             (self.edit_button, self.edit_action),
                             (self.done_button, self.toggle_done),
                             (self.remove_button, self.remove_action)):
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty, 1)
        for button in (self.add_button, self.edit_button, self.done_button, self.remove_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self._update_buttons()

    def refresh(self) -> None:
        plan = self.host.state.plan
        chosen = selected_row(self.table, ActionRecord)
        rows = [a for a in plan.actions if self._include(a)] if plan else []
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setText(self._empty_text if not rows else
                           f"{len(rows)} action{'s' if len(rows) != 1 else ''}, "
                           f"{sum(1 for a in rows if a.outstanding)} still to do.")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fit_columns(self.table, {1: "Prison housing officer"})
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        fit_table_height(self.table, 1, 8)
        if chosen is not None:
            for row, action in enumerate(rows):
                if action.id == chosen.id:
                    self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> ActionRecord | None:
        return selected_row(self.table, ActionRecord)

    def _update_buttons(self, *_args: object) -> None:
        editable = self.host.state.editable
        action = self.selected()
        self.add_button.setEnabled(editable)
        for button in (self.edit_button, self.done_button, self.remove_button):
            button.setEnabled(editable and action is not None)
        self.done_button.setText("Not &done" if action is not None and action.done_on
                                 else "Mark &done")

    def _on_table_activated(self, _index: QModelIndex) -> None:
        if self.edit_button.isEnabled():
            self.edit_action()

    def _dialog(self, record: ActionRecord | None) -> ActionDialog | None:
        need_id, manages_risk = self._defaults()
        plan = self.host.state.plan
        if plan is None:
            return None
        services = self.host.services
        plan_id, episode_id = plan.id, plan.episode_id
        return ActionDialog(plan.needs, lambda data, action_id: services.plans.save_action(
            plan_id, data, action_id), record, need_id, manages_risk, self,
            lambda code: services.referrals.choices_for_case(episode_id, code))

    def add_action(self) -> None:
        dialog = self._dialog(None)
        if dialog is not None:
            self.host.open_dialog(dialog, "Action added.", self.host.state.take_plan)

    def edit_action(self) -> None:
        action = self.selected()
        dialog = self._dialog(action) if action is not None else None
        if dialog is not None:
            self.host.open_dialog(dialog, "Action saved.", self.host.state.take_plan)

    def toggle_done(self) -> None:
        action = self.selected()
        if action is None:
            return
        plans, today = self.host.services.plans, self.host.services.ctx.today()
        done = None if action.done_on else today
        self.host.run(self.page, lambda: plans.mark_action_done(action.id, done,
                                                                  action.version),
                        "Action marked done." if done else "Action marked not done.")

    def remove_action(self) -> None:
        action = self.selected()
        if action is None or not self.host.confirm(
                "Remove action", f"Remove the action “{action.description}”?"):
            return
        plans = self.host.services.plans
        self.host.run(self.page, lambda: plans.remove_action(action.id, action.version),
                        "Action removed.")
