"""Handover, referrals, the pre-release review, custody events and printing from the plan."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QPainter, QPdfWriter

from upw_ttg.domain.codes import CustodyEventKind, CustodyStatus, Language, ReferralStatus

from tests.call_log import appended
from tests.narrowing import present
from tests.ui.conftest import TODAY, settle, stored
from tests.ui.mnemonic_support import clashing_mnemonics
from ui.dialogs.ttg.event_dialog import CustodyEventDialog
from ui.widgets.provider_picker import OTHER_PROVIDER

DAY = dt.timedelta(days=1)


def tiny_pdf() -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    painter = QPainter(writer)
    painter.drawText(100, 100, "Plan")
    painter.end()
    buffer.close()
    return bytes(data.data())


def test_the_officer_is_autosaved_and_a_late_contact_is_chased(qtbot, services, episode_id,
                                                               screen):
    screen.show_page("handover")
    settle()
    page = screen.page("handover")
    assert not page.risk_shared.isEnabled() and page.not_started.isVisible()
    qtbot.keyClicks(page.ro_name, "Priya Shah")
    qtbot.keyClicks(page.ro_email, "not-an-email")
    assert not screen.save_pending()
    assert "email address" in page.field_set("officer").error_text("ro_email")
    page.ro_email.setText("priya.shah@justice.gov.uk")
    page.mark_dirty("officer")
    assert screen.save_pending()
    handover = services.handover.for_episode(episode_id)
    assert (handover.ro_name, handover.ro_email) == ("Priya Shah", "priya.shah@justice.gov.uk")
    assert page.risk_shared.isEnabled()
    page.risk_shared.setChecked(True)
    assert page.risk_shared_on.text() == "26/11/2026", "today, as it is usually shared now"
    assert screen.save_pending()
    assert services.handover.for_episode(episode_id).risk_info_shared_on == TODAY

    page.add_button.click()
    settle()
    dialog = screen.dialog
    dialog.contact_date.set_date(TODAY - 10 * DAY)
    dialog.shared.setText("Plan and risk summary sent")
    dialog.submit()
    settle()
    assert page.model.rowCount() == 1
    assert page.model.index(0, 4).data() == "Chase now"
    assert page.chase.isVisible() and "Chase now" in page.chase.text()
    assert screen.nav.currentItem().text().startswith("!")
    page.view.selectRow(0)
    page.ack_button.click()
    settle()
    screen.dialog.submit()
    settle()
    assert not page.chase.isVisible()
    assert page.model.index(0, 3).data() == "26/11/2026"
    assert not page.ack_button.isEnabled()


def test_a_referral_is_added_and_withdrawn_with_a_coded_reason(qtbot, services, episode_id,
                                                              screen):
    screen.show_page("referrals")
    settle()
    page = screen.page("referrals")
    page.add_button.click()
    settle()
    dialog = screen.dialog
    dialog.pathway.setCurrentIndex(dialog.pathway.findData("accommodation"))
    settle()
    # No directory provider helps with it here: one not in the directory is typed.
    dialog.provider_choice.setCurrentIndex(dialog.provider_choice.findData(OTHER_PROVIDER))
    dialog.provider.setText("Shelter")
    dialog.sent_on.set_date(TODAY - 20 * DAY)
    dialog.expected.set_date(TODAY - 6 * DAY)
    dialog.submit()
    settle()
    assert page.model.index(0, 4).data() == "Overdue"
    assert "1 answer overdue" in page.summary.text()
    page.view.selectRow(0)
    page.withdraw_button.click()
    settle()
    withdraw = screen.dialog
    withdraw.submit()
    settle()
    assert withdraw.fields.error_text("withdrawn_reason_code") == \
        "Choose why the referral was withdrawn."
    withdraw.reason.setCurrentIndex(withdraw.reason.findData("released_early"))
    withdraw.submit()
    settle()
    referral = services.referrals.for_plan(stored(services, episode_id).id)[0]
    assert (referral.status, referral.withdrawn_reason_code) == \
        (ReferralStatus.WITHDRAWN, "released_early")
    assert page.model.index(0, 5).data() == "Released before the service could start"


def test_the_pre_release_review_is_autosaved_with_the_first_appointment(qtbot, services,
                                                                       episode_id, screen):
    screen.show_page("review")
    settle()
    page = screen.page("review")
    assert page.due.text().startswith("Due ")
    page.accommodation.setCurrentIndex(page.accommodation.findData(False))
    settle()
    assert not page.address.isEnabled()
    qtbot.keyClicks(page.with_whom, "Probation, Hull Central")
    qtbot.keyClicks(page.appointment_date, "27/03/2027")
    qtbot.keyClicks(page.appointment_time, "25:00")
    assert not screen.save_pending()
    assert "is not a time" in page.field_set("review").error_text("first_appointment_at")
    page.appointment_time.setText("14:30")
    page.mark_dirty("review")
    screen.show_page("dates")
    settle()
    review = services.reviews.for_episode(episode_id)
    assert review.accommodation_found is False
    assert review.first_appointment.at == dt.datetime(2027, 3, 27, 14, 30)
    assert screen.nav.currentItem().text() == "Dates and deadlines"


@pytest.mark.parametrize("kind", [CustodyEventKind.RELEASE, CustodyEventKind.TRANSFER])
def test_a_custody_event_is_recorded_with_its_reason(qtbot, services, episode_id, screen, kind):
    assert screen.header.event_actions[CustodyEventKind.RECALL].isEnabled() is False
    screen.header.event_actions[kind].trigger()
    settle()
    dialog = screen.dialog
    assert isinstance(dialog, CustodyEventDialog)
    dialog.submit()
    settle()
    assert dialog.fields.error_text("reason") == "Enter the reason."
    dialog.reason.setText("Moved for a course" if kind == CustodyEventKind.TRANSFER
                          else "Released at the CRD")
    if kind == CustodyEventKind.TRANSFER:
        assert dialog.fields.error_text("to_prison_id") == "Choose the prison."
        present(dialog.prison).setCurrentIndex(1)
        settle()
    dialog.submit()
    settle()
    state = services.custody_events.state(episode_id)
    screen.show_page("dates")
    settle()
    events = screen.page("dates").events_model
    assert events.index(0, 1).data() == \
        ("Transfer" if kind == CustodyEventKind.TRANSFER else "Release"), "newest first"
    assert events.index(0, 5).data() == dialog.reason.text()
    if kind == CustodyEventKind.RELEASE:
        assert state.status == CustodyStatus.RELEASED
        assert "Released 26/11/2026" in screen.header.facts_label.text()
        assert screen.header.event_actions[CustodyEventKind.RECALL].isEnabled()
    else:
        assert state.prison_name in screen.header.facts_label.text()


def test_printing_offers_the_persons_language_first_and_previews(qtbot, services, episode_id,
                                                                screen, monkeypatch,
                                                                wait_for_tasks):
    asked: list[tuple[str, object]] = []
    printouts = services.ttg_printouts
    monkeypatch.setattr(printouts, "render_person_copy",
                        lambda episode, language: appended(asked, ("copy", language)) or tiny_pdf())
    monkeypatch.setattr(printouts, "render_handover_pack",
                        lambda episode, language=Language.ENGLISH:
                        appended(asked, ("pack", language)) or tiny_pdf())
    shown = screen.state
    shown.person = dataclasses.replace(shown.person, preferred_language=Language.WELSH)
    header = screen.header
    header.print_menu.aboutToShow.emit()
    texts = [a.text() for a in header.print_menu.actions() if a.text()]
    assert len(texts) == 6
    first = header.print_menu.actions()[0]
    first.trigger()
    settle()
    wait_for_tasks()
    assert asked == [("copy", Language.WELSH)]
    assert texts[0] == "&Person's copy of the plan – Welsh (Cymraeg) (their language)…"
    assert texts[1] == "Person's copy of the plan – English…"
    preview = header.preview
    assert preview is not None and preview.page_count == 1
    assert "person's copy" in preview.windowTitle()
    preview.close()
    packs = [a for a in header.print_menu.actions() if "Handover pack" in a.text()]
    assert [a.text() for a in packs] == [
        "&Handover pack for the responsible officer – English…",
        "Handover pack for the responsible officer – Welsh (Cymraeg)…"]
    packs[1].trigger()
    wait_for_tasks()
    assert asked[-1] == ("pack", Language.WELSH)
    assert header.preview.windowTitle().startswith("Print preview – Handover pack")
    assert header.preview.view.accessibleName() == "Page preview"
    assert Qt.FocusPolicy.StrongFocus == header.preview.view.focusPolicy()


def test_the_review_records_travel_and_whether_a_prescription_is_arranged(
        qtbot, services, episode_id, screen):
    """The release sheet's travel and prescription come from here; Alt keys stay unique."""
    from upw_ttg.domain.codes import TravelPayment

    screen.show_page("review")
    page = screen.page("review")
    assert clashing_mnemonics(screen.window()) == {}
    assert not page.collect_from.isEnabled()
    page.prescription.setCurrentIndex(page.prescription.findData(True))
    assert page.collect_from.isEnabled()
    qtbot.keyClicks(page.collect_from.typed, "Boots, Coney Street")
    qtbot.keyClicks(page.route, "Train from Lincoln to Harrogate")
    page.payment.setCurrentIndex(page.payment.findData(TravelPayment.DISCHARGE_GRANT))
    page.mark_dirty("review")
    screen.show_page("dates")
    review = services.reviews.for_episode(episode_id)
    assert (review.prescriptions_arranged, review.prescriptions_collect_from) == \
        (True, "Boots, Coney Street")
    assert (review.travel_route, review.travel_payment) == \
        ("Train from Lincoln to Harrogate", TravelPayment.DISCHARGE_GRANT)


def test_the_worker_can_leave_a_need_off_the_persons_copy(qtbot, services, episode_id, screen):
    screen.show_page("need:sex_work")
    page = screen.page("need:sex_work")
    assert clashing_mnemonics(screen.window()) == {}
    assert page.on_copy.currentText().startswith("As usual: printed, but left off")
    qtbot.keyClicks(page.own_words, "Not for now")
    page.on_copy.setCurrentIndex(page.on_copy.findData(False))
    page.mark_dirty("need")
    screen.show_page("dates")
    need = stored(services, episode_id).need("sex_work")
    assert need.on_persons_copy is False and not need.shown_to_person
