"""Every screen fits a 1280 × 720 laptop window: nothing forces the window wider or taller, and
no widget is wider than the window (long contents scroll instead)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from upw_ttg.domain.codes import Role

from tests.ui.conftest import add_staff_member
from ui.main_window import MainWindow

WIDTH, HEIGHT = 1280, 720


def _too_wide(window: QWidget) -> list[str]:
    return [f"{type(w).__name__}({w.objectName() or w.accessibleName()}) {w.width()}px"
            for w in window.findChildren(QWidget)
            if w.isVisible() and w.width() > window.width()]


def _check(window: MainWindow, where: str, problems: list[str]) -> None:
    QApplication.processEvents()
    page = window.stack.currentWidget()
    room = window.stack.parentWidget().width()  # the scroll area's viewport
    if page.minimumSizeHint().width() > room:
        problems.append(f"{where}: the page needs {page.minimumSizeHint().width()} px of "
                        f"the {room} px it has, so it scrolls sideways")
    minimum = window.minimumSizeHint()
    if window.width() > WIDTH or minimum.width() > WIDTH:
        problems.append(f"{where}: the window is {window.width()} px wide "
                        f"(needs {minimum.width()})")
    if minimum.height() > HEIGHT:
        problems.append(f"{where}: the window needs {minimum.height()} px of height")
    problems.extend(f"{where}: {w}" for w in _too_wide(window))


def _tabs_of(widget: QWidget) -> list[QTabWidget]:
    return [t for t in widget.findChildren(QTabWidget) if t.isVisibleTo(widget)]


def test_every_screen_fits_1280_by_720(qtbot, services, ui_settings, fast_hash, person,
                                       world):
    # Long names are what push a screen wider: a project named at length, with sessions.
    world.session(name="Allotment plots, hedging and footpaths, community garden, "
                       "Knaresborough and district")
    services.ctx.actor = add_staff_member(
        services, "all", Role.MANAGER, fast_hash, "Alex Everything",
        roles=frozenset({Role.MANAGER, Role.ADMINISTRATOR, Role.COORDINATOR}))
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    problems: list[str] = []
    window.open_person(person.id)
    for index in range(window.person_page.tabs.count()):
        window.person_page.tabs.setCurrentIndex(index)
        _check(window, f"person: {window.person_page.tabs.tabText(index)}", problems)
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        area = window.stack.currentWidget()
        name = window.nav.item(row).text()
        _check(window, name, problems)
        for tabs in _tabs_of(area):
            for index in range(tabs.count()):
                if tabs.isTabVisible(index):
                    tabs.setCurrentIndex(index)
                    _check(window, f"{name}: {tabs.tabText(index)}", problems)
    assert problems == []
