"""A small case set written straight to the database, so every figure can be counted by hand."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import select

from upw_ttg.domain.codes import (
    ContactMethod,
    CustodyStatus,
    Gender,
    OrderType,
    PatternFrequency,
    PlanStatus,
    ReferralStatus,
)
from upw_ttg.storage.models import (
    Appointment,
    CustodyEpisode,
    EnforcementAction,
    Handover,
    HandoverContact,
    OrderExtension,
    Person,
    PlanStrength,
    PreReleaseReview,
    Prison,
    Project,
    Referral,
    ResettlementPlan,
    UpwAssessment,
    UpwOrder,
    UpwSession,
)

D = dt.date
_numbers = itertools.count(1)


class CaseSet:
    """Rows added in one write; each helper returns the row it made (flushed, with its id)."""

    def __init__(self, session):
        self.s = session
        self.project = None

    def add(self, row):
        self.s.add(row)
        self.s.flush()
        return row

    def person(self, office_id: int = 1) -> Person:
        n = next(_numbers)
        return self.add(Person(crn=f"X{n:06d}", forename="Case", surname=f"Number {n}",
                               search_surname=f"NUMBER {n}", search_forename="CASE",
                               date_of_birth=D(1990, 1, 1), gender=Gender.MALE,
                               office_id=office_id))

    def order(self, sentenced: dt.date, *, hours: int = 100, worker_id: int | None = None,
              office_id: int = 1, **changes) -> UpwOrder:
        person = self.person(office_id)
        return self.add(UpwOrder(person_id=person.id, court="York Magistrates",
                                 sentence_date=sentenced, order_type=OrderType.COMMUNITY_ORDER,
                                 hours_ordered=hours, coordinator_id=worker_id,
                                 deadline=D(sentenced.year + 1, sentenced.month, 1), **changes))

    def session(self, day: dt.date) -> UpwSession:
        if self.project is None:
            self.project = self.add(Project(
                code="P1", name="Park", project_type="group", office_id=1, beneficiary="Council",
                site_address="1 Park Lane", frequency=PatternFrequency.WEEKLY, weekdays="1234567",
                start_time=dt.time(9), end_time=dt.time(16), available_from=D(2025, 1, 1),
                break_minutes=30, capacity=10))
        found = self.s.scalar(select(UpwSession).where(UpwSession.session_date == day))
        return found or self.add(UpwSession(project_id=self.project.id, session_date=day,
                                            start_time=dt.time(9), end_time=dt.time(16)))

    def appointment(self, order: UpwOrder, day: dt.date, outcome: str | None = "ATTC", *,
                    credited: int = 0, keyed: dt.date | None = None) -> Appointment:
        stamp = dt.datetime.combine(keyed or day, dt.time(17))
        return self.add(Appointment(person_id=order.person_id, order_id=order.id,
                                    session_id=self.session(day).id, outcome_code=outcome,
                                    minutes_credited=credited, created_at=stamp,
                                    updated_at=stamp))

    def action(self, order: UpwOrder, appointment: Appointment | None, code: str,
               on: dt.date) -> EnforcementAction:
        return self.add(EnforcementAction(
            order_id=order.id, appointment_id=appointment.id if appointment else None,
            action_code=code, action_date=on))

    def assessment(self, order: UpwOrder, completed: dt.date, **answers) -> UpwAssessment:
        values = dict(hs_allergies=False, hs_epilepsy=False, hs_pregnancy=False,
                      hs_mobility=False, hs_medication=False, vulnerable=False)
        values.update(answers)
        return self.add(UpwAssessment(person_id=order.person_id, order_id=order.id,
                                      completed_on=completed, **values))

    def extension(self, order: UpwOrder, granted: dt.date, new_deadline: dt.date) -> None:
        self.add(OrderExtension(order_id=order.id, granted_on=granted, court="York",
                                new_deadline=new_deadline, reason="Ill health"))

    # ---- Through the Gate -----------------------------------------------------------
    def prison(self, code: str = "HMI") -> int:
        return self.s.scalar(select(Prison.id).where(Prison.code == code))

    def episode(self, *, screened: dt.date | None = None, release: dt.date | None = None,
                released_on: dt.date | None = None, worker_id: int | None = None,
                prison: str = "HMI") -> CustodyEpisode:
        person = self.person()
        n = next(_numbers)
        return self.add(CustodyEpisode(
            person_id=person.id, prison_id=self.prison(prison), prison_number=f"A{n:04d}BC",
            reception_date=(screened or D(2026, 1, 5)) - dt.timedelta(days=1),
            screening_date=screened, expected_release_date=release,
            confirmed_release_date=release, released_on=released_on, worker_id=worker_id,
            status=CustodyStatus.RELEASED if released_on else CustodyStatus.IN_CUSTODY))

    def plan(self, episode: CustodyEpisode, *, completed: dt.date | None = None,
             strengths: int = 0, diversity: bool = False) -> ResettlementPlan:
        plan = self.add(ResettlementPlan(
            episode_id=episode.id, completed_on=completed, diversity_considered=diversity,
            status=PlanStatus.COMPLETE if completed else PlanStatus.DRAFT))
        for i in range(strengths):
            self.add(PlanStrength(plan_id=plan.id, kind="strength", description=f"Strength {i}"))
        return plan

    def review(self, episode: CustodyEpisode, held: dt.date) -> None:
        self.add(PreReleaseReview(episode_id=episode.id, review_date=held))

    def handover(self, episode: CustodyEpisode, *, contacts: tuple[dt.date, ...] = (),
                 risk_shared_on: dt.date | None = None) -> None:
        handover = self.add(Handover(episode_id=episode.id,
                                     risk_info_shared=risk_shared_on is not None,
                                     risk_info_shared_on=risk_shared_on))
        for day in contacts:
            self.add(HandoverContact(handover_id=handover.id, contact_date=day,
                                     method=ContactMethod.EMAIL, shared="Plan and dates"))

    def referral(self, plan: ResettlementPlan, expected: dt.date, status: ReferralStatus,
                 outcome: str | None = None) -> None:
        self.add(Referral(plan_id=plan.id, pathway_code="accommodation", provider="Shelter",
                          sent_on=expected - dt.timedelta(days=14), status=status,
                          response_expected_by=expected, outcome=outcome))
