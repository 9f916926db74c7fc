"""Forms for referrals to providers: add or update one, or withdraw it with a coded reason."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from upw_ttg.domain.codes import ReferralStatus
from upw_ttg.errors import ValidationError
from upw_ttg.records.directory import REFERRAL_ROUTE_LABELS, ProviderChoice, ProviderContact
from upw_ttg.records.pathways import PathwayRow
from upw_ttg.services.ttg.records import ReferralInput, ReferralRecord
from upw_ttg.services.ttg.referrals import ReferralService

from ui.dialogs.form_dialog import FormDialog, read_date
from ui.formatting import format_date
from ui.views.ttg.fields import code_combo
from ui.widgets.date_field import DateField

# How long a provider usually takes to answer, to suggest the expected date.
ANSWER_DAYS = 14
# The provider list's last item: one not in the directory, typed by name.
OTHER_PROVIDER = -1


def contact_text(contact: ProviderContact) -> str:
    """A provider's phone, email, hours and how to refer, on two lines."""
    reach = " · ".join(x for x in (contact.phone, contact.email, contact.opening_hours) if x)
    how = ""
    if contact.referral_route is not None:
        how = f"Refer by: {REFERRAL_ROUTE_LABELS[contact.referral_route]}"
        if contact.referral_how:
            how += f". {contact.referral_how}"
    return "\n".join(x for x in (reach or "No contact details in the directory yet.", how) if x)


