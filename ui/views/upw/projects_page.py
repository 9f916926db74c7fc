"""Projects and their sessions: the projects list, edit, generate sessions, session staffing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.permissions import Capability
from upw_ttg.records.upw import GenerationResult, ProjectRecord, SessionRecord

from ui.changes import Subject, announce, follow
from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.upw.closure_dialog import ClosureDialog
from ui.dialogs.upw.project_dialog import GenerateSessionsDialog, ProjectDialog, generation_report
from ui.dialogs.upw.session_dialog import SessionDialog
from ui.dialogs.upw.session_staff_dialog import SessionPickupsDialog, SessionStaffDialog
from ui.dialogs.upw.skills_dialog import SkillsListDialog
from ui.loading import PageLoader
from ui.models.table_model import RowSortProxy
from ui.models.upw.delivery_units import DeliveryUnit
from ui.models.upw.projects_model import (
    ProjectFilterProxy,
    ProjectsTableModel,
    SessionsTableModel,
)
from ui.models.upw.text import format_day
from ui.permissions import NOT_ALLOWED_TO_SCHEDULE, can, can_schedule
from ui.views.upw.fleet_tabs import PickupPointsTab, VansTab
from ui.widgets.banner import Banner
from ui.widgets.date_field import DateField
from ui.widgets.fit import narrow_combo
from ui.widgets.tables import fit_columns, make_table, selected_row

SESSION_WEEKS = 8


class ProjectsTab(QWidget):
    """Projects above; the selected project's sessions for a date range below."""

    def __init__(self, services: AppServices, units: list[DeliveryUnit], unit_id: int | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._editable = can_schedule(services.ctx.actor)
        self.dialog: QWidget | None = None
        today = services.ctx.today()
        self.unit = narrow_combo(QComboBox())
        self.unit.setAccessibleName("Delivery unit")
        self.unit.addItem("All delivery units", None)
        for unit in units:
            self.unit.addItem(unit.name, unit.id)
        self.unit.setCurrentIndex(max(0, self.unit.findData(unit_id)))
        unit_label = QLabel("&Unit:")
        unit_label.setBuddy(self.unit)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText("Code, name, beneficiary or office")
        self.filter.setAccessibleName("Filter projects")
        filter_label = QLabel("F&ilter:")
        filter_label.setBuddy(self.filter)
        self.inactive = QCheckBox("Show ina&ctive")
        self.model = ProjectsTableModel(self)
        self.proxy = ProjectFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "Projects")
        self.table.activated.connect(lambda _index: self.edit_project())
        self.table.selectionModel().selectionChanged.connect(self._on_project_selected)
        self.new_button = QPushButton("&New project…")
        self.new_button.clicked.connect(self.new_project)
        self.edit_button = QPushButton("&Edit project…")
        self.edit_button.clicked.connect(self.edit_project)
        self.generate_button = QPushButton("Gene&rate sessions…")
        self.generate_button.setProperty("primary", "true")
        self.generate_button.clicked.connect(self.generate_sessions)
        self.closure_button = QPushButton("Closure da&y…")
        self.closure_button.setToolTip("Close the service, an office or this project for a day")
        self.closure_button.clicked.connect(self.add_closure)
        self.closure_button.setEnabled(self._editable)
        self.skills_button = QPushButton("Skills list…")
        self.skills_button.setToolTip("The list of skills projects practise (rule UPW-SKILLS)")
        self.skills_button.clicked.connect(self.edit_skills)
        self.skills_button.setEnabled(can(services.ctx.actor, Capability.MANAGE_SKILLS))
        for button in (self.new_button, self.edit_button, self.generate_button,
                       self.closure_button):
            if not self._editable:
                button.setToolTip(NOT_ALLOWED_TO_SCHEDULE)
        self.new_button.setEnabled(self._editable)
        self.report = Banner()
        self.report.prefixes = False

        self.sessions_title = QLabel("Sessions")
        self.sessions_title.setStyleSheet("font-weight: 600;")
        self.date_from = DateField()
        self.date_from.setAccessibleName("Sessions from")
        self.date_from.set_date(today)
        self.date_to = DateField()
        self.date_to.setAccessibleName("Sessions to")
        self.date_to.set_date(today + dt.timedelta(weeks=SESSION_WEEKS))
        from_label = QLabel("Fro&m:")
        from_label.setBuddy(self.date_from)
        to_label = QLabel("T&o:")
        to_label.setBuddy(self.date_to)
        self.show_button = QPushButton("Show")
        self.show_button.clicked.connect(self.load_sessions)
        for field in (self.date_from, self.date_to):
            field.returnPressed.connect(self.load_sessions)
            field.date_picked.connect(lambda _day: self.load_sessions())
        self.sessions_model = SessionsTableModel(self)
        sessions_proxy = RowSortProxy(self)
        sessions_proxy.setSourceModel(self.sessions_model)
        self.sessions = make_table(sessions_proxy, "Sessions of the selected project")
        self.sessions.activated.connect(lambda _index: self.open_session())
        self.sessions.selectionModel().selectionChanged.connect(self._update_buttons)
        self.open_button = QPushButton("Session &details…")
        self.open_button.clicked.connect(self.open_session)
        self.staff_button = QPushButton("S&taff and van…")
        self.staff_button.clicked.connect(self.edit_staff)
        self.pickups_button = QPushButton("&Pick-ups…")
        self.pickups_button.clicked.connect(self.edit_pickups)
        self.sessions_hint = QLabel()
        self.sessions_hint.setObjectName("Hint")

        filters = QHBoxLayout()
        filters.addWidget(unit_label)
        filters.addWidget(self.unit)
        filters.addWidget(filter_label)
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.inactive)
        filters.addStretch(0)
        filters.addWidget(self.new_button)
        filters.addWidget(self.edit_button)
        filters.addWidget(self.generate_button)
        filters.addWidget(self.closure_button)
        filters.addWidget(self.skills_button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(filters)
        upper_layout.addWidget(self.report)
        upper_layout.addWidget(self.table, 1)
        # The title names the project, so it has a line of its own and wraps: a long name
        # must not make the page wider than a laptop's window.
        self.sessions_title.setWordWrap(True)
        range_row = QHBoxLayout()
        for widget in (from_label, self.date_from, to_label, self.date_to, self.show_button):
            range_row.addWidget(widget)
        range_row.addStretch(1)
        for widget in (self.open_button, self.staff_button, self.pickups_button):
            range_row.addWidget(widget)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 6, 0, 0)
        lower_layout.addWidget(self.sessions_title)
        lower_layout.addLayout(range_row)
        lower_layout.addWidget(self.sessions, 1)
        lower_layout.addWidget(self.sessions_hint)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addWidget(splitter, 1)
        self.unit.currentIndexChanged.connect(lambda _index: self.reload())
        self.inactive.toggled.connect(lambda _checked: self.reload())
        self.filter.textChanged.connect(self.proxy.set_text)
        self.loader = PageLoader(self, [self.table])
        self.sessions_loader = PageLoader(self, [self.sessions])
        self.reload()
        # Fill, staff and stand-downs saved anywhere (this tab's own dialogs too).
        follow(self, [Subject.SESSION, Subject.BOOKING], self.load_sessions)

    # Projects ----------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """List the projects again, keeping (or moving to) the selected one."""
        current = self.selected_project()
        target = select_id if select_id is not None else (current.id if current else None)
        projects, unit_id = self._services.upw.projects, self.unit.currentData()
        inactive = self.inactive.isChecked()
        self.loader.load(lambda: projects.list_projects(unit_id=unit_id,
                                                        include_inactive=inactive),
                         lambda rows: self._show_projects(rows, target))

    def _show_projects(self, projects: list[ProjectRecord], target: int | None) -> None:
        self.model.set_rows(projects)
        fit_columns(self.table)
        for row in range(self.proxy.rowCount()):
            if self.proxy.row_object(row).id == target:
                self.table.selectRow(row)
                break
        else:
            if self.proxy.rowCount():
                self.table.selectRow(0)
        self._on_project_selected()

    def selected_project(self) -> ProjectRecord | None:
        return selected_row(self.table, ProjectRecord)

    def _on_project_selected(self, *_args: QItemSelection) -> None:
        project = self.selected_project()
        self.edit_button.setEnabled(self._editable and project is not None)
        self.generate_button.setEnabled(self._editable and project is not None
                                        and bool(project and project.active))
        self.sessions_title.setText(f"Sessions of {project.name}" if project else "Sessions")
        self.load_sessions()

    @Slot()
    def new_project(self) -> None:
        self._open_project(ProjectDialog(self._services, None, self), "Added")

    @Slot()
    def edit_project(self) -> None:
        project = self.selected_project()
        if project is not None and self._editable:
            self._open_project(ProjectDialog(self._services, project, self), "Saved")

    def _open_project(self, dialog: ProjectDialog, verb: str) -> None:
        def saved(record: ProjectRecord) -> None:
            self.reload(record.id)
            announce(f"{verb} the project {record.name}.")
        dialog.saved.connect(saved)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def edit_skills(self) -> SkillsListDialog:
        dialog = SkillsListDialog(self._services, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def generate_sessions(self) -> GenerateSessionsDialog | None:
        project = self.selected_project()
        if project is None or not self.generate_button.isEnabled():
            return None
        dialog = GenerateSessionsDialog(self._services, project, self._services.ctx.today(),
                                        self)
        dialog.saved.connect(lambda result: self._on_generated(project, result))
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def add_closure(self) -> ClosureDialog | None:
        if not self._editable:
            return None
        dialog = ClosureDialog(self._services, self.selected_project(), self)
        dialog.saved.connect(lambda row: announce(
            f"Added the closure on {format_day(row.closed_on)} ({row.reason})."))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_generated(self, project: ProjectRecord, result: GenerationResult) -> None:
        text = f"{project.name}: {generation_report(result)}"
        self.report.show_message(text, "info")
        announce(generation_report(result))

    # Sessions ----------------------------------------------------------------------------

    @Slot()
    def load_sessions(self) -> None:
        project = self.selected_project()
        try:
            first, last = self.date_from.date(), self.date_to.date()
        except ValueError as exc:
            self.sessions_hint.setText(str(exc))
            return
        if project is None or first is None or last is None:
            self.sessions_loader.cancel()
            self.sessions_model.set_rows([])
            self.sessions_hint.setText("Choose a project and the dates to see its sessions.")
            self._update_buttons()
            return
        sessions, project_id = self._services.upw.sessions, project.id
        self.sessions_loader.load(lambda: sessions.list_sessions(
            project_id=project_id, date_from=first, date_to=last), self._show_sessions)

    def _show_sessions(self, rows: list[SessionRecord]) -> None:
        self.sessions_model.set_rows(rows)
        fit_columns(self.sessions)
        if rows:
            self.sessions.selectRow(0)
        self.sessions_hint.setText(
            f"{len(rows)} session{'s' if len(rows) != 1 else ''} between these dates."
            if rows else "No sessions between these dates: use Generate sessions.")
        self._update_buttons()

    def selected_session(self) -> SessionRecord | None:
        return selected_row(self.sessions, SessionRecord)

    def _update_buttons(self, *_args: QItemSelection) -> None:
        chosen = self.selected_session() is not None
        self.open_button.setEnabled(chosen)
        self.staff_button.setEnabled(chosen and self._editable)
        self.pickups_button.setEnabled(chosen and self._editable)

    @Slot()
    def open_session(self) -> None:
        session = self.selected_session()
        project = self.selected_project()
        if session is None:
            return
        unit = project.delivery_unit_id if project is not None else None
        dialog = SessionDialog(self._services, session.id, unit, self)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def edit_staff(self) -> None:
        session, project = self.selected_session(), self.selected_project()
        if session is not None:
            self._open_session_form(SessionStaffDialog(
                self._services, session, project.delivery_unit_id if project else None, self),
                "Saved the session's staff and van.")

    @Slot()
    def edit_pickups(self) -> None:
        session = self.selected_session()
        if session is not None:
            self._open_session_form(SessionPickupsDialog(self._services, session, self),
                                    "Saved the session's pick-ups.")

    def _open_session_form(self, dialog: FormDialog, message: str) -> None:
        dialog.saved.connect(lambda _record: announce(message))
        self.dialog = dialog
        dialog.open()


class ProjectsPage(QWidget):
    """Projects and sessions, vans, and pick-up points, each on its own tab."""

    def __init__(self, services: AppServices, units: list[DeliveryUnit], unit_id: int | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel("Projects and sessions")
        title.setObjectName("PageTitle")
        self.projects = ProjectsTab(services, units, unit_id)
        self.vans = VansTab(services)
        self.pickup_points = PickupPointsTab(services)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Projects, vans and pick-up points")
        self.tabs.addTab(self.projects, "Pro&jects")
        self.tabs.addTab(self.vans, "V&ans")
        self.tabs.addTab(self.pickup_points, "Pic&k-up points")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

