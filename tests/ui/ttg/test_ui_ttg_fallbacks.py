"""The fallback fields on the plan screen (rule TTG-FALLBACK): autosaved, and linked from the
missing list when risk of harm applies."""

from __future__ import annotations

import datetime as dt

from upw_ttg.domain.codes import MappaLevel, RiskLevel
from upw_ttg.records.ttg import RiskInput

from tests.narrowing import shown
from tests.ui.conftest import TODAY, settle, stored
from ui.views.ttg.pathway_page import PathwayPage
from ui.views.ttg.plan_screen import PlanScreen
from ui.views.ttg.release_pages import ReviewPage


def test_a_needs_fallback_is_typed_and_autosaved_with_the_need(qtbot, services, episode_id,
                                                               screen):
    page = shown(screen.page("need:accommodation"), PathwayPage)
    screen.show_page("need:accommodation")
    settle()
    qtbot.keyClicks(page.fallback_plan, "Emergency bed at the approved premises")
    qtbot.keyClicks(page.fallback_contact, "Duty officer 01482 000111")
    qtbot.keyClicks(page.fallback_by, "18/05/2027")
    screen.show_page("need:ete")  # leaving the page saves at once
    settle()
    need = stored(services, episode_id).need("accommodation")
    assert (need.fallback_plan, need.fallback_contact, need.fallback_by) == (
        "Emergency bed at the approved premises", "Duty officer 01482 000111",
        dt.date(2027, 5, 18))
    # Shown again when the plan is opened afresh.
    again = PlanScreen(services)
    qtbot.addWidget(again)
    again.open_episode(episode_id)
    settle()
    assert shown(again.page("need:accommodation"), PathwayPage).fallback_contact.text() == \
        "Duty officer 01482 000111"


def test_the_day_of_release_fallback_waits_for_the_plan_then_saves(qtbot, services,
                                                                   episode_id):
    screen = PlanScreen(services)
    qtbot.addWidget(screen)
    screen.open_episode(episode_id)
    settle()
    screen.show_page("review")
    settle()
    page = shown(screen.page("review"), ReviewPage)
    assert not page.fallback_plan.isEnabled()
    assert "start the plan" in page.fallback_hint.text()
    screen.start_button.click()
    settle()
    screen.show_page("review")
    settle()
    assert page.fallback_plan.isEnabled()
    qtbot.keyClicks(page.fallback_plan, "Go straight to the Hull Central office")
    qtbot.keyClicks(page.fallback_contact, "Duty officer 01482 000111")
    qtbot.keyClicks(page.fallback_by, "14:00")
    screen.save_now()
    settle()
    plan = stored(services, episode_id)
    assert (plan.release_fallback_plan, plan.release_fallback_by) == (
        "Go straight to the Hull Central office", dt.time(14, 0))
    page.fallback_by.setText("25:00")
    page.mark_dirty("fallback")
    screen.save_now()
    settle()
    assert "is not a time" in page.field_set("fallback").error_text("release_fallback_by")


def test_the_missing_list_links_each_fallback_to_its_page(qtbot, services, episode_id, screen):
    plan = stored(services, episode_id)
    services.plans.save_risk(plan.id, RiskInput(RiskLevel.MEDIUM, MappaLevel.NONE, "Some risk",
                                                TODAY, None, None, TODAY,
                                                version=plan.version))
    screen.reload()
    settle()
    screen.header.complete_button.click()
    settle()
    items = {message.split(" page ")[0]: key for key, message in
             screen.header.missing.items if message.startswith("Fallback")}
    assert items == {"Fallback: risk of harm applies, so say on the Accommodation":
                     "need:accommodation",
                     "Fallback: risk of harm applies, so say on the Pre-release review":
                     "review"}
    screen.header.missing.links.linkActivated.emit("review")
    assert screen.current_key() == "review"
