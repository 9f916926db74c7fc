"""Forms for referrals to providers: add or update one, or withdraw it with a coded reason."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from upw_ttg.domain.codes import ReferralStatus
from upw_ttg.errors import ValidationError
from upw_ttg.records.pathways import PathwayRow
from upw_ttg.records.ttg import ReferralInput, ReferralRecord
from upw_ttg.services.ttg.referrals import ReferralService

from ui.dialogs.form_dialog import FormDialog, read_date
from ui.formatting import format_date
from ui.widgets.code_combo import code_combo
from ui.widgets.date_field import DateField
from ui.widgets.provider_picker import ProviderPicker

# How long a provider usually takes to answer, to suggest the expected date.
ANSWER_DAYS = 14


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
        self.picker = ProviderPicker(
            lambda code: referrals.provider_choices(plan_id, code), "Provider",
            other_hint="Only the name prints on the person's papers. Ask an administrator to "
                       "add the provider to Local services so its details print.")
        self.provider_choice, self.provider = self.picker.combo, self.picker.typed
        self.provider_details = self.picker.details
        self.fields.add_row(form, "provider", "Pro&vider", self.picker)
        self.picker.resized.connect(self._provider_resized)
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
        self.picker.set_pathway(data.pathway_code or None)
        self.picker.set_value(data.provider_id, data.provider if data.provider_id is None
                              else None, record.provider if record else None)
        self.pathway.currentIndexChanged.connect(
            lambda _i: self.picker.set_pathway(self.pathway.currentData() or None))
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
        return dataclasses.replace(
            self._data, pathway_code=self.pathway.currentData(),
            provider_id=self.picker.provider_id(),
            provider=self.provider.text() if self.picker.is_other() else "",
            sent_on=sent, response_expected_by=expected, status=self.status.currentData(),
            outcome=self.outcome.text() or None)

    def _provider_resized(self) -> None:
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
