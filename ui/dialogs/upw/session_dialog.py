"""One session: who is on it, adding, removing and moving people, staffing, stand-down, print."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import Language, SessionStatus
from upw_ttg.errors import UpwError
from upw_ttg.records.upw import SessionDetail, SessionPerson

from ui.changes import Subject, announce, open_person, publish
from ui.dialogs.upw.assessment_dialog import AssessmentDialog, assessment_dialog
from ui.dialogs.upw.move_dialog import MoveDialog
from ui.dialogs.upw.place_dialog import PlaceDialog, session_title
from ui.dialogs.upw.session_staff_dialog import SessionPickupsDialog, SessionStaffDialog
from ui.dialogs.upw.stand_down_dialog import StandDownDialog
from ui.dialogs.upw.warrant_dialog import WarrantDialog, confirm_issued
from ui.formatting import label
from ui.models.table_model import RowSortProxy
from ui.models.upw.delivery_units import delivery_units
from ui.models.upw.session_models import SessionPeopleTableModel
from ui.models.upw.text import format_time
from ui.permissions import NOT_ALLOWED_TO_SCHEDULE, can_schedule
from ui.printing import preview_document
from ui.widgets.banner import Banner
from ui.widgets.records_to_check import RecordsToCheckBanner
from ui.widgets.tables import fit_columns, make_table


def _facts(detail: SessionDetail) -> list[tuple[str, str]]:
    """(label, value) lines describing the session."""
    s = detail.session
    team = (", ".join(f"{x.full_name} ({label(x.gender).lower()})" for x in s.supervisors)
            or "none: the session has no places until one is assigned")
    van = (f"{s.van_name}: {s.by_van} of {s.van_seats} seats taken" if s.van_name
           else "no van booked")
    pickups = ", ".join(f"{p.name} {format_time(p.pickup_time)}" for p in s.pickups) or "none"
    kind = "Female-only group" if s.female_only else label(s.project_type) + " placement"
    women = sum(1 for p in detail.people if p.is_woman and p.outcome_code is None)
    return [("Places", f"{s.booked} of {s.places} taken · {kind} · {women} "
                       f"{'woman' if women == 1 else 'women'}"),
            ("Supervisors", team), ("Van", van), ("Pick-ups", pickups)]


class SessionDialog(QDialog):
    """The session's facts and warnings, its people, and what can be done with them."""

    def __init__(self, services: AppServices, session_id: int, unit_id: int | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._session_id = session_id
        self._unit_id = unit_id
        self._editable = can_schedule(services.ctx.actor)
        self.detail: SessionDetail | None = None
        self.dialog: QWidget | None = None
        self.assessment: AssessmentDialog | None = None
        self.title = QLabel()
        self.title.setObjectName("PageTitle")
        self.title.setWordWrap(True)
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(12)
        self.facts.setVerticalSpacing(2)
        self.fact_values: dict[str, QLabel] = {}
        for row, name in enumerate(("Places", "Supervisors", "Van", "Pick-ups")):
            heading = QLabel(name)
            heading.setStyleSheet("font-weight: 600;")
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addWidget(heading, row, 0, Qt.AlignmentFlag.AlignTop)
            self.facts.addWidget(value, row, 1)
            self.fact_values[name] = value
        self.facts.setColumnStretch(1, 1)
        self.banner = Banner()
        self.warnings = Banner()
        self.warnings.prefixes = False
        self.model = SessionPeopleTableModel(self)
        self.proxy = RowSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "People on this session")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.activated.connect(lambda _index: self.open_person())
        self.empty = QLabel()
        self.empty.setObjectName("Hint")
        self._build_buttons()
        facts_row = QHBoxLayout()
        facts_row.addLayout(self.facts, 1)
        facts_row.addWidget(self.interpreter, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(facts_row)
        layout.addWidget(self.warnings)
        layout.addWidget(self.banner)
        self.to_check = RecordsToCheckBanner()
        layout.addWidget(self.to_check)
        layout.addWidget(self.empty)
        layout.addLayout(self.people_buttons)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.session_buttons)
        self.reload()
        self.resize(1180, 640)

    def _button(self, text: str, slot, editing: bool = True) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        if editing and not self._editable:
            button.setToolTip(NOT_ALLOWED_TO_SCHEDULE)
        return button

    def _build_buttons(self) -> None:
        self.add_button = self._button("&Add person…", self.add_person)
        self.add_button.setProperty("primary", "true")
        self.remove_button = self._button("&Remove", self.remove_people)
        self.move_button = self._button("&Move…", self.move_people)
        self.letter_button = QPushButton("Appointment &letter")
        letter_menu = QMenu(self.letter_button)
        letter_menu.addAction("In &English", lambda: self.print_letter(Language.ENGLISH))
        letter_menu.addAction("In &Welsh (Cymraeg)", lambda: self.print_letter(Language.WELSH))
        self.letter_button.setMenu(letter_menu)
        self.warrant_button = self._button("Travel &warrant…", self.issue_warrant)
        self.person_button = self._button("&Open record", self.open_person, False)
        self.assessment_button = self._button("Asses&sment…", self.open_assessment, False)
        self.people_buttons = QHBoxLayout()
        people_label = QLabel("People on this session")
        people_label.setStyleSheet("font-weight: 600;")
        self.people_buttons.addWidget(people_label)
        self.people_buttons.addStretch(1)
        for button in (self.person_button, self.assessment_button, self.letter_button,
                       self.warrant_button, self.move_button, self.remove_button,
                       self.add_button):
            self.people_buttons.addWidget(button)
        self.interpreter = QCheckBox("&Interpreter booked")
        self.interpreter.toggled.connect(self._on_interpreter_toggled)
        self.staff_button = self._button("S&taff and van…", self.edit_staff)
        self.pickups_button = self._button("&Pick-ups…", self.edit_pickups)
        self.manifest_button = QPushButton("&Van manifest")
        self.manifest_button.setEnabled(False)
        manifest_menu = QMenu(self.manifest_button)
        manifest_menu.addAction("In &English", lambda: self.print_manifest(Language.ENGLISH))
        manifest_menu.addAction("In &Welsh (Cymraeg)", lambda: self.print_manifest(Language.WELSH))
        self.manifest_button.setMenu(manifest_menu)
        self.stand_down_button = self._button("Stan&d down…", self.stand_down)
        close = QPushButton("&Close")
        close.clicked.connect(self.accept)
        self.session_buttons = QGridLayout()
        row = QHBoxLayout()
        for button in (self.staff_button, self.pickups_button, self.manifest_button,
                       self.stand_down_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        self.session_buttons.addLayout(row, 0, 0)

    # Loading -----------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        detail = self._services.upw.sessions.detail(self._session_id)
        self.detail = detail
        self.to_check.show_records(detail.to_check)
        s = detail.session
        self.setWindowTitle(f"Session – {session_title(s)}")
        self.title.setText(session_title(s))
        for name, value in _facts(detail):
            self.fact_values[name].setText(value)
        if s.status != SessionStatus.PLANNED:
            self.warnings.show_message(f"Stood down: {s.stood_down_reason or 'no reason'}. "
                                       "Nobody can be added.", "warning")
        elif detail.warnings:
            self.warnings.show_message(" ".join(detail.warnings), "warning")
        else:
            self.warnings.clear()
        self.model.set_rows(detail.people)
        fit_columns(self.table)
        self.empty.setText("Nobody is booked yet. Use Add person to place someone."
                           if not detail.people else
                           "Select one or more people to move or remove them; Enter opens "
                           "a person's record.")
        if detail.people and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self.interpreter.blockSignals(True)
        self.interpreter.setChecked(s.interpreter_booked)
        self.interpreter.blockSignals(False)
        self._update_buttons()

    def selected_people(self) -> list[SessionPerson]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.row_object(index.row()) for index in rows]

    def _update_buttons(self, *_args: QItemSelection) -> None:
        if self.detail is None:
            return
        planned = self.detail.session.status == SessionStatus.PLANNED
        chosen = self.selected_people()
        open_places = [p for p in chosen if p.outcome_code is None]
        edit = self._editable and planned
        self.add_button.setEnabled(edit)
        self.remove_button.setEnabled(edit and bool(chosen) and len(open_places) == len(chosen))
        self.move_button.setEnabled(edit and bool(chosen) and len(open_places) == len(chosen))
        self.letter_button.setEnabled(len(chosen) == 1)
        self.warrant_button.setEnabled(self._editable and len(chosen) == 1)
        self.person_button.setEnabled(len(chosen) == 1)
        self.assessment_button.setEnabled(len(chosen) == 1)
        for button in (self.staff_button, self.pickups_button, self.stand_down_button):
            button.setEnabled(edit)
        self.interpreter.setEnabled(edit)
        self.manifest_button.setEnabled(self.detail.session.van_id is not None)

    # People ------------------------------------------------------------------------------

    @Slot()
    def add_person(self) -> PlaceDialog | None:
        if self.detail is None or not self.add_button.isEnabled():
            return None
        dialog = PlaceDialog(self._services, self.detail.session, self)
        dialog.saved.connect(lambda _row: self._changed(f"Placed {dialog.placed_names()}."))
        dialog.assessment_requested.connect(
            lambda person_id: self._assess_before_placing(dialog, person_id))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _assess_before_placing(self, place: PlaceDialog, person_id: int) -> None:
        """Open the assessment over the Add person form; the rules are asked again after."""
        assessment = assessment_dialog(place, self._services, person_id)
        assessment.saved.connect(lambda _record: place.check())
        self.assessment = assessment
        assessment.open()

    def confirm(self, text: str) -> bool:
        """Ask before a change (tests patch this)."""
        answer = QMessageBox.question(self, "Please confirm", text)
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def remove_people(self) -> None:
        chosen = self.selected_people()
        if not chosen or not self.remove_button.isEnabled():
            return
        names = ", ".join(p.name for p in chosen)
        if not self.confirm(f"Take {names} off this session?"):
            return
        self.banner.clear()
        try:
            self._services.upw.placement.remove_many(
                [p.appointment_id for p in chosen],
                versions={p.appointment_id: p.version for p in chosen})
        except UpwError as exc:
            self.banner.show_message(str(exc))
            self.reload()
            return
        publish(Subject.BOOKING, [p.appointment_id for p in chosen],
                [p.person_id for p in chosen])
        self._changed(f"Took {names} off the session.")

    @Slot()
    def move_people(self) -> MoveDialog | None:
        chosen = self.selected_people()
        if self.detail is None or not chosen or not self.move_button.isEnabled():
            return None
        units, _ = delivery_units(self._services)
        unit_id = self._unit_id if self._unit_id is not None else (units[0].id if units else 0)
        dialog = MoveDialog(self._services, self.detail.session, chosen, units, unit_id, self)
        dialog.saved.connect(lambda _rows: self._changed(
            f"Moved {', '.join(p.name for p in chosen)}."))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _changed(self, message: str) -> None:
        announce(message)
        self.banner.clear()
        self.reload()

    @Slot()
    def open_person(self) -> None:
        chosen = self.selected_people()
        if len(chosen) == 1:
            self.accept()
            open_person(chosen[0].person_id)

    @Slot()
    def open_assessment(self) -> None:
        chosen = self.selected_people()
        if len(chosen) == 1:
            self.assessment = assessment_dialog(self, self._services, chosen[0].person_id)
            self.assessment.open()

    @Slot()
    def issue_warrant(self) -> WarrantDialog | None:
        chosen = self.selected_people()
        if self.detail is None or len(chosen) != 1:
            return None
        dialog = WarrantDialog(self._services, self, person_id=chosen[0].person_id,
                               person_name=chosen[0].name, session=self.detail.session,
                               travel_to=chosen[0].pickup_name or self.detail.session.project_name)
        dialog.saved.connect(lambda w: announce(f"Issued travel warrant "
                                                f"{w.serial_text}."))
        dialog.saved.connect(lambda w: confirm_issued(self, self._services, w))
        self.dialog = dialog
        dialog.open()
        return dialog

    # Session -----------------------------------------------------------------------------

    def _on_interpreter_toggled(self, checked: bool) -> None:
        if self.detail is None:
            return
        try:
            self._services.upw.sessions.set_interpreter_booked(
                self._session_id, checked, version=self.detail.session.version)
        except UpwError as exc:
            self.reload()
            self.banner.show_message(str(exc))
            return
        publish(Subject.SESSION, [self._session_id])
        self._changed("Interpreter booked." if checked else "Interpreter no longer booked.")

    @Slot()
    def edit_staff(self) -> SessionStaffDialog | None:
        if self.detail is None:
            return None
        dialog = SessionStaffDialog(self._services, self.detail.session, self._unit_id, self)
        dialog.saved.connect(lambda _r: self._changed("Saved the session's staff and van."))
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def edit_pickups(self) -> SessionPickupsDialog | None:
        if self.detail is None:
            return None
        dialog = SessionPickupsDialog(self._services, self.detail.session, self)
        dialog.saved.connect(lambda _r: self._changed("Saved the session's pick-ups."))
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def stand_down(self) -> StandDownDialog | None:
        if self.detail is None:
            return None
        dialog = StandDownDialog(self._services, self.detail.session, self)
        dialog.stood_down.connect(lambda r: self._changed(f"Stood the session down: "
                                                          f"{r.reason}."))
        dialog.booked.connect(announce)
        self.dialog = dialog
        dialog.open()
        return dialog

    # Printing ----------------------------------------------------------------------------

    @Slot()
    def print_letter(self, language: Language | None = None) -> None:
        chosen = self.selected_people()
        if len(chosen) != 1:
            return
        person = chosen[0]
        render = self._services.upw.documents.render_letter
        welsh = " (Welsh)" if language is Language.WELSH else ""
        def printed(_preview: object) -> None:
            # Printed, the letter shows on the person's record (its Letters).
            publish(Subject.LETTER, [person.appointment_id], [person.person_id])

        preview_document(self, lambda: render(person.appointment_id, language),
                         f"Appointment letter{welsh} – {person.name}",
                         f"appointment-letter-{person.crn}.pdf",
                         opened=printed)

    @Slot()
    def print_manifest(self, language: Language = Language.ENGLISH) -> None:
        if self.detail is None or (van_id := self.detail.session.van_id) is None:
            return
        s = self.detail.session
        render = self._services.upw.documents.render_manifest
        welsh = " (Welsh)" if language is Language.WELSH else ""
        preview_document(self, lambda: render(van_id, s.session_date, language),
                         f"Van manifest{welsh} – {s.van_name}, {s.session_date:%d/%m/%Y}",
                         f"van-manifest-{s.session_date.isoformat()}.pdf")
