"""Resettlement plans: one small, audited, version-guarded unit of work per section edit."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from upw_ttg.domain.access import AccessedRecord
from upw_ttg.domain.codes import AuditAction, DiversityCategory, PlanStatus
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.resettlement import STRENGTH_KINDS
from upw_ttg.domain.validation import (
    MAX_LONG_TEXT,
    FieldErrors,
    require_complete,
)
from upw_ttg.errors import NotFoundError, StaleRecordError, ValidationError
from upw_ttg.records.pathways import PathwayRow
from upw_ttg.records.ttg import (
    WITHHELD_RISK,
    ActionInput,
    AgreementInput,
    NeedInput,
    PlanRecord,
    ReleaseFallbackInput,
    RiskInput,
)
from upw_ttg.services import audit
from upw_ttg.services.access import check_case_of
from upw_ttg.services.access_log import log_view
from upw_ttg.services.case_reviews import review_if_plan_risk_changed
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.ttg.common import (
    check_past_date,
    get_episode,
    get_plan,
    read_deadline_settings,
)
from upw_ttg.services.ttg.completion import plan_gaps, reopen_if_incomplete
from upw_ttg.services.ttg.deadlines import DeadlineService
from upw_ttg.services.ttg.plan_fields import checked_fallback, checked_text, raise_any, who
from upw_ttg.services.ttg.plan_reader import read_plan
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import (
    CustodyEpisode,
    NeedProgress,
    Pathway,
    PlanAction,
    PlanConsent,
    PlanDiversityNeed,
    PlanNeed,
    PlanStrength,
    ResettlementPlan,
    Staff,
)
from upw_ttg.storage.models.base import ColumnValues, utc_now

PLAN = "resettlement plan"
_RISK_FIELDS = {"level": "risk_level", "mappa_level": "mappa_level", "summary": "risk_summary",
                **{f: f for f in ("da_check_requested", "da_check_received", "da_check_outcome",
                                  "cs_check_requested", "cs_check_received",
                                  "cs_check_outcome")}}

Change = Callable[[Session, ResettlementPlan], None]


class _OfAPlan(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def plan_id(self) -> int: ...


# A plan's strength, need or other entry.
_ChildT = TypeVar("_ChildT", bound=_OfAPlan)


class PlanIncompleteError(ValidationError):
    """The plan cannot be marked complete; ``missing`` names each missing part."""

    def __init__(self, missing: list[str]):
        self.missing = list(missing)
        super().__init__({f"missing_{i}": message for i, message in enumerate(self.missing)})


class PlanService:
    def __init__(self, ctx: ServiceContext, deadlines: DeadlineService):
        self._ctx = ctx
        self._deadlines = deadlines

    # ---- reading -----------------------------------------------------------------------
    def pathways(self) -> list[PathwayRow]:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            return [PathwayRow(p.code, p.name, p.womens_support) for p in
                    session.scalars(select(Pathway).order_by(Pathway.sort_order))]

    def get(self, plan_id: int) -> PlanRecord:
        """The plan; its risk section only for a member who may read it (logged when read)."""
        self._ctx.require(Capability.READ_TTG_CASE)
        cal = self._deadlines.calendar()
        with self._ctx.db.read() as session:
            plan = get_plan(session, plan_id)
            check_case_of(session, self._ctx, CustodyEpisode, plan.episode_id)
            record = read_plan(session, plan, cal, read_deadline_settings(session))
        return self._risk_read(record, logged=True)

    def for_episode(self, episode_id: int, *, logged: bool = True) -> PlanRecord | None:
        """The episode's plan; the risk section only for a member who may read it, and its
        reading goes in the access log unless ``logged`` is False, for documents built from
        the plan that leave the risk out."""
        self._ctx.require(Capability.READ_TTG_CASE)

        cal = self._deadlines.calendar()
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, CustodyEpisode, episode_id)
            plan = session.scalar(select(ResettlementPlan)
                                  .where(ResettlementPlan.episode_id == episode_id))
            if plan is None:
                return None
            record = read_plan(session, plan, cal, read_deadline_settings(session))
        return self._risk_read(record, logged=logged)

    def _risk_read(self, record: PlanRecord, *, logged: bool = False) -> PlanRecord:
        """The plan with its risk-of-harm section read (and logged) only through its own
        capability: a member who may read the rest of the plan may not read that (rule ACC-4)."""
        if not self._ctx.may(Capability.READ_PLAN_RISK):
            return dataclasses.replace(record, risk=WITHHELD_RISK)
        if logged:
            log_view(self._ctx, AccessedRecord.PLAN_RISK, record.id, record.person_id)
        return record

    def missing_for_completion(self, plan_id: int) -> list[str]:
        """What stops the plan being marked complete (the gate every write keeps)."""
        self._ctx.require(Capability.READ_TTG_CASE)
        with self._ctx.db.read() as session:
            get_plan(session, plan_id)
            return [message for _section, message in plan_gaps(session, plan_id)]

    # ---- the plan itself ---------------------------------------------------------------
    def create(self, episode_id: int) -> PlanRecord:
        """Start the plan for an episode; it is due from the screening date (computed)."""
        self._ctx.require(Capability.EDIT_TTG_CASE)
        cal = self._deadlines.calendar()
        try:
            with self._ctx.db.write() as session:
                check_case_of(session, self._ctx, CustodyEpisode, episode_id)
                episode = get_episode(session, episode_id)
                if session.scalar(select(ResettlementPlan.id)
                                  .where(ResettlementPlan.episode_id == episode_id)):
                    raise ValidationError({"episode_id": "This custody episode already has a "
                                                         "resettlement plan: open it instead."})
                settings = read_deadline_settings(session)
                plan = ResettlementPlan(
                    episode_id=episode.id, status=PlanStatus.DRAFT, started_on=self._ctx.today(),
                    strengths_none_identified=False, diversity_considered=False,
                    updated_by_id=self._ctx.actor_id)
                session.add(plan)
                session.flush()
                audit.record(session, self._ctx, AuditAction.CREATE, "resettlement_plan",
                             plan.id, after=audit.snapshot(plan))
                return self._risk_read(read_plan(session, plan, cal, settings))
        except IntegrityError:
            raise ValidationError({"episode_id": "Someone else has just started this plan: "
                                                 "open it instead."}) from None

    def complete(self, plan_id: int, version: int) -> PlanRecord:
        """Mark the plan complete, or refuse naming every missing section."""
        self._ctx.require(Capability.EDIT_TTG_CASE)

        def change(session: Session, plan: ResettlementPlan) -> None:
            if plan.status == PlanStatus.COMPLETE:
                raise ValidationError({"status": "This plan is already complete."})
            gaps = plan_gaps(session, plan.id)
            if gaps:
                raise PlanIncompleteError([message for _section, message in gaps])
            plan.status = PlanStatus.COMPLETE
            plan.completed_on = self._ctx.today()
            plan.completed_by_id = self._ctx.actor_id
            # Complete again: the reason it was reopened no longer applies (the audit keeps it).
            plan.reopened_on = plan.reopened_by_id = plan.reopened_reason = None
        return self._edit_plan(plan_id, version, change)

    # ---- strengths and protective factors ----------------------------------------------
    def add_strength(self, plan_id: int, kind: str, description: str,
                     version: int, persons_wording: str | None = None) -> PlanRecord:
        """Record a strength; persons_wording, if given, prints on the person's copy instead."""
        self._ctx.require(Capability.EDIT_TTG_CASE)
        errors = FieldErrors()
        if kind not in STRENGTH_KINDS:
            errors.check("kind", "Choose strength or protective factor.")
        text = checked_text(errors, "description", "strength", description, required=True)
        wording = checked_text(errors, "persons_wording", "wording for the person",
                               persons_wording)
        raise_any(errors)

        def change(session: Session, plan: ResettlementPlan) -> None:
            row = PlanStrength(plan_id=plan.id, kind=kind, description=text,
                               persons_wording=wording)
            session.add(row)
            session.flush()
            # A recorded strength answers the section; "none identified" no longer holds.
            plan.strengths_none_identified = False
            plan.strengths_none_reason = None
            audit.record(session, self._ctx, AuditAction.CREATE, "plan_strength", row.id,
                         after=audit.snapshot(row))
        return self._edit_plan(plan_id, version, change)

    def update_strength(self, strength_id: int, description: str,
                        persons_wording: str | None, version: int) -> PlanRecord:
        """Change a strength's staff wording and its wording for the person's copy in place
        (an empty wording for the person prints the staff wording again)."""
        self._ctx.require(Capability.EDIT_TTG_CASE)
        errors = FieldErrors()
        text = checked_text(errors, "description", "strength", description, required=True)
        wording = checked_text(errors, "persons_wording", "wording for the person",
                               persons_wording)
        raise_any(errors)
        assert text is not None  # required: raise_any refused it empty

        def change(session: Session, plan: ResettlementPlan) -> None:
            row = self._child(session, PlanStrength, strength_id, plan.id, "That strength")
            before = audit.snapshot(row)
            row.description, row.persons_wording = text, wording
            audit.record(session, self._ctx, AuditAction.UPDATE, "plan_strength", row.id,
                         before=before, after=audit.snapshot(row))
        return self._edit_plan(self._plan_of(PlanStrength, strength_id), version, change)

    def remove_strength(self, strength_id: int, version: int) -> PlanRecord:
        self._ctx.require(Capability.EDIT_TTG_CASE)
        return self._remove_child(PlanStrength, strength_id, version, "plan_strength",
                                  "That strength")

    def set_no_strengths(self, plan_id: int, none_identified: bool, reason: str | None,
                         version: int) -> PlanRecord:
        """Mark strengths as none identified; the reason may follow in a later save."""
        self._ctx.require(Capability.EDIT_TTG_CASE)
        errors = FieldErrors()
        text = checked_text(errors, "strengths_none_reason", "reason", reason)
        raise_any(errors)

        def change(session: Session, plan: ResettlementPlan) -> None:
            if none_identified and session.scalar(
                    select(func.count()).where(PlanStrength.plan_id == plan.id)):
                raise ValidationError({"strengths_none_identified": "Strengths are recorded; "
                                       "remove them before marking none identified."})
            plan.strengths_none_identified = none_identified
            plan.strengths_none_reason = text if none_identified else None
        return self._edit_plan(plan_id, version, change)

    # ---- diversity and accessibility ---------------------------------------------------
    def save_diversity_need(self, plan_id: int, category: DiversityCategory, description: str,
                            adjustment: str, version: int,
                            row_id: int | None = None) -> PlanRecord:
        """Add (or with ``row_id`` change) a diversity need with the adjustment it makes."""
        self._ctx.require(Capability.EDIT_TTG_CASE)
        errors = FieldErrors()
        if not isinstance(category, DiversityCategory):
            errors.check("category", "Choose the kind of need.")
        what = checked_text(errors, "description", "need", description, required=True)
        how = checked_text(errors, "adjustment", "adjustment to the plan", adjustment,
                           required=True)
        raise_any(errors)
        assert what is not None and how is not None  # required: raise_any refused them empty

        def change(session: Session, plan: ResettlementPlan) -> None:
            if row_id is None:
                row = PlanDiversityNeed(plan_id=plan.id, category=category, description=what,
                                        adjustment=how)
                session.add(row)
                session.flush()
                audit.record(session, self._ctx, AuditAction.CREATE, "plan_diversity_need",
                             row.id, after=audit.snapshot(row))
            else:
                row = self._child(session, PlanDiversityNeed, row_id, plan.id, "That need")
                before = audit.snapshot(row)
                row.category, row.description, row.adjustment = category, what, how
                audit.record(session, self._ctx, AuditAction.UPDATE, "plan_diversity_need",
                             row.id, before=before, after=audit.snapshot(row))
            plan.diversity_considered = True
        return self._edit_plan(plan_id, version, change)

    def remove_diversity_need(self, row_id: int, version: int) -> PlanRecord:
        """Remove a need; removing the last one leaves the section unanswered again, since
        "no needs" must be confirmed by the worker, not inferred (rule TTG-6)."""
        self._ctx.require(Capability.EDIT_TTG_CASE)

        def after(session: Session, plan: ResettlementPlan) -> None:
            if not session.scalar(select(func.count())
                                  .where(PlanDiversityNeed.plan_id == plan.id)):
                plan.diversity_considered = False
        return self._remove_child(PlanDiversityNeed, row_id, version, "plan_diversity_need",
                                  "That diversity need", after)

    def set_diversity_considered(self, plan_id: int, considered: bool,
                                 version: int) -> PlanRecord:
        """Confirm diversity was considered (with no needs found, if none are recorded)."""
        self._ctx.require(Capability.EDIT_TTG_CASE)

        def change(session: Session, plan: ResettlementPlan) -> None:
            if not considered and session.scalar(
                    select(func.count()).where(PlanDiversityNeed.plan_id == plan.id)):
                raise ValidationError({"diversity_considered": "Diversity needs are recorded, "
                                       "so they have been considered."})
            plan.diversity_considered = considered
        return self._edit_plan(plan_id, version, change)

    # ---- risk of harm, agreement and consent -------------------------------------------
    def save_risk(self, plan_id: int, data: RiskInput) -> PlanRecord:
        self._ctx.require(Capability.EDIT_TTG_CASE)
        # The risk section is written only by those who may read it.
        self._ctx.require(Capability.READ_PLAN_RISK)
        today = self._ctx.today()
        errors = FieldErrors()
        summary = checked_text(errors, "summary", "risk summary", data.summary,
                        max_length=MAX_LONG_TEXT)
        outcomes = {}
        for check, label in (("da", "domestic abuse check"), ("cs", "child safeguarding check")):
            requested = getattr(data, f"{check}_check_requested")
            received = getattr(data, f"{check}_check_received")
            check_past_date(errors, f"{check}_check_requested", f"date the {label} was "
                            "requested", requested, today)
            check_past_date(errors, f"{check}_check_received", f"date the {label} came back",
                            received, today, not_before=requested,
                            before_label="it was requested")
            if received is not None and requested is None:
                errors.check(f"{check}_check_requested",
                             f"Enter when the {label} was requested.")
            outcomes[check] = checked_text(errors, f"{check}_check_outcome", f"{label} outcome",
                                    getattr(data, f"{check}_check_outcome"), max_length=200)
            if outcomes[check] and received is None:
                errors.check(f"{check}_check_received",
                             f"Enter when the {label} came back.")
        raise_any(errors)
        values = {"level": data.level, "mappa_level": data.mappa_level, "summary": summary,
                  "da_check_outcome": outcomes["da"], "cs_check_outcome": outcomes["cs"]}

        def change(session: Session, plan: ResettlementPlan) -> None:
            review_if_plan_risk_changed(session, self._ctx, plan.episode_id, (
                plan.risk_level, plan.mappa_level), (data.level, data.mappa_level))
            for name, column in _RISK_FIELDS.items():
                setattr(plan, column, values.get(name, getattr(data, name)))
        return self._edit_plan(plan_id, data.version, change)

    def save_agreement(self, plan_id: int, data: AgreementInput) -> PlanRecord:
        self._ctx.require(Capability.EDIT_TTG_CASE)
        errors = FieldErrors()
        comments = checked_text(errors, "person_comments", "comments", data.person_comments,
                         max_length=MAX_LONG_TEXT)
        check_past_date(errors, "agreed_on", "date of agreement", data.agreed_on,
                        self._ctx.today())
        raise_any(errors)

        def change(session: Session, plan: ResettlementPlan) -> None:
            plan.person_agrees = data.person_agrees
            plan.agreed_on = data.agreed_on
            plan.person_comments = comments
        return self._edit_plan(plan_id, data.version, change)

    def save_release_fallback(self, plan_id: int, data: ReleaseFallbackInput) -> PlanRecord:
        """What happens if the day of release falls through (rule TTG-FALLBACK)."""
        self._ctx.require(Capability.EDIT_TTG_CASE)
        errors = FieldErrors()
        what, contact = checked_fallback(errors, data.plan, data.contact, "release_fallback_")
        raise_any(errors)

        def change(session: Session, plan: ResettlementPlan) -> None:
            plan.release_fallback_contact = who(session, data.provider_id,
                                                plan.release_fallback_provider_id, contact,
                                                "release_fallback_contact")
            plan.release_fallback_plan, plan.release_fallback_by = what, data.by
            plan.release_fallback_provider_id = data.provider_id
        return self._edit_plan(plan_id, data.version, change)

    def set_consent(self, plan_id: int, agency: str, consent_given: bool,
                    version: int) -> PlanRecord:
        """Record the person's answer on sharing with one named agency (replacing any)."""
        self._ctx.require(Capability.EDIT_TTG_CASE)
        errors = FieldErrors()
        name = checked_text(errors, "agency", "agency", agency, required=True, max_length=120)
        raise_any(errors)
        assert name is not None

        def change(session: Session, plan: ResettlementPlan) -> None:
            row = session.scalar(select(PlanConsent).where(
                PlanConsent.plan_id == plan.id,
                func.lower(PlanConsent.agency) == name.lower()))
            if row is None:
                row = PlanConsent(plan_id=plan.id, agency=name, consent_given=consent_given,
                                  recorded_on=self._ctx.today())
                session.add(row)
                session.flush()
                audit.record(session, self._ctx, AuditAction.CREATE, "plan_consent", row.id,
                             after=audit.snapshot(row))
                return
            before = audit.snapshot(row)
            row.agency = name
            row.consent_given = consent_given
            row.recorded_on = self._ctx.today()
            audit.record(session, self._ctx, AuditAction.UPDATE, "plan_consent", row.id,
                         before=before, after=audit.snapshot(row))
        return self._edit_plan(plan_id, version, change)

    def remove_consent(self, consent_id: int, version: int) -> PlanRecord:
        self._ctx.require(Capability.EDIT_TTG_CASE)
        return self._remove_child(PlanConsent, consent_id, version, "plan_consent",
                                  "That consent")

    # ---- needs, progress and actions (each guarded by its own version) ------------------
    def save_need(self, plan_id: int, data: NeedInput) -> PlanRecord:
        require_complete(data)
        """Create (version None) or change the need on one pathway."""
        self._ctx.require(Capability.EDIT_TTG_CASE)
        errors = FieldErrors()
        own_words = checked_text(errors, "own_words", "person's own words", data.own_words,
                          max_length=MAX_LONG_TEXT)
        fallback = checked_fallback(errors, data.fallback_plan, data.fallback_contact)
        raise_any(errors)

        def change(session: Session, plan: ResettlementPlan) -> None:
            if session.get(Pathway, data.pathway_code) is None:
                raise ValidationError({"pathway_code": "Choose the pathway."})
            row = session.scalar(select(PlanNeed).where(
                PlanNeed.plan_id == plan.id, PlanNeed.pathway_code == data.pathway_code))
            kept = row.fallback_provider_id if row else None
            values = {"own_words": own_words, "status": data.status,
                      "responsibility": data.responsibility,
                      "linked_to_offending": data.linked_to_offending,
                      "on_persons_copy": data.on_persons_copy,
                      "fallback_plan": fallback[0], "fallback_by": data.fallback_by,
                      "fallback_contact": who(session, data.fallback_provider_id, kept,
                                              fallback[1], "fallback_contact"),
                      "fallback_provider_id": data.fallback_provider_id}
            if row is None:
                if data.version is not None:
                    raise StaleRecordError("need", None, None)
                row = PlanNeed(plan_id=plan.id, pathway_code=data.pathway_code,
                               updated_by_id=self._ctx.actor_id, **values)
                session.add(row)
                try:
                    session.flush()
                except IntegrityError:
                    # Someone else added this pathway's need between our read and write.
                    raise StaleRecordError("need", None, None) from None
                audit.record(session, self._ctx, AuditAction.CREATE, "plan_need", row.id,
                             after=audit.snapshot(row))
                return
            if data.version is None:
                raise StaleRecordError("need", *self._who(session, row))
            self._update(session, row, data.version, values, "plan_need", "need")
        return self._edit_plan(plan_id, None, change)

    def remove_need(self, need_id: int, version: int) -> PlanRecord:
        """Remove a need added by mistake, with its progress log and actions (all audited)."""
        self._ctx.require(Capability.EDIT_TTG_CASE)

        def change(session: Session, plan: ResettlementPlan) -> None:
            row = self._child(session, PlanNeed, need_id, plan.id, "That need")
            check_version(session, row, version, "need")
            children: tuple[tuple[Any, str], ...] = (
                (PlanAction, "plan_action"), (NeedProgress, "need_progress"))
            for child, entity in children:
                for item in session.scalars(select(child).where(child.need_id == row.id)):
                    audit.record(session, self._ctx, AuditAction.DELETE, entity, item.id,
                                 before=audit.snapshot(item))
                    session.delete(item)
            audit.record(session, self._ctx, AuditAction.DELETE, "plan_need", row.id,
                         before=audit.snapshot(row))
            session.delete(row)
        return self._edit_plan(self._plan_of(PlanNeed, need_id), None, change)

    def add_progress(self, need_id: int, entry: str,
                     entry_date: dt.date | None = None) -> PlanRecord:
        """Append a dated entry to a need's progress log (entries are never edited)."""
        self._ctx.require(Capability.EDIT_TTG_CASE)
        today = self._ctx.today()
        day = entry_date or today
        errors = FieldErrors()
        text = checked_text(errors, "entry", "progress entry", entry, required=True,
                     max_length=MAX_LONG_TEXT)
        check_past_date(errors, "entry_date", "date of the entry", day, today)
        raise_any(errors)

        def change(session: Session, plan: ResettlementPlan) -> None:
            need = self._child(session, PlanNeed, need_id, plan.id, "That need")
            row = NeedProgress(need_id=need.id, entry_date=day, entry=text,
                               staff_id=self._ctx.actor_id)
            session.add(row)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "need_progress", row.id,
                         after=audit.snapshot(row))
        return self._edit_plan(self._plan_of(PlanNeed, need_id), None, change)

    def save_action(self, plan_id: int, data: ActionInput,
                    action_id: int | None = None) -> PlanRecord:
        """Add an action (``action_id`` None) or change one; owner and description required."""
        self._ctx.require(Capability.EDIT_TTG_CASE)
        errors = FieldErrors()
        description = checked_text(errors, "description", "action", data.description,
                                   required=True)
        owner = checked_text(errors, "owner", "owner", data.owner, max_length=120,
                             required=data.provider_id is None)
        check_past_date(errors, "done_on", "date it was done", data.done_on, self._ctx.today())
        raise_any(errors)

        def change(session: Session, plan: ResettlementPlan) -> None:
            if data.need_id is not None:
                self._child(session, PlanNeed, data.need_id, plan.id, "That need")
            row = None if action_id is None else self._child(session, PlanAction, action_id,
                                                             plan.id, "That action")
            values = {"description": description, "due_date": data.due_date,
                      "owner": who(session, data.provider_id,
                                   row.provider_id if row is not None else None, owner,
                                   "owner"), "provider_id": data.provider_id,
                      "need_id": data.need_id, "manages_risk": data.manages_risk,
                      "done_on": data.done_on}
            if row is None:
                row = PlanAction(plan_id=plan.id, updated_by_id=self._ctx.actor_id, **values)
                session.add(row)
                session.flush()
                audit.record(session, self._ctx, AuditAction.CREATE, "plan_action", row.id,
                             after=audit.snapshot(row))
                return
            self._update(session, row, data.version, values, "plan_action", "action")
        return self._edit_plan(plan_id, None, change)

    def mark_action_done(self, action_id: int, done_on: dt.date | None,
                         version: int) -> PlanRecord:
        """Tick an action done on a date (None un-ticks it)."""
        self._ctx.require(Capability.EDIT_TTG_CASE)
        errors = FieldErrors()
        check_past_date(errors, "done_on", "date it was done", done_on, self._ctx.today())
        raise_any(errors)

        def change(session: Session, plan: ResettlementPlan) -> None:
            row = self._child(session, PlanAction, action_id, plan.id, "That action")
            self._update(session, row, version, {"done_on": done_on}, "plan_action", "action")
        return self._edit_plan(self._plan_of(PlanAction, action_id), None, change)

    def remove_action(self, action_id: int, version: int) -> PlanRecord:
        self._ctx.require(Capability.EDIT_TTG_CASE)

        def change(session: Session, plan: ResettlementPlan) -> None:
            row = self._child(session, PlanAction, action_id, plan.id, "That action")
            check_version(session, row, version, "action")
            audit.record(session, self._ctx, AuditAction.DELETE, "plan_action", row.id,
                         before=audit.snapshot(row))
            session.delete(row)
        return self._edit_plan(self._plan_of(PlanAction, action_id), None, change)

    # ---- the unit of work --------------------------------------------------------------
    def _edit_plan(self, plan_id: int, version: int | None, change: Change) -> PlanRecord:
        """Apply ``change`` in one transaction and return the plan as saved.

        With a ``version`` the change is to the plan's own sections, so the plan row is
        version-checked and its version moves on; without one the change is to a need or
        action that carries its own version, and the plan row is left alone so people
        editing different pathways never block each other.

        Every change, whatever it touched, ends with the completion gate (rule TTG-7): a
        complete plan that no longer passes it is reopened here, in the same transaction.
        The plan row is locked first, so a change and a completion never interleave.
        """
        cal = self._deadlines.calendar()
        with self._ctx.db.write() as session:
            plan = session.get(ResettlementPlan, plan_id, with_for_update=True)
            if plan is None:
                raise NotFoundError("That resettlement plan is no longer on record.")
            check_case_of(session, self._ctx, CustodyEpisode, plan.episode_id)
            settings = read_deadline_settings(session)
            if version is not None:
                check_version(session, plan, version, PLAN)
            before = audit.snapshot(plan)
            change(session, plan)
            session.flush()
            reopened = reopen_if_incomplete(session, self._ctx, plan)
            if version is not None or reopened:
                plan.updated_by_id = self._ctx.actor_id
                plan.updated_at = utc_now()
                flush_versioned(session, plan, PLAN, self._ctx.db)
                audit.record(session, self._ctx, AuditAction.UPDATE, "resettlement_plan",
                             plan.id, before=before, after=audit.snapshot(plan))
            return self._risk_read(read_plan(session, plan, cal, settings))

    def _update(self, session: Session, row: PlanNeed | PlanAction, version: int | None,
                values: ColumnValues, entity: str, label: str) -> None:
        check_version(session, row, version, label)
        before = audit.snapshot(row)
        for name, value in values.items():
            setattr(row, name, value)
        row.updated_by_id = self._ctx.actor_id
        flush_versioned(session, row, label, self._ctx.db)
        audit.record(session, self._ctx, AuditAction.UPDATE, entity, row.id, before=before,
                     after=audit.snapshot(row))

    def _remove_child(self, model: type[_OfAPlan], row_id: int, version: int, entity: str,
                      what: str, after: Callable[[Session, ResettlementPlan], None] | None = None
                      ) -> PlanRecord:
        def change(session: Session, plan: ResettlementPlan) -> None:
            row = self._child(session, model, row_id, plan.id, what)
            audit.record(session, self._ctx, AuditAction.DELETE, entity, row.id,
                         before=audit.snapshot(row))
            session.delete(row)
            if after is not None:
                session.flush()
                after(session, plan)
        return self._edit_plan(self._plan_of(model, row_id), version, change)

    def _plan_of(self, model: Any, row_id: int) -> int:
        with self._ctx.db.read() as session:
            plan_id: int | None = session.scalar(select(model.plan_id)
                                                 .where(model.id == row_id))
        if plan_id is None:
            raise NotFoundError("That entry is no longer on record: someone may have removed "
                                "it. Reopen the plan.")
        return plan_id

    @staticmethod
    def _child(session: Session, model: type[_ChildT], row_id: int, plan_id: int,
               what: str) -> _ChildT:
        row = session.get(model, row_id)
        if row is None or row.plan_id != plan_id:
            raise NotFoundError(f"{what} is no longer on record: someone may have removed it. "
                                "Reopen the plan.")
        return row

    @staticmethod
    def _who(session: Session, row: PlanNeed) -> tuple[str | None, dt.datetime]:
        staff = session.get(Staff, row.updated_by_id) if row.updated_by_id else None
        return (staff.full_name if staff else None), row.updated_at
