"""UI fixtures: offscreen Qt, services on a fresh SQLite file per test, signed-in staff."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QStandardPaths

from upw_ttg.bootstrap import AppLocation, AppServices, open_app
from upw_ttg.domain.codes import Gender, OrderType, Role
from upw_ttg.domain.directory import ProviderInput, ReferralRoute
from upw_ttg.records.custody import CustodyInput
from upw_ttg.records.orders import OrderInput
from upw_ttg.records.people import PersonInput, PersonRecord
from upw_ttg.records.staff import StaffMember

from tests.conftest import TODAY, write_staff
from ui import tasks
from ui.app import setup_application
from ui.settings import UiSettings

if TYPE_CHECKING:
    from ui.main_window import MainWindow


@pytest.fixture(scope="session", autouse=True)
def _styled_application(qapp):
    """The real style sheet and names, and Qt's standard paths kept away from the user's."""
    QStandardPaths.setTestModeEnabled(True)
    setup_application(qapp)
    return qapp


@pytest.fixture(autouse=True)
def _no_task_outlives_its_test(qtbot) -> Iterator[None]:
    """Stop and wait for background work before the test's windows are deleted: a result
    arriving at a deleted window, or a worker still running into the next test, crashes Qt.

    Then the windows the test closed are deleted now rather than in the next test's first
    event loop, and their subscriptions to the application's one bus go with them: the next
    test's notices and changes reach only its own screens."""
    yield
    tasks.finish_all_tasks()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def add_staff_member(services: AppServices, username: str, role: Role, password_hash: str,
                     full_name: str | None = None, gender: Gender = Gender.NOT_STATED,
                     roles: frozenset[Role] | None = None) -> StaffMember:
    """A staff account written straight to the database (scrypt at full cost is slow)."""
    return write_staff(services.db, username, full_name or username.title(), role,
                       password_hash, gender, roles)


@pytest.fixture
def open_services(sqlite_db_url, tmp_path) -> Iterator[Callable[[], AppServices]]:
    """Open the application's services on this test's SQLite file (again, for a second user).

    An explicit SQLite URL, so UPW_TTG_DATABASE_URL never sends UI tests to PostgreSQL.
    """
    opened: list[AppServices] = []

    def make() -> AppServices:
        services = open_app(AppLocation.resolve(tmp_path, sqlite_db_url))
        services.ctx.now = lambda: dt.datetime.combine(TODAY, dt.time(10, 30))
        opened.append(services)
        return services

    yield make
    # Work still running in the thread pool must not outlive the database it reads.
    tasks.finish_all_tasks()
    for services in opened:
        services.close()


@pytest.fixture
def fresh_services(open_services) -> AppServices:
    """Services on a database with no staff yet (nobody signed in)."""
    return open_services()


@pytest.fixture
def services(fresh_services, fast_hash) -> AppServices:
    """Services signed in as an administrator who is also a manager (so every screen can be
    tried); a coordinator account exists too."""
    admin = add_staff_member(fresh_services, "admin", Role.ADMINISTRATOR, fast_hash,
                             "Ada Admin", Gender.FEMALE,
                             roles=frozenset({Role.ADMINISTRATOR, Role.MANAGER}))
    add_staff_member(fresh_services, "coord", Role.COORDINATOR, fast_hash, "Cai Coordinator",
                     Gender.MALE)
    fresh_services.ctx.actor = admin
    return fresh_services


@pytest.fixture
def ui_settings(tmp_path) -> UiSettings:
    return UiSettings(tmp_path / "ui-settings.ini")


def make_person(services: AppServices, crn: str = "X123456", forename: str = "Siân",
                surname: str = "Jones", **changes: object) -> PersonRecord:
    # Keyword arguments of mixed types, some replaced by the caller's.
    values: dict[str, Any] = dict(crn=crn, forename=forename, surname=surname,
                                     date_of_birth=dt.date(1990, 5, 17), gender=Gender.FEMALE,
                                     town="Hull", postcode="HU1 3DX")
    values.update(changes)
    return services.people.create(PersonInput(**values))


