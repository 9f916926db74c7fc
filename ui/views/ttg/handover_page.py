"""Handover to the community: the responsible officer, every contact, risk shared, chasers."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.domain.plan_progress import handover_missing
from upw_ttg.errors import ValidationError
from upw_ttg.records.ttg import ContactRow, OfficerInput

from ui.dialogs.ttg.contact_dialogs import AcknowledgeDialog, ContactDialog
from ui.formatting import format_date
from ui.models.ttg.codes import code_text
from ui.models.ttg.plan_models import ContactsTableModel
from ui.views.ttg.fields import TimeField, long_text, set_value, text_of
from ui.views.ttg.section import SectionPage
from ui.widgets.banner import Banner
from ui.widgets.date_field import DateField
from ui.widgets.labels import hint
from ui.widgets.tables import fit_columns, fit_table_height, make_table, selected_row, wrap_columns

if TYPE_CHECKING:
    from ui.views.ttg.host import PlanHost

_NEEDS_HANDOVER = "Record the officer or a contact first."


class HandoverPage(SectionPage):
    """Officer, risk information and meeting are autosaved; contacts are added one by one."""

    key, nav_text = "handover", "Handover to the community"
    needs_plan = False

    def __init__(self, host: PlanHost):
        super().__init__(host, "Handover to the community responsible officer")
        self.window_text = QLabel()
        self.window_text.setWordWrap(True)
        self.body.addWidget(self.window_text)
        self.chase = Banner()
        self.chase.prefixes = False
        self.body.addWidget(self.chase)

        officer = QGroupBox("Responsible officer in the community")
        officer_form = QFormLayout(officer)
        fields = self.field_set("officer")
        self.ro_name, self.ro_organisation, self.ro_team = QLineEdit(), QLineEdit(), QLineEdit()
        self.ro_email, self.ro_phone = QLineEdit(), QLineEdit()
        for widget, name, text, example in (
                (self.ro_name, "ro_name", "&Name", "e.g. Priya Shah"),
                (self.ro_organisation, "ro_organisation", "O&rganisation",
                 "e.g. The Probation Service, Yorkshire and the Humber"),
                (self.ro_team, "ro_team", "&Team", "e.g. Hull Central"),
                (self.ro_email, "ro_email", "&Email", "name@justice.gov.uk"),
                (self.ro_phone, "ro_phone", "Phone n&umber", "e.g. 01482 000000")):
            widget.setMaxLength(120)
            widget.setPlaceholderText(example)
            fields.add_row(officer_form, name, text, widget)
        self.watch("officer", self.ro_name, self.ro_organisation, self.ro_team, self.ro_email,
                   self.ro_phone)

        risk = QGroupBox("Risk of harm information")
        risk_form = QFormLayout(risk)
        self.risk_shared = QCheckBox("&Shared with the responsible officer")
        self.risk_shared_on = DateField()
        self.risk_shared_on.setAccessibleName("Date risk information was shared")
        risk_fields = self.field_set("risk")
        risk_fields.add_row(risk_form, "risk_info_shared", "", self.risk_shared)
        risk_fields.add_row(risk_form, "risk_info_shared_on", "On", self.risk_shared_on)
        self.risk_shared.toggled.connect(self._on_risk_shared_toggled)
        self.watch("risk", self.risk_shared, self.risk_shared_on)

        meeting = QGroupBox("Handover meeting")
        meeting_form = QFormLayout(meeting)
        meeting_fields = self.field_set("meeting")
        self.meeting_date, self.meeting_time = DateField(), TimeField()
        self.meeting_date.setAccessibleName("Meeting date")
        self.meeting_time.setAccessibleName("Meeting time")
        when = QWidget()
        when_row = QHBoxLayout(when)
        when_row.setContentsMargins(0, 0, 0, 0)
        when_row.addWidget(self.meeting_date)
        when_row.addWidget(self.meeting_time)
        when_row.addStretch(1)
        meeting_fields.add_row(meeting_form, "meeting_at", "&When", when)
        self.meeting_notes = long_text(2, "Who came and what was agreed")
        meeting_fields.add_row(meeting_form, "meeting_notes", "N&otes", self.meeting_notes)
        self.watch("meeting", self.meeting_date, self.meeting_time, self.meeting_notes)
        self.not_started = hint(f"{_NEEDS_HANDOVER} Then record these here.")

        self.body.addWidget(officer)
        self.body.addWidget(self.not_started)
        pair = QGridLayout()
        pair.setHorizontalSpacing(12)
        pair.addWidget(risk, 0, 0)
        pair.addWidget(meeting, 0, 1)
        pair.setColumnStretch(0, 2)
        pair.setColumnStretch(1, 3)
        self.body.addLayout(pair)

        log = QGroupBox("Contact log")
        log_layout = QVBoxLayout(log)
        self.model = ContactsTableModel(self)
        self.view = make_table(self.model, "Contacts with the responsible officer",
                               sortable=False)
        wrap_columns(self.view, 2)
        self.view.activated.connect(self._on_view_activated)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.log_summary = hint()
        self.add_button = QPushButton("&Add contact…")
        self.add_button.clicked.connect(self.add_contact)
        self.ack_button = QPushButton("Ac&knowledged…")
        self.ack_button.setToolTip("Record the day the officer acknowledged the chosen contact")
        self.ack_button.clicked.connect(self.acknowledge)
        bar = QHBoxLayout()
        bar.addWidget(self.log_summary, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.ack_button)
        log_layout.addLayout(bar)
        log_layout.addWidget(self.view)
        self.body.addWidget(log)
        self.body.addStretch(1)

    # Showing -----------------------------------------------------------------------------

    def fill(self) -> None:
        record = self.host.state.handover
        for widget, name in ((self.ro_name, "ro_name"),
                             (self.ro_organisation, "ro_organisation"),
                             (self.ro_team, "ro_team"), (self.ro_email, "ro_email"),
                             (self.ro_phone, "ro_phone")):
            set_value(widget, getattr(record, name) if record else None)
        set_value(self.risk_shared, record.risk_info_shared if record else False)
        set_value(self.risk_shared_on, record.risk_info_shared_on if record else None)
        meeting = record.meeting_at if record else None
        set_value(self.meeting_date, meeting.date() if meeting else None)
        set_value(self.meeting_time, meeting.time() if meeting else None)
        set_value(self.meeting_notes, record.meeting_notes if record else None)

    def refresh(self) -> None:
        host = self.host
        record = host.state.handover
        today = host.services.ctx.today()
        deadlines = host.state.deadlines
        opens = deadlines.deadlines.handover_window_opens if deadlines else None
        if deadlines is not None and deadlines.released_on:
            self.window_text.setText(f"Released on {format_date(deadlines.released_on)}.")
        elif opens is None:
            self.window_text.setText("The handover window opens 8 weeks before release; there is "
                                "no release date yet.")
        else:
            state = "opened" if opens <= today else "opens"
            missing = self.missing()
            still = (f" Still to record: {'; '.join(missing)}." if missing and record
                     and (record.contacts or record.ro_name) else "")
            self.window_text.setText(f"The handover window {state} on <b>{format_date(opens)}</b>, "
                                f"8 weeks before release: contact the officer by then.{still}")
        chasers = record.chasers if record else ()
        if chasers:
            contact = chasers[0]
            self.chase.show_message(
                f"Chase now: the {code_text(contact.method).lower()} of "
                f"{format_date(contact.contact_date)} was not acknowledged by "
                f"{format_date(contact.chase_date)}. Contact the officer again and log it.",
                "warning")
        else:
            self.chase.clear()
        contacts = list(record.contacts) if record else []
        self.model.set_rows(contacts)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fit_columns(self.view)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.resizeRowsToContents()
        fit_table_height(self.view, 2, 10)
        waiting = sum(1 for c in contacts if c.acknowledged_on is None)
        self.log_summary.setText(
            "No contacts yet." if not contacts else
            f"{len(contacts)} contact{'s' if len(contacts) != 1 else ''}, newest first; "
            f"{waiting} not acknowledged.")
        started = record is not None
        editable = host.state.editable
        for widget in (self.risk_shared, self.meeting_date, self.meeting_time,
                       self.meeting_notes):
            widget.setEnabled(editable and started)
        self.risk_shared_on.setEnabled(editable and started and self.risk_shared.isChecked())
        self.not_started.setVisible(not started)
        self._update_buttons()

    def missing(self) -> list[str]:
        """What the handover lacks before it counts as done (rule TTG-8)."""
        record = self.host.state.handover
        if record is None:
            return handover_missing(None, None, None, 0, False)
        return handover_missing(record.ro_name, record.ro_email, record.ro_phone,
                                len(record.contacts), record.risk_info_shared)

    def nav_state(self) -> tuple[str, str]:
        record = self.host.state.handover
        if record is not None and record.chasers:
            return "!", "chase the officer"
        missing = self.missing()
        if not missing:
            return "✓", "officer contacted, risk shared"
        if record is not None and (record.contacts or record.ro_name):
            return "…", "still to record: " + "; ".join(missing)
        return "", ""

    def _update_buttons(self, *_args: object) -> None:
        editable = self.host.state.editable
        contact = selected_row(self.view, ContactRow)
        self.add_button.setEnabled(editable)
        self.ack_button.setEnabled(editable and contact is not None
                                   and contact.acknowledged_on is None)

    def set_editable(self, editable: bool) -> None:
        for widget in (self.ro_name, self.ro_organisation, self.ro_team, self.ro_email,
                       self.ro_phone):
            widget.setEnabled(editable)
        self._update_buttons()

    def _on_risk_shared_toggled(self, checked: bool) -> None:
        self.risk_shared_on.setEnabled(self.host.state.editable and checked)
        if checked and not self.risk_shared_on.text().strip():
            self.risk_shared_on.set_date(self.host.services.ctx.today())
            self.mark_dirty("risk")

    # Saving ------------------------------------------------------------------------------

    def _episode_id(self) -> int:
        assert self.host.state.episode is not None
        return self.host.state.episode.id

    def _version(self) -> int:
        if self.host.state.handover is None:
            raise ValidationError({"handover": _NEEDS_HANDOVER})
        return self.host.state.handover.version

    def save_officer(self) -> None:
        record = self.host.state.handover
        saved = self.host.services.handover.save_officer(self._episode_id(), OfficerInput(
            ro_name=text_of(self.ro_name), ro_organisation=text_of(self.ro_organisation),
            ro_team=text_of(self.ro_team), ro_email=text_of(self.ro_email),
            ro_phone=text_of(self.ro_phone), version=record.version if record else None))
        self.host.state.take_handover(saved)

    def save_risk(self) -> None:
        try:
            shared_on = self.risk_shared_on.date()
        except ValueError as exc:
            raise ValidationError({"risk_info_shared_on": str(exc)}) from None
        saved = self.host.services.handover.record_risk_shared(
            self._episode_id(), self.risk_shared.isChecked(), shared_on, self._version())
        self.host.state.take_handover(saved)

    def save_meeting(self) -> None:
        try:
            day, time = self.meeting_date.date(), self.meeting_time.time()
        except ValueError as exc:
            raise ValidationError({"meeting_at": str(exc)}) from None
        at = dt.datetime.combine(day, time or dt.time(9, 0)) if day else None
        saved = self.host.services.handover.save_meeting(
            self._episode_id(), at, text_of(self.meeting_notes), self._version())
        self.host.state.take_handover(saved)

    # Contacts ----------------------------------------------------------------------------

    def add_contact(self) -> None:
        host = self.host
        record = host.state.handover
        host.open_dialog(ContactDialog(host.services.handover, self._episode_id(),
                                       host.services.ctx.today(),
                                       record.ro_name if record else None, self),
                         "Contact logged.", host.state.take_handover)

    def acknowledge(self) -> None:
        contact = selected_row(self.view, ContactRow)
        if contact is None or contact.acknowledged_on is not None:
            return
        host = self.host
        host.open_dialog(AcknowledgeDialog(host.services.handover, contact,
                                           host.services.ctx.today(), self),
                         "Acknowledgement recorded.", host.state.take_handover)

    def _on_view_activated(self, _index: QModelIndex) -> None:
        if self.ack_button.isEnabled():
            self.acknowledge()

    def first_input(self) -> QWidget | None:
        return self.ro_name
