"""The UPW assessment of a person: saved as a draft, completed when every question is answered."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import (
    ALLERGY_ACTIONS,
    MEDICATION_EFFECTS,
    Language,
    PlacementPreference,
    RiskLevel,
)
from upw_ttg.domain.placement import identity_not_male
from upw_ttg.errors import StaleRecordError, UpwError, ValidationError
from upw_ttg.records.people import PersonRecord
from upw_ttg.records.upw import AssessmentInput, AssessmentRecord

from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.upw.assessment_widgets import (
    AvailabilityGrid,
    ChoiceChecks,
    CommitmentsEditor,
    answer_combo,
    set_answer,
)
from ui.dialogs.upw.breaks_warning import ChecksBookings
from ui.dialogs.upw.place_dialog import LIVE, order_text
from ui.formatting import format_date, label
from ui.permissions import NOT_ALLOWED_TO_SCHEDULE, can_schedule
from ui.widgets.banner import Banner
from ui.widgets.code_combo import enum_value

# (field, label) of the explicit yes/no questions, and the detail each "yes" needs.
HEALTH_AND_SAFETY = (
    ("hs_allergies", "Allergies", "hs_allergies_detail"),
    ("hs_epilepsy", "Epilepsy or loss of consciousness", None),
    ("hs_pregnancy", "Pregnancy", None),
    ("hs_mobility", "Mobility needs", "hs_mobility_detail"),
    ("hs_medication", "Medication that matters on site", "hs_medication_detail"),
)
DETAIL_HINTS = {"hs_allergies_detail": "What to, e.g. wasp stings, nuts",
                "hs_mobility_detail": "What the site must allow for, e.g. no kneeling",
                "hs_medication_detail": "Which medicine (for the office; never printed)"}
# (question, category field, label, choices): what the work sheet prints (rule DOC-2).
CATEGORIES = (
    ("hs_allergies", "hs_allergy_action", "   If they react", ALLERGY_ACTIONS),
)
RISK_FLAGS = (
    ("risk_sexual_offending", "Sexual offending"),
    ("risk_to_children", "Risk to children"),
    ("risk_to_vulnerable_adults", "Risk to vulnerable adults"),
    ("risk_violence", "Violence"),
    ("risk_hate_behaviour", "Hate behaviour"),
    ("risk_serious_group_offending", "Serious group offending"),
    ("no_female_supervisor", "Do not place with a female supervisor"),
    ("no_male_supervisor", "Do not place with a male supervisor"),
    ("close_supervision", "Close supervision required (group placements only)"),
)
TEXTS = ("victim_exclusion_zone", "restrictive_orders", "ppe_top", "ppe_trousers", "ppe_boots",
         "ppe_gloves")
ANSWERS = ("hs_allergies", "hs_epilepsy", "hs_pregnancy", "hs_mobility", "hs_medication",
           "vulnerable", "literacy_need", "driving_licence", "vehicle_access",
           "public_transport_accessible", "ete_need")
DETAILS = ("hs_allergies_detail", "hs_mobility_detail", "hs_medication_detail",
           "vulnerability_detail", "disabilities", "reasonable_adjustments")


def _group(title: str) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setVerticalSpacing(6)
    return box, form


def _line(max_length: int, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_length)
    edit.setPlaceholderText(placeholder)
    return edit


def _text(height: int = 52) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class AssessmentDialog(ChecksBookings, FormDialog):
    """Save draft keeps what is answered so far; Complete saves, then completes, or shows
    every unanswered question beside its field. Nobody is placed before it is complete."""

    def __init__(self, services: AppServices, person: PersonRecord,
                 record: AssessmentRecord | None, parent: QWidget | None = None):
        super().__init__(f"UPW assessment – {person.display_name} ({person.crn})", None, parent,
                         save_text="Save dra&ft")
        self.setObjectName("UpwAssessmentDialog")
        self._services = services
        self._person = person
        self._record = record
        self._not_male = (record.female_only_to_offer if record is not None
                          else identity_not_male(person.gender_category))
        heading = QLabel(f"UPW assessment – {person.display_name}, CRN {person.crn}")
        heading.setObjectName("PageTitle")
        self.status = Banner()
        self.status.prefixes = False
        self.header.addWidget(heading)
        self.header.addWidget(self.status)
        self.save_button.setProperty("primary", "false")
        self.save_button.style().unpolish(self.save_button)
        self.save_button.style().polish(self.save_button)
        self.complete_button = QPushButton("&Complete assessment")
        self.complete_button.setProperty("primary", "true")
        self.complete_button.clicked.connect(self.complete)
        self.buttons.addButton(self.complete_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.new_button = QPushButton("Start a ne&w assessment")
        self.new_button.setToolTip("Reassess: a new draft starting from these answers")
        self.new_button.clicked.connect(self.start_new)
        self.buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ResetRole)
        content = QWidget()
        self._build(content)
        self.questions_area = QScrollArea()
        self.questions_area.setObjectName("DetailsScroll")
        self.questions_area.setWidgetResizable(True)
        self.questions_area.setAccessibleName("Assessment questions")
        # Tab goes to the questions themselves; the area scrolls to whichever has focus.
        self.questions_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.questions_area.setWidget(content)
        self.body.addWidget(self.questions_area, 1)
        outer = self.layout()
        assert isinstance(outer, QBoxLayout)  # the form's own column
        for number in reversed(range(outer.count())):
            item = outer.itemAt(number)
            if item is not None and item.spacerItem() is not None:
                outer.takeAt(number)  # the scroll area, not a spacer, takes the spare height
        outer.setStretchFactor(self.body, 1)
        answers = record.to_input() if record is not None else AssessmentInput(person.id)
        self._load(answers)
        self._show_status()
        if not can_schedule(services.ctx.actor):
            for button in (self.save_button, self.complete_button, self.new_button):
                button.setEnabled(False)
                button.setToolTip(NOT_ALLOWED_TO_SCHEDULE)
        self.resize(1180, 780)

    # Building ----------------------------------------------------------------------------

    def _build(self, content: QWidget) -> None:
        f = self.fields
        week, wf = _group("Order and availability")
        self.order = QComboBox()
        self.order.addItem("Not tied to one order", None)
        orders = self._services.orders.for_person(self._person.id)
        live = [o for o in orders if o.status in LIVE]
        for order in live + [o for o in orders if o not in live]:
            self.order.addItem(order_text(order), order.id)
        self._default_order = live[0].id if live else None
        f.add_row(wf, "order_id", "&Order", self.order)
        self.availability = AvailabilityGrid()
        f.add_row(wf, "availability", "A&vailable", self.availability,
                  hint="Tick when the person can work. Arrow keys move, Space ticks.")
        self.commitments = CommitmentsEditor()
        f.add_row(wf, "commitments", "Co&mmitments", self.commitments,
                  hint="Employment, education, caring and religious commitments.")

        risk, rf = _group("Placement and risk")
        self.placement_preference = QComboBox()
        self.placement_preference.addItem("Not recorded", None)
        for choice in PlacementPreference:
            if choice != PlacementPreference.FEMALE_ONLY_GROUP or self._not_male:
                self.placement_preference.addItem(label(choice), choice)
        f.add_row(rf, "placement_preference", "&Preference", self.placement_preference)
        self.female_only_offered = QCheckBox("A female-only group placement was offered")
        if self._not_male:
            f.add_row(rf, "female_only_offered", "", self.female_only_offered,
                      hint="Offered to everyone whose gender identity is not male.")
        self.risk_level = QComboBox()
        self.risk_level.addItem("Not recorded", None)
        for level in RiskLevel:
            self.risk_level.addItem(label(level), level)
        f.add_row(rf, "risk_level", "Risk of &harm", self.risk_level)
        self.flags: dict[str, QCheckBox] = {}
        flags_box = QWidget()
        flags_grid = QGridLayout(flags_box)
        flags_grid.setContentsMargins(0, 0, 0, 0)
        for number, (name, text) in enumerate(RISK_FLAGS):
            self.flags[name] = QCheckBox(text)
            span = 2 if name == "close_supervision" else 1
            flags_grid.addWidget(self.flags[name], number // 2, number % 2, 1, span)
        f.add_row(rf, "no_male_supervisor", "Flags", flags_box)
        self.victim_exclusion_zone = _line(200, "e.g. Clifton area of York")
        f.add_row(rf, "victim_exclusion_zone", "&Exclusion zone", self.victim_exclusion_zone)
        self.restrictive_orders = _line(200)
        f.add_row(rf, "restrictive_orders", "Restrictive orders", self.restrictive_orders)

        health, hf = _group("Health and safety (every question must be answered)")
        self.answers: dict[str, QComboBox] = {}
        self.details: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.categories: dict[str, QComboBox] = {}
        categories = {question: (field, caption, choices)
                      for question, field, caption, choices in CATEGORIES}
        for name, text, detail in HEALTH_AND_SAFETY:
            self.answers[name] = answer_combo()
            f.add_row(hf, name, text, self.answers[name])
            if detail:
                self.details[detail] = _line(200, DETAIL_HINTS[detail])
                f.add_row(hf, detail, "   Details", self.details[detail])
                self.details[detail].setAccessibleName(f"{text}: details")
            if name in categories:
                field, caption, choices = categories[name]
                combo = QComboBox()
                # The choices are sentences: they must not widen the column past the window.
                combo.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                combo.setMinimumContentsLength(18)
                combo.addItem("Not recorded", None)
                for value, choice in choices:
                    combo.addItem(choice, value)
                combo.setAccessibleName(f"{text}: {caption.strip().lower()}")
                self.categories[field] = combo
                f.add_row(hf, field, caption, combo,
                          hint="Printed on the work sheet for the supervisor.")
            if name == "hs_medication":
                self.medication_effects = ChoiceChecks(MEDICATION_EFFECTS,
                                                       f"{text}: effect on site")
                f.add_row(hf, "hs_medication_effects", "   Effects on site",
                          self.medication_effects,
                          hint="Tick each that applies; each prints on the work sheet for the "
                               "supervisor.")
        vulnerable, vf = _group("Vulnerability (must be answered)")
        self.answers["vulnerable"] = answer_combo()
        f.add_row(vf, "vulnerable", "Is the person vul&nerable?", self.answers["vulnerable"])
        self.details["vulnerability_detail"] = _line(400, "How, and what keeps them safe")
        f.add_row(vf, "vulnerability_detail", "   How", self.details["vulnerability_detail"])
        self.details["vulnerability_detail"].setAccessibleName("How the person is vulnerable")

        needs, nf = _group("Disabilities, adjustments and language")
        self.details["disabilities"] = _text()
        f.add_row(nf, "disabilities", "&Disabilities", self.details["disabilities"])
        self.details["reasonable_adjustments"] = _text()
        f.add_row(nf, "reasonable_adjustments", "Ad&justments",
                  self.details["reasonable_adjustments"])
        self.answers["literacy_need"] = answer_combo()
        f.add_row(nf, "literacy_need", "Literacy need", self.answers["literacy_need"])
        language = label(self._person.preferred_language)
        if self._person.preferred_language == Language.OTHER and self._person.other_language:
            language = self._person.other_language
        interpreter = "needed" if self._person.interpreter_needed else "not needed"
        self.language = QLabel(f"{language}; interpreter {interpreter}. Change these on the "
                               "person's details.")
        self.language.setWordWrap(True)
        nf.addRow("Language", self.language)

        travel, tf = _group("Travel and work")
        for name, text in (("driving_licence", "Driving licence"),
                           ("vehicle_access", "Access to a vehicle"),
                           ("public_transport_accessible",
                            "Public transport available and accessible?"),
                           ("ete_need", "ETE need")):
            self.answers[name] = answer_combo()
            f.add_row(tf, name, text, self.answers[name])
        self.intensive_extra_hours = QSpinBox()
        self.intensive_extra_hours.setRange(0, 21)
        self.intensive_extra_hours.setSuffix(" extra hours a week")
        f.add_row(tf, "intensive_extra_hours", "&Intensive working",
                  self.intensive_extra_hours)
        ppe_box = QWidget()
        ppe = QGridLayout(ppe_box)
        ppe.setContentsMargins(0, 0, 0, 0)
        self.texts: dict[str, QLineEdit] = {"victim_exclusion_zone": self.victim_exclusion_zone,
                                            "restrictive_orders": self.restrictive_orders}
        for number, (name, text) in enumerate((("ppe_top", "Top"), ("ppe_trousers", "Trousers"),
                                               ("ppe_boots", "Boots"), ("ppe_gloves", "Gloves"))):
            self.texts[name] = _line(10)
            self.texts[name].setAccessibleName(f"PPE size: {text.lower()}")
            ppe.addWidget(QLabel(text), 0, number)
            ppe.addWidget(self.texts[name], 1, number)
        f.add_row(tf, "ppe_top", "PPE si&zes", ppe_box)

        columns = QGridLayout(content)
        columns.setContentsMargins(0, 0, 6, 0)
        left = QVBoxLayout()
        for box in (week, risk):
            left.addWidget(box)
        left.addStretch(1)
        right = QVBoxLayout()
        for box in (health, vulnerable, needs, travel):
            right.addWidget(box)
        right.addStretch(1)
        columns.addLayout(left, 0, 0)
        columns.addLayout(right, 0, 1)
        columns.setColumnStretch(0, 11)
        columns.setColumnStretch(1, 10)
        for combo in self.answers.values():
            combo.currentIndexChanged.connect(self._update_details)

    def _update_details(self) -> None:
        for name, _text, detail in HEALTH_AND_SAFETY:
            if detail:
                self.details[detail].setEnabled(self.answers[name].currentData() is True)
        for name, field, *_rest in CATEGORIES:
            self.categories[field].setEnabled(self.answers[name].currentData() is True)
        self.medication_effects.setEnabled(self.answers["hs_medication"].currentData() is True)
        self.details["vulnerability_detail"].setEnabled(
            self.answers["vulnerable"].currentData() is True)

    def fit_contents(self, shrink: bool = False) -> None:
        """The answers scroll, so the dialog keeps a generous size instead of shrinking."""
        super().fit_contents(shrink)
        screen = self.screen().availableGeometry() if self.screen() else None
        width = min(1180, screen.width() - 40) if screen else 1180
        height = min(780, screen.height() - 60) if screen else 780
        self.setMinimumSize(min(self.minimumWidth(), width), min(self.minimumHeight(), 400))
        self.resize(max(self.width(), width), max(self.height(), height))

    # Loading and reading -----------------------------------------------------------------

    def _load(self, data: AssessmentInput) -> None:
        self._version = data.version
        order_id = data.order_id if self._record is not None else (
            data.order_id or self._default_order)
        self.order.setCurrentIndex(max(0, self.order.findData(order_id)))
        self.availability.set_value(data.availability)
        self.commitments.set_value(data.commitments)
        self.placement_preference.setCurrentIndex(
            max(0, self.placement_preference.findData(data.placement_preference)))
        self.female_only_offered.setChecked(bool(data.female_only_offered))
        self.risk_level.setCurrentIndex(max(0, self.risk_level.findData(data.risk_level)))
        for name, box in self.flags.items():
            box.setChecked(bool(getattr(data, name)))
        for name, combo in self.answers.items():
            set_answer(combo, getattr(data, name))
        for name, combo in self.categories.items():
            combo.setCurrentIndex(max(0, combo.findData(getattr(data, name))))
        self.medication_effects.set_values(data.hs_medication_effects)
        for name, widget in self.details.items():
            value = getattr(data, name) or ""
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            else:
                widget.setText(value)
        for name, edit in self.texts.items():
            edit.setText(getattr(data, name) or "")
        self.intensive_extra_hours.setValue(data.intensive_extra_hours)
        self._update_details()

    def collect(self) -> AssessmentInput:
        values: dict[str, object] = {name: combo.currentData()
                                     for name, combo in self.answers.items()}
        values.update({name: box.isChecked() for name, box in self.flags.items()})
        values.update({name: combo.currentData() for name, combo in self.categories.items()})
        values["hs_medication_effects"] = self.medication_effects.values()
        for name, widget in self.details.items():
            text = (widget.toPlainText() if isinstance(widget, QPlainTextEdit)
                    else widget.text()).strip()
            values[name] = text or None
        values.update({name: edit.text().strip() or None for name, edit in self.texts.items()})
        return AssessmentInput(
            person_id=self._person.id, order_id=self.order.currentData(),
            availability=self.availability.value(),
            placement_preference=enum_value(self.placement_preference, PlacementPreference),
            female_only_offered=self.female_only_offered.isChecked() if self._not_male
            else None, risk_level=enum_value(self.risk_level, RiskLevel),
            intensive_extra_hours=self.intensive_extra_hours.value(),
            commitments=self.commitments.value(), version=self._version,
            **values)  # type: ignore[arg-type]  # answers of mixed types, keyed by field name

    def save(self, data: AssessmentInput) -> AssessmentRecord:
        service = self._services.upw.assessments
        if self._record is None:
            record = service.create(data)
        else:
            record_id = self._record.id
            self.confirm_bookings(lambda: service.preview_update(record_id, data))
            record = service.update(record_id, data)
        self._remember(record)
        return record

    def _remember(self, record: AssessmentRecord) -> None:
        self._record = record
        self._version = record.version

    # Completing --------------------------------------------------------------------------

    def show_problems(self, errors: dict[str, str]) -> None:
        merged: dict[str, str] = {}
        for key, message in errors.items():
            key = "commitments" if key.startswith("commitments[") else key
            merged[key] = f"{merged[key]} {message}" if key in merged else message
        super().show_problems(merged)
        self._reveal_focus()

    def _reveal_focus(self) -> None:
        widget = self.focusWidget()
        content = self.questions_area.widget()
        if widget is not None and content is not None and content.isAncestorOf(widget):
            self.questions_area.ensureWidgetVisible(widget, 40, 60)

    @Slot()
    def complete(self) -> None:
        """Save, then complete; each unanswered question is shown beside its field."""
        self.fields.clear()
        self.banner.clear()
        saved = False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.save(self.collect())
            saved = True
            assert self._record is not None
            record = self._services.upw.assessments.complete(self._record.id, self._version)
        except ValidationError as exc:
            QGuiApplication.restoreOverrideCursor()
            self._show_status()
            fields = self.fields
            merged = {("commitments" if k.startswith("commitments[") else k): v
                      for k, v in exc.fields.items()}
            leftover = fields.show_errors(merged)
            count = len(merged)
            what = (f"{count} question{'s' if count != 1 else ''} or answer"
                    f"{'s' if count != 1 else ''}")
            text = (f"Saved as a draft, but not completed: {what} marked below "
                    f"need{'s' if count == 1 else ''} attention." if saved and not leftover
                    else " ".join(leftover.values()) or f"Please correct the {what} below.")
            self.banner.show_message(text, "warning" if saved else "error")
            self._reveal_focus()
            self.fit_contents()
            return
        except (StaleRecordError, UpwError) as exc:
            QGuiApplication.restoreOverrideCursor()
            self.banner.show_message(str(exc))
            return
        QGuiApplication.restoreOverrideCursor()
        self._remember(record)
        self.result_record = record
        self.saved.emit(record)
        self.accept()

    @Slot()
    def start_new(self) -> None:
        """Keep the answers on screen as a new draft (the completed one stays on record)."""
        self._record = None
        self._version = None
        self.new_button.setEnabled(False)
        self.status.show_message("A new draft, starting from the last assessment's answers. "
                                 f"{self._person.display_name} can still be placed on the "
                                 "completed one until this is completed.", "info")

    def _show_status(self) -> None:
        record = self._record
        name = self._person.display_name
        self.new_button.setVisible(record is not None and record.complete)
        if record is not None and record.complete:
            self.status.show_message(
                f"Completed on {format_date(record.completed_on)}"
                + (f" by {record.completed_by}" if record.completed_by else "")
                + f". {name} can be placed on sessions. Changes must keep every question "
                "answered.", "info")
            return
        missing = len(record.unanswered) if record is not None else None
        left = ("" if missing is None else
                f" {missing} question{'s' if missing != 1 else ''} still "
                f"unanswered." if missing else " Every question is answered: complete it.")
        state = "No assessment yet." if record is None else "Draft."
        self.status.show_message(f"{state} {name} cannot be placed on any session until this "
                                 f"assessment is completed.{left}", "warning")


def assessment_dialog(parent: QWidget, services: AppServices, person_id: int
                      ) -> AssessmentDialog:
    """The dialog for the person's latest UPW assessment (or a new one), not yet shown."""
    person = services.people.get(person_id)
    found = services.upw.assessments.for_person(person_id)
    dialog = AssessmentDialog(services, person, found[0] if found else None, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog


def open_assessment(parent: QWidget, services: AppServices, person_id: int) -> None:
    """Open the person's latest UPW assessment (or a new one) without blocking.

    The dialog is a child of ``parent`` named ``UpwAssessmentDialog`` and deletes itself
    when closed. It is held here while open: a Python wrapper nobody holds would lose its
    attributes while Qt still shows the dialog.
    """
    dialog = assessment_dialog(parent, services, person_id)
    _open_dialogs.add(dialog)
    dialog.finished.connect(lambda _result: _open_dialogs.discard(dialog))
    dialog.open()


def opened_assessments() -> list[AssessmentDialog]:
    """The assessment dialogs ``open_assessment`` has open (tests and the lead use it)."""
    return list(_open_dialogs)


_open_dialogs: set[AssessmentDialog] = set()