@pytest.fixture
def person(services) -> PersonRecord:
    """Siân Jones, X123456, with one order and one custody episode."""
    record = make_person(services)
    services.orders.create(OrderInput(person_id=record.id, court="Hull Magistrates' Court",
                                      sentence_date=TODAY - dt.timedelta(days=40),
                                      order_type=OrderType.COMMUNITY_ORDER, hours_ordered=120))
    prison = services.custody.prisons()[0]
    services.custody.create(CustodyInput(
        person_id=record.id, prison_id=prison.id, prison_number="A1234BC",
        reception_date=TODAY - dt.timedelta(days=90),
        sentence_start_date=TODAY - dt.timedelta(days=90),
        conditional_release_date=TODAY + dt.timedelta(days=120)))
    return record


def settle(timeout_s: float = 10.0) -> None:
    """Let the event loop run until no background work is left: lists are read on a worker
    and arrive a moment after the screen asked for them."""
    deadline = time.monotonic() + timeout_s
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if tasks.running_tasks() == 0:
            break
        if time.monotonic() > deadline:
            raise AssertionError("background work did not finish in time")
        time.sleep(0.002)
    QCoreApplication.processEvents()


def open_main_window(qtbot, services: AppServices, ui_settings: UiSettings) -> MainWindow:
    """The main window on ``services``, shown and settled."""
    from ui.main_window import MainWindow

    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.show()
    settle()
    return window


@pytest.fixture
def wait_for_tasks(qtbot) -> Callable[[], None]:
    def wait() -> None:
        qtbot.waitUntil(lambda: tasks.running_tasks() == 0, timeout=10000)
    return wait


def accessible_name(widget) -> str:
    """What a screen reader announces for ``widget`` (its label, text or accessible name)."""
    from PySide6.QtGui import QAccessible

    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return name or widget.accessibleName()


def unnamed_focusable_widgets(root) -> list[str]:
    """Every visible widget under ``root`` that takes keyboard focus but has no name."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(root) \
                and widget.isEnabled() and not accessible_name(widget).strip():
            # Scroll bars, viewports and Qt's own inner parts (a spin box's line edit) are
            # announced as part of the widget that owns them.
            if type(widget).__name__ in ("QScrollBar", "QWidget") \
                    or widget.objectName().startswith("qt_"):
                continue
            missing.append(f"{type(widget).__name__}({widget.objectName()})")
    return missing


@pytest.fixture
def world(services, fast_hash):
    """A small world of projects, sessions and placeable people (tests/ui/upw_world.py)."""
    from tests.ui.upw_world import World

    return World(services, fast_hash)


@pytest.fixture
def worker(services, fast_hash) -> StaffMember:
    """Signed in as a resettlement worker."""
    services.ctx.actor = add_staff_member(services, "rita", Role.RESETTLEMENT_WORKER, fast_hash,
                                          "Rita Resettlement")
    return services.ctx.actor


@pytest.fixture
def episode_id(services, person, worker) -> int:
    """The id of the person's custody episode, read as the resettlement worker."""
    return services.custody.for_person(person.id)[0].id


@pytest.fixture
def screen(qtbot, services, episode_id):
    """The plan screen on Siân's episode, with the plan started."""
    from ui.views.ttg.plan_screen import PlanScreen

    screen = PlanScreen(services)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.open_episode(episode_id)
    screen.show()
    qtbot.waitUntil(lambda: not screen.loading, timeout=10000)
    screen.start_button.click()
    return screen


def stored(services, episode_id):
    """The plan of the episode as stored."""
    return services.plans.for_episode(episode_id)


@pytest.fixture
def add(services, fast_hash):
    """Add a provider as an administrator, whoever is signed in."""
    keeper = add_staff_member(services, "dora", Role.ADMINISTRATOR, fast_hash, "Dora Admin")

    def add_provider(name: str, pathways: tuple[str, ...], unit_codes: tuple[str, ...] = ()):
        signed_in, services.ctx.actor = services.ctx.actor, keeper
        try:
            units = tuple(a.id for a in services.directory.areas() if a.code in unit_codes)
            return services.directory.add(ProviderInput(
                name=name, pathway_codes=pathways, national=not units, unit_ids=units,
                address="4 Marina Court", town="Hull", postcode="HU1 1TJ",
                phone="01632 960 601", email="refer@example.org",
                opening_hours="Monday to Friday, 9am to 5pm",
                referral_route=ReferralRoute.PHONE, referral_how="Ask for the duty worker."))
        finally:
            services.ctx.actor = signed_in
    return add_provider
