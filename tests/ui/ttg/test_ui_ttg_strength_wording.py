"""A strength's wording is corrected in its cell on the plan screen, saved with the plan's
version and audited; a refused save keeps the old wording on screen and says why."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from upw_ttg.domain.codes import Role

from tests.narrowing import shown
from tests.ui.conftest import add_staff_member, settle, stored


def _strengths_page(services, episode_id, screen):
    plan = stored(services, episode_id)
    services.plans.add_strength(plan.id, "strength", "He is close to his sister", plan.version,
                                "You are close to your sistr")
    screen.show_plan(stored(services, episode_id))
    screen.show_page("strengths", focus=True)
    settle()
    page = screen.page("strengths")
    page.view.selectRow(0)
    settle()
    return page


def _type_into_cell(qtbot, text: str) -> None:
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    settle()


def test_the_wording_for_the_person_is_corrected_in_its_cell(qtbot, services, episode_id,
                                                             screen):
    page = _strengths_page(services, episode_id, screen)
    assert page.wording_button.isEnabled()
    page.wording_button.click()
    settle()
    if os.environ.get("UPW_TTG_SCREEN_OUT"):
        screen.resize(1280, 720)
        screen.grab().save(str(Path(os.environ["UPW_TTG_SCREEN_OUT"]) / "strength-edit.png"))
    assert shown(QApplication.focusWidget(), QLineEdit).text() == "You are close to your sistr"
    _type_into_cell(qtbot, "You are close to your sister")
    [strength] = stored(services, episode_id).strengths
    assert strength.persons_wording == "You are close to your sister"
    assert strength.description == "He is close to his sister"
    assert page.model.row_at(0).persons_wording == "You are close to your sister"
    # The staff wording is corrected the same way, by double-click or F2.
    page.view.setCurrentIndex(page.model.index(0, page.model.DESCRIPTION))
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    settle()
    _type_into_cell(qtbot, "Close to his sister, who visits weekly")
    assert stored(services, episode_id).strengths[0].description == (
        "Close to his sister, who visits weekly")


def test_a_stale_edit_is_refused_and_the_old_wording_stays(qtbot, services, episode_id,
                                                           screen, fast_hash):
    page = _strengths_page(services, episode_id, screen)
    actor = services.ctx.actor
    services.ctx.actor = add_staff_member(services, "bea", Role.RESETTLEMENT_WORKER, fast_hash,
                                          "Bea Worker")
    plan = stored(services, episode_id)
    services.plans.add_strength(plan.id, "strength", "Cooks for the wing", plan.version)
    services.ctx.actor = actor
    page.wording_button.click()
    settle()
    _type_into_cell(qtbot, "Changed")
    assert "Bea Worker" in screen.banner.text()
    assert page.model.row_at(0).persons_wording == "You are close to your sistr"
    assert stored(services, episode_id).strengths[0].persons_wording == (
        "You are close to your sistr")


def test_nothing_is_editable_on_a_plan_the_member_may_only_read(qtbot, services, episode_id,
                                                                screen):
    page = _strengths_page(services, episode_id, screen)
    screen.state.editable = False  # as for a member without the right to edit plans
    page.set_editable(False)
    index = page.model.index(0, page.model.PERSONS_WORDING)
    assert not page.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not page.wording_button.isEnabled()
