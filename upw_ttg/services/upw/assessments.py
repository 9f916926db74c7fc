"""The UPW assessment: saved as a draft, completed only when every explicit question is answered."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from upw_ttg.domain.access import AccessedRecord
from upw_ttg.domain.codes import AuditAction, MedicationEffect, PlacementPreference
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.placement import identity_not_male
from upw_ttg.domain.validation import FieldErrors, clean, require_complete, text_problem
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.recheck import RecheckReport
from upw_ttg.records.upw import (
    ASSESSMENT_COLUMNS,
    COMMITMENT_KINDS,
    AssessmentInput,
    AssessmentRecord,
    CommitmentInput,
)
from upw_ttg.services import audit
from upw_ttg.services.access import check_case, check_case_of
from upw_ttg.services.access_log import log_views
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.upw.recheck import recheck_bookings, what_if
from upw_ttg.services.upw.risk_sharing import risk_facts, share_risk_change
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import AssessmentCommitment, Person, Staff, UpwAssessment, UpwOrder
from upw_ttg.storage.models.base import ColumnValues

# Explicit questions (rule FIG-6: health and safety and vulnerability were "not routinely
# examined"), with the message shown while each is unanswered.
HEALTH_AND_SAFETY = (
    ("hs_allergies", "Answer the health and safety question: allergies."),
    ("hs_epilepsy", "Answer the health and safety question: epilepsy or loss of "
                    "consciousness."),
    ("hs_pregnancy", "Answer the health and safety question: pregnancy."),
    ("hs_mobility", "Answer the health and safety question: mobility."),
    ("hs_medication", "Answer the health and safety question: medication."),
)
# A "yes" that needs the detail on site. The work sheet prints categories (rule DOC-2), so
# medication needs its effect on safety; naming the medicine is optional, for the office.
_DETAIL_NEEDED = (
    ("hs_allergies", "hs_allergies_detail", "Describe the allergies."),
    ("hs_allergies", "hs_allergy_action", "Choose what to do on site if the person reacts."),
    ("hs_mobility", "hs_mobility_detail", "Describe the mobility needs."),
    ("hs_medication", "hs_medication_effects",
     "Choose how the medication affects safety on site."),
    ("vulnerable", "vulnerability_detail", "Describe how the person is vulnerable."),
)
# A category that means nothing once its question is answered "no".
_ONLY_WITH_YES = (("hs_allergies", "hs_allergy_action"),
                  ("hs_medication", "hs_medication_effects"))
_TEXT_LIMITS = {
    "victim_exclusion_zone": 200, "restrictive_orders": 200, "hs_allergies_detail": 200,
    "hs_mobility_detail": 200, "hs_medication_detail": 200, "vulnerability_detail": 400,
    "disabilities": 400, "reasonable_adjustments": 400, "ppe_top": 10, "ppe_trousers": 10,
    "ppe_boots": 10, "ppe_gloves": 10,
}


def unanswered(values: AssessmentInput, not_male: bool) -> dict[str, str]:
    """``{field: message}`` for every question that stops the assessment being completed."""
    out: dict[str, str] = {}
    for name, message in HEALTH_AND_SAFETY:
        if getattr(values, name) is None:
            out[name] = message
    if values.vulnerable is None:
        out["vulnerable"] = "Answer the vulnerability question: is the person vulnerable?"
    for flag, detail, message in _DETAIL_NEEDED:
        value = getattr(values, detail)
        if getattr(values, flag) is True and not (clean(value) if isinstance(value, str)
                                                 else value):
            out[detail] = message
    if values.risk_level is None:
        out["risk_level"] = "Choose the risk of harm level."
    if values.placement_preference is None:
        out["placement_preference"] = "Record the placement preference."
    if not_male and values.female_only_offered is not True:
        out["female_only_offered"] = ("Record that a female-only group placement was offered: "
                                      "the person's gender identity is not male.")
    if values.public_transport_accessible is None:
        out["public_transport_accessible"] = ("Answer the travel question: is public transport "
                                              "available and accessible?")
    if "Y" not in values.availability:
        out["availability"] = "Mark at least one time in the week when the person is available."
    return out


def _medication_effects(errors: FieldErrors, chosen: object) -> tuple[MedicationEffect, ...]:
    """The chosen effects on safety, each once in the list's order; a problem goes to errors."""
    field = "hs_medication_effects"
    values = ((chosen,) if isinstance(chosen, str)
              else tuple(cast("Iterable[object]", chosen or ())))
    try:
        effects = {MedicationEffect(cast(str, v)) for v in values}
    except ValueError:
        errors.check(field, "Choose how the medication affects safety from the list.")
        return ()
    if MedicationEffect.NO_EFFECT_ON_SITE in effects and len(effects) > 1:
        errors.check(field, "“No effect on work on site” cannot go with another effect: "
                            "untick one of them.")
    return tuple(m for m in MedicationEffect if m in effects)