class ReferralDialog(FormDialog):
    """A new referral for ``plan_id`` (``record`` None) or an update of ``record``."""

    def __init__(self, referrals: ReferralService, plan_id: int, pathways: list[PathwayRow],
                 today: dt.date, record: ReferralRecord | None = None,
                 pathway_code: str | None = None, parent: QWidget | None = None):
        title = "New referral" if record is None else "Update referral"
        intro = ("Record the referral when it is sent; come back when the provider answers."
                 if record is None else "Record the provider's answer and what came of it.")
        super().__init__(title, intro, parent)
        self._referrals = referrals
        self._plan_id = plan_id
        self._record = record
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.pathway = QComboBox()
        self.pathway.addItem("Choose the pathway…", "")
        for pathway in pathways:
            self.pathway.addItem(pathway.name, pathway.code)
        self.fields.add_row(form, "pathway_code", "&Pathway", self.pathway)
        # Providers come from the directory of local services (rule TTG-DIR3); one not in it
        # is typed by name.
        self.provider_choice = QComboBox()
        self.provider_choice.setAccessibleName("Provider")
        self.provider = QLineEdit()
        self.provider.setMaxLength(120)
        self.provider.setAccessibleName("Provider not in the directory")
        self.provider.setPlaceholderText("The provider's name")
        self.provider_details = QLabel()
        self.provider_details.setObjectName("Hint")
        self.provider_details.setWordWrap(True)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        for widget in (self.provider_choice, self.provider, self.provider_details):
            column.addWidget(widget)
        self.fields.add_row(form, "provider", "Pro&vider", holder)
        self.provider_choice.currentIndexChanged.connect(self._provider_changed)
        self.sent_on = DateField()
        self.fields.add_row(form, "sent_on", "Sent &on", self.sent_on)
        self.expected = DateField()
        self.fields.add_row(form, "response_expected_by", "Answer &expected by", self.expected)
        self.status = code_combo(
            [s for s in ReferralStatus if s != ReferralStatus.WITHDRAWN] if record is not None
            else [ReferralStatus.SENT, ReferralStatus.ACCEPTED])
        self.fields.add_row(form, "status", "Stat&us", self.status)
        self.outcome = QLineEdit()
        self.outcome.setMaxLength(400)
        self.outcome.setPlaceholderText("e.g. Bed space offered at Hull hostel from release day")
        self.fields.add_row(form, "outcome", "Ou&tcome", self.outcome,
                            hint="Needed when the provider declines or the work is complete.")
        self.body.addLayout(form)
        data = record and ReferralInput(
            record.pathway_code, record.provider, record.sent_on, record.response_expected_by,
            record.status, record.outcome, record.withdrawn_reason_code, record.version,
            record.provider_id)
        data = data or ReferralInput(pathway_code=pathway_code or "", sent_on=today,
                                     response_expected_by=today + dt.timedelta(ANSWER_DAYS))
        self._data = data
        self.pathway.setCurrentIndex(max(0, self.pathway.findData(data.pathway_code)))
        self._choices: list[ProviderChoice] = []
        self._fill_providers(data.provider_id)
        self.pathway.currentIndexChanged.connect(lambda _i: self._fill_providers(
            self.provider_choice.currentData()))
        self.provider.setText(data.provider if data.provider_id is None else "")
        self.sent_on.set_date(data.sent_on)
        self.expected.set_date(data.response_expected_by)
        self.status.setCurrentIndex(max(0, self.status.findData(data.status)))
        self.outcome.setText(data.outcome or "")
        self.resize(640, self.sizeHint().height())

    def collect(self) -> ReferralInput:
        problems: dict[str, str] = {}
        sent = read_date(self.fields, "sent_on", problems)
        expected = read_date(self.fields, "response_expected_by", problems)
        if problems:
            raise ValidationError(problems)
        choice = self.provider_choice.currentData()
        return dataclasses.replace(
            self._data, pathway_code=self.pathway.currentData(),
            provider_id=choice if choice != OTHER_PROVIDER else None,
            provider=self.provider.text() if choice == OTHER_PROVIDER else "",
            sent_on=sent, response_expected_by=expected, status=self.status.currentData(),
            outcome=self.outcome.text() or None)

    def _fill_providers(self, keep: int | None) -> None:
        """The directory's providers for the chosen pathway: the person's area first."""
        combo = self.provider_choice
        combo.blockSignals(True)
        combo.clear()
        self._choices = self._referrals.provider_choices(self._plan_id,
                                                         self.pathway.currentData() or None)
        combo.addItem("Choose the provider…", None)
        for choice in self._choices:
            text = choice.name if choice.in_area else f"{choice.name} (serves {choice.areas_text})"
            combo.addItem(text, choice.id)
        record = self._record
        if record is not None and record.provider_id is not None \
                and combo.findData(record.provider_id) < 0:
            # Kept by a referral made before the provider stopped taking new ones.
            combo.addItem(record.provider, record.provider_id)
        combo.addItem("Not in the directory: type its name", OTHER_PROVIDER)
        if keep is None and record is not None and record.provider_id is None \
                and record.provider:
            keep = OTHER_PROVIDER
        combo.setCurrentIndex(max(0, combo.findData(keep)))
        combo.blockSignals(False)
        self._provider_changed()

    def _provider_changed(self, *_args: object) -> None:
        value = self.provider_choice.currentData()
        self.provider.setVisible(value == OTHER_PROVIDER)
        choice = next((c for c in self._choices if c.id == value), None)
        if value == OTHER_PROVIDER:
            text = ("Only the name prints on the person's papers. Ask an administrator to add "
                    "the provider to Local services so its details print.")
        elif choice is not None:
            text = contact_text(choice.contact)
        else:
            text = "" if self._choices else ("No provider in the directory helps with this "
                                             "pathway yet.")
        self.provider_details.setText(text)
        self.provider_details.setVisible(bool(text))
        if self.isVisible():
            self.fit_contents(shrink=True)

    def save(self, data: ReferralInput) -> ReferralRecord:
        if self._record is None:
            return self._referrals.create(self._plan_id, data)
        return self._referrals.update(self._record.id, data)


class WithdrawReferralDialog(FormDialog):
    """Withdraw a referral with one of the coded reasons (and a note for 'other')."""

    def __init__(self, referrals: ReferralService, record: ReferralRecord,
                 parent: QWidget | None = None):
        super().__init__("Withdraw referral",
                         f"{record.provider} ({record.pathway_name}), sent "
                         f"{format_date(record.sent_on)}. The reason is kept with it.",
                         parent, "&Withdraw")
        self._referrals = referrals
        self._record = record
        form = QFormLayout()
        self.reason = QComboBox()
        self.reason.addItem("Choose the reason…", None)
        for code, text in referrals.withdrawn_reasons():
            self.reason.addItem(text, code)
        self.fields.add_row(form, "withdrawn_reason_code", "&Reason", self.reason)
        self.note = QLineEdit()
        self.note.setMaxLength(400)
        self.fields.add_row(form, "outcome", "&Note", self.note,
                            hint="Needed when the reason is ‘Other’.")
        self.body.addLayout(form)
        self.resize(520, self.sizeHint().height())

    def collect(self) -> tuple[str | None, str | None]:
        return self.reason.currentData(), self.note.text() or None

    def save(self, data: tuple[str | None, str | None]) -> ReferralRecord:
        code, note = data
        return self._referrals.withdraw(self._record.id, code or "", self._record.version,
                                        note)
