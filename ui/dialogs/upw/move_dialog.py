"""Moving people from one session to another, with the rules checked on the way."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.placement import Breach
from upw_ttg.errors import UpwError, ValidationError
from upw_ttg.records.upw import (
    AppointmentRow,
    PlacementRequest,
    SessionPerson,
    SessionRecord,
)

from ui.changes import Subject, publish
from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.upw.place_dialog import fill_pickups, session_title
from ui.dialogs.upw.rules_panel import RulesPanel, rules_html
from ui.models.table_model import RowSortProxy
from ui.models.upw.delivery_units import DeliveryUnit
from ui.models.upw.session_models import SessionChoice, SessionChoiceTableModel
from ui.widgets.tables import fit_columns, make_table, selected_row
from ui.widgets.unit_week_bar import UnitWeekBar


class MoveDialog(FormDialog):
    """Choose a session of the unit's week for ``people`` (all on ``source``); Move books
    them there and frees their places in one go, so rule UPW-3 is judged on both sessions."""

    def __init__(self, services: AppServices, source: SessionRecord,
                 people: Sequence[SessionPerson], units: list[DeliveryUnit], unit_id: int,
                 parent: QWidget | None = None):
        names = ", ".join(p.name for p in people)
        super().__init__(f"Move {names}", f"From {session_title(source)}. Choose the session "
                         "to move to; the rules are checked for it.", parent,
                         save_text="&Move")
        self._services = services
        self._source = source
        self._people = list(people)
        self._target: SessionRecord | None = None
        f = self.fields
        self.bar = UnitWeekBar(units, unit_id, source.session_date)
        self.bar.install_shortcuts(self)
        self.bar.changed.connect(self.load_week)
        self.model = SessionChoiceTableModel(self)
        self.proxy = RowSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "Sessions to move to", sortable=False)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.setMinimumHeight(220)
        sessions, sessions_layout = QGroupBox("Sessions"), QVBoxLayout()
        sessions.setLayout(sessions_layout)
        sessions_layout.addWidget(self.bar)
        choose = QFormLayout()
        f.add_row(choose, "session_id", "&Session", self.table)
        sessions_layout.addLayout(choose)
        rules, rules_layout = QGroupBox("What the rules say"), QVBoxLayout()
        rules.setLayout(rules_layout)
        self.rules = RulesPanel()
        self.rules.show_hint("Choose a session to see what the rules say.")
        rules_layout.addWidget(self.rules)
        form = QFormLayout()
        self.pickup = fill_pickups(QComboBox(), None)
        f.add_row(form, "session_pickup_id", "&Travel", self.pickup)
        self.reason = QLineEdit()
        self.reason.setMaxLength(400)
        f.add_row(form, "override_reason", "Reason to o&verride", self.reason,
                  hint="Needed only when a rule above asks for one.")
        rules_layout.addLayout(form)
        rules_layout.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(sessions, 0, 0)
        grid.addWidget(rules, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.body.addLayout(grid)
        self.pickup.currentIndexChanged.connect(self.check)
        self.load_week()
        self.resize(1120, 600)

    @Slot()
    def load_week(self) -> None:
        unit_id = self.bar.unit_id
        if unit_id is None:
            return
        plan = self._services.upw.planner.week(unit_id, self.bar.monday)
        today = self._services.ctx.today()
        choices = [SessionChoice(row.project_name, row.office_name, cell)
                   for row in plan.rows for day in row.days for cell in day
                   if cell.session_id != self._source.id and cell.session_date >= today
                   and cell.status.value == "planned"]
        choices.sort(key=lambda c: (c.cell.session_date, c.cell.start_time, c.project_name))
        self.model.set_rows(choices)
        fit_columns(self.table)
        self._target = None
        fill_pickups(self.pickup, None)
        self.check()

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection
                              ) -> None:
        choice = selected_row(self.table, SessionChoice)
        self._target = (self._services.upw.sessions.get(choice.cell.session_id)
                        if choice is not None else None)
        fill_pickups(self.pickup, self._target)
        self.check()

    @Slot()
    def check(self) -> None:
        if self._target is None:
            self.rules.show_hint("Choose a session to see what the rules say.")
            self.reason.setEnabled(False)
            return
        by_van = self.pickup.currentData() is not None
        parts: list[str] = []
        breaches: list[Breach] = []
        try:
            for person in self._people:
                found = self._services.upw.placement.check(
                    person.order_id, self._target.id, travels_by_van=by_van).breaches
                breaches += found
                parts.append(rules_html(found, who=person.name))
        except UpwError as exc:
            self.rules.show_hint(str(exc))
            return
        self.rules.show_breaches(breaches)
        if len(self._people) > 1:
            self.rules.label.setText("".join(parts) + "<p>People moved together are judged "
                                     "together when you press Move.</p>")
        self.reason.setEnabled(any(not b.hard for b in breaches))
        self.fit_contents()

    def collect(self) -> list[tuple[int, PlacementRequest]]:
        if self._target is None:
            raise ValidationError({"session_id": "Choose the session to move to."})
        pickup = self.pickup.currentData()
        request = PlacementRequest(0, self._target.id, pickup, pickup is not None,
                                   self.reason.text().strip() or None)
        return [(p.appointment_id, request) for p in self._people]

    def save(self, data: list[tuple[int, PlacementRequest]]) -> list[AppointmentRow]:
        versions = {p.appointment_id: p.version for p in self._people}
        moved = self._services.upw.placement.move_many(data, versions=versions)
        publish(Subject.BOOKING, [r.id for r in moved], [r.person_id for r in moved])
        return moved
