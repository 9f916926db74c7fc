"""The sentencers' availability sheet (rule UPW-SENTENCERS): its figures and its page."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from upw_ttg.domain.access import AccessAction
from upw_ttg.domain.availability import OfferKind, wait_figures
from upw_ttg.domain.codes import Gender, Language, Role
from upw_ttg.errors import CapabilityDeniedError
from upw_ttg.records.upw import PickupPointInput, VanInput
from upw_ttg.storage.models import AccessEvent, Appointment, UpwSession

from tests.pdf_support import flat, pdf_text
from tests.printing.glossary_support import words_not_in_glossary

TODAY = dt.date(2026, 11, 26)
# Set UPW_TTG_PDF_OUT to a folder to keep the printed sheets for looking at.
OUT = Path(os.environ["UPW_TTG_PDF_OUT"]) if os.environ.get("UPW_TTG_PDF_OUT") else None


def test_the_wait_is_the_median_and_range_of_recent_first_sessions():
    day = dt.timedelta
    started = [(TODAY - day(40), TODAY - day(30)),   # 10 days
               (TODAY - day(20), TODAY - day(16)),   # 4 days
               (TODAY - day(30), TODAY - day(5)),    # 25 days
               (TODAY - day(30), TODAY - day(23)),   # 7 days
               (TODAY - day(300), TODAY - day(200))]  # first session too long ago
    wait = wait_figures(started, [TODAY - day(12), TODAY - day(3), TODAY + day(2)], today=TODAY)
    assert (wait.orders, wait.median_days, wait.shortest_days, wait.longest_days) == (
        4, 9, 4, 25)  # the median of 4, 7, 10, 25 is 8.5: rounded up, never down
    assert (wait.still_waiting, wait.longest_waiting_days) == (2, 12)
    empty = wait_figures([], [], today=TODAY)
    assert (empty.orders, empty.median_days, empty.still_waiting) == (0, None, 0)


@pytest.fixture
def unit_sheet(upw):
    """A group placement with a pick-up point and one person booked, a full individual
    placement, a female-only group, a stood-down session, and an order started 12 days after
    sentence."""
    svc = upw.svc
    point = svc.projects.save_pickup_point(None, PickupPointInput(
        "York office", "12 Museum Street", "yo16hp", upw.office))
    group = upw.project(name="Rowntree Park, York", weekdays=(2, 6), capacity=5,
                        site_town="York")
    van = svc.projects.save_van(None, VanInput("yk19 abc", "Minibus 1", 8, upw.office))
    svc.sessions.generate(group, dt.date(2026, 12, 1), dt.date(2026, 12, 1), van_id=van.id,
                          pickups=[(point.id, dt.time(8, 20))])
    svc.sessions.generate(group, dt.date(2026, 12, 2), dt.date(2026, 12, 24))
    full = upw.project(name="Food bank, Acomb", project_type="individual", capacity=1,
                       weekdays=(1,))
    svc.sessions.generate(full, dt.date(2026, 11, 30), dt.date(2026, 11, 30))
    women = upw.project(name="Charity shop, York", female_only=True, weekdays=(4,),
                        supervisor_gender=Gender.FEMALE)
    svc.sessions.generate(women, dt.date(2026, 12, 3), dt.date(2026, 12, 3))
    order = upw.man()
    first = svc.sessions.list_sessions(project_id=group, date_from=dt.date(2026, 12, 1),
                                       date_to=dt.date(2026, 12, 1))[0]
    svc.placement.place(order, first.id, session_pickup_id=first.pickups[0].id,
                        travels_by_van=True)
    individual = svc.sessions.list_sessions(project_id=full, date_from=dt.date(2026, 11, 30),
                                            date_to=dt.date(2026, 11, 30))[0]
    svc.placement.place(upw.man(), individual.id)
    # An order already started: its first attended session 12 days after sentence.
    started = upw.man(sentenced=dt.date(2026, 11, 2))
    past = upw.project(name="Old project", weekdays=(7,))
    svc.sessions.generate(past, dt.date(2026, 11, 29), dt.date(2026, 11, 29))
    sunday = svc.sessions.list_sessions(project_id=past, date_from=dt.date(2026, 11, 29),
                                        date_to=dt.date(2026, 11, 29))[0]
    placed = svc.placement.place(started, sunday.id)
    with upw.app.db.write() as s:
        s.execute(update(UpwSession).where(UpwSession.id == sunday.id)
                  .values(session_date=dt.date(2026, 11, 14)))
        s.execute(update(Appointment).where(Appointment.id == placed.id)
                  .values(outcome_code="ATTC"))
    return svc.sentencers_sheet


def test_the_sheet_lists_free_places_by_kind_with_pickups_and_the_wait(upw, unit_sheet):
    sheet = unit_sheet.sheet(upw.unit)
    assert (sheet.window_from, sheet.window_to) == (dt.date(2026, 11, 27),
                                                     dt.date(2026, 12, 24))
    group = sheet.offers_of(OfferKind.GROUP)
    rowntree = next(o for o in group if o.project == "Rowntree Park, York")
    # Tuesdays and Saturdays from 1 to 22 December: 7 sessions of 5 places, one taken.
    assert rowntree.weekdays == (1, 5) and rowntree.sessions == 7
    assert rowntree.free_places == 7 * 5 - 1 and rowntree.first_free == dt.date(2026, 12, 1)
    assert rowntree.pickup_points == ("York office",) and rowntree.town == "York"
    assert sheet.offers_of(OfferKind.INDIVIDUAL) == ()  # its one place is taken
    assert [o.project for o in sheet.offers_of(OfferKind.FEMALE_ONLY)] == [
        "Charity shop, York"]
    # The later sessions copy the first one's pick-up.
    assert [(p.name, p.sessions) for p in sheet.pickups] == [("York office", 7)]
    assert (sheet.wait.orders, sheet.wait.median_days) == (1, 12)
    assert sheet.wait.still_waiting >= 2
    assert sheet.travel_time_minutes == 180 and sheet.ete_cap_percent == 30


def test_the_printed_sheet_is_one_dated_page_and_its_print_is_logged(app, upw, unit_sheet):
    pdf = unit_sheet.render_sheet(upw.unit, invariant=True)
    if OUT:
        (OUT / "sentencers-sheet.pdf").write_bytes(pdf)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    text = flat(pdf_text(pdf))
    for expected in ("Unpaid Work: availability for sentencers", "Prepared on 26 November 2026",
                     "27 November 2026 to 24 December 2026",
                     "Half of them started within 12 days of sentence",
                     "Group placements", "Rowntree Park, York", "Tue, Sat", "34 on 7 sessions",
                     "Individual placements None with free places",
                     "Female-only placements", "Charity shop, York",
                     "York office, 12 Museum Street", "travel warrant",
                     "up to 3 hours a session", "30% of the hours ordered"):
        assert expected in text, expected
    assert "OFFICIAL-SENSITIVE" not in text  # it names nobody
    with app.db.read() as s:
        logged = s.scalars(select(AccessEvent.recipient).where(
            AccessEvent.action == AccessAction.PRINT,
            AccessEvent.document == "sentencers' availability sheet")).all()
    assert logged == ["court"]


def test_the_welsh_sheet_prints_only_glossary_phrases_and_its_data(upw, unit_sheet):
    sheet = unit_sheet.sheet(upw.unit)
    pdf = unit_sheet.render_sheet(upw.unit, language=Language.WELSH, invariant=True)
    if OUT:
        (OUT / "sentencers-sheet-cy.pdf").write_bytes(pdf)
    text = flat(pdf_text(pdf))
    assert "Gwaith Di-dâl: argaeledd ar gyfer dedfrydwyr" in text
    assert "Lleoliadau grŵp" in text and "Maw, Sad" in text
    # The footer names who printed it.
    assert words_not_in_glossary(pdf, Language.WELSH, [sheet, "AV", "Ada Admin"]) == set()


def test_only_casework_staff_print_the_sheet(upw, signed_in_as):
    for role, allowed in ((Role.COORDINATOR, True), (Role.MANAGER, True),
                          (Role.SUPERVISOR, False), (Role.RESETTLEMENT_WORKER, False),
                          (Role.ADMINISTRATOR, False)):
        services = signed_in_as(role)
        if allowed:
            assert services.upw.sentencers_sheet.sheet(upw.unit).unit_code == "YNY"
        else:
            with pytest.raises(CapabilityDeniedError):
                services.upw.sentencers_sheet.sheet(upw.unit)


def test_a_unit_with_many_placements_still_gets_one_readable_page():
    from upw_ttg.domain.availability import WaitFigures
    from upw_ttg.printing.documents.sentencers_sheet import (
        MOST_PER_KIND,
        render_sentencers_sheet,
    )
    from upw_ttg.records.availability import PlacementOffer, SentencersSheet

    offers = tuple(PlacementOffer(OfferKind.GROUP, f"Project {n}", "Hull", (0, 2), dt.time(9),
                                  dt.time(16), 4, 20, dt.date(2026, 12, 1 + n), ("Hull office",))
                   for n in range(MOST_PER_KIND + 3))
    sheet = SentencersSheet("HER", "Hull and East Riding", dt.datetime(2026, 11, 26, 9),
                            dt.date(2026, 11, 27), dt.date(2026, 12, 24), 10,
                            WaitFigures(TODAY, 0, None, None, None, 0, None), offers, (), (),
                            None, 30, None)
    pdf = render_sentencers_sheet(sheet, language=Language.ENGLISH, printed_by=None,
                                  invariant=True)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    text = flat(pdf_text(pdf))
    assert f"Project {MOST_PER_KIND - 1}" in text and f"Project {MOST_PER_KIND}" not in text
    assert "And 3 more with free places in the next four weeks." in text
    assert "No order had its first session in the last 13 weeks." in text
    assert "Travel time is not credited." in text
