"""The plan's required sections: strengths, diversity, risk of harm, agreement and consent."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.domain.codes import Language, MappaLevel, RiskLevel
from upw_ttg.domain.resettlement import STRENGTH_KINDS, PlanSection
from upw_ttg.errors import ValidationError
from upw_ttg.records.ttg import (
    AgreementInput,
    ConsentRow,
    DiversityNeedRow,
    RiskInput,
    StrengthRow,
)

from ui.dialogs.ttg.plan_dialogs import DiversityNeedDialog
from ui.models.table_model import RowTableModel
from ui.models.ttg.plan_models import ConsentsTableModel, DiversityTableModel, StrengthsTableModel
from ui.views.ttg.actions_box import ActionsBox
from ui.views.ttg.fields import long_text, set_value, text_of
from ui.views.ttg.section import SectionPage
from ui.widgets.code_combo import choice_combo, code_combo
from ui.widgets.date_field import DateField
from ui.widgets.labels import hint
from ui.widgets.tables import fit_columns, fit_table_height, make_table, selected_row, wrap_columns

if TYPE_CHECKING:
    from ui.views.ttg.host import PlanHost


class RequiredPage(SectionPage):
    """A section the completion gate checks; the section list shows whether it is answered."""

    sections: tuple[PlanSection, ...] = ()

    def gaps(self) -> list[str]:
        plan = self.host.state.plan
        if plan is None:
            return []
        return [m for s, m in plan.gaps if s in self.sections]

    def nav_state(self) -> tuple[str, str]:
        gaps = self.gaps()
        if not gaps:
            return "✓", "answered"
        return "!", f"{len(gaps)} to answer" if len(gaps) > 1 else "to answer"

    def table(self, model: RowTableModel, name: str, rows: int = 4) -> QTableView:
        return make_table(model, name, sortable=False)

    @staticmethod
    def fit(view: QTableView, stretch: int) -> None:
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fit_columns(view)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        view.resizeRowsToContents()
        fit_table_height(view, 1, 8)


class StrengthsPage(RequiredPage):
    key, nav_text = "strengths", "Strengths and protective factors"
    sections = (PlanSection.STRENGTHS,)

    def __init__(self, host: PlanHost):
        super().__init__(host, "Strengths and protective factors",
                         "What is going well for them and what keeps them safe: family, work "
                         "skills, faith, staying drug-free. Inspectors look for this. The person's "
                         "own copy prints the wording for them where you give one, otherwise "
                         "the staff wording.")
        box = QGroupBox("Recorded")
        layout = QVBoxLayout(box)
        self.model = StrengthsTableModel(self)
        self.view = self.table(self.model, "Strengths and protective factors")
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        # Either wording is corrected in its cell: double-click, F2 or "Change wording".
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.model.edited.connect(self.update_strength)
        self.empty = hint("None recorded yet.")
        self.kind = choice_combo(STRENGTH_KINDS.items())
        self.kind.setAccessibleName("Strength or protective factor")
        self.description = QLineEdit()
        self.description.setMaxLength(400)
        self.description.setPlaceholderText("e.g. Close to his sister, who visits weekly")
        self.description.returnPressed.connect(self.add_strength)
        self.persons_wording = QLineEdit()
        self.persons_wording.setMaxLength(400)
        self.persons_wording.setPlaceholderText("Optional, as they will read it on their copy, "
                                                "e.g. You are close to your sister")
        self.persons_wording.setAccessibleName("Wording for the person's copy")
        self.persons_wording.returnPressed.connect(self.add_strength)
        self.add_button = QPushButton("&Add")
        self.add_button.clicked.connect(self.add_strength)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_strength)
        self.wording_button = QPushButton("C&hange wording for them")
        self.wording_button.setToolTip("Edit the selected strength's wording for the person's "
                                       "copy here (or double-click either wording, or F2)")
        self.wording_button.clicked.connect(self.edit_wording)
        form = QFormLayout()
        self.fields.add_row(form, "description", "&New", self.description)
        self.fields.add_row(form, "persons_wording", "&For them", self.persons_wording)
        add = QHBoxLayout()
        add.addWidget(self.kind, 0, Qt.AlignmentFlag.AlignTop)
        add.addLayout(form, 1)
        add.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(self.empty)
        layout.addWidget(self.view)
        layout.addLayout(add)
        tools = QHBoxLayout()
        edit_hint = hint("Double-click a wording to correct it.")
        edit_hint.setWordWrap(False)
        tools.addWidget(edit_hint)
        tools.addStretch(1)
        tools.addWidget(self.wording_button)
        tools.addWidget(self.remove_button)
        layout.addLayout(tools)
        self.body.addWidget(box)

        none_box = QGroupBox("If none can be identified")
        none_form = QFormLayout(none_box)
        fields = self.field_set("none")
        self.none = QCheckBox("None &identified with the person")
        fields.add_row(none_form, "strengths_none_identified", "", self.none)
        self.none.setAccessibleName("No strengths or protective factors identified")
        self.reason = QLineEdit()
        self.reason.setMaxLength(400)
        self.reason.setPlaceholderText("e.g. Would not discuss it today; to revisit at review")
        fields.add_row(none_form, "strengths_none_reason", "&Why", self.reason)
        self.watch("none", self.none, self.reason)
        self.none.toggled.connect(lambda on: self.reason.setEnabled(on and host.state.editable))
        self.body.addWidget(none_box)
        self.body.addStretch(1)

    def fill(self) -> None:
        plan = self.host.state.plan
        set_value(self.none, plan.strengths_none_identified if plan else False)
        set_value(self.reason, plan.strengths_none_reason if plan else None)
        self.description.clear()
        self.persons_wording.clear()

    def refresh(self) -> None:
        plan = self.host.state.plan
        rows = list(plan.strengths) if plan else []
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.fit(self.view, 1)
        editable = self.host.state.editable
        self.none.setEnabled(editable and not rows)
        self.reason.setEnabled(editable and not rows and self.none.isChecked())
        self.none.setToolTip("Strengths are recorded, so this does not apply." if rows else "")
        if rows and self.none.isChecked():
            set_value(self.none, False)
            set_value(self.reason, None)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        editable = self.host.state.editable
        self.add_button.setEnabled(editable)
        self.kind.setEnabled(editable)
        self.description.setEnabled(editable)
        self.persons_wording.setEnabled(editable)
        self.model.editable = editable
        chosen = selected_row(self.view) is not None
        self.remove_button.setEnabled(editable and chosen)
        self.wording_button.setEnabled(editable and chosen)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self._update_buttons()

    def save_none(self) -> None:
        plan = self.host.state.plan
        assert plan is not None
        saved = self.host.services.plans.set_no_strengths(
            plan.id, self.none.isChecked(), text_of(self.reason), plan.version)
        self.host.state.take_plan(saved)

    def add_strength(self) -> None:
        plan = self.host.state.plan
        if plan is None:
            return
        self.fields.clear()
        kind, text = self.kind.currentData(), self.description.text()
        wording = text_of(self.persons_wording)
        plans = self.host.services.plans
        if self.host.run(self, lambda: plans.add_strength(
                plan.id, kind, text, plan.version, wording),
                "Strength added."):
            self.description.clear()
            self.persons_wording.clear()
            self.description.setFocus()

    def edit_wording(self) -> None:
        """Open the selected strength's wording for the person for editing, in its cell."""
        current = self.view.currentIndex()
        if not current.isValid() or not self.model.editable:
            return
        cell = self.model.index(current.row(), self.model.PERSONS_WORDING)
        self.view.setCurrentIndex(cell)
        self.view.edit(cell)

    def update_strength(self, row, description: str, wording: str) -> None:
        """Save a wording edited in its cell against the plan's version; a refused save leaves
        the old wording shown and says why."""
        plan = self.host.state.plan
        if plan is None:
            return
        plans = self.host.services.plans
        self.host.run(None, lambda: plans.update_strength(
            row.id, description, wording or None, plan.version), "Wording saved.")

    def remove_strength(self) -> None:
        row, plan = selected_row(self.view, StrengthRow), self.host.state.plan
        if row is None or plan is None \
                or not self.host.confirm("Remove", f"Remove “{row.description}”?"):
            return
        plans = self.host.services.plans
        self.host.run(self, lambda: plans.remove_strength(row.id, plan.version),
                        "Removed.")

    def first_input(self) -> QWidget | None:
        return self.description


