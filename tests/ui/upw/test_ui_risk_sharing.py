"""Risk changes to share on screen (rule UPW-RISKSHARE): the queue, and the person's record."""

from __future__ import annotations

import datetime as dt
import os

from upw_ttg.domain.codes import RiskLevel

from tests.narrowing import present
from tests.services.attendance.attendance_data import World
from tests.services.upw.risk_support import change, with_contacts
from tests.ui.attendance_support import activate
from tests.ui.conftest import settle
from ui.main_window import MainWindow
from ui.views.upw.area import SchedulingArea
from ui.views.upw.risk_page import RiskSharingPage


def changed_risk(services) -> int:
    person, assessment = with_contacts(World(services))
    change(services, assessment, risk_level=RiskLevel.HIGH, no_female_supervisor=True)
    return person


def test_told_and_confirmed_from_the_queue(qtbot, services):
    changed_risk(services)
    page = RiskSharingPage(services)
    activate(qtbot, page)
    settle()
    assert page.model.rowCount() == 5
    assert "5 still to confirm" in page.count.text()
    first = present(page.selected())
    page.note.setText("Rang Sam")
    page.told_button.click()
    settle()
    row = next(r for r in services.upw.risk_sharing.open_contacts() if r.id == first.id)
    assert row.told_on == services.ctx.today() and row.note == "Rang Sam"
    assert not page.told_button.isEnabled()  # told already; confirmed or chased remain
    page.confirmed_button.click()
    settle()
    assert page.model.rowCount() == 4
    services.ctx.now = lambda: dt.datetime(2026, 12, 1, 9, 0)
    page.refresh()
    settle()
    assert "chase them" in page.count.text()
    assert page.model.index(0, 0).data().endswith("– chase")


def test_the_persons_record_says_who_is_still_to_confirm(qtbot, services, ui_settings):
    person = changed_risk(services)
    window = MainWindow(services, ui_settings)
    qtbot.addWidget(window)
    window.show()
    settle()
    window.open_person(person)
    settle()
    banner = window.person_page.risk_banner
    assert banner.isVisible()
    assert "5 of 5 still to confirm" in banner.text()
    assert "Risk of harm: medium → high" in banner.text()
    shots = os.environ.get("UPW_TTG_SHOTS")
    if shots:  # screen images for a person to look at; not part of the check
        window.resize(1280, 720)
        settle()
        window.grab().save(f"{shots}/person-risk-banner.png")
        area = SchedulingArea(services, ui_settings)
        activate(qtbot, area)
        area.resize(1280, 720)
        area.show_page(area.RISK)
        settle()
        area.grab().save(f"{shots}/risk-changes.png")
