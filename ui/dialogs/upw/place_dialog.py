"""Adding people to a session, one or several together: find each, pick their order, see what the
rules say about the resulting group, place them all at once."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import OrderStatus
from upw_ttg.domain.placement import Decision, Rule
from upw_ttg.errors import UpwError, ValidationError
from upw_ttg.records.orders import OrderRecord
from upw_ttg.records.people import PersonRow
from upw_ttg.records.upw import AppointmentRow, PlacementRequest, SessionRecord
from upw_ttg.time_text import format_minutes

from ui.changes import Subject, publish
from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.upw.rules_panel import RulesPanel
from ui.formatting import format_date, label
from ui.models.upw.text import format_day, format_time, format_times
from ui.widgets.person_picker import PersonPicker

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


@dataclass(frozen=True)
class Chosen:
    """One person picked to join the session, with the order and travel chosen for them."""

    person: PersonRow
    order_id: int
    session_pickup_id: int | None
    travel: str

    @property
    def name(self) -> str:
        return f"{self.person.forename} {self.person.surname}"


class PlaceDialog(FormDialog):
    """Place one or several people on ``session`` together: the rules are judged on the
    resulting group (so two women can join a mixed group at once); hard rules block the Place
    button; soft rules need a reason, which is recorded and audited.

    Signals:
        assessment_requested(int): the person has no completed assessment; open it.
    """

    assessment_requested = Signal(int)

    def __init__(self, services: AppServices, session: SessionRecord,
                 parent: QWidget | None = None):
        super().__init__(f"Add people – {session_title(session)}",
                         f"{session_title(session)}: {session.booked} of {session.places} "
                         "places taken"
                         + (f"; {session.by_van} of {session.van_seats} van seats."
                            if session.van_seats is not None else "; no van booked."),
                         parent, save_text="&Place")
        self._services = services
        self._session = session
        self._person: PersonRow | None = None
        self.together: list[Chosen] = []
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
        self.add_another = QPushButton("Add &another person")
        self.add_another.setToolTip("Keep this person and find someone else to place with "
                                    "them; everyone listed is placed together")
        self.add_another.clicked.connect(self.add_to_together)
        self.add_another.setEnabled(False)
        who_form.addRow("", self.add_another)
        self.together_list = QListWidget()
        self.together_list.setAccessibleName("People to place together")
        self.together_list.setMaximumHeight(80)
        self.together_list.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.together_list.setWordWrap(True)
        self.together_label = QLabel("Placing &with them:")
        self.together_label.setBuddy(self.together_list)
        self.take_out = QPushButton("Ta&ke off the list")
        self.take_out.clicked.connect(self.remove_from_together)
        together_hint = QLabel("Add them together: everyone listed joins with the person "
                               "found above, and the rules judge the group as a whole (two "
                               "women can join a mixed group at once).")
        together_hint.setObjectName("Hint")
        together_hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.together_list, 1)
        row.addWidget(self.take_out, 0, Qt.AlignmentFlag.AlignTop)
        who_form.addRow(self.together_label, row)
        who_form.addRow("", together_hint)
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
        self.add_another.setEnabled(person is not None)
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

    def current(self) -> Chosen | None:
        """The person being chosen now, with an order, or None."""
        order_id = self.order.currentData()
        if self._person is None or order_id is None:
            return None
        return Chosen(self._person, order_id, self.pickup.currentData(),
                      self.pickup.currentText())

    def everyone(self) -> list[Chosen]:
        """Everyone the Place button would place: the list, then the person being chosen."""
        chosen = self.current()
        listed = {c.person.id for c in self.together}
        return self.together + ([chosen] if chosen and chosen.person.id not in listed else [])

    @Slot()
    def add_to_together(self) -> None:
        """Keep the person being chosen on the list and clear the search for the next one."""
        chosen = self.current()
        if chosen is None:
            self.show_problems({"person": "Find the person and choose their order first."})
            return
        self.fields.clear()
        self.banner.clear()
        self.together = [c for c in self.together if c.person.id != chosen.person.id]
        self.together.append(chosen)
        self._show_together()
        self.picker.search.clear()
        self.picker.search.setFocus()
        self._on_person_chosen(None)

    @Slot()
    def remove_from_together(self) -> None:
        row = self.together_list.currentRow()
        if 0 <= row < len(self.together):
            del self.together[row]
            self._show_together()
            self.check()

    def _show_together(self) -> None:
        self.together_list.clear()
        for chosen in self.together:
            by_van = f", {chosen.travel[0].lower()}{chosen.travel[1:]}" \
                if chosen.session_pickup_id is not None else ""
            self.together_list.addItem(f"{chosen.name} ({chosen.person.crn}){by_van}")
        self.take_out.setEnabled(bool(self.together))
        self.save_button.setText(f"&Place {len(self.everyone())} together"
                                 if len(self.everyone()) > 1 else "&Place")

    @Slot()
    def check(self) -> None:
        """Ask the rule engine about everyone chosen joining this session and show its answer:
        one person on their own, or the whole group judged together."""
        people = self.everyone()
        self.assessment_button.setVisible(False)
        self._show_together()
        if not people:
            self.rules.show_hint("Find the person and choose their order to see what the "
                                 "rules say." if self._person is None else
                                 "This person has no unpaid work order to place.")
            self.save_button.setEnabled(False)
            self.reason.setEnabled(False)
            return
        placement = self._services.upw.placement
        try:
            if len(people) == 1:
                decision = placement.check(people[0].order_id, self._session.id,
                                           travels_by_van=people[0].session_pickup_id
                                           is not None)
            else:
                decision = placement.check_many(self._requests(people, None))
        except UpwError as exc:
            self.rules.show_hint(str(exc))
            self.save_button.setEnabled(False)
            return
        self._show_decision(decision, people)

    def _show_decision(self, decision: Decision, people: list[Chosen]) -> None:
        self.rules.show_breaches(decision.breaches, people[0].name if len(people) == 1
                                 else f"{len(people)} people together")
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

    def _requests(self, people: list[Chosen], reason: str | None) -> list[PlacementRequest]:
        return [PlacementRequest(c.order_id, self._session.id, c.session_pickup_id,
                                 c.session_pickup_id is not None, reason) for c in people]

    def collect(self) -> list[PlacementRequest]:
        if self._person is None and not self.together:
            raise ValidationError({"person": "Find the person to place."})
        if self._person is not None and self.order.currentData() is None \
                and not self.together:
            raise ValidationError({"order_id": "Choose the order the hours are for."})
        return self._requests(self.everyone(), self.reason.text().strip() or None)

    def save(self, data: list[PlacementRequest]) -> AppointmentRow | list[AppointmentRow]:
        """One person through ``place``; several through ``place_many``, all or nothing."""
        if len(data) == 1:
            one = data[0]
            placed = self._services.upw.placement.place(
                one.order_id, one.session_id, session_pickup_id=one.session_pickup_id,
                travels_by_van=one.travels_by_van, override_reason=one.override_reason)
            rows = [placed]
        else:
            placed = rows = self._services.upw.placement.place_many(data)
        publish(Subject.BOOKING, [r.id for r in rows], [r.person_id for r in rows])
        return placed

    @property
    def person(self) -> PersonRow | None:
        """The person placed, or the first of several."""
        people = self.everyone()
        return people[0].person if people else self._person

    def placed_names(self) -> str:
        people = self.everyone()
        return " and ".join(c.name for c in people) if people else "the person"
