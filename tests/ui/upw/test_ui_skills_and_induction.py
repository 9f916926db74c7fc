"""Skills on the project form and the register (Ctrl+K), the certificate from a person's
orders, and the induction tab of Scheduling (rules UPW-SKILLS, UPW-CERTIFICATE, UPW-INDUCTION)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from upw_ttg.domain.codes import AdjustmentKind, Language
from upw_ttg.records.skills import SkillInput

from tests.narrowing import present
from tests.pdf_support import pdf_text
from tests.ui.attendance_support import PAST, activate, focused, make_world, press, type_text
from tests.ui.conftest import settle
from tests.ui.upw_world import World as UpwWorld
from ui.dialogs.upw.project_dialog import ProjectDialog
from ui.dialogs.upw.skills_dialog import SkillDialog, SkillsListDialog, SkillsShownDialog
from ui.views.attendance.area import AttendanceArea
from ui.views.orders_tab import OrdersTab
from ui.views.upw.area import SchedulingArea

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
SCREENS = os.environ.get("UPW_TTG_SCREEN_OUT")


def _save_screen(widget, name: str) -> None:
    if SCREENS:
        widget.grab().save(str(Path(SCREENS) / name))


def _skills(services) -> dict[str, int]:
    return {name: services.upw.skills.save_skill(None, SkillInput(name, welsh)).id
            for name, welsh in (("Working in a team", "Gweithio mewn tîm"),
                                ("Fencing and hedging", "Ffensio a phlygu perthi"),
                                ("Painting and decorating", None))}


def _give_project_skills(services, project: int, skill_ids) -> None:
    record = services.upw.projects.get_project(project)
    services.upw.projects.update_project(project, dataclasses.replace(
        record.to_input(), skill_ids=tuple(skill_ids)))


def test_the_project_form_chooses_the_skills_it_practises(qtbot, services, fast_hash):
    skills = _skills(services)
    world = UpwWorld(services, fast_hash)
    project = world.project()
    dialog = ProjectDialog(services, services.upw.projects.get_project(project))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.skills.count() == 3
    names = [dialog.skills.item(i).text() for i in range(dialog.skills.count())]
    dialog.skills.item(names.index("Fencing and hedging")).setCheckState(Qt.CheckState.Checked)
    _save_screen(dialog, "project-dialog-skills.png")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.submit()
    assert services.upw.projects.get_project(project).skill_ids == (
        skills["Fencing and hedging"],)


def test_the_skills_list_adds_and_changes_skills(qtbot, services, ui_settings, fast_hash):
    _skills(services)
    world = UpwWorld(services, fast_hash)
    world.project()
    area = SchedulingArea(services, ui_settings)
    qtbot.addWidget(area)
    page = area.projects.projects
    assert page.skills_button.isEnabled()
    dialog = page.edit_skills()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, SkillsListDialog)
    assert dialog.list.count() == 3
    assert "no Welsh name yet" in dialog.list.item(1).text()
    dialog.add_skill()
    form = present(dialog.findChild(SkillDialog))
    form.name.setText("Dry stone walling")
    form.name_cy.setText("Codi waliau cerrig sych")
    with qtbot.waitSignal(form.saved, timeout=10000):
        form.submit()
    settle()
    assert dialog.list.count() == 4
    assert "Dry stone walling · Cymraeg: Codi waliau cerrig sych" in dialog.list.item(
        0).text()
    _save_screen(dialog, "skills-list.png")


def test_ctrl_k_records_skills_shown_without_leaving_the_register(qtbot, services, ui_settings):
    skills = _skills(services)
    world = make_world(services)
    project = world.project()
    _give_project_skills(services, project, [skills["Fencing and hedging"]])
    session = world.session(project, PAST)
    order = world.order(world.person("Sam", "Adams"))
    appt = world.book(session, order)
    area = AttendanceArea(services, ui_settings)
    activate(qtbot, area)
    page = area.registers
    press(qtbot, Qt.Key.Key_D, ALT)
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, PAST.strftime("%d/%m/%Y"))
    press(qtbot, Qt.Key.Key_Return)
    settle()
    assert page.register is not None
    assert page.skills_line.text.text() == ("Skills shown by Sam Adams: none recorded. Ctrl+K "
                                            "records them.")
    type_text(qtbot, "at")        # keyed, not saved yet
    press(qtbot, Qt.Key.Key_K, CTRL)
    dialog = page.skills_line.dialog
    assert isinstance(dialog, SkillsShownDialog) and dialog.isVisible()
    assert dialog.list.item(0).text() == "Fencing and hedging (this project)"
    qtbot.waitUntil(lambda: focused() is dialog.list, timeout=3000)
    press(qtbot, Qt.Key.Key_Space)   # ticks the project's skill
    _save_screen(dialog, "skills-shown.png")
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        press(qtbot, Qt.Key.Key_Return)
    settle()
    assert services.upw.skills.register_skills(session).shown[appt] == (
        skills["Fencing and hedging"],)
    assert "Skills shown by Sam Adams: Fencing and hedging." in page.skills_line.text.text()
    # The keyed outcome is still there to save, and the keyboard is back on the register.
    assert page.model.has_unsaved_changes()
    assert page.model.entry_at(0).outcome_code == "ATTC"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table, timeout=3000)
    _save_screen(area, "register-skills.png")


def test_the_certificate_is_refused_in_words_then_printed_once_complete(
        qtbot, services, monkeypatch, wait_for_tasks):
    skills = _skills(services)
    world = make_world(services)
    person = world.person("Gwenllïan", "Ŵyn")
    order = world.order(person, hours=40)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text: told.append(text))
    tab = OrdersTab(services)
    qtbot.addWidget(tab)
    tab.load(person, "Gwenllïan Ŵyn")
    assert tab.certificate_button.isEnabled()
    tab.print_certificate(Language.ENGLISH)
    assert told == ["This order is not complete yet, with 40 hours left to work. The "
                    "certificate can be printed once every hour is done."]
    project = world.project(name="Canal towpath")
    _give_project_skills(services, project, [skills["Fencing and hedging"]])
    session = world.session(project, PAST)
    appt = world.book(session, order)
    world.key(session, appt, "ATTC")
    services.upw.skills.record_shown(appt, [skills["Working in a team"]], was=[])
    world.att.ledger.add_adjustment(order, AdjustmentKind.OTHER, -(2400 - 390),
                                    "Hours worked under a transferred order")
    tab.reload(order)
    tab.print_certificate(Language.WELSH)
    wait_for_tasks()
    text = pdf_text(present(tab.printer.preview)._pdf, flattened=True)
    assert "Tystysgrif cwblhau" in text and "Gweithio mewn tîm" in text
    assert "Canal towpath" in text and len(told) == 1
    if SCREENS:
        Path(SCREENS, "certificate-cy.pdf").write_bytes(present(tab.printer.preview)._pdf)
        Path(SCREENS, "certificate-en.pdf").write_bytes(
            services.upw.certificates.render(order, language=Language.ENGLISH))


def test_the_induction_tab_lists_who_awaits_and_books_them(qtbot, services, ui_settings,
                                                          fast_hash):
    world = UpwWorld(services, fast_hash)
    induction = world.session(dt.date(2026, 12, 1), project_type="induction",
                              name="Unpaid Work induction, York")
    world.session(dt.date(2026, 12, 1))  # a group session: not offered here
    _person, order = world.placeable()
    area = SchedulingArea(services, ui_settings)
    activate(qtbot, area)
    area.show_page(area.INDUCTION)
    page = area.induction
    settle()
    rows = [page.people_model.row_at(r) for r in range(page.people_model.rowCount())]
    assert [r.order_id for r in rows] == [order]
    assert page.people_model.index(0, page.people_model.DEADLINE).data() == (
        "Overdue by 8 working days")
    assert page.sessions_model.rowCount() == 1
    assert page.sessions_model.row_at(0).session_id == induction
    assert page.book_button.isEnabled()
    _save_screen(area, "induction-page.png")
    page.book()
    settle()
    assert "Booked" in page.banner.text()
    booked = page.people_model.row_at(0)
    assert booked.induction_booked == dt.date(2026, 12, 1)
    assert page.sessions_model.row_at(0).booked == 1
