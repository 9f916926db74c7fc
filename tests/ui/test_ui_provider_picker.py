"""Picking who to call, who does an action and the first night's hostel from the directory on
the plan screen, with the referral form's picker (rule TTG-DIR4)."""

from __future__ import annotations

from tests.ui.conftest import settle, stored
from ui.widgets.provider_picker import OTHER_PROVIDER


def _pick(picker, provider_id: int) -> None:
    picker.combo.setCurrentIndex(picker.combo.findData(provider_id))
    settle()


def test_a_needs_fallback_picks_a_provider_and_shows_its_details(qtbot, services, screen,
                                                                  episode_id, add):
    hostel = add("Hessle Road Hostel", ("accommodation",), ("HER",))
    add("Humber Recovery", ("drugs_alcohol",), ("HER",))
    screen.reload()
    settle()
    screen.show_page("need:accommodation")
    settle()
    page = screen.page("need:accommodation")
    picker = page.fallback_who
    names = [picker.combo.itemText(i) for i in range(picker.combo.count())]
    # Typing someone comes first; the pathway's providers follow, others are left out.
    assert picker.combo.itemData(0) == OTHER_PROVIDER and picker.typed.isVisibleTo(page)
    assert "Hessle Road Hostel" in names and "Humber Recovery" not in names
    qtbot.keyClicks(page.fallback_plan, "Emergency bed at the hostel")
    _pick(picker, hostel.id)
    assert not picker.typed.isVisibleTo(page)
    assert "01632 960 601" in picker.details.text()
    screen.show_page("need:ete")  # leaving the page saves at once
    settle()
    need = stored(services, episode_id).need("accommodation")
    assert (need.fallback_provider_id, need.fallback_contact) == (hostel.id,
                                                                  "Hessle Road Hostel")
    assert need.fallback_provider.phone == "01632 960 601"


def test_the_review_picks_the_hostel_and_who_to_call_on_the_day(qtbot, services, screen,
                                                                 episode_id, add):
    hostel = add("Hessle Road Hostel", ("accommodation",), ("HER",))
    helpline = add("Release day helpline", ("finance_id",))
    screen.reload()
    settle()
    screen.show_page("review")
    settle()
    page = screen.page("review")
    page.accommodation.setCurrentIndex(page.accommodation.findData(True))
    _pick(page.place, hostel.id)
    qtbot.keyClicks(page.fallback_plan, "Go straight to the hostel")
    # The day of release's list is not one pathway's: every provider is on it.
    _pick(page.fallback_who, helpline.id)
    qtbot.keyClicks(page.fallback_by, "14:00")
    screen.save_now()
    settle()
    review = services.reviews.for_episode(episode_id)
    assert review.accommodation_provider_id == hostel.id
    plan = stored(services, episode_id)
    assert plan.release_fallback_provider_id == helpline.id
    assert plan.release_fallback_contact == "Release day helpline"


def test_an_action_is_given_to_a_provider(qtbot, services, screen, episode_id, add):
    hostel = add("Hessle Road Hostel", ("accommodation",), ("HER",))
    screen.show_page("need:accommodation")
    settle()
    page = screen.page("need:accommodation")
    page.actions_box.add_action()
    dialog = screen.dialog
    dialog.description.setText("Book the first night")
    dialog.need.setCurrentIndex(1)
    settle()
    _pick(dialog.who, hostel.id)
    assert "01632 960 601" in dialog.who.details.text()
    with qtbot.waitSignal(screen.notice, timeout=3000):
        dialog.submit()
        settle()
    [action] = stored(services, episode_id).actions
    assert (action.provider_id, action.owner) == (hostel.id, "Hessle Road Hostel")
