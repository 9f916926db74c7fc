"""The main window: navigation on the left, the current page on the right, menus and status."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from upw_ttg import APP_TITLE
from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.permissions import Capability

from ui.case_links import open_case_item, open_day_paper, show_scheduling_page
from ui.changes import change_bus
from ui.exchange_menu import ExchangeMenu
from ui.formatting import set_today_source
from ui.help_menu import HelpMenuParts, build_help_menu
from ui.permissions import can, can_find_people, can_use_attendance, is_administrator
from ui.resources import icon
from ui.settings import UiSettings
from ui.signing_out import SigningOut
from ui.tasks import (
    BackgroundTask,
    import_late,
    load_then_freeze,
    report_failure,
    run_in_background,
)
from ui.text_timer import TextTimer
from ui.views.organisation_page import OrganisationPage
from ui.views.people_page import PeoplePage
from ui.views.settings_page import SettingsPage
from ui.views.staff_page import StaffPage
from ui.views.ttg.access import can_use_ttg
from ui.widgets.fit import fit_in_scroll_area, wrap_long_items
from ui.widgets.role_checks import roles_text
from ui.window_lock import WindowLock

if TYPE_CHECKING:
    from ui.views.attendance.area import AttendanceArea
    from ui.views.directory_page import DirectoryPage
    from ui.views.figures.figures_page import FiguresArea
    from ui.views.person_page import PersonPage
    from ui.views.ttg.area import TtgArea
    from ui.views.upw.area import SchedulingArea


AreaT = TypeVar("AreaT", bound=QWidget)
Shortcut = QKeySequence | QKeySequence.StandardKey | str | None
# The count is read again this often, for changes made by others or on other screens.
BROKEN_RECOUNT_MS = 60_000
FIRST_COUNT_DELAY_MS = 1_500
# Once the first screen is up, the other areas' modules are loaded on a worker, so opening one
# for the first time does not wait for its imports on the GUI thread.
PRELOAD_DELAY_MS = 1_000


class MainWindow(SigningOut, HelpMenuParts, QMainWindow):
    """People for everyone; Settings (view only unless an administrator); Staff for admins."""

    PEOPLE, SETTINGS, STAFF, TTG = "people", "settings", "staff", "ttg"
    ORGANISATION = "organisation"
    SCHEDULING, ATTENDANCE = "scheduling", "attendance"
    FIGURES = "figures"
    DIRECTORY = "directory"

    def __init__(self, services: AppServices, ui_settings: UiSettings):
        super().__init__()
        self._services = services
        self._ui_settings = ui_settings
        set_today_source(services.ctx.today)
        actor = services.ctx.actor
        self._admin = is_administrator(actor)
        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(icon("app.svg"))

        self.people_page = PeoplePage(services, ui_settings)
        # A person's record and the Through the Gate area are built when first opened: they
        # load the Unpaid Work, attendance and TTG services and printing, which the first
        # screen (the people list) does not need.
        self._person_page: PersonPage | None = None
        self._ttg_area: TtgArea | None = None
        self._may_use_ttg = can_use_ttg(actor)
        # Settings, Staff, Offices and prisons: built and read when first opened.
        self._settings_page: SettingsPage | None = None
        self._staff_page: StaffPage | None = None
        self._organisation_page: OrganisationPage | None = None
        self._may_manage_staff, self._may_manage_offices = self._admin, can(
            actor, Capability.MANAGE_OFFICES_AND_PRISONS)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.people_page)

        self.nav = QListWidget()
        self.nav.setObjectName("NavigationList")
        self.nav.setAccessibleName("Areas")
        self.nav.setFixedWidth(180)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        wrap_long_items(self.nav)  # "Offices and prisons" on two lines rather than cut short
        self._areas: list[str] = []
        # Each area only for those whose roles use it (the permission table decides).
        self._may_find_people = can_find_people(actor)
        if self._may_find_people:
            self._add_area(self.PEOPLE, "People")
        self._add_area(self.SETTINGS, "Settings")
        if self._may_manage_staff:
            self._add_area(self.STAFF, "Staff")
        if self._may_manage_offices:
            self._add_area(self.ORGANISATION, "Offices and prisons")
        # The directory of local services: kept by administrators, read by those who refer.
        self._directory: DirectoryPage | None = None
        if self._may_use_ttg or can(actor, Capability.MANAGE_SERVICE_DIRECTORY):
            self._add_area(self.DIRECTORY, "Local services")
        if self._may_use_ttg:
            self._add_area(self.TTG, "Through the Gate")
        # Built the first time they are opened: start-up only pays for the first screen.
        self._scheduling: SchedulingArea | None = None
        self._attendance: AttendanceArea | None = None
        self._may_schedule = can(actor, Capability.READ_SCHEDULE)
        self._may_attend = can_use_attendance(actor)
        if self._may_schedule:
            self._add_area(self.SCHEDULING, "Scheduling")
        if self._may_attend:
            self._add_area(self.ATTENDANCE, "Attendance")
        self._figures: FiguresArea | None = None
        if can(actor, Capability.READ_FIGURES):
            self._add_area(self.FIGURES, "Figures")
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(fit_in_scroll_area(self.stack), 1)
        # The lock screen stands in for all of this after an idle period.
        self.lock = WindowLock(self, services, central)
        self.lock.sign_out_requested.connect(self.sign_out_from_lock)
        self.signed_out = False

        # Every screen's notices and requests for a person's record come here, once.
        change_bus().on_notice(self, self.show_notice)
        change_bus().on_open_person(self, self.open_person)
        change_bus().on_open_plan(self, self.open_plan)
        self.stack.currentChanged.connect(self._update_actions)

        self._build_actions()
        self._build_status_bar()
        # Reminders queued and texts sent while the application is open (rule UPW-TEXTS).
        self.text_timer: TextTimer | None = None
        if can(actor, Capability.SEND_TEXTS):
            self.text_timer = TextTimer(services, self)
            self.text_timer.start()
        # Someone who works only in Attendance (a supervisor) starts there.
        start = self.PEOPLE if self._may_find_people else \
            self.ATTENDANCE if self._may_attend else self.SETTINGS
        self.nav.setCurrentRow(self._areas.index(start))
        self._restore_geometry()
        self._update_actions()

    # Building ----------------------------------------------------------------------------

    def _add_area(self, key: str, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.nav.addItem(item)
        self._areas.append(key)

    @property
    def services(self) -> AppServices:
        return self._services

    @property
    def settings_page(self) -> SettingsPage:
        """The Settings area, built when first opened (as are Staff, Offices and prisons)."""
        return self._page("_settings_page", SettingsPage, True)

    @property
    def staff_page(self) -> StaffPage | None:
        return self._page("_staff_page", StaffPage, self._may_manage_staff)

    @property
    def organisation_page(self) -> OrganisationPage | None:
        return self._page("_organisation_page", OrganisationPage, self._may_manage_offices)

    def _page(self, attr: str, make, allowed: bool):
        if getattr(self, attr) is None and allowed:
            setattr(self, attr, make(self._services))
            self.stack.addWidget(getattr(self, attr))
        return getattr(self, attr)

    def current_area(self) -> str:
        """The area shown: people, person, settings, staff, ttg, scheduling or attendance."""
        if self.stack.currentWidget() is self.person_page:
            return "person"
        row = self.nav.currentRow()
        return self._areas[row] if row >= 0 else self.PEOPLE

    def make_action(self, text: str, shortcut: Shortcut, slot) -> QAction:
        """A window-wide command (menus build theirs with it)."""
        return self._action(text, shortcut, slot)

    def _action(self, text: str, shortcut: Shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_person_action = self._action("&New person…", QKeySequence.StandardKey.New,
                                              self.new_person)
        file_menu.addAction(self.new_person_action)
        self.print_action = self._action("&Print case summary…", QKeySequence.StandardKey.Print,
                                         self._print_case_summary)
        file_menu.addAction(self.print_action)
        self.print_day_action = self._action("Print a &day's paper…", "Ctrl+Shift+P",
                                             self.print_day_paper)
        self.print_day_action.setToolTip("Work sheets, van manifests and appointment letters "
                                         "for tomorrow (or a day you choose)")
        self.print_day_action.setEnabled(self._may_schedule)
        if self._may_schedule:
            file_menu.addAction(self.print_day_action)
        self.sentencers_action = self._action("Sentencers' availability &sheet…", None,
                                              self.print_sentencers_sheet)
        self.sentencers_action.setToolTip("A delivery unit's page for the courts: the wait to "
                                          "a first session and the places free")
        self.sentencers_action.setEnabled(can(self._services.ctx.actor,
                                               Capability.PRINT_SENTENCERS_SHEET))
        if self.sentencers_action.isEnabled():
            file_menu.addAction(self.sentencers_action)
        file_menu.addSeparator()
        self.change_password_action = self._action("C&hange password…", None,
                                                   self.change_password)
        file_menu.addAction(self.change_password_action)
        self.lock_action = self._action("&Lock", "Ctrl+L", self.lock_now)
        file_menu.addAction(self.lock_action)
        self.sign_out_action = self._action("Sign &out", None, self.sign_out)
        file_menu.addAction(self.sign_out_action)
        file_menu.addSeparator()
        self.quit_action = self._action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        file_menu.addAction(self.quit_action)

        go_menu = bar.addMenu("&Go")
        self.go_people = self._action("&People", "Ctrl+1", self.show_people)
        self.go_settings = self._action("&Settings", "Ctrl+2", self.show_settings)
        self.go_people.setEnabled(self._may_find_people)
        if self._may_find_people:
            go_menu.addAction(self.go_people)
        go_menu.addAction(self.go_settings)
        self.go_staff = self._action("S&taff", "Ctrl+3", self.show_staff)
        if self._may_manage_staff:
            go_menu.addAction(self.go_staff)
        else:
            self.go_staff.setEnabled(False)
        self.go_organisation = self._action("&Offices and prisons", None,
                                            self.show_organisation)
        if self._may_manage_offices:
            go_menu.addAction(self.go_organisation)
        else:
            self.go_organisation.setEnabled(False)
        self.go_ttg = self._action("Through the &Gate", "Ctrl+4", self.show_ttg)
        if self._may_use_ttg:
            go_menu.addAction(self.go_ttg)
        else:
            self.go_ttg.setEnabled(False)
        self.go_scheduling = self._action("S&cheduling", "Ctrl+5", self.show_scheduling)
        self.go_broken = self._action("&Bookings that break a rule", "Ctrl+7",
                                      self.show_broken_bookings)
        self.go_induction = self._action("&Induction", "Ctrl+8", self.show_induction)
        for action in (self.go_scheduling, self.go_broken, self.go_induction):
            action.setEnabled(self._may_schedule)
            if self._may_schedule:
                go_menu.addAction(action)
        self.go_attendance = self._action("&Attendance", "Ctrl+6", self.show_attendance)
        self.go_attendance.setEnabled(self._may_attend)
        if self._may_attend:
            go_menu.addAction(self.go_attendance)
        go_menu.addSeparator()
        self.find_action = self._action("&Find a person", QKeySequence.StandardKey.Find,
                                        self.find_person)
        self.find_action.setEnabled(self._may_find_people)
        if self._may_find_people:
            go_menu.addAction(self.find_action)

        self.exchange_menu = ExchangeMenu(self, self._services)
        self.exchange_menu.build(bar)

        build_help_menu(self, bar.addMenu("&Help"))

    def _build_status_bar(self) -> None:
        actor = self._services.ctx.actor
        # Bookings that break a rule are never left silent: their count stays in view.
        self.broken_button = QPushButton()
        self.broken_button.setObjectName("BrokenBookingsBadge")
        self.broken_button.setFlat(True)
        self.broken_button.setAccessibleName("Bookings that break a rule")
        self.broken_button.setToolTip("Open the list of bookings that break a placement rule")
        self.broken_button.clicked.connect(self.show_broken_bookings)
        self.broken_button.setVisible(False)
        self.statusBar().addPermanentWidget(self.broken_button)
        self._recount: BackgroundTask | None = None
        self._broken_timer = QTimer(self)
        self._broken_timer.setInterval(BROKEN_RECOUNT_MS)
        self._broken_timer.timeout.connect(self.recount_broken)
        if self._may_schedule:
            self._broken_timer.start()
            # First counted just after the window is on screen: the count needs the Unpaid
            # Work services, which the first screen does not otherwise load.
            self._first_count = QTimer(self)
            self._first_count.setSingleShot(True)
            self._first_count.timeout.connect(self.recount_broken)
            self._first_count.start(FIRST_COUNT_DELAY_MS)
        self.database_label = QLabel(f"Database: {self._services.database_description()}")
        self.database_label.setToolTip(self._services.database_description())
        who = (f"Signed in as {actor.full_name} ({roles_text(actor.role, actor.roles).lower()})"
               if actor else "Not signed in")
        self.user_label = QLabel(who)
        self.statusBar().addPermanentWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.user_label)

    # Navigation --------------------------------------------------------------------------

    def _on_nav_current_row_changed(self, row: int) -> None:
        if row < 0:
            return
        area = self._areas[row]
        if area == self.PEOPLE:
            on_person = self._person_page is not None \
                and self.stack.currentWidget() is self._person_page
            if not on_person:
                self.stack.setCurrentWidget(self.people_page)
        elif area == self.SETTINGS:
            self.stack.setCurrentWidget(self.settings_page)
        elif area == self.STAFF and (staff := self.staff_page) is not None:
            self.stack.setCurrentWidget(staff)
        elif area == self.ORGANISATION and (offices := self.organisation_page) is not None:
            self.stack.setCurrentWidget(offices)
        elif area == self.TTG and self.ttg_area is not None:
            self.stack.setCurrentWidget(self.ttg_area)
        elif area == self.SCHEDULING:
            self.stack.setCurrentWidget(self.scheduling_area())
        elif area == self.ATTENDANCE:
            self.stack.setCurrentWidget(self.attendance_area())
        elif area == self.DIRECTORY:
            self.stack.setCurrentWidget(self.directory_area())
        elif area == self.FIGURES:
            self.stack.setCurrentWidget(self.figures_area())

    @property
    def person_page(self) -> PersonPage:
        """A person's record, built the first time one is opened."""
        if self._person_page is None:
            from ui.views.person_page import PersonPage

            page = PersonPage(self._services, self._ui_settings)
            self._person_page = page
            self.stack.addWidget(page)
            page.back_requested.connect(self.show_people)
            page.item_requested.connect(
                lambda opens, ref_id, line: open_case_item(self, opens, ref_id, line))
        return self._person_page

    @property
    def ttg_area(self) -> TtgArea | None:
        """The Through the Gate area (None without its roles), built on first use."""
        if self._ttg_area is None and self._may_use_ttg:
            from ui.views.ttg.area import TtgArea

            self._ttg_area = TtgArea(self._services)
            self.stack.addWidget(self._ttg_area)
        return self._ttg_area

    @Slot()
    def _print_case_summary(self) -> None:
        if self._person_page is not None:
            self._person_page.print_case_summary()

    def scheduling_area(self) -> SchedulingArea:
        """The Unpaid Work scheduling area, built on first use."""
        from ui.views.upw.area import SchedulingArea
        return self._built("_scheduling", lambda: SchedulingArea(self._services, self._ui_settings))

    def attendance_area(self) -> AttendanceArea:
        """The attendance, hours and enforcement area, built on first use."""
        from ui.views.attendance.area import AttendanceArea
        return self._built("_attendance", lambda: AttendanceArea(self._services, self._ui_settings))

    def directory_area(self) -> DirectoryPage:
        """The directory of local services, built on first use."""
        from ui.views.directory_page import DirectoryPage
        return self._built("_directory", lambda: DirectoryPage(self._services))

    def figures_area(self) -> FiguresArea:
        """The managers' figures, built on first use."""
        from ui.views.figures.figures_page import FiguresArea
        return self._built("_figures", lambda: FiguresArea(self._services))

    @property
    def may_schedule(self) -> bool:
        return self._may_schedule

    @property
    def may_attend(self) -> bool:
        return self._may_attend

    def _built(self, attr: str, build: Callable[[], AreaT]) -> AreaT:
        """The area in ``attr``, built and put in the stack the first time it is asked for."""
        if getattr(self, attr) is None:
            setattr(self, attr, build())
            self.stack.addWidget(getattr(self, attr))
        return getattr(self, attr)

    @Slot()
    def recount_broken(self) -> None:
        """Show how many bookings break a rule, in every delivery unit (hidden when none)."""
        if not self._may_schedule or self._recount is not None:
            return
        services = self._services  # whose Unpaid Work services may not be loaded yet
        self._recount = run_in_background(lambda: import_late(lambda: services.upw).broken.count(),
                                          self._show_broken_count,
                                          self._on_recount_failed, parent=self)

    def _on_recount_failed(self, exc: BaseException) -> None:
        self._recount = None
        if self.signed_out:
            return  # the count was refused because the member signed out meanwhile
        report_failure(self, "The bookings that break a rule could not be counted.", exc)

    def _show_broken_count(self, count: int) -> None:
        self._recount = None
        if not shiboken6.isValid(self.broken_button):
            return  # the window closed while the count was read
        self.broken_button.setText(f"⚠ {count} booking{'s' if count != 1 else ''} "
                                   f"break{'s' if count == 1 else ''} a rule")
        self.broken_button.setVisible(count > 0)

    @Slot()
    def show_broken_bookings(self) -> None:
        """The Scheduling area's list of bookings that break a rule."""
        if (area := show_scheduling_page(self, "BROKEN")) is not None:
            area.reload_broken()

    @Slot()
    def show_induction(self) -> None:
        """The Scheduling area's induction page: who awaits a first session."""
        show_scheduling_page(self, "INDUCTION")

    @Slot()
    def show_scheduling(self) -> None:
        if not self._may_schedule:
            return
        self._select_area(self.SCHEDULING)
        self.stack.setCurrentWidget(self.scheduling_area())
        self.scheduling_area().setFocus()

    @Slot()
    def show_attendance(self) -> None:
        if not self._may_attend:
            return
        self._select_area(self.ATTENDANCE)
        area = self.attendance_area()
        self.stack.setCurrentWidget(area)
        area.focus_current()

    def _select_area(self, key: str) -> None:
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(self._areas.index(key))
        self.nav.blockSignals(False)

    @Slot()
    def show_people(self) -> None:
        """The people list (leaving any open record)."""
        if not self._may_find_people:
            return
        self._select_area(self.PEOPLE)
        self.stack.setCurrentWidget(self.people_page)
        self.people_page.table.setFocus()

    @Slot()
    def show_settings(self) -> None:
        self._select_area(self.SETTINGS)
        self.stack.setCurrentWidget(self.settings_page)
        self.settings_page.table.setFocus()

    @Slot()
    def show_staff(self) -> None:
        if (staff := self.staff_page) is None:  # not an administrator
            return
        self._select_area(self.STAFF)
        self.stack.setCurrentWidget(staff)
        staff.table.setFocus()

    @Slot()
    def show_organisation(self) -> None:
        if (offices := self.organisation_page) is None:  # not allowed to manage them
            return
        self._select_area(self.ORGANISATION)
        self.stack.setCurrentWidget(offices)
        offices.office_table.setFocus()

    @Slot()
    def show_ttg(self) -> None:
        """The Through the Gate area as it was left (the caseload, or the open plan)."""
        if (area := self.ttg_area) is None:
            return
        self._select_area(self.TTG)
        self.stack.setCurrentWidget(area)
        if (page := area.currentWidget()) is not None:
            page.setFocus()

    @Slot(int)
    def open_plan(self, episode_id: int) -> None:
        """The resettlement plan of a custody episode, in the Through the Gate area."""
        if self.ttg_area is None:
            return
        self.show_ttg()
        self.ttg_area.open_plan(episode_id)

    @Slot(int)
    def open_person(self, person_id: int) -> None:
        if not self._may_find_people:
            return
        self.person_page.load(person_id)
        self._select_area(self.PEOPLE)
        self.stack.setCurrentWidget(self.person_page)
        self.person_page.tabs.setFocus()

    @Slot()
    def print_day_paper(self) -> None:
        """File ▸ Print a day's paper (Ctrl+Shift+P), from any screen."""
        if self._may_schedule:
            self.day_paper_dialog = open_day_paper(self._services, self)

    @Slot()
    def print_sentencers_sheet(self) -> None:
        """File ▸ Sentencers' availability sheet, from any screen."""
        from ui.dialogs.upw.sentencers_sheet_dialog import SentencersSheetDialog

        self.sentencers_dialog = SentencersSheetDialog(self._services, self)
        self.sentencers_dialog.open()

    @Slot()
    def find_person(self) -> None:
        self.show_people()
        self.people_page.focus_search()

    @Slot()
    def new_person(self) -> None:
        self.show_people()
        self.people_page.new_person()

    def _update_actions(self, *_args: object) -> None:
        if self.lock.is_locked:
            return  # the lock restores the states it found; nothing may print meanwhile
        person_page = self._person_page
        self.print_action.setEnabled(person_page is not None
                                     and self.stack.currentWidget() is person_page
                                     and person_page.may_print())
        self.new_person_action.setEnabled(self._may_find_people
                                          and self.people_page.new_button.isEnabled())

    # Messages ----------------------------------------------------------------------------

    @Slot(str)
    def show_notice(self, text: str) -> None:
        """A notice from any screen (:func:`ui.changes.announce`). What was done may have mended
        or broken a booking, so the bookings that break a rule are counted again."""
        self.recount_broken()
        if self.lock.is_locked:
            return  # notices can name people; the lock shows nothing personal
        self.statusBar().showMessage(text, 6000)

    # Locking ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.lock.is_locked:
            self.lock.start()
        if not hasattr(self, "_preload"):
            self._preload = QTimer(self)
            self._preload.setSingleShot(True)
            self._preload.timeout.connect(self._preload_areas)
            self._preload.start(PRELOAD_DELAY_MS)

    @Slot()
    def _preload_areas(self) -> None:
        """Load the modules of the areas this member may open, on a worker; then keep what
        start-up left alive out of the collector's full passes."""
        modules = [name for name, may in (
            ("ui.views.person_page", self._may_find_people), ("ui.views.upw.area",
            self._may_schedule), ("ui.views.ttg.area", self._may_use_ttg),
            ("ui.views.attendance.area", self._may_attend)) if may]
        load_then_freeze(lambda: [importlib.import_module(name) for name in modules], self)

    # Window state ------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self._ui_settings.value("main_window/geometry")
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1280, 800)

    def _may_leave(self) -> bool:
        """Unsaved registers and plans: saved, or the user agrees to leave them."""
        if self._attendance is not None and not self._attendance.confirm_close():
            return False
        if self._ttg_area is None or self._ttg_area.save_all():
            return True
        return self._ttg_area.plan.ask_close_unsaved()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.signed_out and (self.lock.is_locked or not self._may_leave()):
            # While locked nobody may close (and so lose) the signed-in user's work.
            event.ignore()
            return
        self.lock.stop()
        self._ui_settings.set_value("main_window/geometry", self.saveGeometry())
        self.people_page.save_state()
        self._ui_settings.sync()
        super().closeEvent(event)
