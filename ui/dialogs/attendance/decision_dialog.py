"""The enforcement decision on a failure: what the law allows, and why, before anything is saved."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QFormLayout, QGroupBox, QLabel, QPlainTextEdit, QRadioButton,
    QVBoxLayout, QWidget,
)

from upw_ttg.domain.enforcement import DECISION_LABELS, Decision
from upw_ttg.domain.validation import MAX_LONG_TEXT
from upw_ttg.errors import ValidationError
from upw_ttg.services.attendance.enforcement import EnforcementService
from upw_ttg.services.attendance.records import DecisionInfo, EnforcementActionRow
from ui.dialogs.form_dialog import FormDialog
from ui.formatting import format_date
from ui.models.attendance.list_models import ActionsTableModel
from ui.views.attendance.common import LanguageCombo, language_row
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


class DecisionDialog(FormDialog):
    """Warn or refer, offering only the choices ``DecisionInfo.choices`` allows.

    When a warning in the previous 12 months leaves referral as the only lawful choice, the
    warning option is not shown at all and the dialog says why.
    """

    def __init__(self, service: EnforcementService, info: DecisionInfo,
                 history: list[EnforcementActionRow], parent: QWidget | None = None):
        super().__init__(f"Enforcement decision – {info.name}", None, parent,
                         save_text="Record &decision")
        self._service = service
        self.info = info
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
        if info.must_refer:
            only = QLabel("<b>Refer for breach is the only choice.</b> A further warning is "
                          "not allowed.")
            only.setWordWrap(True)
            law_layout.addWidget(only)
        source = QLabel(LAW)
        source.setObjectName("Hint")
        source.setWordWrap(True)
        law_layout.addWidget(source)
        self.choice_group = QButtonGroup(self)
        self.choice_buttons: dict[Decision, QRadioButton] = {}
        choices = QWidget()
        choices_layout = QVBoxLayout(choices)
        choices_layout.setContentsMargins(0, 4, 0, 0)
        for decision in info.choices:
            button = QRadioButton(_CHOICE_TEXT.get(decision, DECISION_LABELS[decision]))
            self.choice_group.addButton(button)
            self.choice_buttons[decision] = button
            choices_layout.addWidget(button)
        if len(info.choices) == 1:
            self.choice_buttons[info.choices[0]].setChecked(True)
        choices.setAccessibleName("Decision")
        choice_form = QFormLayout()
        self.fields.add_row(choice_form, "choice", "", choices)
        law_layout.addLayout(choice_form)
        self.header.addWidget(self.law)

        form = QFormLayout()
        self.circumstances = QPlainTextEdit()
        self.circumstances.setTabChangesFocus(True)
        self.circumstances.setFixedHeight(self.fontMetrics().height() * 4 + 16)
        self.fields.add_row(
            form, "circumstances", "&Circumstances", self.circumstances,
            "What happened, recorded with the referral and shown on the breach summary."
            if info.must_refer else "What happened, in words fit for the person to read: a "
            "warning letter prints them. No risk, health or offence details.")
        self.language = LanguageCombo()
        self.preview = QCheckBox("&Preview the breach summary after recording"
                                 if info.must_refer else
                                 "&Preview the letter after recording")
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
        self.resize(780, self.sizeHint().height())

    def chosen(self) -> Decision | None:
        return next((d for d, b in self.choice_buttons.items() if b.isChecked()), None)

    def collect(self) -> tuple[Decision, str]:
        choice = self.chosen()
        text = self.circumstances.toPlainText()
        problems = {}
        if choice is None:
            problems["choice"] = "Choose a warning or a referral for breach."
        if len(text) > MAX_LONG_TEXT:
            problems["circumstances"] = f"Keep this to {MAX_LONG_TEXT} characters."
        if problems:
            raise ValidationError(problems)
        assert choice is not None
        return choice, text

    def save(self, data: tuple[Decision, str]) -> EnforcementActionRow:
        choice, text = data
        return self._service.decide(self.info.appointment_id, choice, circumstances=text)
