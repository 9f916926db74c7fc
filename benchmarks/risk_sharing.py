"""Risk changes that reach everyone (rule UPW-RISKSHARE): the fan-out for 20 upcoming contacts.

Works on a copy of the cached CRC database: a person with a live order is given 16 sessions
in the coming weeks, each with its own supervisor (as many as, with what the person already
has, make 20), two individual placements (two beneficiary contacts), an open referral and a
responsible officer: 20 people to tell.
Run alone: ``python -m benchmarks.risk_sharing``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import func, select

from upw_ttg.domain.codes import CustodyStatus, OrderStatus, ReferralStatus, RiskLevel, Role
from upw_ttg.services.upw.risk_sharing import share_risk_change, upcoming_contacts
from upw_ttg.storage.models import (
    Appointment,
    CustodyEpisode,
    Person,
    Prison,
    Project,
    Referral,
    ResettlementPlan,
    Staff,
    UpwAssessment,
    UpwOrder,
    UpwSession,
)

from benchmarks.actors import act_as
from benchmarks.common import demo_database, open_services, time_calls, upgraded

RUNS = 40
CONTACTS = 20


def _person_with_twenty_contacts(services, today: dt.date) -> tuple[int, int]:
    """(person id, completed assessment id) of a person given 20 upcoming contacts."""
    with services.db.write() as s:
        order = s.scalars(select(UpwOrder).where(
            UpwOrder.status == OrderStatus.ACTIVE).order_by(UpwOrder.id)).first()
        person = s.get(Person, order.person_id)
        person.responsible_officer = "Priya Officer"
        assessment = s.scalars(select(UpwAssessment).where(
            UpwAssessment.person_id == person.id,
            UpwAssessment.completed_on.is_not(None))).first()
        if assessment is None:
            assessment = UpwAssessment(person_id=person.id, order_id=order.id,
                                       completed_on=today, risk_level=RiskLevel.LOW,
                                       availability="Y" * 21)
            s.add(assessment)
        group = s.scalars(select(Project).where(Project.project_type == "group")).all()
        individual = s.scalars(select(Project).where(
            Project.project_type == "individual")).all()[:2]
        office = person.office_id
        s.flush()
        # Those the person already has (booked sessions, the officer) count towards the 20;
        # two placements and a referral follow, and new sessions' supervisors fill the rest.
        supervised = CONTACTS - len(upcoming_contacts(s, person.id, today)) - 3
        n = s.scalar(select(func.count()).select_from(Staff))
        supervisors = []
        for i in range(supervised):
            staff = Staff(username=f"bench_risk_{n + i}", full_name=f"Bench Supervisor {i}",
                          role=Role.SUPERVISOR, roles=frozenset({Role.SUPERVISOR}),
                          password_hash="x", office_id=office)
            s.add(staff)
            supervisors.append(staff)
        s.flush()
        day = today + dt.timedelta(days=60)
        for i, project in enumerate([*group[:supervised], *individual]):
            session = UpwSession(project_id=project.id, session_date=day + dt.timedelta(days=i),
                                 start_time=dt.time(9, 0), end_time=dt.time(16, 0),
                                 supervisor_id=supervisors[i].id if i < supervised else None)
            s.add(session)
            s.flush()
            s.add(Appointment(person_id=person.id, order_id=order.id, session_id=session.id))
        prison = s.scalar(select(Prison.id).limit(1))
        episode = CustodyEpisode(person_id=person.id, prison_id=prison, prison_number="B9999ZZ",
                                 reception_date=dt.date(2024, 1, 8),
                                 status=CustodyStatus.RELEASED)
        s.add(episode)
        s.flush()
        plan = ResettlementPlan(episode_id=episode.id)
        s.add(plan)
        s.flush()
        s.add(Referral(plan_id=plan.id, pathway_code="accommodation", provider="Shelter",
                       sent_on=today, status=ReferralStatus.SENT))
        s.flush()
        return person.id, assessment.id


def run(path: Path) -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        # The copy is brought to this schema: the shared cache stays as it was.
        copy = upgraded(Path(shutil.copyfile(path, Path(folder) / "crc.db")))
        services = open_services(copy)
        try:
            act_as(services, Role.COORDINATOR)
            today = services.ctx.today()
            person, assessment = _person_with_twenty_contacts(services, today)
            with services.db.read() as s:
                contacts = upcoming_contacts(s, person, today)
            assert len(contacts) == CONTACTS, len(contacts)

            def listed() -> None:
                with services.db.read() as s:
                    upcoming_contacts(s, person, today)

            flags = iter(range(10**6))

            def shared() -> None:
                flag = next(flags) % 2 == 0
                with services.db.write() as s:
                    share_risk_change(s, services.ctx, person, assessment,
                                      {"close_supervision": not flag},
                                      {"close_supervision": flag})

            yield time_calls("fan-out: listing the 20", [listed] * RUNS).line()
            yield time_calls("fan-out: listing and recording the 20 (goal 50)",
                             [shared] * RUNS).line()
            def saved(**answers) -> None:
                current = services.upw.assessments.get(assessment).answers
                services.upw.assessments.update(assessment, dataclasses.replace(
                    current, **answers))

            toggles = iter(range(10**6))
            yield time_calls("assessment saved, a risk flag changed",
                             [lambda: saved(risk_violence=next(toggles) % 2 == 0)] * 20,
                             warmup=2).line()
            yield time_calls("assessment saved, no risk answer changed",
                             [lambda: saved(literacy_need=next(toggles) % 2 == 0)] * 20,
                             warmup=2).line()
        finally:
            services.close()


if __name__ == "__main__":
    cached, _info = demo_database("crc")
    for line in run(cached):
        print(line, flush=True)
