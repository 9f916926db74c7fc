"""The pre-release review: accommodation, ID, money, health and the first appointment."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.validation import FieldErrors, clean, phone_problem, text_problem
from upw_ttg.domain.working_days import WorkingCalendar
from upw_ttg.errors import StaleRecordError, ValidationError
from upw_ttg.records.ttg import FirstAppointment, ReviewInput, ReviewRecord
from upw_ttg.services import audit
from upw_ttg.services.access import check_case_of
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.directory import linked_provider, provider_contacts
from upw_ttg.services.ttg.common import (
    check_past_date,
    get_episode,
    read_deadline_settings,
)
from upw_ttg.services.ttg.deadlines import DeadlineService, current_deadlines
from upw_ttg.services.ttg.plan_fields import who
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import CustodyEpisode, PreReleaseReview
from upw_ttg.storage.models.base import ColumnValues

# (field, label, longest) of the free-text answers.
_TEXTS = (("id_status", "ID", 100), ("bank_account_status", "bank account", 100),
          ("benefits_status", "benefits", 100), ("gp_details", "GP details", 200),
          ("prescriptions_on_day", "prescriptions on the day", 200),
          ("prescriptions_collect_from", "where to collect the prescription", 200),
          ("travel_route", "journey to the first appointment", 200),
          ("first_appointment_with", "who the first appointment is with", 120),
          ("first_appointment_where", "place of the first appointment", 200))


def review_record(session: Session, row: PreReleaseReview,
                  due: dt.date | None) -> ReviewRecord:
    """The review, with the first night's provider, the GP practice and the pharmacy as the
    directory holds them now."""
    found = provider_contacts(session, [row.accommodation_provider_id, row.gp_provider_id,
                                        row.prescriptions_provider_id])
    return ReviewRecord(
        id=row.id, episode_id=row.episode_id, review_date=row.review_date, due_date=due,
        accommodation_found=row.accommodation_found,
        accommodation_address=row.accommodation_address, id_status=row.id_status,
        bank_account_status=row.bank_account_status, benefits_status=row.benefits_status,
        gp_registered=row.gp_registered, gp_details=row.gp_details,
        prescriptions_on_day=row.prescriptions_on_day,
        first_appointment=FirstAppointment(row.first_appointment_with, row.first_appointment_at,
                                           row.first_appointment_where,
                                           row.first_appointment_phone),
        version=row.version, prescriptions_arranged=row.prescriptions_arranged,
        prescriptions_collect_from=row.prescriptions_collect_from,
        travel_route=row.travel_route, travel_payment=row.travel_payment,
        accommodation_provider_id=row.accommodation_provider_id,
        accommodation_provider=found.get(row.accommodation_provider_id or 0),
        gp_provider_id=row.gp_provider_id, gp_provider=found.get(row.gp_provider_id or 0),
        prescriptions_provider_id=row.prescriptions_provider_id,
        prescriptions_provider=found.get(row.prescriptions_provider_id or 0))


class ReviewService:
    def __init__(self, ctx: ServiceContext, deadlines: DeadlineService):
        self._ctx = ctx
        self._deadlines = deadlines

    def due_date(self, episode_id: int) -> dt.date | None:
        self._ctx.require(Capability.READ_TTG_CASE)
        return self._deadlines.for_episode(episode_id).deadlines.pre_release_review_due

    def for_episode(self, episode_id: int) -> ReviewRecord | None:
        self._ctx.require(Capability.READ_TTG_CASE)
        cal = self._deadlines.calendar()
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, CustodyEpisode, episode_id)
            episode = get_episode(session, episode_id)
            row = session.scalar(select(PreReleaseReview)
                                 .where(PreReleaseReview.episode_id == episode_id))
            if row is None:
                return None
            return review_record(session, row, self._due(session, episode, cal))

    def save(self, episode_id: int, data: ReviewInput) -> ReviewRecord:
        """Create (version None) or update the episode's review; partial answers are kept."""
        self._ctx.require(Capability.EDIT_TTG_CASE)
        cal = self._deadlines.calendar()
        try:
            with self._ctx.db.write() as session:
                check_case_of(session, self._ctx, CustodyEpisode, episode_id)
                episode = get_episode(session, episode_id)
                values = self._validated(data, episode)
                row = session.scalar(select(PreReleaseReview)
                                     .where(PreReleaseReview.episode_id == episode_id))
                values["accommodation_provider_id"] = self._provider(session, data, row,
                                                                     values)
                self._health_providers(session, data, row, values)
                if row is None:
                    if data.version is not None:
                        raise StaleRecordError("pre-release review", None, None)
                    row = PreReleaseReview(episode_id=episode_id,
                                           updated_by_id=self._ctx.actor_id, **values)
                    session.add(row)
                    session.flush()
                    audit.record(session, self._ctx, AuditAction.CREATE, "pre_release_review",
                                 row.id, after=audit.snapshot(row))
                else:
                    check_version(session, row, data.version, "pre-release review")
                    if data.version is None:
                        raise StaleRecordError("pre-release review", None, row.updated_at)
                    before = audit.snapshot(row)
                    for name, value in values.items():
                        setattr(row, name, value)
                    row.updated_by_id = self._ctx.actor_id
                    flush_versioned(session, row, "pre-release review", self._ctx.db)
                    audit.record(session, self._ctx, AuditAction.UPDATE, "pre_release_review",
                                 row.id, before=before, after=audit.snapshot(row))
                return review_record(session, row, self._due(session, episode, cal))
        except IntegrityError:
            raise StaleRecordError("pre-release review", None, None) from None

    @staticmethod
    def _provider(session: Session, data: ReviewInput, row: PreReleaseReview | None,
                  values: ColumnValues) -> int | None:
        """The first night's provider from the directory (rule TTG-DIR4): none when there
        is no accommodation; with one picked, its address stands in for a typed one."""
        if data.accommodation_found is False or data.accommodation_provider_id is None:
            return None
        linked_provider(session, data.accommodation_provider_id,
                        row.accommodation_provider_id if row else None,
                        "accommodation_provider_id")
        return data.accommodation_provider_id

    @staticmethod
    def _health_providers(session: Session, data: ReviewInput, row: PreReleaseReview | None,
                          values: ColumnValues) -> None:
        """The GP practice and the pharmacy from the directory (rule TTG-DIR4): a picked one's
        name stands in for the typed text, as a fallback's does; no pharmacy without an
        arranged prescription."""
        values["gp_details"] = who(session, data.gp_provider_id,
                                   row.gp_provider_id if row else None, values["gp_details"],
                                   "gp_details")
        values["gp_provider_id"] = data.gp_provider_id
        pharmacy = data.prescriptions_provider_id if data.prescriptions_arranged else None
        if data.prescriptions_arranged:
            values["prescriptions_collect_from"] = who(
                session, pharmacy, row.prescriptions_provider_id if row else None,
                values["prescriptions_collect_from"], "prescriptions_collect_from")
        values["prescriptions_provider_id"] = pharmacy

    def _due(self, session: Session, episode: CustodyEpisode, cal: WorkingCalendar
             ) -> dt.date | None:
        return current_deadlines(episode, read_deadline_settings(session),
                                 cal).pre_release_review_due

    def _validated(self, data: ReviewInput, episode: CustodyEpisode) -> ColumnValues:
        errors = FieldErrors()
        check_past_date(errors, "review_date", "review date", data.review_date,
                        self._ctx.today(), not_before=episode.reception_date,
                        before_label="reception")
        values: ColumnValues = {"review_date": data.review_date,
                        "accommodation_found": data.accommodation_found,
                        "gp_registered": data.gp_registered,
                        "prescriptions_arranged": data.prescriptions_arranged,
                        "travel_payment": data.travel_payment,
                        "first_appointment_at": data.first_appointment_at}
        address = clean(data.accommodation_address)
        errors.check("accommodation_address", text_problem("address", address))
        if data.accommodation_found and not address and data.accommodation_provider_id is None:
            errors.check("accommodation_address", "Enter the address for the first night.")
        # "No accommodation" means no address: a stale one would mislead on the day.
        values["accommodation_address"] = address if data.accommodation_found is not False \
            else None
        for field, label, longest in _TEXTS:
            value = clean(getattr(data, field))
            errors.check(field, text_problem(label, value, max_length=longest))
            values[field] = value
        # Where to collect applies only to a prescription that is arranged.
        if data.prescriptions_arranged is not True:
            values["prescriptions_collect_from"] = None
        phone = clean(data.first_appointment_phone)
        errors.check("first_appointment_phone", phone_problem("phone number", phone))
        values["first_appointment_phone"] = phone
        if data.first_appointment_at is not None and \
                data.first_appointment_at.date() < episode.reception_date:
            errors.check("first_appointment_at", "The first appointment cannot be before "
                                                 "reception into custody.")
        if errors:
            raise ValidationError(errors)
        return values
