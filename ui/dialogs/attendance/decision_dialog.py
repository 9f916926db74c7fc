"""The enforcement decision on a failure: what the law allows, and why, before anything is saved."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.domain.enforcement import DECISION_LABELS, Decision
from upw_ttg.domain.validation import MAX_LONG_TEXT
from upw_ttg.errors import UpwError, ValidationError
from upw_ttg.records.attendance import DecisionInfo, EnforcementActionRow
from upw_ttg.services.attendance.enforcement import EnforcementService

from ui.dialogs.form_dialog import FormDialog, optional_text, read_date
from ui.formatting import format_date
from ui.models.attendance.list_models import ActionsTableModel
from ui.widgets.date_field import DateField
from ui.widgets.language_combos import LanguageCombo, language_row
from ui.widgets.tables import fit_columns, make_table

LAW = ("Sentencing Act 2020, Schedule 10 paragraph 6 and Schedule 16 paragraph 6: a person who "
       "has had a warning in the previous 12 months must be referred for breach; otherwise "
       "the officer gives a warning or refers.")
_CHOICE_TEXT = {Decision.WARN: "Give a first &warning (EA02)",
                Decision.REFER: "&Refer for breach (BRE01)"}


def _facts_text(info: DecisionInfo) -> list[tuple[str, str]]:
    due = format_date(info.decision_due, "not set")
    if info.overdue:
        due = f"<b style='color:#b3261e'>{due} – overdue</b>"
    return [("Person", f"<b>{info.name}</b> ({info.crn})"),
            ("Failure", f"{info.outcome_description} on {info.failed_on:%A} "
                        f"{format_date(info.failed_on)}, {info.project_name}"),
            ("Decision due", due),
            ("Breach to be laid by", format_date(info.breach_due))]


def _circumstances_hint(must_refer: bool) -> str:
    if must_refer:
        return "What happened, recorded with the referral and shown on the breach summary."
    return ("What happened, in words fit for the person to read: a warning letter prints "
            "them. No risk, health or offence details.")


def _preview_text(must_refer: bool) -> str:
    return ("&Preview the breach summary after recording" if must_refer
            else "&Preview the letter after recording")


class DecisionDialog(FormDialog):
    """Warn or refer, offering only the choices ``DecisionInfo.choices`` allows.

    When a warning in the previous 12 months leaves referral as the only lawful choice, the
    warning option is not shown at all and the dialog says why. The decision is dated the
    day it was taken (today unless changed); an earlier date asks why it is recorded late,
    and the law's choices are read again for that date.
    """

    def __init__(self, service: EnforcementService, info: DecisionInfo,
                 history: list[EnforcementActionRow], parent: QWidget | None = None):
        super().__init__(f"Enforcement decision – {info.name}", None, parent,
                         save_text="Record &decision")
        self._service = service
        self.info = info
        self._today = info.as_of
        self._only_choice_checked = False
        facts = QFormLayout()
        for caption, text in _facts_text(info):
            value = QLabel(text)
            value.setWordWrap(True)
            facts.addRow(f"{caption}:", value)
        self.header.addLayout(facts)

        self.law = QGroupBox("What the law allows")
        law_layout = QVBoxLayout(self.law)
        self.explanation = QLabel(info.explanation)
        self.explanation.setWordWrap(True)
        law_layout.addWidget(self.explanation)
        self.only = QLabel("<b>Refer for breach is the only choice.</b> A further warning is "
                           "not allowed.")
        self.only.setWordWrap(True)
        law_layout.addWidget(self.only)
        source = QLabel(LAW)
        source.setObjectName("Hint")
        source.setWordWrap(True)
        law_layout.addWidget(source)
        self.choice_group = QButtonGroup(self)
        # Every decision has a button; ``choice_buttons`` holds those the law allows now.
        self._buttons: dict[Decision, QRadioButton] = {}
        self.choice_buttons: dict[Decision, QRadioButton] = {}
        choices = QWidget()
        choices_layout = QVBoxLayout(choices)
        choices_layout.setContentsMargins(0, 4, 0, 0)
        for decision in Decision:
            button = QRadioButton(_CHOICE_TEXT.get(decision, DECISION_LABELS[decision]))
            self.choice_group.addButton(button)
            self._buttons[decision] = button
            choices_layout.addWidget(button)
        choices.setAccessibleName("Decision")
        choice_form = QFormLayout()
        self.fields.add_row(choice_form, "choice", "", choices)
        law_layout.addLayout(choice_form)
        self.header.addWidget(self.law)

        form = QFormLayout()
        self.decided_on = DateField()
        self.decided_on.set_date(info.as_of)
        self.fields.add_row(form, "action_date", "Date of the d&ecision", self.decided_on,
                            "The day the decision was taken: the 12 months of a warning and "
                            "the person's time to respond count from it.")
        self.decided_on.textChanged.connect(self._on_decided_on_text_changed)
        self.late_reason = QLineEdit()
        self.late_reason.setMaxLength(400)
        self.late_reason_label = self.fields.add_row(
            form, "late_reason", "&Why it is recorded late", self.late_reason,
            "The date is before today, so say why the decision was not recorded on the day.")
        self._form = form
        self.circumstances = QPlainTextEdit()
        self.circumstances.setTabChangesFocus(True)
        self.circumstances.setFixedHeight(self.fontMetrics().height() * 4 + 16)
        self.fields.add_row(form, "circumstances", "&Circumstances", self.circumstances,
                            _circumstances_hint(info.must_refer))
        row = self.circumstances.parentWidget()
        hint = row.findChild(QLabel, "Hint") if row is not None else None
        assert hint is not None  # the row was given its hint just above
        self._circumstances_hint = hint
        self.language = LanguageCombo()
        self.preview = QCheckBox(_preview_text(info.must_refer))
        self.preview.setChecked(True)
        self.preview.setToolTip("The warning letter for a warning; the breach summary for the "
                                "court file for a referral.")
        self.body.addLayout(form)
        letter = language_row(self.language)
        letter.addSpacing(16)
        letter.addWidget(self.preview)
        letter.addStretch(1)
        self.body.addLayout(letter)
        if history:
            model = ActionsTableModel(self)
            model.set_rows(history)
            self.history = make_table(model, "Earlier enforcement actions on this order",
                                      sortable=False)
            self.history.setMaximumHeight(150)
            fit_columns(self.history)
            label = QLabel("Earlier actions on this &order:")
            label.setBuddy(self.history)
            self.body.addWidget(label)
            self.body.addWidget(self.history)
        if info.decided is not None:
            decided = info.decided
            self.banner.show_message(
                f"A decision is already recorded: {decided.code} {decided.description} on "
                f"{format_date(decided.action_date)}" + (f" by {decided.staff}." if decided.staff
                                                          else "."), "info")
            self.save_button.setEnabled(False)
        self._show_choices(info)
        self._show_late_reason(info.as_of)
        self.resize(780, self.sizeHint().height())

    def _show_choices(self, info: DecisionInfo) -> None:
        """The explanation and the buttons the law allows for a decision on ``info.as_of``.

        A choice the dialog made because it was the only one is taken back when a second
        becomes lawful, so the officer chooses; a choice the officer made is kept if allowed.
        """
        self.explanation.setText(info.explanation)
        self.only.setVisible(info.must_refer)
        self._circumstances_hint.setText(_circumstances_hint(info.must_refer))
        self.preview.setText(_preview_text(info.must_refer))
        self.choice_buttons = {d: self._buttons[d] for d in info.choices}
        for decision, button in self._buttons.items():
            allowed = decision in self.choice_buttons
            if button.isChecked() and (not allowed or (self._only_choice_checked
                                                       and len(info.choices) > 1)):
                self.choice_group.setExclusive(False)
                button.setChecked(False)
                self.choice_group.setExclusive(True)
            button.setVisible(allowed)
        self._only_choice_checked = len(info.choices) == 1
        if self._only_choice_checked:
            self.choice_buttons[info.choices[0]].setChecked(True)

    def _show_late_reason(self, day: dt.date | None) -> None:
        late = day is not None and day < self._today
        self._form.setRowVisible(self.late_reason_label, late)

    def _on_decided_on_text_changed(self, _text: str) -> None:
        try:
            day = self.decided_on.date()
        except ValueError:
            return  # a date still being typed; the save says what is wrong with it
        self._show_late_reason(day)
        if day is None or day > self._today or day < self.info.failed_on:
            return
        try:
            info = self._service.decision(self.info.appointment_id, day)
        except UpwError:
            return
        self._show_choices(info)

    def chosen(self) -> Decision | None:
        return next((d for d, b in self.choice_buttons.items() if b.isChecked()), None)

    def collect(self) -> dict:
        choice = self.chosen()
        text = self.circumstances.toPlainText()
        problems: dict[str, str] = {}
        decided_on = read_date(self.fields, "action_date", problems)
        if decided_on is None and "action_date" not in problems:
            problems["action_date"] = "Enter the date the decision was taken."
        if choice is None:
            problems["choice"] = "Choose a warning or a referral for breach."
        if len(text) > MAX_LONG_TEXT:
            problems["circumstances"] = f"Keep this to {MAX_LONG_TEXT} characters."
        if problems:
            raise ValidationError(problems)
        assert choice is not None
        late = optional_text(self.late_reason) \
            if decided_on is not None and decided_on < self._today else None
        return {"choice": choice, "circumstances": text, "decided_on": decided_on,
                "late_reason": late}

    def save(self, data: dict) -> EnforcementActionRow:
        return self._service.decide(self.info.appointment_id, data["choice"],
                                    circumstances=data["circumstances"],
                                    decided_on=data["decided_on"],
                                    late_reason=data["late_reason"])
