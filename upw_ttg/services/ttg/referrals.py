"""Referrals to providers by pathway: sent, answered, closed with an outcome, or withdrawn."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain import resettlement as rules
from upw_ttg.domain.codes import AuditAction, ReferralStatus
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.resettlement import WITHDRAWN_REASON_LABELS, WITHDRAWN_REASONS
from upw_ttg.domain.validation import FieldErrors, clean, text_problem
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.directory import ProviderChoice, ProviderContact
from upw_ttg.records.ttg import OverdueReferral, ReferralInput, ReferralRecord
from upw_ttg.services import audit
from upw_ttg.services.access import check_case_of, mask_restricted
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.directory import provider_choices, provider_contacts, unit_of_office
from upw_ttg.services.ttg.common import check_past_date, get_episode, get_plan, pathway_names
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import (
    CustodyEpisode,
    Person,
    Referral,
    ResettlementPlan,
    ServiceProvider,
)
from upw_ttg.storage.models.base import ColumnValues

# A closed referral says how it ended (inspection question 4.2.2).
_NOT_TAKING = "{name} is no longer taking referrals: choose another provider."
_NEEDS_OUTCOME = {ReferralStatus.DECLINED, ReferralStatus.COMPLETED}


def referral_record(row: Referral, pathways: dict[str, tuple[str, bool]],
                    today: dt.date,
                    contacts: dict[int, ProviderContact] | None = None) -> ReferralRecord:
    """``contacts``: the directory's current details of the providers referrals point at."""
    contact = (contacts or {}).get(row.provider_id) if row.provider_id else None
    return ReferralRecord(
        id=row.id, plan_id=row.plan_id, pathway_code=row.pathway_code,
        pathway_name=pathways.get(row.pathway_code, (row.pathway_code, False))[0],
        provider=contact.name if contact else row.provider, sent_on=row.sent_on,
        status=row.status, provider_id=row.provider_id, contact=contact,
        response_expected_by=row.response_expected_by, outcome=row.outcome,
        withdrawn_reason_code=row.withdrawn_reason_code,
        withdrawn_reason=WITHDRAWN_REASON_LABELS.get(row.withdrawn_reason_code or ""),
        overdue=rules.referral_overdue(row.status, row.response_expected_by, today),
        version=row.version)