class DiversityPage(RequiredPage):
    key, nav_text = "diversity", "Diversity and accessibility"
    sections = (PlanSection.DIVERSITY,)

    def __init__(self, host: PlanHost):
        super().__init__(host, "Diversity and accessibility needs",
                         "Language (Welsh, an interpreter), literacy, disability, "
                         "neurodiversity, age, faith, care leaver, veteran, foreign national, "
                         "pregnancy or caring role. Each need says how the plan changes.")
        self.on_record = hint()
        self.body.addWidget(self.on_record)
        box = QGroupBox("Needs and adjustments")
        layout = QVBoxLayout(box)
        self.model = DiversityTableModel(self)
        self.view = self.table(self.model, "Diversity and accessibility needs")
        wrap_columns(self.view, 1, 2)
        self.view.activated.connect(self._on_view_activated)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty = hint("No needs recorded.")
        self.add_button = QPushButton("&Add a need…")
        self.edit_button = QPushButton("Edit…")
        self.remove_button = QPushButton("Remove")
        for button, slot in ((self.add_button, self.add_need), (self.edit_button, self.edit_need),
                             (self.remove_button, self.remove_need)):
            button.clicked.connect(slot)
        bar = QHBoxLayout()
        bar.addWidget(self.empty, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.remove_button)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.body.addWidget(box)
        none_box = QGroupBox("If there are none")
        none_form = QFormLayout(none_box)
        self.considered = QCheckBox("C&onsidered with the person: no diversity or "
                                    "accessibility needs")
        self.field_set("considered").add_row(none_form, "diversity_considered", "",
                                             self.considered)
        self.considered.setAccessibleName("Considered: no diversity or accessibility needs")
        self.watch("considered", self.considered)
        self.body.addWidget(none_box)
        self.body.addStretch(1)

    def fill(self) -> None:
        plan, person = self.host.state.plan, self.host.state.person
        # "None" means considered with nothing found: never ticked beside a recorded need.
        set_value(self.considered, bool(plan and plan.diversity_considered
                                        and not plan.diversity_needs))
        notes = []
        if person is not None:
            if person.preferred_language == Language.WELSH:
                notes.append("prefers Welsh")
            elif person.preferred_language == Language.OTHER and person.other_language:
                notes.append(f"speaks {person.other_language}")
            if person.interpreter_needed:
                notes.append("needs an interpreter")
        self.on_record.setText(f"On their record: {', '.join(notes)}. Record each with its "
                               "adjustment." if notes else "")
        self.on_record.setVisible(bool(notes))

    def refresh(self) -> None:
        plan = self.host.state.plan
        rows = list(plan.diversity_needs) if plan else []
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.fit(self.view, 2)
        if "considered" not in self.dirty_parts():
            set_value(self.considered, bool(plan and plan.diversity_considered and not rows))
        self.considered.setEnabled(self.host.state.editable and not rows)
        self.considered.setToolTip(
            "Needs are recorded, so there are some: remove them all to say there are none."
            if rows else "Tick when you have asked and there are no needs to record.")
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        editable = self.host.state.editable
        chosen = selected_row(self.view) is not None
        self.add_button.setEnabled(editable)
        self.edit_button.setEnabled(editable and chosen)
        self.remove_button.setEnabled(editable and chosen)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self._update_buttons()

    def save_considered(self) -> None:
        plan = self.host.state.plan
        assert plan is not None
        saved = self.host.services.plans.set_diversity_considered(
            plan.id, self.considered.isChecked(), plan.version)
        self.host.state.take_plan(saved)

    def _dialog(self, record) -> DiversityNeedDialog:
        host = self.host

        def save(category, description, adjustment, row_id):
            plan = host.state.plan
            assert plan is not None  # the page is only shown with a plan
            return host.services.plans.save_diversity_need(
                plan.id, category, description, adjustment, plan.version, row_id)
        return DiversityNeedDialog(save, record, self)

    def add_need(self) -> None:
        self.host.open_dialog(self._dialog(None), "Diversity need added.",
                              self.host.state.take_plan)

    def edit_need(self) -> None:
        row = selected_row(self.view)
        if row is not None:
            self.host.open_dialog(self._dialog(row), "Diversity need saved.",
                                  self.host.state.take_plan)

    def _on_view_activated(self, _index: QModelIndex) -> None:
        if self.edit_button.isEnabled():
            self.edit_need()

    def remove_need(self) -> None:
        row, plan = selected_row(self.view, DiversityNeedRow), self.host.state.plan
        if row is None or plan is None \
                or not self.host.confirm("Remove", f"Remove “{row.description}”?"):
            return
        plans = self.host.services.plans
        self.host.run(self, lambda: plans.remove_diversity_need(row.id, plan.version),
                      "Removed.")

    def first_input(self) -> QWidget | None:
        return self.add_button


