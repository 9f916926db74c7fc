"""Alt+letter does one thing per window: menu titles, tabs, buttons and labelled fields shown
together never share an underlined letter (Alt+F opens File)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar, QWidget

from upw_ttg.domain.codes import Role

from tests.ui.conftest import add_staff_member
from ui.dialogs.custody_dialog import CustodyDialog
from ui.dialogs.person_dialog import PersonDialog
from ui.main_window import MainWindow

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def _letter(text: str) -> str | None:
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match[1].lower() if match else None


def clashes(window: QWidget, menus: Sequence[str] = ()) -> dict[str, list[str]]:
    """Letters claimed by more than one thing shown in ``window`` (plus its menu titles)."""
    owners: dict[str, list[str]] = defaultdict(list)
    for title in menus:
        if (letter := _letter(title)) is not None:
            owners[letter].append(f"menu {title}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        texts: list[str] = []
        if (isinstance(widget, QLabel) and widget.buddy() is not None) \
                or isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QTabBar):
            texts.extend(widget.tabText(i) for i in range(widget.count())
                         if widget.isTabVisible(i))
        for text in texts:
            if (letter := _letter(text)) is not None:
                owners[letter].append(text)
    return {letter: names for letter, names in owners.items() if len(names) > 1}


def test_the_person_record_and_form_have_one_meaning_per_letter(qtbot, services, ui_settings,
                                                                person, fast_hash):
    services.ctx.actor = add_staff_member(
        services, "all", Role.MANAGER, fast_hash, "Alex Everything",
        roles=frozenset({Role.MANAGER, Role.ADMINISTRATOR, Role.COORDINATOR}))
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.show()
    menus = [action.text() for action in window.menuBar().actions()]
    assert _letter(menus[0]) == "f", "Alt+F opens File"
    window.show_people()
    QApplication.processEvents()
    assert clashes(window, menus) == {}, "people list"
    window.open_person(person.id)
    page = window.person_page
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert clashes(window, menus) == {}, page.tabs.tabText(index)
    form = PersonDialog(services.people, page.record, window)
    qtbot.addWidget(form)
    assert clashes(form) == {}
    custody = CustodyDialog(services.custody, person.id, "Siân Jones", None, window, [])
    qtbot.addWidget(custody)
    assert clashes(custody) == {}
