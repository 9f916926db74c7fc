"""Picking who to call, who does an action and the first night's hostel from the directory on
the plan screen, with the referral form's picker (rule TTG-DIR4)."""

from __future__ import annotations

from tests.call_log import appended
from tests.ui.conftest import settle, stored
from ui.changes import change_bus
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
    with qtbot.waitSignal(change_bus().announced, timeout=3000):
        dialog.submit()
        settle()
    [action] = stored(services, episode_id).actions
    assert (action.provider_id, action.owner) == (hostel.id, "Hessle Road Hostel")


def test_the_health_box_picks_the_gp_practice_and_the_pharmacy(qtbot, services, screen,
                                                                episode_id, add):
    surgery = add("Bridge Street Surgery", ("health",), ("HER",))
    pharmacy = add("Marina Pharmacy", ("health",), ("HER",))
    add("Hessle Road Hostel", ("accommodation",), ("HER",))
    screen.reload()
    settle()
    screen.show_page("review")
    settle()
    page = screen.page("review")
    gp = page.gp_details
    names = [gp.combo.itemText(i) for i in range(gp.combo.count())]
    # Typing a practice comes first; the health providers follow, no others.
    assert gp.combo.itemData(0) == OTHER_PROVIDER and gp.typed.isVisibleTo(page)
    assert "Bridge Street Surgery" in names and "Hessle Road Hostel" not in names
    _pick(gp, surgery.id)
    assert not gp.typed.isVisibleTo(page) and "01632 960 601" in gp.details.text()
    # The pharmacy waits for a prescription to be arranged.
    assert not page.collect_from.isEnabled()
    page.prescription.setCurrentIndex(page.prescription.findData(True))
    assert page.collect_from.isEnabled()
    _pick(page.collect_from, pharmacy.id)
    screen.save_now()
    settle()
    review = services.reviews.for_episode(episode_id)
    assert (review.gp_provider_id, review.gp_details) == (surgery.id, "Bridge Street Surgery")
    assert (review.prescriptions_provider_id, review.prescriptions_collect_from) == \
        (pharmacy.id, "Marina Pharmacy")
    # Opened again, the page shows both picks; one not in the directory is typed instead.
    screen.reload()
    settle()
    assert (page.gp_details.provider_id(), page.collect_from.provider_id()) == \
        (surgery.id, pharmacy.id)
    page.gp_details.combo.setCurrentIndex(0)
    qtbot.keyClicks(page.gp_details.typed, "Dr Khan, Anlaby Road")
    screen.save_now()
    settle()
    review = services.reviews.for_episode(episode_id)
    assert (review.gp_provider_id, review.gp_details) == (None, "Dr Khan, Anlaby Road")


def test_the_health_pickers_are_read_only_without_the_right_to_edit(screen, add):
    add("Bridge Street Surgery", ("health",), ("HER",))
    screen.show_page("review")
    settle()
    page = screen.page("review")
    screen.state.editable = False  # as for staff without the right to edit plans
    page.set_editable(False)
    page.fill()
    assert not page.gp_details.isEnabled() and not page.collect_from.isEnabled()


def test_opening_a_plan_reads_the_directory_once_for_all_its_pickers(qtbot, services, screen,
                                                                     add, monkeypatch):
    """Thirteen pickers (a fallback per need, the review's and the day of release's) take their
    providers from one reading made with the episode, off the GUI thread."""
    add("Hessle Road Hostel", ("accommodation",), ("HER",))
    add("Humber Recovery", ("drugs_alcohol",), ("HER",))
    reads: list[str | None] = []
    real = services.referrals.choices_for_case
    monkeypatch.setattr(services.referrals, "choices_for_case",
                        lambda episode, code: appended(reads, code) or real(episode, code))
    screen.reload()
    settle()
    assert reads == [None]
    picker = screen.page("need:accommodation").fallback_who
    names = [picker.combo.itemText(i) for i in range(picker.combo.count())]
    assert "Hessle Road Hostel" in names and "Humber Recovery" not in names
