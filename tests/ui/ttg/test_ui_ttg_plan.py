"""The resettlement plan screen: autosave, the completion gate, stale edits and the keyboard."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt

from upw_ttg.domain.codes import DiversityCategory, MappaLevel, NeedStatus, RiskLevel, Role
from upw_ttg.domain.permissions import PERMISSIONS, Capability
from upw_ttg.records.ttg import AgreementInput, NeedInput, RiskInput

from tests.call_log import appended
from tests.narrowing import present, shown
from tests.services.ttg.ttg_support import STATUS_GAP, settle_pathways
from tests.ui.conftest import TODAY, add_staff_member, settle, stored, unnamed_focusable_widgets
from ui.main_window import MainWindow
from ui.views.ttg.plan_screen import PlanScreen
from ui.views.ttg.required_pages import RiskPage, StrengthsPage


def test_an_episode_without_a_plan_offers_to_start_one(qtbot, services, episode_id):
    screen = PlanScreen(services)
    qtbot.addWidget(screen)
    screen.open_episode(episode_id)
    qtbot.waitUntil(lambda: not screen.loading, timeout=10000)
    assert screen.stack.currentWidget() is screen.start_panel
    screen.show_page("dates")
    settle()
    assert screen.stack.currentWidget() is screen.page("dates"), "dates need no plan"
    screen.show_page("need:accommodation")
    settle()
    screen.start_button.click()
    settle()
    assert stored(services, episode_id) is not None
    assert screen.stack.currentWidget() is screen.page("need:accommodation")
    assert "Plan in draft" in screen.header.facts_label.text()


def test_the_plan_is_read_on_a_worker_and_its_pages_built_a_few_at_a_time(qtbot, services,
                                                                           episode_id):
    services.plans.save_need(services.plans.create(episode_id).id,
                             NeedInput("accommodation", own_words="A flat near my kids"))
    screen = PlanScreen(services)
    qtbot.addWidget(screen)
    screen.show()
    assert len(screen.pages) < 5, "the pages are built over the next turns of the event loop"
    screen.open_episode(episode_id)
    assert screen.loading and not screen.body.isEnabled()
    assert not screen.header.isVisible(), "no facts above the plan until they are read"
    settle()
    qtbot.waitUntil(lambda: not screen.loading, timeout=10000)
    assert not screen.loading and screen.body.isEnabled() and screen.header.isVisible()
    assert len(screen.pages) == len(services.plans.pathways()) + 8
    assert screen.page("need:accommodation").own_words.toPlainText() == "A flat near my kids"
    assert screen.header.name_label.text() == "JONES, Siân"


def test_typing_is_saved_after_the_pause_and_not_before(qtbot, services, episode_id, screen):
    page = screen.page("need:accommodation")
    qtbot.keyClicks(page.own_words, "I need a flat near my kids")
    assert stored(services, episode_id).need("accommodation") is None
    assert screen.header.save_state.text().startswith("Editing")
    qtbot.waitUntil(lambda: stored(services, episode_id).need("accommodation") is not None,
                    timeout=3000)
    need = stored(services, episode_id).need("accommodation")
    assert need.own_words == "I need a flat near my kids"
    assert screen.header.save_state.text() == "✓ Saved 10:30"
    page.status.setCurrentIndex(page.status.findData(NeedStatus.IN_PROGRESS))
    settle()
    screen.show_page("need:ete")  # leaving the page saves at once
    settle()
    assert stored(services, episode_id).need("accommodation").status == NeedStatus.IN_PROGRESS
    assert screen.nav.item(1).text().startswith("◐")


def test_closing_the_window_saves_what_was_being_typed(qtbot, services, ui_settings,
                                                      episode_id):
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.show()
    window.open_plan(episode_id)
    plan_screen = present(window.ttg_area).plan
    qtbot.waitUntil(lambda: not plan_screen.loading, timeout=10000)
    plan_screen.start_button.click()
    settle()
    plan_screen.show_page("risk")
    settle()
    qtbot.keyClicks(shown(plan_screen.page("risk"), RiskPage).summary, "Risk to a former partner")
    shown(plan_screen.page("strengths"), StrengthsPage).reason.setText("never typed: not dirty")
    window.close()
    assert stored(services, episode_id).risk.summary == "Risk to a former partner"
    assert not plan_screen.state.pending


def test_a_problem_is_shown_by_its_field_and_the_text_is_kept(qtbot, services, episode_id,
                                                             screen):
    screen.show_page("agreement")
    settle()
    page = screen.page("agreement")
    qtbot.keyClicks(page.agreed_on, "31/02/2026")
    qtbot.keyClicks(page.comments, "Happy with it")
    assert not screen.save_pending()
    assert "not a real date" in page.field_set("agreement").error_text("agreed_on")
    assert page.agreed_on.text() == "31/02/2026"
    assert page.comments.toPlainText() == "Happy with it"
    assert screen.header.save_state.text() == "⚠ Not saved – see the message"
    page.agreed_on.clear()
    qtbot.keyClicks(page.agreed_on, "20/11/2026")
    assert screen.save_pending()
    assert stored(services, episode_id).agreed_on == dt.date(2026, 11, 20)
    assert page.field_set("agreement").error_text("agreed_on") == ""


def test_completing_names_every_missing_section_and_links_to_it(qtbot, services, episode_id,
                                                               screen, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(screen, "confirm_complete", lambda text: appended(asked, text) or True)
    screen.header.complete_button.click()
    settle()
    assert asked == [], "nothing to confirm while sections are missing"
    panel = screen.header.missing
    assert panel.isVisible()
    plan = stored(services, episode_id)
    assert panel.messages() == plan.missing_for_completion
    keys = [key for key, _message in panel.items]
    assert keys[0] == "need:accommodation" and "strengths" in keys and "diversity" in keys
    # Each pathway without a status links to its own page.
    assert keys[panel.messages().index("Health" + STATUS_GAP)] == "need:health"
    assert "risk" in keys and "agreement" in keys
    for message in panel.messages():
        assert html.escape(message) in panel.links.text()
    panel.links.linkActivated.emit("risk")
    assert screen.current_key() == "risk"
    assert screen.focusWidget() is screen.page("risk").level
    # Answer everything, then completing works.
    plans = services.plans
    plan = plans.save_need(plan.id, NeedInput("health", own_words="I need my meds"))
    plan = plans.add_strength(plan.id, "strength", "Good with his hands", plan.version)
    plan = plans.set_diversity_considered(plan.id, True, plan.version)
    plan = plans.save_risk(plan.id, RiskInput(RiskLevel.LOW, MappaLevel.NONE, "Low", TODAY,
                                              None, None, TODAY, version=plan.version))
    plan = plans.save_agreement(plan.id, AgreementInput(True, TODAY, version=plan.version))
    plan = plans.set_consent(plan.id, "Shelter", True, plan.version)
    settle_pathways(plans, plan)
    screen.reload()
    settle()
    screen.header.complete_button.click()
    settle()
    assert asked and asked[0].startswith("Mark the resettlement plan of Siân Jones complete?")
    assert "9 pathways are recorded as no need: Accommodation" in asked[0]
    assert not panel.isVisible()
    assert stored(services, episode_id).completed_on == TODAY
    assert screen.header.complete_button.text() == "Plan complete"
    assert not screen.header.complete_button.isEnabled()


def test_someone_elses_save_is_named_and_the_typing_is_kept(qtbot, services, episode_id,
                                                           screen, open_services, fast_hash):
    other = open_services()
    other.ctx.actor = add_staff_member(other, "sam", Role.RESETTLEMENT_WORKER, fast_hash,
                                       "Sam Second")
    screen.show_page("risk")
    settle()
    page = screen.page("risk")
    qtbot.keyClicks(page.summary, "My summary typed in the room")
    plan = stored(other, episode_id)
    other.plans.save_risk(plan.id, RiskInput(summary="Their summary", version=plan.version))
    assert not screen.save_pending()
    assert "Sam Second" in screen.banner.text()
    assert page.summary.toPlainText() == "My summary typed in the room"
    assert screen.reload_button.isVisible()
    assert stored(services, episode_id).risk.summary == "Their summary"
    screen.reload_button.click()
    settle()
    assert page.summary.toPlainText() == "My summary typed in the room"
    assert screen.save_pending()
    assert stored(services, episode_id).risk.summary == "My summary typed in the room"


def test_the_keyboard_moves_through_the_pathways_and_into_a_page(qtbot, screen):
    screen.nav.setFocus()
    assert screen.current_key() == "need:accommodation"
    qtbot.keyClick(screen.nav, Qt.Key.Key_Up)
    assert screen.current_key() == "need:accommodation", "the group heading is skipped"
    qtbot.keyClick(screen.nav, Qt.Key.Key_Down)
    assert screen.current_key() == "need:ete"
    assert screen.stack.currentWidget() is screen.page("need:ete")
    qtbot.keyClick(screen.nav, Qt.Key.Key_Return)
    assert screen.focusWidget() is screen.page("need:ete").own_words
    qtbot.keyClick(screen.focusWidget(), Qt.Key.Key_PageDown,
                   Qt.KeyboardModifier.ControlModifier)
    assert screen.current_key() == "need:finance_id"
    assert screen.focusWidget() is screen.page("need:finance_id").own_words
    qtbot.keyClick(screen.focusWidget(), Qt.Key.Key_F6)
    assert screen.focusWidget() is screen.nav
    for _ in range(6):  # through the last pathways
        qtbot.keyClick(screen.nav, Qt.Key.Key_Down)
    assert screen.current_key() == "need:sex_work", "women's pathways are shown for Siân"
    qtbot.keyClick(screen.nav, Qt.Key.Key_Down)
    assert screen.current_key() == "strengths", "over the next heading"
    qtbot.keyClick(screen.nav, Qt.Key.Key_F6)
    assert screen.focusWidget() is screen.page("strengths").description


def test_pathways_actions_and_progress(qtbot, services, episode_id, screen, monkeypatch):
    page = screen.page("need:accommodation")
    page.entry.setText("Shelter assessment booked")
    page.add_entry_button.click()
    settle()
    need = stored(services, episode_id).need("accommodation")
    assert [p.entry for p in need.progress] == ["Shelter assessment booked"]
    assert page.progress_model.rowCount() == 1 and page.entry.text() == ""
    page.actions_box.add_button.click()
    settle()
    dialog = screen.dialog
    dialog.description.setText("Refer to Shelter")
    dialog.owner.setText("Rita")
    dialog.submit()
    settle()
    action = stored(services, episode_id).actions[0]
    assert (action.need_id, action.owner) == (need.id, "Rita")
    page.actions_box.table.selectRow(0)
    page.actions_box.done_button.click()
    settle()
    assert stored(services, episode_id).actions[0].done_on == TODAY
    monkeypatch.setattr(screen, "confirm", lambda *_a: True)
    page.actions_box.table.selectRow(0)
    page.actions_box.remove_button.click()
    settle()
    assert stored(services, episode_id).actions == ()


def test_every_page_names_every_control(qtbot, screen):
    for key in screen.visible_keys():
        screen.show_page(key)
        settle()
        assert unnamed_focusable_widgets(screen) == [], key


def test_leaving_with_an_unsaved_problem_asks_first(qtbot, screen, monkeypatch):
    answers: list[bool] = []
    monkeypatch.setattr(screen, "ask_close_unsaved", lambda *_a: answers.pop(0))
    screen.show_page("agreement")
    settle()
    qtbot.keyClicks(screen.page("agreement").agreed_on, "not a date")
    answers.append(False)
    with qtbot.assertNotEmitted(screen.back_requested):
        screen.header.back_button.click()
        settle()
    assert screen.page("agreement").agreed_on.text() == "not a date"
    answers.append(True)
    with qtbot.waitSignal(screen.back_requested, timeout=1000):
        screen.header.back_button.click()
        settle()


def test_a_complete_plan_that_loses_a_section_says_so_and_links_to_it(qtbot, services,
                                                                      episode_id, screen,
                                                                      monkeypatch):
    monkeypatch.setattr(screen, "confirm_complete", lambda _text: True)
    plans = services.plans
    plan = stored(services, episode_id)
    plan = plans.save_need(plan.id, NeedInput("health", own_words="I need my meds"))
    plan = plans.add_strength(plan.id, "strength", "Good with his hands", plan.version)
    plan = plans.set_diversity_considered(plan.id, True, plan.version)
    plan = plans.save_risk(plan.id, RiskInput(RiskLevel.LOW, MappaLevel.NONE, "Low", TODAY,
                                              None, None, TODAY, version=plan.version))
    plan = plans.save_agreement(plan.id, AgreementInput(True, TODAY, version=plan.version))
    plan = plans.set_consent(plan.id, "Shelter", True, plan.version)
    plan = settle_pathways(plans, plan)
    plans.complete(plan.id, plan.version)
    screen.reload()
    settle()
    assert "Plan complete" in screen.header.facts_label.text()
    screen.show_page("risk", focus=True)
    settle()
    page = screen.page("risk")
    page.summary.setFocus()
    page.summary.selectAll()
    qtbot.keyClick(page.summary, Qt.Key.Key_Delete)
    assert screen.save_pending()
    panel = screen.header.missing
    assert panel.isVisible() and "was reopened on 26/11/2026 by Rita Resettlement" in \
        panel.title.text()
    assert panel.messages() == ["Risk of harm: write a short summary of the risk and how the "
                                "plan manages it."]
    assert [key for key, _message in panel.items] == ["risk"]
    assert screen.focusWidget() is page.summary, "the notice does not take the keyboard"
    assert "Plan reopened 26/11/2026" in screen.header.facts_label.text()
    assert screen.header.complete_button.isEnabled()
    # Reopening the screen still says why; answering the section says it can be completed.
    screen.reload()
    settle()
    assert panel.isVisible() and panel.messages() == ["Risk of harm: write a short summary of "
                                                      "the risk and how the plan manages it."]
    qtbot.keyClicks(page.summary, "Low: no identified victim")
    assert screen.save_pending()
    assert panel.messages() == [] and "can be completed again" in panel.title.text()
    screen.header.complete_button.click()
    settle()
    assert not panel.isVisible()
    assert "Plan complete" in screen.header.facts_label.text()


def test_the_missing_list_follows_the_answers_and_completion_is_confirmed(
        qtbot, services, episode_id, screen, monkeypatch):
    answers: list[bool] = []
    asked: list[str] = []
    monkeypatch.setattr(screen, "confirm_complete",
                        lambda text: appended(asked, text) or answers.pop(0))
    screen.header.complete_button.click()
    settle()
    panel = screen.header.missing
    before = panel.messages()
    assert any(m.startswith("Strengths") for m in before)
    # Answering a section takes it off the list at once, without pressing Complete again.
    screen.show_page("strengths", focus=True)
    settle()
    page = screen.page("strengths")
    page.description.setText("Good with his hands")
    page.add_button.click()
    settle()
    after = panel.messages()
    assert panel.isVisible() and len(after) == len(before) - 1
    assert not any(m.startswith("Strengths") for m in after)
    # Answer the rest; the list then says the plan can be completed.
    plans = services.plans
    plan = stored(services, episode_id)
    plan = plans.save_need(plan.id, NeedInput("health", own_words="I need my meds"))
    plan = plans.set_diversity_considered(plan.id, True, plan.version)
    plan = plans.save_risk(plan.id, RiskInput(RiskLevel.LOW, MappaLevel.NONE, "Low", TODAY,
                                              None, None, TODAY, version=plan.version))
    plan = plans.save_agreement(plan.id, AgreementInput(True, TODAY, version=plan.version))
    screen.show_page("agreement", focus=True)
    settle()
    screen.page("agreement").refresh()
    plans.set_consent(plan.id, "Shelter", True, plan.version)
    screen.show_plan(stored(services, episode_id))
    # Words recorded but no status set: every pathway is still named, each its own link.
    assert len(panel.messages()) == 9 and all(m.endswith(STATUS_GAP) for m in panel.messages())
    assert "Health" + STATUS_GAP in panel.messages()
    screen.show_page("need:ete", focus=True)
    settle()
    page = screen.page("need:ete")
    page.status.setCurrentIndex(page.status.findData(NeedStatus.DECLINED))
    assert screen.save_pending()
    assert len(panel.messages()) == 8
    assert "Education, skills and work" + STATUS_GAP not in panel.messages()
    settle_pathways(services.plans, stored(services, episode_id))
    screen.show_plan(stored(services, episode_id))
    assert panel.messages() == [] and "can be completed" in panel.title.text()
    # Completing asks first, naming the pathways set aside; No leaves it in draft.
    answers.append(False)
    screen.header.complete_button.click()
    settle()
    assert "8 pathways are recorded as no need: Accommodation; Finance" in asked[0]
    assert "1 pathway is declined by the person: Education, skills and work." in asked[0]
    assert stored(services, episode_id).completed_on is None
    answers.append(True)
    screen.header.complete_button.click()
    settle()
    assert stored(services, episode_id).completed_on == TODAY


def test_the_no_needs_box_is_never_ticked_beside_a_recorded_need(qtbot, services, episode_id,
                                                                 screen, monkeypatch):
    page = screen.page("diversity")
    plan = stored(services, episode_id)
    plans = services.plans
    plan = plans.set_diversity_considered(plan.id, True, plan.version)
    screen.show_plan(plan)
    assert page.considered.isChecked()
    plan = plans.save_diversity_need(plan.id, DiversityCategory.LITERACY, "Reads little",
                                     "Letters read aloud", plan.version)
    screen.show_plan(plan)
    assert not page.considered.isChecked() and not page.considered.isEnabled()
    screen.reload()
    settle()
    assert not page.considered.isChecked(), "not ticked when the plan is opened either"
    need = stored(services, episode_id).diversity_needs[0]
    plan = plans.remove_diversity_need(need.id, stored(services, episode_id).version)
    assert not plan.diversity_considered, "with the last need gone, none must be confirmed"
    screen.show_plan(plan)
    assert not page.considered.isChecked() and page.considered.isEnabled()


def test_the_risk_section_is_hidden_from_a_role_that_may_not_read_it(qtbot, services, episode_id,
                                                                     fast_hash, monkeypatch):
    services.plans.save_risk(services.plans.create(episode_id).id, RiskInput(
        level=RiskLevel.HIGH, summary="Risk to a former partner", version=1))
    # A role that reads plans but not their risk sections or handovers (made for this test).
    monkeypatch.setitem(PERMISSIONS, Role.COORDINATOR,
                        PERMISSIONS[Role.COORDINATOR] | {Capability.READ_TTG_CASE})
    services.ctx.actor = add_staff_member(services, "reader", Role.COORDINATOR, fast_hash)
    screen = PlanScreen(services)
    qtbot.addWidget(screen)
    screen.open_episode(episode_id)
    qtbot.waitUntil(lambda: not screen.loading, timeout=10000)
    assert "strengths" in screen.visible_keys()
    assert "risk" not in screen.visible_keys() and "handover" not in screen.visible_keys()
    assert shown(screen.page("risk"), RiskPage).summary.toPlainText() == ""
    screen.show_page("risk")
    assert screen.stack.currentWidget() is not screen.page("risk")
