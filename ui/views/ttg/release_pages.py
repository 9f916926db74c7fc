"""Pages for the run-up to release: referrals, the pre-release review, dates and deadlines."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.domain.codes import TRAVEL_PAYMENTS, ReferralStatus
from upw_ttg.domain.custody import RELEASE_TYPE_LABELS
from upw_ttg.domain.plan_progress import review_missing
from upw_ttg.domain.resettlement import ACCOMMODATION, DEADLINE_LABELS, HEALTH, DeadlineKind
from upw_ttg.errors import ValidationError
from upw_ttg.records.ttg import (
    ReferralRecord,
    ReleaseFallbackInput,
    ReviewInput,
)

from ui.dialogs.ttg.referral_dialogs import ReferralDialog, WithdrawReferralDialog
from ui.formatting import format_date
from ui.models.table_model import RowTableModel
from ui.models.ttg.plan_models import (
    CustodyEventsTableModel,
    DeadlineMovesTableModel,
    ReferralsTableModel,
)
from ui.views.ttg.fields import TimeField, case_provider_picker, set_value, text_of
from ui.views.ttg.section import SectionPage
from ui.widgets.code_combo import choice_combo
from ui.widgets.date_field import DateField
from ui.widgets.labels import hint
from ui.widgets.tables import fit_columns, fit_table_height, make_table, selected_row, wrap_columns

if TYPE_CHECKING:
    from ui.views.ttg.host import PlanHost

_KNOWN = ((None, "Not known yet"), (True, "Yes"), (False, "No"))
_PRESCRIPTION = ((None, "Not known yet"), (True, "Arranged"), (False, "Not arranged"))


def table(model: RowTableModel, name: str, rows: int, stretch: int) -> QTableView:
    view = make_table(model, name, sortable=False)
    view.setMinimumHeight(view.verticalHeader().defaultSectionSize() * rows + 30)
    view.setProperty("stretch", stretch)
    return view


def fit(view: QTableView, height: bool = True, samples: dict[int, str] | None = None) -> None:
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    fit_columns(view, samples)
    header.setSectionResizeMode(int(view.property("stretch")), QHeaderView.ResizeMode.Stretch)
    if height:
        view.resizeRowsToContents()
        fit_table_height(view, 1, 8)


def when(day: dt.date | None, today: dt.date) -> str:
    """A date with how far off it is: '12/02/2027 (in 11 weeks)', '(passed)'."""
    if day is None:
        return "Not known yet"
    days = (day - today).days
    if days == 0:
        away = "today"
    elif days < 0:
        away = "passed"
    elif days < 14:
        away = f"in {days} day{'s' if days != 1 else ''}"
    else:
        away = f"in {days // 7} weeks"
    return f"{format_date(day)} ({away})"


class ReferralsPage(SectionPage):
    key, nav_text = "referrals", "Referrals"

    def __init__(self, host: PlanHost):
        super().__init__(host, "Referrals to providers",
                         "Each referral is closed with an outcome, or withdrawn with a reason. "
                         "Answers not received by the expected date are shaded.")
        self.model = ReferralsTableModel(self)
        self.view = table(self.model, "Referrals", 6, 5)
        wrap_columns(self.view, 0, 1, 5)
        self.view.activated.connect(self._on_view_activated)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.summary = hint()
        self.add_button = QPushButton("&Add referral…")
        self.edit_button = QPushButton("&Update…")
        self.withdraw_button = QPushButton("&Withdraw…")
        for button, slot in ((self.add_button, self.add_referral),
                             (self.edit_button, self.edit_referral),
                             (self.withdraw_button, self.withdraw_referral)):
            button.clicked.connect(slot)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        for button in (self.add_button, self.edit_button, self.withdraw_button):
            bar.addWidget(button)
        self.body.addLayout(bar)
        self.body.addWidget(self.view, 1)

    def refresh(self) -> None:
        rows = self.host.state.referrals
        self.model.set_rows(rows)
        fit(self.view, height=False, samples={0: "Education, skills", 1: "Humber Recovery"})
        self.view.resizeRowsToContents()
        overdue = sum(1 for r in rows if r.overdue)
        self.summary.setText(
            "No referrals yet." if not rows else
            f"{len(rows)} referral{'s' if len(rows) != 1 else ''}"
            + (f"; <b>{overdue} answer{'s' if overdue != 1 else ''} overdue</b>."
               if overdue else "."))
        self._update_buttons()

    def nav_state(self) -> tuple[str, str]:
        overdue = sum(1 for r in self.host.state.referrals if r.overdue)
        if overdue:
            return "!", f"{overdue} overdue"
        return "", ""

    def _update_buttons(self, *_args: object) -> None:
        editable = self.host.state.editable
        row = selected_row(self.view, ReferralRecord)
        self.add_button.setEnabled(editable)
        self.edit_button.setEnabled(editable and row is not None)
        self.withdraw_button.setEnabled(editable and row is not None
                                        and row.status != ReferralStatus.WITHDRAWN)

    def set_editable(self, editable: bool) -> None:
        self._update_buttons()

    def first_input(self) -> QWidget | None:
        return self.view if self.model.rowCount() else self.add_button

    def _dialog(self, record=None) -> ReferralDialog:
        host = self.host
        assert host.state.plan is not None
        return ReferralDialog(host.services.referrals, host.state.plan.id, host.state.pathways,
                              host.services.ctx.today(), record, None, self)

    def _referral_saved(self, _referral: ReferralRecord) -> None:
        """The plan's referrals are read again: the list shows each one's answer due."""
        plan = self.host.state.plan
        assert plan is not None
        self.host.state.take_referrals(self.host.services.referrals.for_plan(plan.id))

    def add_referral(self) -> None:
        self.host.open_dialog(self._dialog(), "Referral added.", self._referral_saved)

    def edit_referral(self) -> None:
        row = selected_row(self.view)
        if row is not None:
            self.host.open_dialog(self._dialog(row), "Referral saved.", self._referral_saved)

    def _on_view_activated(self, _index: QModelIndex) -> None:
        if self.edit_button.isEnabled():
            self.edit_referral()

    def withdraw_referral(self) -> None:
        row = selected_row(self.view, ReferralRecord)
        if row is not None:
            self.host.open_dialog(WithdrawReferralDialog(
                self.host.services.referrals, row, self), "Referral withdrawn.",
                self._referral_saved)


class ReviewPage(SectionPage):
    key, nav_text = "review", "Pre-release review"
    needs_plan = False

    def __init__(self, host: PlanHost):
        super().__init__(host, "Pre-release review",
                         "About 12 weeks before release. Partial answers are kept; come back "
                         "as things are arranged.")
        self.due = QLabel()
        self.body.addWidget(self.due)
        fields = self.field_set("review")
        self.review_date = DateField()
        self.accommodation = choice_combo(((None, "Not known yet"),
                                           (True, "Yes: an address for the first night"),
                                           (False, "No accommodation yet")))
        self.address = QLineEdit()
        self.id_status, self.bank, self.benefits = QLineEdit(), QLineEdit(), QLineEdit()
        self.gp = choice_combo(_KNOWN)
        self.prescriptions = QLineEdit()
        self.prescription = choice_combo(_PRESCRIPTION)
        self.route = QLineEdit()
        self.payment = choice_combo(((None, "Not known yet"), *TRAVEL_PAYMENTS))
        self.with_whom, self.where, self.phone = QLineEdit(), QLineEdit(), QLineEdit()
        self.appointment_date, self.appointment_time = DateField(), TimeField()
        examples = {self.address: "e.g. 12 Hessle Road, Hull HU3 2AA",
                    self.id_status: "e.g. Birth certificate applied for",
                    self.bank: "e.g. Basic account opened with Lloyds",
                    self.benefits: "e.g. Universal Credit claim starts on release day",
                    self.prescriptions: "Staff only: never printed for the person",
                    self.route: "e.g. Bus 7 to the station, train to Harrogate",
                    self.with_whom: "e.g. Probation, Hull Central office",
                    self.where: "e.g. 4 Queen Street, Hull", self.phone: "e.g. 01482 000000"}
        for widget, example in examples.items():
            widget.setPlaceholderText(example)
            widget.setMaxLength(200)
        first = QFormLayout()
        fields.add_row(first, "review_date", "Review held &on", self.review_date)
        self.body.addLayout(first)

        home = QGroupBox("Accommodation, ID and money")
        home_form = QFormLayout(home)
        fields.add_row(home_form, "accommodation_found", "&Accommodation", self.accommodation)
        fields.add_row(home_form, "accommodation_address", "A&ddress", self.address)
        # The hostel or housing provider, from the directory: its details print as they are.
        self.place = case_provider_picker(
            self.host, "First night: hostel or housing provider",
            choose_text="None from Local services: the address above only", other_text=None,
            pathway_code=ACCOMMODATION)
        fields.add_row(home_form, "accommodation_provider_id", "Hostel or provider",
                       self.place)
        fields.add_row(home_form, "id_status", "&ID", self.id_status)
        fields.add_row(home_form, "bank_account_status", "&Bank account", self.bank)
        fields.add_row(home_form, "benefits_status", "Be&nefits", self.benefits)
        health = QGroupBox("Health")
        health_form = QFormLayout(health)
        # The GP practice and the pharmacy from the directory, their details printed as they
        # are; one not in it is typed, as before (rule TTG-DIR4).
        self.gp_details = case_provider_picker(
            self.host, "GP practice", choose_text=None,
            other_text="Not in Local services: type the practice and its number",
            placeholder="e.g. Bridge Street Surgery, 01482 000000", max_length=200,
            pathway_code=HEALTH)
        self.collect_from = case_provider_picker(
            self.host, "Pharmacy to collect the prescription from", choose_text=None,
            other_text="Not in Local services: type the pharmacy and its address",
            placeholder="e.g. Boots, 8 Coney Street, York", max_length=200,
            pathway_code=HEALTH)
        fields.add_row(health_form, "gp_registered", "GP regis&tered", self.gp)
        fields.add_row(health_form, "gp_details", "&Local GP practice", self.gp_details)
        fields.add_row(health_form, "prescriptions_arranged", "Pre&scription on the day",
                       self.prescription)
        fields.add_row(health_form, "prescriptions_collect_from", "Collect fro&m (pharmacy)",
                       self.collect_from)
        fields.add_row(health_form, "prescriptions_on_day", "Prescription notes",
                       self.prescriptions,
                       hint="The release sheet says only whether it is arranged and where.")
        travel = QGroupBox("Travel from the prison to the first appointment")
        travel_form = QFormLayout(travel)
        fields.add_row(travel_form, "travel_route", "&Journey", self.route)
        fields.add_row(travel_form, "travel_payment", "Paid b&y", self.payment)
        first_box = QGroupBox("First appointment after release")
        first_form = QFormLayout(first_box)
        fields.add_row(first_form, "first_appointment_with", "&With", self.with_whom)
        when_row = QHBoxLayout()
        when_row.addWidget(self.appointment_date)
        when_row.addWidget(self.appointment_time)
        when_row.addStretch(1)
        when_widget = QWidget()
        when_widget.setLayout(when_row)
        when_row.setContentsMargins(0, 0, 0, 0)
        self.appointment_date.setAccessibleName("First appointment date")
        self.appointment_time.setAccessibleName("First appointment time")
        fields.add_row(first_form, "first_appointment_at", "Wh&en", when_widget)
        fields.add_row(first_form, "first_appointment_where", "Whe&re", self.where)
        fields.add_row(first_form, "first_appointment_phone", "Phone n&umber", self.phone)
        for box in (home, health, first_box, travel):
            self.body.addWidget(box)
        self.body.addWidget(self._fallback_box())
        self.body.addStretch(1)
        self.watch("review", self.review_date, self.accommodation, self.address, self.place,
                   self.id_status, self.bank, self.benefits, self.gp, self.gp_details,
                   self.prescriptions,
                   self.prescription, self.collect_from, self.route, self.payment,
                   self.with_whom, self.appointment_date, self.appointment_time, self.where,
                   self.phone)
        self.accommodation.currentIndexChanged.connect(self._update_address)
        self.prescription.currentIndexChanged.connect(self._update_address)

    def _fallback_box(self) -> QGroupBox:
        """What happens if the day of release falls through (rule TTG-FALLBACK); kept with
        the plan, so it waits for the plan to be started."""
        box = QGroupBox("If the day of release falls through")
        form = QFormLayout(box)
        fields = self.field_set("fallback")
        self.fallback_plan = QLineEdit()
        self.fallback_plan.setMaxLength(400)
        self.fallback_who = case_provider_picker(
            self.host, "If the day of release falls through: who to call", choose_text=None,
            other_text="Someone not in Local services: type name and number",
            placeholder="e.g. Duty officer 01482 000111", max_length=200)
        self.fallback_contact = self.fallback_who.typed
        self.fallback_plan.setPlaceholderText(
            "e.g. If nobody meets them at the gate, go straight to the Hull Central office")
        self.fallback_by = TimeField()
        for field, label, widget, spoken in (
                ("release_fallback_plan", "What happens", self.fallback_plan, "what happens"),
                ("release_fallback_contact", "Who to call (name, number)",
                 self.fallback_who, None),
                ("release_fallback_by", "By what time", self.fallback_by, "by what time")):
            if spoken:
                widget.setAccessibleName(f"If the day of release falls through: {spoken}")
            fields.add_row(form, field, label, widget)
        self.fallback_hint = hint("Where risk of harm applies (medium risk or above, or "
                                  "MAPPA), the plan cannot be completed without all three.")
        form.addRow("", self.fallback_hint)
        self.watch("fallback", self.fallback_plan, self.fallback_who, self.fallback_by)
        return box

    def save_fallback(self) -> None:
        plan = self.host.state.plan
        if plan is None:
            raise ValidationError({"release_fallback_plan": "Start the plan first: the "
                                   "fallback is kept with it."})
        try:
            by = self.fallback_by.time()
        except ValueError as exc:
            raise ValidationError({"release_fallback_by": str(exc)}) from None
        saved = self.host.services.plans.save_release_fallback(plan.id, ReleaseFallbackInput(
            text_of(self.fallback_plan), self.fallback_who.typed_name(), by, plan.version,
            self.fallback_who.provider_id()))
        self.host.state.take_plan(saved)

    def _update_address(self, *_args: object) -> None:
        self.address.setEnabled(self.host.state.editable
                                and self.accommodation.currentData() is not False)
        self.collect_from.setEnabled(self.host.state.editable
                                     and self.prescription.currentData() is True)
        planned = self.host.state.plan is not None
        for widget in (self.fallback_plan, self.fallback_who, self.fallback_by):
            widget.setEnabled(self.host.state.editable and planned)
        self.place.setEnabled(self.host.state.editable
                              and self.accommodation.currentData() is not False)
        self.fallback_hint.setText(
            "Where risk of harm applies (medium risk or above, or MAPPA), the plan cannot be "
            "completed without all three." if planned else
            "Kept with the resettlement plan: start the plan to record it.")

    def fill(self) -> None:
        review = self.host.state.review
        first = review.first_appointment if review else None
        values = {
            self.review_date: review.review_date if review else None,
            self.accommodation: review.accommodation_found if review else None,
            self.address: review.accommodation_address if review else None,
            self.id_status: review.id_status if review else None,
            self.bank: review.bank_account_status if review else None,
            self.benefits: review.benefits_status if review else None,
            self.gp: review.gp_registered if review else None,
            self.prescriptions: review.prescriptions_on_day if review else None,
            self.prescription: review.prescriptions_arranged if review else None,
            self.route: review.travel_route if review else None,
            self.payment: review.travel_payment if review else None,
            self.with_whom: first.with_whom if first else None,
            self.appointment_date: first.at.date() if first and first.at else None,
            self.appointment_time: first.at.time() if first and first.at else None,
            self.where: first.where if first else None,
            self.phone: first.phone if first else None,
        }
        plan = self.host.state.plan
        values.update({self.fallback_plan: plan.release_fallback_plan if plan else None,
                       self.fallback_by: plan.release_fallback_by if plan else None})
        self.fallback_who.set_value(plan.release_fallback_provider_id if plan else None,
                                    plan.release_fallback_contact if plan else None)
        self.gp_details.set_value(review.gp_provider_id if review else None,
                                  review.gp_details if review else None)
        self.collect_from.set_value(review.prescriptions_provider_id if review else None,
                                    review.prescriptions_collect_from if review else None)
        self.place.set_value(review.accommodation_provider_id if review else None, None,
                             review.accommodation_provider.name
                             if review and review.accommodation_provider else None)
        for widget, value in values.items():
            set_value(widget, value)
        self._update_address()

    def refresh(self) -> None:
        deadlines = self.host.state.deadlines
        due = deadlines.deadlines.pre_release_review_due if deadlines else None
        today = self.host.services.ctx.today()
        held = self.host.state.review.review_date if self.host.state.review else None
        due_text = (f"Due {when(due, today)}, 12 weeks before release." if due else
                    "Due 12 weeks before release; there is no release date yet.")
        text = f"{due_text} Held on {format_date(held)}." if held else due_text
        missing = self.missing()
        if held and missing:
            text += f" Still to record: {'; '.join(missing)}."
        self.due.setText(text)

    def missing(self) -> list[str]:
        """What the review lacks before it counts as held (rule TTG-8)."""
        review = self.host.state.review
        if review is None:
            return review_missing(None, None, None)
        return review_missing(review.review_date, review.accommodation_found,
                              review.first_appointment.at)

    def nav_state(self) -> tuple[str, str]:
        missing = self.missing()
        if not missing:
            return "✓", "held"
        deadlines = self.host.state.deadlines
        due = deadlines.deadlines.pre_release_review_due if deadlines else None
        review = self.host.state.review
        started = review is not None and review.review_date is not None
        if due is not None and due < self.host.services.ctx.today() and not started:
            return "!", "overdue"
        return ("…", "still to record: " + "; ".join(missing)) if started else ("", "")

    def save_review(self) -> None:
        assert self.host.state.episode is not None
        problems: dict[str, str] = {}
        values = {}
        for name, widget in (("review_date", self.review_date),
                             ("first_appointment_at", self.appointment_date)):
            try:
                values[name] = widget.date()
            except ValueError as exc:
                problems[name] = str(exc)
        try:
            time = self.appointment_time.time()
        except ValueError as exc:
            problems["first_appointment_at"] = str(exc)
            time = None
        if problems:
            raise ValidationError(problems)
        day = values.pop("first_appointment_at")
        at = dt.datetime.combine(day, time or dt.time(9, 0)) if day else None
        review = self.host.state.review
        saved = self.host.services.reviews.save(self.host.state.episode.id, ReviewInput(
            review_date=values["review_date"], accommodation_found=self.accommodation.currentData(),
            accommodation_address=text_of(self.address), id_status=text_of(self.id_status),
            bank_account_status=text_of(self.bank), benefits_status=text_of(self.benefits),
            gp_registered=self.gp.currentData(), gp_details=self.gp_details.typed_name(),
            prescriptions_on_day=text_of(self.prescriptions),
            prescriptions_arranged=self.prescription.currentData(),
            prescriptions_collect_from=self.collect_from.typed_name(),
            travel_route=text_of(self.route), travel_payment=self.payment.currentData(),
            first_appointment_with=text_of(self.with_whom), first_appointment_at=at,
            first_appointment_where=text_of(self.where),
            first_appointment_phone=text_of(self.phone),
            version=review.version if review else None,
            accommodation_provider_id=self.place.provider_id(),
            gp_provider_id=self.gp_details.provider_id(),
            prescriptions_provider_id=self.collect_from.provider_id()))
        self.host.state.take_review(saved)


class DatesPage(SectionPage):
    key, nav_text = "dates", "Dates and deadlines"
    needs_plan = False

    def __init__(self, host: PlanHost):
        super().__init__(host, "Dates and deadlines",
                         "Worked out from the custody dates and the settings. Change the dates "
                         "on the person's Custody tab; transfers, recall and release with "
                         "Custody event above.")
        self.release = QLabel()
        self.release.setWordWrap(True)
        self.body.addWidget(self.release)
        box = QGroupBox("Deadlines now")
        grid = QFormLayout(box)
        self.deadline_values: dict[DeadlineKind, QLabel] = {}
        for kind in DeadlineKind:
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.deadline_values[kind] = value
            grid.addRow(f"{DEADLINE_LABELS[kind]}:", value)
        self.body.addWidget(box)
        moved = QGroupBox("Deadlines that moved when dates changed")
        moved_layout = QVBoxLayout(moved)
        self.moves_note = QLabel()
        self.moves_note.setWordWrap(True)
        self.moves_model = DeadlineMovesTableModel(self)
        self.moves = table(self.moves_model, "Deadlines that moved", 4, 6)
        wrap_columns(self.moves, 6)
        moved_layout.addWidget(self.moves_note)
        moved_layout.addWidget(self.moves)
        self.body.addWidget(moved)
        events = QGroupBox("Custody events")
        events_layout = QVBoxLayout(events)
        self.events_model = CustodyEventsTableModel(self)
        self.events = table(self.events_model, "Custody events", 3, 5)
        wrap_columns(self.events, 5)
        self.no_events = hint("No transfers, recalls or releases recorded.")
        events_layout.addWidget(self.no_events)
        events_layout.addWidget(self.events)
        self.body.addWidget(events)
        self.body.addStretch(1)

    def refresh(self) -> None:
        host = self.host
        today = host.services.ctx.today()
        deadlines, state = host.state.deadlines, host.state.custody
        if deadlines is None:
            return
        if deadlines.released_on:
            self.release.setText(f"<b>Released on {format_date(deadlines.released_on)}.</b>")
        elif deadlines.expected_release_date:
            release_type = deadlines.expected_release_type
            kind = RELEASE_TYPE_LABELS.get(release_type, "") if release_type else ""
            certain = ("This date is confirmed." if kind.startswith("Confirmed")
                       else "This date may still change.")
            self.release.setText(
                f"Expected release <b>{when(deadlines.expected_release_date, today)}</b>: "
                f"{kind.lower()}. {certain}")
        else:
            self.release.setText("No release date is on record yet.")
        for kind, value in self.deadline_values.items():
            value.setText(when(deadlines.deadlines.get(kind), today))
        moves = list(deadlines.moves)
        self.moves_model.set_rows(moves)
        self.moves.setVisible(bool(moves))
        self.moves_note.setText(
            f"<b>{len(moves)} deadline{'s' if len(moves) != 1 else ''} moved</b> because "
            "custody dates were changed; the newest change first." if moves
            else "No deadline has moved.")
        fit(self.moves)
        events = list(state.events) if state else []
        self.events_model.set_rows(events)
        self.events.setVisible(bool(events))
        self.no_events.setVisible(not events)
        fit(self.events)

    def nav_state(self) -> tuple[str, str]:
        deadlines = self.host.state.deadlines
        moves = len(deadlines.moves) if deadlines else 0
        return ("!", f"{moves} deadline{'s' if moves != 1 else ''} moved") if moves else ("", "")

    def first_input(self) -> QWidget | None:
        return self.moves if self.moves.isVisible() else None

