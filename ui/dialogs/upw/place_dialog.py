"""Adding a person to a session: find them, pick their order, see what the rules say, place."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGridLayout, QGroupBox, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import OrderStatus
from upw_ttg.domain.orders import format_minutes
from upw_ttg.domain.placement import Rule
from upw_ttg.domain.records import OrderRecord, PersonRow
from upw_ttg.domain.upw_records import AppointmentRow, PlacementRequest, SessionRecord
from upw_ttg.errors import UpwError, ValidationError
from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.upw.rules_panel import RulesPanel
from ui.formatting import format_date, label
from ui.models.upw.text import format_day, format_time, format_times
from ui.views.upw.person_picker import PersonPicker

LIVE = (OrderStatus.AWAITING_FIRST_SESSION, OrderStatus.ACTIVE)


def order_text(order: OrderRecord) -> str:
    return (f"{order.court}, sentenced {format_date(order.sentence_date)} – "
            f"{label(order.status)}, {format_minutes(order.minutes_remaining)} hours left")


def fill_pickups(combo: QComboBox, session: SessionRecord | None) -> QComboBox:
    """'Makes own way there' and each of the session's pick-up points with its time."""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem("Makes own way there (no van)", None)
    for pickup in session.pickups if session is not None else ():
        combo.addItem(f"Van from {pickup.name} at {format_time(pickup.pickup_time)}", pickup.id)
    combo.blockSignals(False)
    return combo


def session_title(session: SessionRecord) -> str:
    return (f"{session.project_name}, {format_day(session.session_date)}, "
            f"{format_times(session.start_time, session.end_time)}")


class PlaceDialog(FormDialog):
    """Place someone on ``session``: hard rules block the Place button; soft rules need a
    reason, which is recorded and audited.

    Signals:
        assessment_requested(int): the person has no completed assessment; open it.
    """

    assessment_requested = Signal(int)

    def __init__(self, services: AppServices, session: SessionRecord,
                 parent: QWidget | None = None):
        super().__init__(f"Add a person – {session_title(session)}",
                         f"{session_title(session)}: {session.booked} of {session.places} "
                         "places taken"
                         + (f"; {session.by_van} of {session.van_seats} van seats."
                            if session.van_seats is not None else "; no van booked."),
                         parent, save_text="&Place")
        self._services = services
        self._session = session
        self._person: PersonRow | None = None
        f = self.fields
        who, who_form = QGroupBox("Who"), QFormLayout()
        who.setLayout(who_form)
        self.picker = PersonPicker(services.people)
        self.picker.person_chosen.connect(self._on_person_chosen)
        f.add_row(who_form, "person", "&Find", self.picker)
        self.order = QComboBox()
        self.order.setMinimumContentsLength(40)
        f.add_row(who_form, "order_id", "&Order", self.order)
        self.pickup = fill_pickups(QComboBox(), session)
        f.add_row(who_form, "session_pickup_id", "&Travel", self.pickup)
        rules, rules_form = QGroupBox("What the rules say"), QVBoxLayout()
        rules.setLayout(rules_form)
        self.rules = RulesPanel()
        rules_form.addWidget(self.rules)
        reason_form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setMaxLength(400)
        self.reason.setPlaceholderText("Why going ahead is right, e.g. employer agreed to "
                                       "change the shift")
        f.add_row(reason_form, "override_reason", "&Reason to override", self.reason,
                  hint="Needed only when a rule above asks for one; it is kept with the "
                       "place and in the audit log.")
        rules_form.addLayout(reason_form)
        self.assessment_button = QPushButton("Open the &assessment…")
        self.assessment_button.setVisible(False)
        self.assessment_button.clicked.connect(self._on_assessment_clicked)
        rules_form.addWidget(self.assessment_button)
        rules_form.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(who, 0, 0)
        grid.addWidget(rules, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid)
        self.order.currentIndexChanged.connect(self.check)
        self.pickup.currentIndexChanged.connect(self.check)
        self.check()
        self.resize(1080, 560)

    # Choosing ----------------------------------------------------------------------------

    def _on_person_chosen(self, person: PersonRow | None) -> None:
        self._person = person
        self.order.blockSignals(True)
        self.order.clear()
        if person is not None:
            orders = self._services.orders.for_person(person.id)
            live = [o for o in orders if o.status in LIVE]
            for order in live + [o for o in orders if o.status not in LIVE]:
                self.order.addItem(order_text(order), order.id)
            if not orders:
                self.order.addItem("No unpaid work order on record", None)
        self.order.blockSignals(False)
        self.check()

    @Slot()
    def check(self) -> None:
        """Ask the rule engine about the chosen order on this session and show its answer."""
        order_id = self.order.currentData()
        self.assessment_button.setVisible(False)
        if self._person is None or order_id is None:
            self.rules.show_hint("Find the person and choose their order to see what the "
                                 "rules say." if self._person is None else
                                 "This person has no unpaid work order to place.")
            self.save_button.setEnabled(False)
            self.reason.setEnabled(False)
            return
        try:
            decision = self._services.upw.placement.check(
                order_id, self._session.id, travels_by_van=self.pickup.currentData() is not None)
        except UpwError as exc:
            self.rules.show_hint(str(exc))
            self.save_button.setEnabled(False)
            return
        self.rules.show_breaches(decision.breaches,
                                 f"{self._person.forename} {self._person.surname}")
        self.save_button.setEnabled(not decision.hard)
        self.save_button.setToolTip("Blocked by the rules shown" if decision.hard else "")
        self.reason.setEnabled(bool(decision.soft) and not decision.hard)
        self.assessment_button.setVisible(any(b.rule == Rule.NO_ASSESSMENT
                                              for b in decision.breaches))
        self.fit_contents()

    def _on_assessment_clicked(self) -> None:
        if self._person is not None:
            self.assessment_requested.emit(self._person.id)

    # Saving ------------------------------------------------------------------------------

    def collect(self) -> PlacementRequest:
        if self._person is None:
            raise ValidationError({"person": "Find the person to place."})
        if self.order.currentData() is None:
            raise ValidationError({"order_id": "Choose the order the hours are for."})
        pickup = self.pickup.currentData()
        return PlacementRequest(self.order.currentData(), self._session.id, pickup,
                                pickup is not None, self.reason.text().strip() or None)

    def save(self, data: PlacementRequest) -> AppointmentRow:
        return self._services.upw.placement.place(
            data.order_id, data.session_id, session_pickup_id=data.session_pickup_id,
            travels_by_van=data.travels_by_van, override_reason=data.override_reason)

    @property
    def person(self) -> PersonRow | None:
        return self._person
