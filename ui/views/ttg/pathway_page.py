"""One pathway of the plan: the person's own words, status, actions and the progress log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from upw_ttg.domain.codes import NeedStatus, Responsibility
from upw_ttg.domain.resettlement import ACCOMMODATION
from upw_ttg.errors import ValidationError
from upw_ttg.records.pathways import PathwayRow
from upw_ttg.records.ttg import NeedInput, NeedRecord

from ui.models.ttg.codes import code_text
from ui.models.ttg.plan_models import ProgressTableModel
from ui.views.ttg.actions_box import ActionsBox
from ui.views.ttg.fields import case_provider_picker, long_text, set_value, text_of
from ui.views.ttg.section import SectionPage
from ui.widgets.code_combo import choice_combo, code_combo
from ui.widgets.date_field import DateField
from ui.widgets.labels import hint
from ui.widgets.tables import fit_columns, fit_table_height, make_table, wrap_columns

if TYPE_CHECKING:
    from ui.views.ttg.host import PlanHost

_MARKS = {NeedStatus.NOT_STARTED: "○", NeedStatus.IN_PROGRESS: "◐", NeedStatus.MET: "●",
          NeedStatus.NO_NEED: "–", NeedStatus.DECLINED: "–"}


class PathwayPage(SectionPage):
    """The need on one pathway; nothing is stored for a pathway until something is typed."""

    def __init__(self, host: PlanHost, pathway: PathwayRow):
        intro = ("Ask what they need here and type it as they say it. "
                 + ("This is one of the two support needs for women." if pathway.womens_support
                    else ""))
        super().__init__(host, pathway.name, intro.strip())
        self.pathway = pathway
        self.key = f"need:{pathway.code}"
        self.nav_text = pathway.name
        fields = self.field_set("need")
        need_box = QGroupBox("Their need")
        form = QFormLayout(need_box)
        form.setVerticalSpacing(6)
        self.own_words = long_text(4, "In their own words, e.g. “I need somewhere to live "
                                      "near my kids.”")
        fields.add_row(form, "own_words", "In their &own words", self.own_words)
        self.own_words.setAccessibleName(f"{pathway.name}: in their own words")
        self.status = code_combo(NeedStatus)
        self.responsibility = code_combo(Responsibility, "Not decided yet")
        self.linked = QCheckBox("&Linked to their offending")
        fields.add_row(form, "status", "S&tatus", self.status,
                       hint="Every pathway needs a status before the plan is complete: "
                            "“No need” and “Declined by the person” count, “Not started” "
                            "does not.")
        fields.add_row(form, "responsibility", "&Who is responsible", self.responsibility)
        form.addRow("", self.linked)
        default = ("printed, but left off while they decline it or have no need"
                   if pathway.womens_support else "printed, but left off while there is no need")
        self.on_copy = choice_combo(((None, f"As usual: {default}"),
                                     (True, "Yes: print it on their copy"),
                                     (False, "No: leave it off their copy")))
        fields.add_row(form, "on_persons_copy", "On their cop&y", self.on_copy,
                       hint="Their own copy of the plan; the staff copy always has it.")
        self.body.addWidget(need_box)
        self.body.addWidget(self._fallback_box(pathway, fields))
        self.watch("need", self.own_words, self.status, self.responsibility, self.linked,
                   self.on_copy, self.fallback_plan, self.fallback_who, self.fallback_by)

        self.actions_box = ActionsBox(
            "Actions", self, host, self._includes, self._action_defaults,
            "No actions yet: add what will be done, by whom and when.")
        self.body.addWidget(self.actions_box)

        log_box = QGroupBox("Progress log")
        log = QVBoxLayout(log_box)
        self.progress_model = ProgressTableModel(self)
        self.progress = make_table(self.progress_model, f"{pathway.name}: progress log",
                                   sortable=False)
        wrap_columns(self.progress, 2)
        self.no_progress = hint("Nothing logged yet.")
        self.entry_date = DateField()
        self.entry_date.setAccessibleName("Date of the progress entry")
        self.entry_date.setMaximumWidth(190)
        self.entry = QLineEdit()
        self.entry.setMaxLength(1000)
        self.entry.setPlaceholderText("What happened, e.g. Shelter assessment booked for 3 Dec")
        self.entry.setAccessibleName("Progress entry")
        self.entry.returnPressed.connect(self.add_progress)
        self.add_entry_button = QPushButton("Add &entry")
        self.add_entry_button.clicked.connect(self.add_progress)
        entry_form = QFormLayout()
        self.fields.add_row(entry_form, "entry_date", "Date", self.entry_date)
        self.fields.add_row(entry_form, "entry", "&New entry", self.entry)
        add_row = QHBoxLayout()
        add_row.addLayout(entry_form, 1)
        add_row.addWidget(self.add_entry_button, 0, Qt.AlignmentFlag.AlignBottom)
        log.addWidget(self.no_progress)
        log.addWidget(self.progress)
        log.addLayout(add_row)
        self.body.addWidget(log_box)
        self.body.addStretch(1)

    def _fallback_box(self, pathway: PathwayRow, fields) -> QGroupBox:
        """What happens if this part of the plan falls through (rule TTG-FALLBACK)."""
        box = QGroupBox("If this falls through")
        form = QFormLayout(box)
        form.setVerticalSpacing(6)
        self.fallback_plan = QLineEdit()
        self.fallback_plan.setMaxLength(400)
        # Who to call: typed, or a provider from the directory whose details then print.
        self.fallback_who = case_provider_picker(
            self.host, f"{pathway.name}: if this falls through, who to call", choose_text=None,
            other_text="Someone not in Local services: type name and number",
            placeholder="e.g. Duty officer, Hull Central 01482 000111", max_length=200,
            pathway_code=pathway.code)
        self.fallback_contact = self.fallback_who.typed
        self.fallback_plan.setPlaceholderText(
            "e.g. Emergency bed at the approved premises" if pathway.code == ACCOMMODATION
            else "e.g. Drop-in at the recovery hub the same week")
        self.fallback_by = DateField()
        names = (("fallback_plan", "What happen&s", self.fallback_plan, "what happens"),
                 ("fallback_contact", "Who to call (name, n&umber)", self.fallback_who, None),
                 ("fallback_by", "&By when", self.fallback_by, "by when"))
        for field, label, widget, spoken in names:
            if spoken:
                widget.setAccessibleName(f"{pathway.name}: if this falls through, {spoken}")
            fields.add_row(form, field, label, widget)
        if pathway.code == ACCOMMODATION:
            form.addRow("", hint("Where risk of harm applies (medium risk or above, or "
                                 "MAPPA), the plan cannot be completed without all three."))
        return box

    # Showing -----------------------------------------------------------------------------

    def need(self) -> NeedRecord | None:
        plan = self.host.state.plan
        return plan.need(self.pathway.code) if plan else None

    def fill(self) -> None:
        need = self.need()
        set_value(self.own_words, need.own_words if need else None)
        set_value(self.status, need.status if need else NeedStatus.NOT_STARTED)
        set_value(self.responsibility, need.responsibility if need else None)
        set_value(self.linked, need.linked_to_offending if need else False)
        set_value(self.on_copy, need.on_persons_copy if need else None)
        set_value(self.fallback_plan, need.fallback_plan if need else None)
        self.fallback_who.set_value(need.fallback_provider_id if need else None,
                                    need.fallback_contact if need else None)
        set_value(self.fallback_by, need.fallback_by if need else None)
        self.entry_date.set_date(self.host.services.ctx.today())
        self.entry.clear()

    def refresh(self) -> None:
        need = self.need()
        rows = list(need.progress) if need else []
        self.progress_model.set_rows(rows)
        self.progress.setVisible(bool(rows))
        self.no_progress.setVisible(not rows)
        header = self.progress.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fit_columns(self.progress)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.progress.resizeRowsToContents()
        fit_table_height(self.progress, 1, 10)
        self.actions_box.refresh()
        self.add_entry_button.setEnabled(self.host.state.editable)

    def nav_state(self) -> tuple[str, str]:
        need = self.need()
        if need is None:
            return _MARKS[NeedStatus.NOT_STARTED], "nothing recorded"
        words = " (in their own words)" if need.own_words and need.own_words.strip() else ""
        return _MARKS[need.status], f"{code_text(need.status).lower()}{words}"

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for widget in (self.entry, self.entry_date, self.add_entry_button):
            widget.setEnabled(editable)

    # Saving ------------------------------------------------------------------------------

    def save_need(self) -> None:
        plan = self.host.state.plan
        assert plan is not None
        need = plan.need(self.pathway.code)
        try:
            fallback_by = self.fallback_by.date()
        except ValueError as exc:
            raise ValidationError({"fallback_by": str(exc)}) from None
        saved = self.host.services.plans.save_need(plan.id, NeedInput(
            self.pathway.code, own_words=text_of(self.own_words),
            status=self.status.currentData(), responsibility=self.responsibility.currentData(),
            linked_to_offending=self.linked.isChecked(),
            on_persons_copy=self.on_copy.currentData(),
            version=need.version if need else None,
            fallback_plan=text_of(self.fallback_plan),
            fallback_contact=self.fallback_who.typed_name(), fallback_by=fallback_by,
            fallback_provider_id=self.fallback_who.provider_id()))
        self.host.state.take_plan(saved)

    def ensure_need(self) -> NeedRecord | None:
        """The pathway's need, saved first if it is not on record (actions hang on it)."""
        if self.need() is None or "need" in self.dirty_parts():
            self.mark_dirty("need")
            self.host.save_pending()
        return self.need()

    def _includes(self, action) -> bool:
        need = self.need()
        return need is not None and action.need_id == need.id

    def _action_defaults(self) -> tuple[int | None, bool]:
        need = self.ensure_need()
        return (need.id if need else None), False

    def add_progress(self) -> None:
        self.fields.clear()
        problems: dict[str, str] = {}
        try:
            day = self.entry_date.date()
        except ValueError as exc:
            problems["entry_date"] = str(exc)
            day = None
        if not self.entry.text().strip():
            problems["entry"] = "Write what happened before adding it to the log."
        if problems:
            self.fields.show_errors(problems)
            return
        need = self.ensure_need()
        if need is None:
            return
        plans, text = self.host.services.plans, self.entry.text()
        if self.host.run(self, lambda: plans.add_progress(need.id, text, day),
                           "Added to the progress log."):
            self.entry.clear()
            self.entry.setFocus()