class ReferralService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def withdrawn_reasons(self) -> list[tuple[str, str]]:
        """(code, label) of the reasons a referral may be withdrawn for."""
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        return list(WITHDRAWN_REASONS)

    def for_plan(self, plan_id: int) -> list[ReferralRecord]:
        self._ctx.require(Capability.READ_TTG_CASE)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, CustodyEpisode, get_plan(session, plan_id).episode_id)
            return self._for_plan(session, plan_id)

    def _for_plan(self, session: Session, plan_id: int) -> list[ReferralRecord]:
        pathways = pathway_names(session)
        rows = list(session.scalars(select(Referral).where(Referral.plan_id == plan_id)
                                    .order_by(Referral.sent_on.desc(), Referral.id.desc())))
        contacts = provider_contacts(session, (r.provider_id for r in rows))
        return [referral_record(r, pathways, self._ctx.today(), contacts) for r in rows]

    def provider_choices(self, plan_id: int, pathway_code: str | None) -> list[ProviderChoice]:
        """Directory providers for a referral on ``plan_id``: those helping with
        ``pathway_code`` and serving the person's area (their office's delivery unit) first,
        then those serving elsewhere (rule TTG-DIR3)."""
        self._ctx.require(Capability.EDIT_TTG_CASE)
        with self._ctx.db.read() as session:
            return self._choices(session, get_plan(session, plan_id).episode_id, pathway_code)

    def choices_for_case(self, episode_id: int,
                         pathway_code: str | None) -> list[ProviderChoice]:
        """The same pick list for a plan's fallbacks and actions and the pre-release review
        (rule TTG-DIR4); every pathway's providers when ``pathway_code`` is None."""
        self._ctx.require(Capability.READ_TTG_CASE)
        with self._ctx.db.read() as session:
            return self._choices(session, episode_id, pathway_code)

    def _choices(self, session: Session, episode_id: int,
                 pathway_code: str | None) -> list[ProviderChoice]:
        check_case_of(session, self._ctx, CustodyEpisode, episode_id)
        person_id = get_episode(session, episode_id).person_id
        office_id = session.scalar(select(Person.office_id).where(Person.id == person_id))
        return provider_choices(session, pathway_code, unit_of_office(session, office_id))

    def create(self, plan_id: int, data: ReferralInput) -> ReferralRecord:
        self._ctx.require(Capability.EDIT_TTG_CASE)
        with self._ctx.db.write() as session:
            check_case_of(session, self._ctx, CustodyEpisode, get_plan(session, plan_id).episode_id)
            values = self._validated(session, data, None)
            row = Referral(plan_id=plan_id, updated_by_id=self._ctx.actor_id, **values)
            session.add(row)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "referral", row.id,
                         after=audit.snapshot(row))
            return self._record(session, row)

    def update(self, referral_id: int, data: ReferralInput) -> ReferralRecord:
        """Record the provider's answer, the outcome, a new expected date or a withdrawal."""
        self._ctx.require(Capability.EDIT_TTG_CASE)
        with self._ctx.db.write() as session:
            row = session.get(Referral, referral_id)
            if row is None:
                raise NotFoundError("That referral is no longer on record.")
            episode_id = get_plan(session, row.plan_id).episode_id
            check_case_of(session, self._ctx, CustodyEpisode, episode_id)
            check_version(session, row, data.version, "referral")
            values = self._validated(session, data, row)
            before = audit.snapshot(row)
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_by_id = self._ctx.actor_id
            flush_versioned(session, row, "referral", self._ctx.db)
            audit.record(session, self._ctx, AuditAction.UPDATE, "referral", row.id,
                         before=before, after=audit.snapshot(row))
            return self._record(session, row)

    def withdraw(self, referral_id: int, reason_code: str, version: int,
                 note: str | None = None) -> ReferralRecord:
        self._ctx.require(Capability.EDIT_TTG_CASE)
        current = self._get(referral_id)
        return self.update(referral_id, ReferralInput(
            pathway_code=current.pathway_code, provider=current.provider,
            provider_id=current.provider_id, sent_on=current.sent_on,
            response_expected_by=current.response_expected_by,
            status=ReferralStatus.WITHDRAWN, outcome=note or current.outcome,
            withdrawn_reason_code=reason_code, version=version))

    def _get(self, referral_id: int) -> ReferralRecord:
        with self._ctx.db.read() as session:
            row = session.get(Referral, referral_id)
            if row is None:
                raise NotFoundError("That referral is no longer on record.")
            return self._record(session, row)

    def _record(self, session: Session, row: Referral) -> ReferralRecord:
        return referral_record(row, pathway_names(session), self._ctx.today(),
                               provider_contacts(session, [row.provider_id]))

    def overdue(self, *, prison_id: int | None = None,
                worker_id: int | None = None) -> list[OverdueReferral]:
        """Referrals still waiting for an answer after the expected date, oldest first."""
        self._ctx.require(Capability.READ_TTG_CASE)
        today = self._ctx.today()
        with self._ctx.db.read() as session:
            query = (select(Referral, CustodyEpisode.id, Person.forename, Person.surname,
                            Person.crn, Person.id)
                     .join(ResettlementPlan, ResettlementPlan.id == Referral.plan_id)
                     .join(CustodyEpisode, CustodyEpisode.id == ResettlementPlan.episode_id)
                     .join(Person, Person.id == CustodyEpisode.person_id)
                     .where(Referral.status == ReferralStatus.SENT,
                            Referral.response_expected_by < today)
                     .order_by(Referral.response_expected_by, Referral.id))
            if prison_id is not None:
                query = query.where(CustodyEpisode.prison_id == prison_id)
            if worker_id is not None:
                query = query.where(CustodyEpisode.worker_id == worker_id)
            pathways = pathway_names(session)
            rows = session.execute(query).all()
            contacts = provider_contacts(session, (row[0].provider_id for row in rows))
            return mask_restricted(session, self._ctx, [
                OverdueReferral(referral_record(r, pathways, today, contacts), episode,
                                f"{forename} {surname}", crn,
                                (today - (r.response_expected_by or today)).days, person_id)
                for r, episode, forename, surname, crn, person_id in rows])

    def _validated(self, session: Session, data: ReferralInput, row: Referral | None
                   ) -> ColumnValues:
        errors = FieldErrors()
        today = self._ctx.today()
        if data.pathway_code not in pathway_names(session):
            errors.check("pathway_code", "Choose the pathway.")
        provider, provider_id = self._provider(session, data, row, errors)
        check_past_date(errors, "sent_on", "date sent", data.sent_on, today, required=True)
        if data.response_expected_by is None:
            errors.check("response_expected_by", "Enter when you expect the provider to answer.")
        elif data.sent_on is not None and data.response_expected_by < data.sent_on:
            errors.check("response_expected_by", "The answer cannot be expected before the "
                                                  "referral is sent.")
        outcome = clean(data.outcome)
        errors.check("outcome", text_problem("outcome", outcome, max_length=400))
        status = data.status
        if row is None and status not in (ReferralStatus.SENT, ReferralStatus.ACCEPTED):
            errors.check("status", "A new referral is sent (or already accepted).")
        if status in _NEEDS_OUTCOME and not outcome:
            errors.check("outcome", "Say what came of the referral.")
        code = clean(data.withdrawn_reason_code)
        if status == ReferralStatus.WITHDRAWN:
            if code not in WITHDRAWN_REASON_LABELS:
                errors.check("withdrawn_reason_code", "Choose why the referral was withdrawn.")
            elif code == "other" and not outcome:
                errors.check("outcome", "Say why the referral was withdrawn.")
        else:
            code = None
        if errors:
            raise ValidationError(errors)
        return {"pathway_code": data.pathway_code, "provider": provider,
                "provider_id": provider_id,
                "sent_on": data.sent_on, "response_expected_by": data.response_expected_by,
                "status": status, "outcome": outcome, "withdrawn_reason_code": code}

    @staticmethod
    def _provider(session: Session, data: ReferralInput, row: Referral | None,
                  errors: FieldErrors) -> tuple[str | None, int | None]:
        """The provider's name and directory entry (rule TTG-DIR4): a directory provider is
        named as the directory names it; one not in the directory is typed."""
        if data.provider_id is None:
            provider = clean(data.provider)
            errors.check("provider", text_problem("provider", provider, required=True,
                                                  max_length=120))
            return provider, None
        entry = session.get(ServiceProvider, data.provider_id)
        if entry is None:
            errors.check("provider", "That provider is no longer in the directory.")
            return None, None
        # One already referred to keeps its referrals; new ones go to providers taking them.
        if not entry.active and (row is None or row.provider_id != entry.id):
            errors.check("provider", _NOT_TAKING.format(name=entry.name))
        return entry.name, entry.id
