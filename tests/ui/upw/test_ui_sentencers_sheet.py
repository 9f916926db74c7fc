"""The sentencers' availability sheet from the File menu: a unit, a language, a preview."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QMenu

from upw_ttg.domain.codes import Language

from tests.narrowing import present, shown
from tests.pdf_support import pdf_text
from ui.changes import change_bus
from ui.dialogs.upw.sentencers_sheet_dialog import SentencersSheetDialog
from ui.main_window import MainWindow


def test_the_file_menu_prints_a_units_sheet_in_the_language_chosen(
        qtbot, services, ui_settings, world, wait_for_tasks):
    sid = world.session()
    services.upw.placement.place(world.placeable()[1], sid)
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.show()
    file_menu = shown(window.menuBar().actions()[0].menu(), QMenu)
    assert window.sentencers_action in file_menu.actions()
    window.sentencers_action.trigger()
    dialog: SentencersSheetDialog = window.sentencers_dialog
    qtbot.addWidget(dialog)
    assert dialog.unit.count() >= 1 and dialog.print_button.isEnabled()
    if os.environ.get("UPW_TTG_SCREEN_OUT"):
        dialog.grab().save(str(Path(os.environ["UPW_TTG_SCREEN_OUT"]) / "sheet-dialog.png"))
    dialog.language.setCurrentIndex(dialog.language.findData(Language.WELSH))
    with qtbot.waitSignal(change_bus().announced, timeout=20000):
        dialog.print_sheet()
    wait_for_tasks()
    text = pdf_text(present(dialog.preview)._pdf, flattened=True)
    assert "Gwaith Di-dâl: argaeledd ar gyfer dedfrydwyr" in text
    assert present(dialog.preview).windowTitle().startswith(
        "Print preview – Sentencers' availability sheet, ")


def test_a_supervisor_has_no_sentencers_sheet(qtbot, services, ui_settings, fast_hash):
    from upw_ttg.domain.codes import Role

    from tests.ui.conftest import add_staff_member

    services.ctx.actor = add_staff_member(services, "sup", Role.SUPERVISOR, fast_hash)
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    assert not window.sentencers_action.isEnabled()
    file_menu = shown(window.menuBar().actions()[0].menu(), QMenu)
    assert window.sentencers_action not in file_menu.actions()