class RiskPage(RequiredPage):
    key, nav_text = "risk", "Risk of harm"
    sections = (PlanSection.RISK,)

    def __init__(self, host: PlanHost):
        super().__init__(host, "Risk of harm",
                         "Staff only: never printed on the person's copy or release sheet.")
        fields = self.field_set("risk")
        top = QGroupBox("Level")
        form = QFormLayout(top)
        self.level = code_combo(RiskLevel, "Not assessed yet")
        fields.add_row(form, "level", "Risk of harm &level", self.level)
        self.mappa = code_combo(MappaLevel, "Not known yet")
        fields.add_row(form, "mappa_level", "&MAPPA", self.mappa)
        self.summary = long_text(4, "Who may be at risk, of what, when, and how the plan "
                                    "manages it")
        fields.add_row(form, "summary", "S&ummary", self.summary)
        self.body.addWidget(top)
        checks = QHBoxLayout()
        self.checks: dict[str, tuple[DateField, DateField, QLineEdit]] = {}
        for prefix, title, keys in (("da", "Domestic abuse check", ("Re&quested", "Came &back",
                                                                    "Ou&tcome")),
                                    ("cs", "Child safeguarding check", ("Requested",
                                                                        "Came back",
                                                                        "Outcome"))):
            box = QGroupBox(title)
            check_form = QFormLayout(box)
            requested, received, outcome = DateField(), DateField(), QLineEdit()
            outcome.setMaxLength(200)
            for widget, name, text in ((requested, "requested", keys[0]),
                                       (received, "received", keys[1]),
                                       (outcome, "outcome", keys[2])):
                widget.setAccessibleName(f"{title}: {text.replace('&', '').lower()}")
                fields.add_row(check_form, f"{prefix}_check_{name}", text, widget)
            self.checks[prefix] = (requested, received, outcome)
            checks.addWidget(box, 1)
        self.body.addLayout(checks)
        self.watch("risk", self.level, self.mappa, self.summary,
                   *(w for trio in self.checks.values() for w in trio))
        self.actions_box = ActionsBox("Actions that manage the risk", self, host,
                                  lambda a: a.manages_risk, lambda: (None, True),
                                  "No action is marked as managing the risk yet.")
        self.actions_box.add_button.setText("&Add an action managing risk…")
        self.body.addWidget(self.actions_box)
        self.body.addStretch(1)

    def fill(self) -> None:
        plan = self.host.state.plan
        risk = plan.risk if plan else None
        set_value(self.level, risk.level if risk else None)
        set_value(self.mappa, risk.mappa_level if risk else None)
        set_value(self.summary, risk.summary if risk else None)
        for prefix, widgets in self.checks.items():
            for widget, name in zip(widgets, ("requested", "received", "outcome"), strict=False):
                set_value(widget, getattr(risk, f"{prefix}_check_{name}") if risk else None)

    def refresh(self) -> None:
        self.actions_box.refresh()

    def save_risk(self) -> None:
        plan = self.host.state.plan
        assert plan is not None
        problems: dict[str, str] = {}
        dates: dict[str, dt.date | None] = {}
        outcomes: dict[str, str | None] = {}
        for prefix, (requested, received, outcome) in self.checks.items():
            for widget, name in ((requested, "requested"), (received, "received")):
                field = f"{prefix}_check_{name}"
                try:
                    dates[field] = widget.date()
                except ValueError as exc:
                    problems[field] = str(exc)
            outcomes[prefix] = text_of(outcome)
        if problems:
            raise ValidationError(problems)
        saved = self.host.services.plans.save_risk(plan.id, RiskInput(
            level=self.level.currentData(), mappa_level=self.mappa.currentData(),
            summary=text_of(self.summary), version=plan.version,
            da_check_requested=dates["da_check_requested"],
            da_check_received=dates["da_check_received"], da_check_outcome=outcomes["da"],
            cs_check_requested=dates["cs_check_requested"],
            cs_check_received=dates["cs_check_received"], cs_check_outcome=outcomes["cs"]))
        self.host.state.take_plan(saved)


