"""A person with everyone who has upcoming contact, for the risk-sharing tests and benchmark."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from upw_ttg.domain.codes import (
    CustodyStatus,
    PlacementPreference,
    ReferralStatus,
    RiskLevel,
    Role,
    SessionStatus,
)
from upw_ttg.storage.models import (
    CustodyEpisode,
    Prison,
    Referral,
    ResettlementPlan,
    SessionSupervisor,
    UpwSession,
)

from tests.services.attendance.attendance_data import World


def assessed(world: World, person: int) -> int:
    return world.assessment(person, risk_level=RiskLevel.MEDIUM, vulnerable=False,
                            placement_preference=PlacementPreference.MIXED_GROUP,
                            public_transport_accessible=True, availability="Y" * 21,
                            hs_allergies=False, female_only_offered=True)


def change(app, assessment_id: int, **answers):
    record = app.upw.assessments.get(assessment_id)
    return app.upw.assessments.update(assessment_id,
                                      dataclasses.replace(record.answers, **answers))


def with_contacts(world: World) -> tuple[int, int]:
    """A person booked on two future group sessions (two supervisors, one also on the
    second), an individual placement, a past session, an open and a closed referral and a
    responsible officer: (person, assessment)."""
    person = world.person(responsible_officer="Priya Officer")
    order = world.order(person)
    lead = world.staff("Sam Supervisor", Role.SUPERVISOR)
    other = world.staff("Tess Supervisor", Role.SUPERVISOR)
    group = world.project(name="Riverside")
    first = world.session(group, dt.date(2026, 11, 27), supervisor_id=lead)
    second = world.session(group, dt.date(2026, 12, 4), supervisor_id=other)
    with world.app.db.write() as s:
        s.add(SessionSupervisor(session_id=second, staff_id=lead))
    solo = world.project(kind="individual", name="Charity shop")
    placement = world.session(solo, dt.date(2026, 12, 1))
    past = world.session(group, dt.date(2026, 11, 20), supervisor_id=world.staff("Old Sup"))
    stood_down = world.session(group, dt.date(2026, 12, 2), supervisor_id=world.staff("Gone"))
    with world.app.db.write() as s:
        s.get_one(UpwSession, stood_down).status = SessionStatus.STOOD_DOWN
    for session in (first, second, placement, past, stood_down):
        world.book(session, order)
    with world.app.db.write() as s:
        prison = s.scalar(select(Prison.id).limit(1))
        episode = CustodyEpisode(person_id=person, prison_id=prison, prison_number="A1234BC",
                                 reception_date=dt.date(2025, 1, 6),
                                 status=CustodyStatus.RELEASED)
        s.add(episode)
        s.flush()
        plan = ResettlementPlan(episode_id=episode.id)
        s.add(plan)
        s.flush()
        for provider, status in (("Shelter", ReferralStatus.ACCEPTED),
                                 ("Old Provider", ReferralStatus.COMPLETED)):
            s.add(Referral(plan_id=plan.id, pathway_code="accommodation", provider=provider,
                           sent_on=dt.date(2025, 6, 1), status=status))
    return person, assessed(world, person)