class AssessmentService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def for_person(self, person_id: int) -> list[AssessmentRecord]:
        self._ctx.require(Capability.READ_UPW_ASSESSMENT)
        with self._ctx.db.read() as session:
            check_case(session, self._ctx, person_id)
            rows = session.scalars(select(UpwAssessment)
                                   .where(UpwAssessment.person_id == person_id)
                                   .order_by(UpwAssessment.id.desc()))
            records = [self._record(session, r) for r in rows]
        return self._logged(*records)

    def get(self, assessment_id: int) -> AssessmentRecord:
        self._ctx.require(Capability.READ_UPW_ASSESSMENT)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, UpwAssessment, assessment_id)
            record = self._record(session, self._row(session, assessment_id))
        return self._logged(record)[0]

    def _logged(self, *records: AssessmentRecord) -> list[AssessmentRecord]:
        """Opening an assessment (risk, health answers) is recorded in the access log."""
        log_views(self._ctx, AccessedRecord.UPW_ASSESSMENT,
                  [(r.id, r.person_id) for r in records])
        return list(records)

    def for_order(self, order_id: int) -> AssessmentRecord | None:
        """The assessment used to place this order: the latest completed one for the order
        (or one tied to no order); failing that, the latest draft."""
        self._ctx.require(Capability.READ_UPW_ASSESSMENT)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, UpwOrder, order_id)
            person_id = session.scalar(select(UpwOrder.person_id).where(UpwOrder.id == order_id))
            rows = list(session.scalars(select(UpwAssessment).where(
                UpwAssessment.person_id == person_id,
                (UpwAssessment.order_id == order_id) | UpwAssessment.order_id.is_(None))))
            if not rows:
                return None
            best = max(rows, key=lambda r: (r.completed_on is not None,
                                            r.completed_on or r.updated_at.date(), r.id))
            record = self._record(session, best)
        return self._logged(record)[0]

    def create(self, data: AssessmentInput) -> AssessmentRecord:
        """Save a draft; it can be saved with questions still unanswered."""
        self._ctx.require(Capability.EDIT_UPW_ASSESSMENT)
        with self._ctx.db.write() as session:
            check_case(session, self._ctx, data.person_id)
            values = self._validated(session, data)
            row = UpwAssessment(person_id=data.person_id, order_id=data.order_id,
                                updated_by_id=self._ctx.actor_id, **values)
            session.add(row)
            session.flush()
            self._replace_commitments(session, row.id, data.commitments)
            audit.record(session, self._ctx, AuditAction.CREATE, "upw_assessment", row.id,
                         after=self._snapshot(session, row))
            return self._record(session, row)

    def update(self, assessment_id: int, data: AssessmentInput) -> AssessmentRecord:
        """Save changes; a completed assessment must stay complete."""
        self._ctx.require(Capability.EDIT_UPW_ASSESSMENT)
        with self._ctx.db.write() as session:
            check_case_of(session, self._ctx, UpwAssessment, assessment_id)
            row = self._row(session, assessment_id)
            check_version(session, row, data.version, "assessment")
            values = self._validated(session, data)
            if row.completed_on is not None:
                missing = unanswered(data, self._not_male(session, row.person_id))
                if missing:
                    raise ValidationError(missing)
            before = self._snapshot(session, row)
            risk_before = risk_facts(row)
            for name, value in values.items():
                setattr(row, name, value)
            row.order_id = data.order_id
            row.updated_by_id = self._ctx.actor_id
            flush_versioned(session, row, "assessment", self._ctx.db)
            self._replace_commitments(session, row.id, data.commitments)
            audit.record(session, self._ctx, AuditAction.UPDATE, "upw_assessment", row.id,
                         before=before, after=self._snapshot(session, row))
            recheck_bookings(session, self._ctx, person_ids=[row.person_id])
            if row.completed_on is not None:
                # Rule UPW-RISKSHARE: a draft's answers are not yet in force.
                share_risk_change(session, self._ctx, row.person_id, row.id, risk_before,
                                  risk_facts(row))
            return self._record(session, row)

    def preview_update(self, assessment_id: int, data: AssessmentInput) -> RecheckReport:
        """The bookings saving these answers would break (risk flags, supervisor
        restrictions, availability), without saving them."""
        return what_if(lambda: self.update(assessment_id, data))

    def complete(self, assessment_id: int, version: int | None = None) -> AssessmentRecord:
        """Mark complete, or say in plain words what is still unanswered."""
        self._ctx.require(Capability.EDIT_UPW_ASSESSMENT)
        with self._ctx.db.write() as session:
            check_case_of(session, self._ctx, UpwAssessment, assessment_id)
            row = self._row(session, assessment_id)
            check_version(session, row, version, "assessment")
            missing = unanswered(self._answers(session, row),
                                 self._not_male(session, row.person_id))
            if missing:
                raise ValidationError(missing)
            before = audit.snapshot(row, ["completed_on", "completed_by_id"])
            in_force = self._in_force(session, row)
            row.completed_on = self._ctx.today()
            row.completed_by_id = self._ctx.actor_id
            row.updated_by_id = self._ctx.actor_id
            flush_versioned(session, row, "assessment", self._ctx.db)
            audit.record(session, self._ctx, AuditAction.UPDATE, "upw_assessment", row.id,
                         before=before,
                         after=audit.snapshot(row, ["completed_on", "completed_by_id"]))
            recheck_bookings(session, self._ctx, person_ids=[row.person_id])
            # Rule UPW-RISKSHARE: completing puts the answers in force, in place of the
            # assessment completed before it (or of none).
            share_risk_change(session, self._ctx, row.person_id, row.id,
                              risk_facts(in_force) if in_force is not None else None,
                              risk_facts(row))
            return self._record(session, row)

    def preview_complete(self, assessment_id: int, version: int | None = None
                         ) -> RecheckReport:
        """The bookings completing this assessment would break, without completing it."""
        return what_if(lambda: self.complete(assessment_id, version))

    # --- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _in_force(session: Session, row: UpwAssessment) -> UpwAssessment | None:
        """The person's latest completed assessment other than ``row``: what was in force."""
        return session.scalars(
            select(UpwAssessment).where(UpwAssessment.person_id == row.person_id,
                                        UpwAssessment.id != row.id,
                                        UpwAssessment.completed_on.is_not(None))
            .order_by(UpwAssessment.completed_on.desc(), UpwAssessment.id.desc())
            .limit(1)).first()

    @staticmethod
    def _row(session: Session, assessment_id: int) -> UpwAssessment:
        row = session.get(UpwAssessment, assessment_id)
        if row is None:
            raise NotFoundError("That assessment is no longer on record.")
        return row

    @staticmethod
    def _not_male(session: Session, person_id: int) -> bool:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFoundError("That person is no longer on record.")
        return identity_not_male(person.gender_category)

    def _validated(self, session: Session, data: AssessmentInput) -> ColumnValues:
        require_complete(data)
        errors = FieldErrors()
        not_male = self._not_male(session, data.person_id)
        if data.order_id is not None:
            owner = session.scalar(select(UpwOrder.person_id).where(UpwOrder.id == data.order_id))
            if owner != data.person_id:
                errors.check("order_id", "That order belongs to someone else.")
        values = {name: getattr(data, name) for name in ASSESSMENT_COLUMNS}
        for name, limit in _TEXT_LIMITS.items():
            values[name] = clean(values[name])
            errors.check(name, text_problem(name.replace("_", " "), values[name],
                                            max_length=limit))
        for flag, category in _ONLY_WITH_YES:
            if values[flag] is not True:
                values[category] = () if category == "hs_medication_effects" else None
        values["hs_medication_effects"] = _medication_effects(errors,
                                                              values["hs_medication_effects"])
        grid = values["availability"] or ""
        if len(grid) != 21 or set(grid) - {"Y", "N"}:
            errors.check("availability", "The availability grid must have 21 answers (Monday "
                                         "to Sunday, morning, afternoon and evening).")
        hours = values["intensive_extra_hours"]
        if not isinstance(hours, int) or not 0 <= hours <= 21:
            errors.check("intensive_extra_hours", "Intensive working is 0 to 21 extra hours a "
                                                  "week.")
        if not not_male:
            if values["placement_preference"] == PlacementPreference.FEMALE_ONLY_GROUP:
                errors.check("placement_preference", "Female-only group placements are for "
                                                     "people whose gender identity is not male.")
            if values["female_only_offered"]:
                errors.check("female_only_offered", "Female-only placements are offered only "
                                                    "when gender identity is not male.")
        if values["no_female_supervisor"] and values["no_male_supervisor"]:
            errors.check("no_male_supervisor", "A person cannot be kept from both female and "
                                               "male supervisors; choose one.")
        for i, c in enumerate(data.commitments):
            errors.check(f"commitments[{i}]", _commitment_problem(c))
        if errors:
            raise ValidationError(errors)
        return values

    def _replace_commitments(self, session: Session, assessment_id: int,
                             commitments: tuple[CommitmentInput, ...]) -> None:
        session.execute(delete(AssessmentCommitment)
                        .where(AssessmentCommitment.assessment_id == assessment_id))
        for c in commitments:
            session.add(AssessmentCommitment(assessment_id=assessment_id, kind=c.kind,
                                             weekday=c.weekday, start_time=c.start_time,
                                             end_time=c.end_time,
                                             description=clean(c.description)))
        session.flush()

    @staticmethod
    def _commitments(session: Session, assessment_id: int) -> tuple[CommitmentInput, ...]:
        rows = session.scalars(select(AssessmentCommitment)
                               .where(AssessmentCommitment.assessment_id == assessment_id)
                               .order_by(AssessmentCommitment.weekday,
                                         AssessmentCommitment.start_time,
                                         AssessmentCommitment.id))
        return tuple(CommitmentInput(c.kind, c.weekday, c.start_time, c.end_time, c.description)
                     for c in rows)

    def _answers(self, session: Session, row: UpwAssessment) -> AssessmentInput:
        values = {name: getattr(row, name) for name in ASSESSMENT_COLUMNS}
        return AssessmentInput(person_id=row.person_id, order_id=row.order_id,
                               commitments=self._commitments(session, row.id),
                               version=row.version, **values)

    def _snapshot(self, session: Session, row: UpwAssessment) -> dict[str, Any]:
        after = audit.snapshot(row)
        after["commitments"] = [
            f"{c.kind} day {c.weekday} {c.start_time:%H:%M}-{c.end_time:%H:%M}"
            for c in self._commitments(session, row.id)]
        return after

    def _record(self, session: Session, row: UpwAssessment) -> AssessmentRecord:
        answers = self._answers(session, row)
        not_male = self._not_male(session, row.person_id)
        by = session.get(Staff, row.completed_by_id) if row.completed_by_id else None
        return AssessmentRecord(
            id=row.id, person_id=row.person_id, order_id=row.order_id,
            completed_on=row.completed_on, completed_by=by.full_name if by else None,
            answers=answers, female_only_to_offer=not_male,
            unanswered=tuple(unanswered(answers, not_male).values()), version=row.version,
            updated_at=row.updated_at)


def _commitment_problem(c: CommitmentInput) -> str | None:
    if c.kind not in COMMITMENT_KINDS:
        return f"A commitment is one of: {', '.join(COMMITMENT_KINDS)}."
    if not isinstance(c.weekday, int) or not 0 <= c.weekday <= 6:
        return "Choose the day of the commitment."
    if c.start_time is None or c.end_time is None or c.end_time <= c.start_time:
        return "A commitment ends after it starts."
    return text_problem("description", clean(c.description))