class AgreementPage(RequiredPage):
    key, nav_text = "agreement", "Agreement and consent"
    sections = (PlanSection.AGREEMENT, PlanSection.CONSENT)

    def __init__(self, host: PlanHost):
        super().__init__(host, "The person's agreement and consent to share",
                         "Read the plan through with them. Record whether they agree and who "
                         "they agree we may share it with.")
        fields = self.field_set("agreement")
        box = QGroupBox("Agreement")
        form = QFormLayout(box)
        self.agrees = choice_combo(((None, "Not asked yet"), (True, "Agrees with the plan"),
                                    (False, "Does not agree with all of it")))
        fields.add_row(form, "person_agrees", "&Do they agree?", self.agrees)
        self.agreed_on = DateField()
        fields.add_row(form, "agreed_on", "Dat&e", self.agreed_on)
        self.comments = long_text(3, "What they say about the plan, in their words")
        fields.add_row(form, "person_comments", "Their co&mments", self.comments)
        self.watch("agreement", self.agrees, self.agreed_on, self.comments)
        self.agrees.activated.connect(self._on_agrees_activated)
        self.body.addWidget(box)

        consent = QGroupBox("Consent to share with named agencies")
        layout = QVBoxLayout(consent)
        self.model = ConsentsTableModel(self)
        self.view = self.table(self.model, "Consent to share", 3)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty = hint("No agencies recorded yet.")
        self.agency = QLineEdit()
        self.agency.setMaxLength(120)
        self.agency.setPlaceholderText("e.g. Shelter, the GP, Jobcentre Plus")
        self.agency.returnPressed.connect(self.add_consent)
        self.given = choice_combo(((True, "May share"), (False, "May not share")))
        self.given.setAccessibleName("Their answer")
        self.add_button = QPushButton("Add &agency")
        self.add_button.clicked.connect(self.add_consent)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_consent)
        agency_form = QFormLayout()
        self.fields.add_row(agency_form, "agency", "Agenc&y", self.agency)
        add = QHBoxLayout()
        add.addLayout(agency_form, 1)
        add.addWidget(self.given)
        add.addWidget(self.add_button)
        tools = QHBoxLayout()
        tools.addStretch(1)
        tools.addWidget(self.remove_button)
        layout.addWidget(self.empty)
        layout.addWidget(self.view)
        layout.addLayout(add)
        layout.addLayout(tools)
        self.body.addWidget(consent)
        self.body.addStretch(1)

    def _on_agrees_activated(self, _index: int) -> None:
        # Asked today, in the room: the date is usually today.
        if self.agrees.currentData() is not None and not self.agreed_on.text().strip():
            self.agreed_on.set_date(self.host.services.ctx.today())

    def fill(self) -> None:
        plan = self.host.state.plan
        set_value(self.agrees, plan.person_agrees if plan else None)
        set_value(self.agreed_on, plan.agreed_on if plan else None)
        set_value(self.comments, plan.person_comments if plan else None)
        self.agency.clear()

    def refresh(self) -> None:
        plan = self.host.state.plan
        rows = list(plan.consents) if plan else []
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.fit(self.view, 0)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        editable = self.host.state.editable
        for widget in (self.agency, self.given, self.add_button):
            widget.setEnabled(editable)
        self.remove_button.setEnabled(editable and selected_row(self.view) is not None)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self._update_buttons()

    def save_agreement(self) -> None:
        plan = self.host.state.plan
        assert plan is not None
        try:
            agreed_on = self.agreed_on.date()
        except ValueError as exc:
            raise ValidationError({"agreed_on": str(exc)}) from None
        saved = self.host.services.plans.save_agreement(plan.id, AgreementInput(
            person_agrees=self.agrees.currentData(), agreed_on=agreed_on,
            person_comments=text_of(self.comments), version=plan.version))
        self.host.state.take_plan(saved)

    def add_consent(self) -> None:
        if (plan := self.host.state.plan) is None:
            return
        self.fields.clear()
        agency, given = self.agency.text(), bool(self.given.currentData())
        plans = self.host.services.plans
        if self.host.run(self, lambda: plans.set_consent(
                plan.id, agency, given, plan.version),
                "Consent recorded."):
            self.agency.clear()
            self.agency.setFocus()

    def remove_consent(self) -> None:
        row, plan = selected_row(self.view, ConsentRow), self.host.state.plan
        if row is None or plan is None \
                or not self.host.confirm("Remove", f"Remove “{row.agency}”?"):
            return
        plans = self.host.services.plans
        self.host.run(self, lambda: plans.remove_consent(row.id, plan.version),
                        "Removed.")

