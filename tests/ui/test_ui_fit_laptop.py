"""Every screen fits a 1280 × 720 laptop window, at 100 % and at 150 % scaling: nothing forces
the window wider or taller, no widget is wider than the window (long contents scroll instead),
and no label, button, tab, column title or area name is cut short."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from upw_ttg.domain.codes import Role

from tests.narrowing import present
from tests.ui.conftest import add_staff_member
from tests.ui.cut_text import cut_text
from ui.main_window import MainWindow

WIDTH, HEIGHT = 1280, 720
ROOT = Path(__file__).resolve().parents[2]


def _too_wide(window: QWidget) -> list[str]:
    return [f"{type(w).__name__}({w.objectName() or w.accessibleName()}) {w.width()}px"
            for w in window.findChildren(QWidget)
            if w.isVisible() and w.width() > window.width()]


def _check(window: MainWindow, where: str, problems: list[str]) -> None:
    QApplication.processEvents()
    page = present(window.stack.currentWidget())
    room = present(window.stack.parentWidget()).width()  # the scroll area's viewport
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
    # Text cut short is named once, on the first screen it was seen on.
    problems.extend(f"{where}: {w}" for w in cut_text(window)
                    if not any(p.endswith(f": {w}") for p in problems))


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
        area = present(window.stack.currentWidget())
        name = window.nav.item(row).text()
        _check(window, name, problems)
        for tabs in _tabs_of(area):
            for index in range(tabs.count()):
                if tabs.isTabVisible(index):
                    tabs.setCurrentIndex(index)
                    _check(window, f"{name}: {tabs.tabText(index)}", problems)
    assert problems == [], "\n".join(problems)


def test_every_screen_fits_at_150_percent_scaling():
    """The same walk with Qt scaling at 150 % (1920 × 1080 at 150 % is 1280 × 720 logical):
    fonts are measured again at that scale, in a process of its own (the scale is fixed when
    the application starts)."""
    if os.environ.get("QT_SCALE_FACTOR"):
        pytest.skip("this process is the scaled one")
    env = dict(os.environ, QT_SCALE_FACTOR="1.5", QT_QPA_PLATFORM="offscreen")
    test = f"{Path(__file__).relative_to(ROOT)}::test_every_screen_fits_1280_by_720"
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           test], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]


def test_no_screen_shortens_text_itself():
    """Text is wrapped or shown whole, never cut with "…" by the screens' own code."""
    found = [f"{path.relative_to(ROOT)}:{number}"
             for path in sorted((ROOT / "ui").rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if "elidedText(" in line]
    assert found == []
