"""The caseload dashboard: set-based queries, then the deadline rules in memory; no N+1."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, TypeVarTuple

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from upw_ttg.domain import resettlement as rules
from upw_ttg.domain.case_reviews import TRIGGER_LABELS
from upw_ttg.domain.codes import AuditAction, CustodyStatus, PlanStatus, ReferralStatus, Role
from upw_ttg.domain.custody import RELEASE_TYPE_LABELS
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.records_to_check import ROW_ERRORS, impossible_dates
from upw_ttg.domain.resettlement import Deadlines, DeadlineSettings, PlanSection
from upw_ttg.domain.working_days import WorkingCalendar
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.ttg import (
    Caseload,
    CaseloadRow,
    QualityFigure,
    QualityFigures,
    WorkerCount,
)
from upw_ttg.services import audit
from upw_ttg.services.access import check_case, mask_lists_of
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.ttg.common import pathway_names, read_deadline_settings, worker_problem
from upw_ttg.services.ttg.completion import gate_columns, gate_facts
from upw_ttg.services.ttg.deadlines import DeadlineService, current_deadlines
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import (
    CustodyEpisode,
    Handover,
    HandoverContact,
    Person,
    PreReleaseReview,
    Prison,
    Referral,
    ResettlementPlan,
    ReviewDue,
    ServiceProvider,
    Staff,
)

_log = logging.getLogger(__name__)
NEAR_RELEASE = dt.timedelta(weeks=12)
FAR_RELEASE = dt.timedelta(weeks=24)
ACCOMMODATION_WINDOW = dt.timedelta(weeks=4)
QUALITY_PERIOD = dt.timedelta(days=365)

_Ts = TypeVarTuple("_Ts")  # a query's columns, kept by the scoping


def _date(value: dt.date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else "not known"


def _first_line(text: str | None) -> str:
    """The first thing a reopened plan is missing (the note stays one readable line)."""
    lines = (text or "").splitlines()
    more = len(lines) - 1
    first = lines[0].rstrip(".") if lines else "a required section is unanswered"
    return first + (f" (and {more} more)" if more > 0 else "")


class DashboardService:
    def __init__(self, ctx: ServiceContext, deadlines: DeadlineService):
        self._ctx = ctx
        self._deadlines = deadlines

    def caseload(self, *, prison_id: int | None = None, worker_id: int | None = None,
                 quality_since: dt.date | None = None, unassigned: bool = False) -> Caseload:
        """Every list of the dashboard and the quality figures, in five queries;
        ``unassigned`` keeps to the cases no worker holds yet."""
        self._ctx.require(Capability.READ_TTG_CASE)
        today = self._ctx.today()
        since = quality_since or today - QUALITY_PERIOD
        cal = self._deadlines.calendar()
        with self._ctx.db.read() as session:
            settings = read_deadline_settings(session)
            episodes = session.execute(
                self._episodes(prison_id, worker_id, since, unassigned)).all()
            referrals = session.execute(
                self._referrals(prison_id, worker_id, today, unassigned)).all()
            workers = [] if unassigned else self._workers(session, prison_id, worker_id)
            pathways = pathway_names(session)
            reviews = session.execute(
                self._reviews_due(prison_id, worker_id, unassigned)).all()
            return mask_lists_of(session, self._ctx, _Builder(today, since, settings, cal).build(
                episodes, referrals, workers, pathways, reviews))

    def worker_counts(self, *, prison_id: int | None = None) -> list[WorkerCount]:
        """People in custody per worker (assignable staff with none are listed with 0)."""
        self._ctx.require(Capability.READ_TTG_CASE)
        with self._ctx.db.read() as session:
            query = (select(CustodyEpisode.worker_id, func.count())
                     .where(CustodyEpisode.status == CustodyStatus.IN_CUSTODY)
                     .group_by(CustodyEpisode.worker_id))
            if prison_id is not None:
                query = query.where(CustodyEpisode.prison_id == prison_id)
            counts = dict(session.execute(query).all())
            staff = session.execute(select(Staff.id, Staff.full_name).where(
                or_(and_(Staff.holding(Role.RESETTLEMENT_WORKER), Staff.active.is_(True)),
                    Staff.id.in_([k for k in counts if k is not None])))
                .order_by(Staff.full_name)).all()
        rows = [WorkerCount(i, name, counts.get(i, 0)) for i, name in staff]
        if counts.get(None):
            rows.append(WorkerCount(None, "Not assigned", counts[None]))
        return rows

    def assign(self, episodes: Mapping[int, int], worker_id: int | None,
               *, prison_id: int | None = None) -> list[WorkerCount]:
        """Assign cases to a worker (None unassigns); returns the new counts per worker.

        ``episodes`` maps each episode to the version it was read at: like every other edit,
        an assignment over someone else's newer change is refused, naming who made it, and
        nothing is assigned.
        """
        self._ctx.require(Capability.ASSIGN_CASELOAD)

        with self._ctx.db.write() as session:
            if worker_id is not None:
                problem = worker_problem(session.get(Staff, worker_id))
                if problem is not None:
                    raise ValidationError({"worker_id": problem})
            rows = session.scalars(select(CustodyEpisode)
                                   .where(CustodyEpisode.id.in_(list(episodes)))
                                   .order_by(CustodyEpisode.id).with_for_update()).all()
            if len(rows) != len(episodes):
                raise NotFoundError("One of those cases is no longer on record.")
            for row in rows:
                check_case(session, self._ctx, row.person_id)
                check_version(session, row, episodes[row.id], "case")
            for row in rows:
                if row.worker_id == worker_id:
                    continue
                before = audit.snapshot(row, ["worker_id"])
                row.worker_id = worker_id
                row.updated_by_id = self._ctx.actor_id
                flush_versioned(session, row, "case", self._ctx.db)
                audit.record(session, self._ctx, AuditAction.UPDATE, "custody_episode",
                             row.id, before=before, after=audit.snapshot(row, ["worker_id"]))
        return self.worker_counts(prison_id=prison_id)

    # ---- queries ---------------------------------------------------------------------
    @staticmethod
    def _scoped(query: Select[*_Ts], prison_id: int | None, worker_id: int | None,
                unassigned: bool = False) -> Select[*_Ts]:
        if unassigned:
            query = query.where(CustodyEpisode.worker_id.is_(None))
        if prison_id is not None:
            query = query.where(CustodyEpisode.prison_id == prison_id)
        if worker_id is not None:
            query = query.where(CustodyEpisode.worker_id == worker_id)
        return query

    def _episodes(self, prison_id: int | None, worker_id: int | None, since: dt.date,
                  unassigned: bool) -> Select[*tuple[Any, ...]]:
        """One row per episode in custody or released since ``since``, with its plan's
        completion facts (the gate's own columns), review answer and handover contacts, all
        computed in SQL."""
        plan = ResettlementPlan

        whole_service = prison_id is None and worker_id is None and not unassigned
        contacts = self._contacts_ranked() if whole_service else self._contacts_per_case()
        latest_contact, latest_acknowledged, first_contact, ranked = contacts
        query = (
            select(
                CustodyEpisode.id.label("episode_id"), CustodyEpisode.person_id,
                Person.forename, Person.surname, Person.crn, CustodyEpisode.prison_number,
                Prison.code.label("prison_code"), CustodyEpisode.worker_id,
                Staff.full_name.label("worker_name"), CustodyEpisode.expected_release_date,
                CustodyEpisode.expected_release_type, CustodyEpisode.reception_date,
                CustodyEpisode.screening_date, CustodyEpisode.version.label("episode_version"),
                CustodyEpisode.status.label("episode_status"), CustodyEpisode.released_on,
                plan.id.label("plan_id"), plan.status.label("plan_status"),
                plan.completed_on, plan.reopened_on, plan.reopened_reason, *gate_columns(),
                PreReleaseReview.id.label("review_id"), PreReleaseReview.accommodation_found,
                latest_contact.label("latest_contact"),
                latest_acknowledged.label("latest_acknowledged"),
                first_contact.label("first_contact"))
            .join(Person, Person.id == CustodyEpisode.person_id)
            .join(Prison, Prison.id == CustodyEpisode.prison_id)
            .outerjoin(Staff, Staff.id == CustodyEpisode.worker_id)
            .outerjoin(plan, plan.episode_id == CustodyEpisode.id)
            .outerjoin(PreReleaseReview, PreReleaseReview.episode_id == CustodyEpisode.id)
            .outerjoin(Handover, Handover.episode_id == CustodyEpisode.id)
            .where(or_(CustodyEpisode.status == CustodyStatus.IN_CUSTODY,
                       CustodyEpisode.released_on >= since)))
        if ranked is not None:
            query = query.outerjoin(ranked, and_(ranked.c.handover_id == Handover.id,
                                                 ranked.c.rank == 1))
        return self._scoped(query, prison_id, worker_id, unassigned)

    @staticmethod
    def _contacts_per_case() -> tuple[Any, Any, Any, None]:
        """A prison's or a worker's cases: each case's latest and first handover contact looked up
        through the contacts' index (ranking every contact in the service first made one worker's
        caseload cost as much as the whole service's)."""
        def contact(column: Any, *, latest: bool = True) -> Any:
            query = select(column).where(HandoverContact.handover_id == Handover.id)
            if latest:
                query = query.order_by(HandoverContact.contact_date.desc(),
                                       HandoverContact.id.desc()).limit(1)
            return query.scalar_subquery()

        return (contact(HandoverContact.contact_date),
                contact(HandoverContact.acknowledged_on),
                contact(func.min(HandoverContact.contact_date), latest=False), None)

    @staticmethod
    def _contacts_ranked() -> tuple[Any, Any, Any, Any]:
        """The whole service's cases: every contact ranked per handover in one pass (a look-up
        per case took twice as long on PostgreSQL for the whole service; for one prison or
        worker the look-ups are as fast or faster on both databases)."""
        contacts = select(
            HandoverContact.handover_id, HandoverContact.contact_date,
            HandoverContact.acknowledged_on,
            func.min(HandoverContact.contact_date).over(
                partition_by=HandoverContact.handover_id).label("first_contact"),
            func.row_number().over(
                partition_by=HandoverContact.handover_id,
                order_by=(HandoverContact.contact_date.desc(), HandoverContact.id.desc()))
            .label("rank"))
        ranked = contacts.subquery()
        return (ranked.c.contact_date, ranked.c.acknowledged_on, ranked.c.first_contact,
                ranked)

    def _referrals(self, prison_id: int | None, worker_id: int | None,
                   today: dt.date, unassigned: bool) -> Select[*tuple[Any, ...]]:
        # A directory provider by the name it has now (rule TTG-DIR4).
        provider = func.coalesce(ServiceProvider.name, Referral.provider)
        query = (select(CustodyEpisode.id, Referral.plan_id, provider,
                        Referral.pathway_code, Referral.sent_on, Referral.response_expected_by)
                 .join(ResettlementPlan, ResettlementPlan.id == Referral.plan_id)
                 .outerjoin(ServiceProvider, ServiceProvider.id == Referral.provider_id)
                 .join(CustodyEpisode, CustodyEpisode.id == ResettlementPlan.episode_id)
                 .where(Referral.status == ReferralStatus.SENT,
                        Referral.response_expected_by < today,
                        CustodyEpisode.status == CustodyStatus.IN_CUSTODY)
                 .order_by(Referral.response_expected_by, Referral.id))
        return self._scoped(query, prison_id, worker_id, unassigned)

    def _reviews_due(self, prison_id: int | None, worker_id: int | None,
                     unassigned: bool) -> Select[*tuple[Any, ...]]:
        """Open review-due items of the people in custody in scope (rule TTG-REVIEWDUE)."""
        query = (select(CustodyEpisode.id, ReviewDue.trigger, ReviewDue.what_changed,
                        ReviewDue.changed_on)
                 .join(ReviewDue, ReviewDue.person_id == CustodyEpisode.person_id)
                 .where(ReviewDue.review_id.is_(None),
                        CustodyEpisode.status == CustodyStatus.IN_CUSTODY)
                 .order_by(ReviewDue.changed_on, ReviewDue.id))
        return self._scoped(query, prison_id, worker_id, unassigned)

    @staticmethod
    def _workers(session: Session, prison_id: int | None,
                 worker_id: int | None) -> list[tuple[int, str]]:
        """Workers to count: the one asked for, or every active resettlement worker (for a
        prison, only those with cases there are added, from the episode rows)."""
        query = select(Staff.id, Staff.full_name).order_by(Staff.full_name)
        if worker_id is not None:
            return list(session.execute(query.where(Staff.id == worker_id)))
        if prison_id is not None:
            return []
        return list(session.execute(query.where(
            Staff.holding(Role.RESETTLEMENT_WORKER), Staff.active.is_(True))))


class _Builder:
    """Turns the query rows into the dashboard's lists and figures (pure, in memory)."""

    def __init__(self, today: dt.date, since: dt.date, settings: DeadlineSettings,
                 cal: WorkingCalendar):
        self.today, self.since, self.settings, self.cal = today, since, settings, cal

    def build(self, episodes: Sequence[Any], referrals: Sequence[Any],
              workers: list[tuple[int, str]], pathways: dict[str, tuple[str, bool]],
              reviews: Sequence[Any] = ()) -> Caseload:
        today = self.today
        lists: dict[str, list[CaseloadRow]] = {name: [] for name in (
            "due", "overdue", "near", "far", "accommodation", "not_started", "unacknowledged")}
        rows_by_episode: dict[int, Any] = {}
        counts: Counter[int | None] = Counter()
        quality: Counter[str] = Counter()
        names = dict(workers)
        attention: list[CaseloadRow] = []
        unassigned: list[CaseloadRow] = []
        for r in episodes:
            in_custody = r.episode_status == CustodyStatus.IN_CUSTODY
            if in_custody:
                rows_by_episode[r.episode_id] = r
                counts[r.worker_id] += 1
                if r.worker_id is None:
                    unassigned.append(self._row(
                        r, r.reception_date, f"Received {_date(r.reception_date)} at "
                        f"{r.prison_code}; no resettlement worker yet: assign one."))
                if r.worker_name and r.worker_id is not None:
                    names.setdefault(r.worker_id, r.worker_name)
            problem = self._episode(r, in_custody, lists, quality)
            if problem is not None and in_custody:
                attention.append(problem)
        overdue_referrals = []
        for episode_id, _plan_id, provider, pathway, sent_on, expected in referrals:
            r = rows_by_episode.get(episode_id)
            if r is None:
                continue
            name = pathways.get(pathway, (pathway, False))[0]
            overdue_referrals.append(self._row(
                r, expected, f"{provider} ({name}): sent {_date(sent_on)}, answer was expected "
                f"{_date(expected)} ({(today - expected).days} days ago)."))
        reviews_due = [self._row(r, changed_on, f"{TRIGGER_LABELS[trigger]}: {what}")
                       for episode_id, trigger, what, changed_on in reviews
                       if (r := rows_by_episode.get(episode_id)) is not None]
        worker_rows = [WorkerCount(i, n, counts.get(i, 0)) for i, n in names.items()]
        worker_rows.sort(key=lambda w: w.worker_name)
        if counts.get(None):
            worker_rows.append(WorkerCount(None, "Not assigned", counts[None]))

        def by_date(rows: list[CaseloadRow]) -> tuple[CaseloadRow, ...]:
            return tuple(sorted(rows, key=lambda x: (x.date or dt.date.max, x.person_name)))

        return Caseload(
            today=today, in_custody=sum(counts.values()), due_a_plan=by_date(lists["due"]),
            plans_overdue=by_date(lists["overdue"]),
            releases_within_12_weeks=by_date(lists["near"]),
            releases_within_24_weeks=by_date(lists["far"]),
            no_accommodation=by_date(lists["accommodation"]),
            handover_not_started=by_date(lists["not_started"]),
            handovers_not_acknowledged=by_date(lists["unacknowledged"]),
            referrals_overdue=tuple(overdue_referrals), workers=tuple(worker_rows),
            quality=self._figures(quality), needs_attention=tuple(attention),
            not_assigned=by_date(unassigned), reviews_due=tuple(reviews_due))

    def _episode(self, r: Any, in_custody: bool, lists: dict[str, list[CaseloadRow]],
                 quality: Counter[str]) -> CaseloadRow | None:
        """Add one episode to the lists and figures, all or nothing; returns a row for
        "Records to check" if its dates cannot be right or cannot be worked out.

        One mistyped date (a release in year 1 or 2230) must not take the dashboard down
        for a whole prison: the episode is set aside and named, and the rest carry on.
        """
        wrong = impossible_dates({"release date": r.expected_release_date,
                                  "screening date": r.screening_date,
                                  "released on": r.released_on})
        mine: dict[str, list[CaseloadRow]] = {name: [] for name in lists}
        counted: Counter[str] = Counter()
        try:
            deadlines = self._deadlines(r)
            self._count_quality(r, deadlines.plan_due, counted)
            if in_custody:
                self._plan_lists(r, deadlines.plan_due, mine)
                self._release_lists(r, deadlines, mine)
        except ROW_ERRORS:
            _log.warning("Custody episode %s could not be worked out", r.episode_id,
                         exc_info=True)
            return self._row(r, None, "Its deadlines could not be worked out."
                             + (f" {wrong}" if wrong else ""))
        for name, rows in mine.items():
            lists[name].extend(rows)
        quality.update(counted)
        if wrong:
            return self._row(r, None, wrong)
        return None

    def _deadlines(self, r: Any) -> Deadlines:
        """Every deadline from the episode's current dates and settings (rule TTG-7), so a
        corrected screening or release date moves the lists at once."""
        return current_deadlines(r, self.settings, self.cal)

    def _plan_lists(self, r: Any, due: dt.date | None, lists: dict[str, list[CaseloadRow]]
                    ) -> None:
        if r.plan_status == PlanStatus.COMPLETE:
            return
        if r.plan_id is None:
            state = "Plan not started"
        elif r.reopened_on is not None:
            state = (f"Plan reopened {_date(r.reopened_on)}: "
                     f"{_first_line(r.reopened_reason)}")
        else:
            state = "Plan in draft"
        if due is None:
            lists["due"].append(self._row(r, None, f"{state}; screening date not recorded."))
        elif due >= self.today:
            lists["due"].append(self._row(r, due, f"{state}; due {_date(due)}."))
        else:
            late = self.cal.working_days_between(due, self.today)
            days = "working day" if late == 1 else "working days"
            lists["overdue"].append(self._row(
                r, due, f"{state}; was due {_date(due)} ({late} {days} ago)."))

    def _release_lists(self, r: Any, deadlines: Deadlines,
                       lists: dict[str, list[CaseloadRow]]) -> None:
        release = r.expected_release_date
        if release is None:
            return
        kind = RELEASE_TYPE_LABELS.get(r.expected_release_type, "Expected release")
        passed = " The date has passed: record the release or update the dates." \
            if release < self.today else ""
        if release <= self.today + FAR_RELEASE:
            row = self._row(r, release, f"{kind}.{passed}")
            lists["far"].append(row)
            if release <= self.today + NEAR_RELEASE:
                lists["near"].append(row)
        if release <= self.today + ACCOMMODATION_WINDOW and r.accommodation_found is not True:
            why = ("no pre-release review recorded" if r.review_id is None else
                   "no address for the first night" if r.accommodation_found is False
                   else "accommodation not recorded in the review")
            lists["accommodation"].append(self._row(r, release, f"Release {_date(release)}: "
                                                    f"{why}."))
        opens = deadlines.handover_window_opens
        if opens is None:  # a release date too far off the calendar to count back from
            return
        if r.latest_contact is None:
            if opens <= self.today:
                lists["not_started"].append(self._row(
                    r, opens, f"Responsible officer not contacted; the window opened "
                    f"{_date(opens)}, release {_date(release)}."))
        elif r.latest_acknowledged is None:
            chase = rules.chase_date(r.latest_contact, self.settings, self.cal)
            action = "chase now" if self.today > chase else f"chase after {_date(chase)}"
            lists["unacknowledged"].append(self._row(
                r, chase, f"Contact on {_date(r.latest_contact)} not acknowledged: {action}."))

    def _count_quality(self, r: Any, due: dt.date | None, q: Counter[str]) -> None:
        complete = r.plan_status == PlanStatus.COMPLETE
        if complete or (due is not None and due < self.today):
            q["plans"] += 1
            if complete and (due is None or (r.completed_on and r.completed_on <= due)):
                q["on_time"] += 1
            if r.plan_id is not None:
                answered = rules.sections_answered(gate_facts(r))
                for section in (PlanSection.STRENGTHS, PlanSection.DIVERSITY,
                                PlanSection.RISK):
                    q[section] += section in answered
        if r.released_on is not None and r.released_on >= self.since:
            q["released"] += 1
            q["contacted"] += bool(r.first_contact and r.first_contact < r.released_on)

    def _figures(self, q: Counter[str]) -> QualityFigures:
        plans = q["plans"]
        return QualityFigures(
            plans_on_time=QualityFigure("Plans completed on time", q["on_time"], plans),
            with_strengths=QualityFigure("Plans with strengths and protective factors",
                                         q[PlanSection.STRENGTHS], plans),
            with_diversity=QualityFigure("Plans with diversity needs considered",
                                         q[PlanSection.DIVERSITY], plans),
            with_risk_of_harm=QualityFigure("Plans with risk of harm considered",
                                            q[PlanSection.RISK], plans),
            ro_contacted_before_release=QualityFigure(
                "Responsible officer contacted before release", q["contacted"],
                q["released"]),
            since=self.since)

    @staticmethod
    def _row(r: Any, date: dt.date | None, note: str) -> CaseloadRow:
        return CaseloadRow(
            episode_id=r.episode_id, person_id=r.person_id, plan_id=r.plan_id,
            person_name=f"{r.forename} {r.surname}", crn=r.crn, prison_number=r.prison_number,
            prison_code=r.prison_code, worker_id=r.worker_id, worker_name=r.worker_name,
            expected_release_date=r.expected_release_date,
            expected_release_type=r.expected_release_type, date=date, note=note,
            episode_version=r.episode_version, plan_reopened_on=r.reopened_on)
