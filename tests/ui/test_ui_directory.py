"""The Local services page (administrators keep the directory, others read it) and picking a
provider from it for a referral on the plan screen."""

from __future__ import annotations

from upw_ttg.domain.codes import Role
from upw_ttg.domain.directory import ReferralRoute

from tests.narrowing import present
from tests.ui.conftest import settle
from ui.changes import change_bus
from ui.views.directory_page import DirectoryPage
from ui.widgets.provider_picker import OTHER_PROVIDER


def test_an_administrator_adds_a_provider_and_filters_the_directory(qtbot, services, add):
    add("Open Door Recovery", ("drugs_alcohol",), ("YNY",))
    page = DirectoryPage(services)
    qtbot.addWidget(page)
    page.show()
    settle()
    assert page.add_button.isVisibleTo(page)
    page.add_provider()
    dialog = present(page.dialog)
    dialog.name.setText("Hull Housing Trust")
    dialog.route.setCurrentIndex(dialog.route.findData(ReferralRoute.EMAIL))
    settle()
    dialog.submit()
    settle()
    # What it helps with, where, and the email its route needs are each asked for.
    assert "Tick what the provider helps with" in dialog.fields.error_text("pathway_codes")
    assert "areas" in dialog.fields.error_text("unit_ids")
    assert "email" in dialog.fields.error_text("email")
    next(box for code, box in dialog.pathway_boxes if code == "accommodation").setChecked(True)
    next(box for unit, box in dialog.area_boxes if box.text() == "Hull and East Riding") \
        .setChecked(True)
    dialog.email.setText("homes@hht.example")
    dialog.phone.setText("01632 960 100")
    settle()
    with qtbot.waitSignal(change_bus().announced, timeout=2000):
        dialog.submit()
        settle()
    assert present(page.selected()).name == "Hull Housing Trust"
    assert "homes@hht.example" in page.details.text()
    page.pathway.setCurrentIndex(page.pathway.findData("drugs_alcohol"))
    settle()
    assert [p.name for p in page.model.rows()] == ["Open Door Recovery"]
    hull = next(a.id for a in services.directory.areas() if a.code == "HER")
    page.area.setCurrentIndex(page.area.findData(hull))
    settle()
    assert page.model.rows() == []


def test_others_read_the_directory_without_edit_buttons(qtbot, services, worker, add):
    add("Open Door Recovery", ("drugs_alcohol",), ("YNY",))
    page = DirectoryPage(services)
    qtbot.addWidget(page)
    assert services.ctx.actor.role == Role.RESETTLEMENT_WORKER
    assert not page.add_button.isVisibleTo(page) and not page.edit_button.isVisibleTo(page)
    page.table.selectRow(0)
    page.edit_provider()
    assert page.dialog is None
    assert "Ask for the duty worker." in page.details.text()


def test_a_referral_picks_its_provider_from_the_directory(qtbot, services, screen, add):
    provider = add("Humber Recovery", ("drugs_alcohol",), ("HER",))
    add("Shelter", ("accommodation",))
    screen.show_page("referrals")
    page = screen.page("referrals")
    page.add_referral()
    dialog = screen.dialog
    dialog.pathway.setCurrentIndex(dialog.pathway.findData("drugs_alcohol"))
    settle()
    names = [dialog.provider_choice.itemText(i) for i in range(dialog.provider_choice.count())]
    assert "Humber Recovery" in names and "Shelter" not in names
    assert not dialog.provider.isVisibleTo(dialog)
    dialog.provider_choice.setCurrentIndex(dialog.provider_choice.findData(provider.id))
    settle()
    assert "01632 960 601" in dialog.provider_details.text()
    assert "Refer by: Phone. Ask for the duty worker." in dialog.provider_details.text()
    with qtbot.waitSignal(change_bus().announced, timeout=3000):
        dialog.submit()
        settle()
    [referral] = services.referrals.for_plan(screen.state.plan.id)
    assert referral.provider_id == provider.id and referral.contact.phone == "01632 960 601"


def test_a_provider_not_in_the_directory_is_typed(qtbot, services, screen):
    screen.show_page("referrals")
    screen.page("referrals").add_referral()
    dialog = screen.dialog
    dialog.pathway.setCurrentIndex(dialog.pathway.findData("health"))
    settle()
    assert "No provider in the directory" in dialog.provider_details.text()
    dialog.provider_choice.setCurrentIndex(dialog.provider_choice.findData(OTHER_PROVIDER))
    settle()
    assert dialog.provider.isVisibleTo(dialog)
    dialog.provider.setText("Dr Patel's surgery")
    with qtbot.waitSignal(change_bus().announced, timeout=3000):
        dialog.submit()
        settle()
    [referral] = services.referrals.for_plan(screen.state.plan.id)
    assert referral.provider == "Dr Patel's surgery" and referral.provider_id is None
