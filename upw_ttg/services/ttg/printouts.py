"""Gathering and printing the TTG documents; person-facing ones get only handout types."""

from __future__ import annotations

from sqlalchemy import select

from upw_ttg.domain.access import Recipient
from upw_ttg.domain.codes import AuditAction, Language, ReferralStatus, ReleaseDateType
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.resettlement import HEALTH
from upw_ttg.records.custody import CUSTODY_DATE_FIELDS
from upw_ttg.records.handouts import (
    ContactRole,
    HandoutAction,
    HandoutAppointment,
    HandoutContact,
    HandoutFallback,
    HandoutNeed,
    HandoutReferral,
    PersonPlanCopy,
    ReleaseDaySheet,
)
from upw_ttg.records.ttg import (
    ActionRecord,
    EpisodeSummary,
    HandoverPack,
    HandoverRecord,
    NeedRecord,
    PlanRecord,
    ReferralRecord,
    ReviewRecord,
)
from upw_ttg.services import audit
from upw_ttg.services.access_log import log_print
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.organisation import office_contact
from upw_ttg.services.ttg.common import get_episode
from upw_ttg.services.ttg.deadlines import DeadlineService
from upw_ttg.services.ttg.handover import HandoverService
from upw_ttg.services.ttg.plans import PlanService
from upw_ttg.services.ttg.referrals import ReferralService
from upw_ttg.services.ttg.reviews import ReviewService
from upw_ttg.storage.models import Person, Prison, Staff

# The documents, and reportlab under them (about 10 MB), are loaded when something is
# printed: the screens that use this service open without them.
# Referrals worth telling the person about: still live or delivered.
_SHOWN_REFERRALS = {ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED}
HELPLINE = HandoutContact(ContactRole.HELPLINE, "Samaritans", None, "116 123", None)


# Services still helping on the day of release: the sheet lists them with their details.
_HELPING = {ReferralStatus.SENT, ReferralStatus.ACCEPTED}


def _handout_referral(r: ReferralRecord) -> HandoutReferral:
    return HandoutReferral(r.pathway_code, r.pathway_name, r.provider, r.sent_on, r.status,
                           r.contact)


def _handout_action(action: ActionRecord) -> HandoutAction:
    return HandoutAction(action.description, action.owner, action.due_date, action.done_on,
                         action.provider)


def _need_fallback(n: NeedRecord) -> HandoutFallback:
    return HandoutFallback(n.pathway_code, n.pathway_name, n.fallback_plan, n.fallback_contact,
                           by_date=n.fallback_by, provider=n.fallback_provider)


def _health_contacts(review: ReviewRecord | None,
                     plan: PlanRecord | None) -> tuple[HandoutContact, ...]:
    """The GP practice and where to collect the prescription on the day, for the person's
    copy: a directory provider with its details as they are when printed (rule TTG-DIR4),
    else the name typed; none when the worker kept the health need off the copy (DOC-5)."""
    kept_off = any(n.pathway_code == HEALTH and n.on_persons_copy is False
                   for n in (plan.needs if plan else ()))
    if review is None or kept_off:
        return ()
    found = []
    for role, typed, provider in (
            (ContactRole.GP, review.gp_details, review.gp_provider),
            (ContactRole.PHARMACY, review.prescriptions_collect_from
             if review.prescriptions_arranged else None, review.prescriptions_provider)):
        name = provider.name if provider else typed
        if name:
            found.append(HandoutContact(role, name, None, provider.phone if provider else None,
                                        None, provider))
    return tuple(found)


def persons_fallbacks(plan: PlanRecord | None) -> tuple[HandoutFallback, ...]:
    """The fallbacks printed on the person's day-of-release sheet (rule TTG-FALLBACK): the
    day of release's, and each need's that prints on their copy (rule DOC-5); a need left off
    their copy keeps its fallback off too."""
    if plan is None:
        return ()
    day = ((HandoutFallback(None, None, plan.release_fallback_plan,
                            plan.release_fallback_contact, by_time=plan.release_fallback_by,
                            provider=plan.release_fallback_provider),)
           if plan.has_release_fallback else ())
    return day + tuple(_need_fallback(n) for n in plan.needs
                       if n.has_fallback and n.shown_to_person)


class PrintoutService:
    def __init__(self, ctx: ServiceContext, deadlines: DeadlineService, plans: PlanService,
                 reviews: ReviewService, handover: HandoverService,
                 referrals: ReferralService):
        self._ctx = ctx
        self._deadlines = deadlines
        self._plans = plans
        self._reviews = reviews
        self._handover = handover
        self._referrals = referrals

    # ---- data objects ------------------------------------------------------------------
    def episode_summary(self, episode_id: int) -> tuple[EpisodeSummary, Language]:
        self._ctx.require(Capability.READ_PLAN_RISK)
        with self._ctx.db.read() as session:
            episode = get_episode(session, episode_id)
            person = session.get(Person, episode.person_id)
            prison = session.get(Prison, episode.prison_id)
            worker = session.get(Staff, episode.worker_id) if episode.worker_id else None
            assert person is not None and prison is not None
            return EpisodeSummary(
                person_name=f"{person.forename} {person.surname}", crn=person.crn,
                date_of_birth=person.date_of_birth, prison_name=prison.name,
                prison_code=prison.code, prison_number=episode.prison_number,
                reception_date=episode.reception_date, screening_date=episode.screening_date,
                dates={name: getattr(episode, name) for name, _l in CUSTODY_DATE_FIELDS},
                expected_release_date=episode.expected_release_date,
                expected_release_type=episode.expected_release_type,
                released_on=episode.released_on, status=episode.status,
                worker_name=worker.full_name if worker else None,
                worker_email=worker.email if worker else None,
                worker_phone=worker.phone if worker else None), person.preferred_language

    def handover_pack(self, episode_id: int, language: Language = Language.ENGLISH
                      ) -> HandoverPack:
        """The pack's data; opening its plan (risk section) and handover record is logged.
        ``language`` is the officer's: the pack's fixed words only."""
        return self._handover_pack(episode_id, logged=True, language=language)

    def _handover_pack(self, episode_id: int, *, logged: bool,
                       language: Language = Language.ENGLISH
                       ) -> HandoverPack:
        summary, _language = self.episode_summary(episode_id)
        plan = self._plans.for_episode(episode_id, logged=logged)
        actor = self._ctx.require(Capability.READ_HANDOVER)
        return HandoverPack(
            episode=summary, plan=plan, review=self._reviews.for_episode(episode_id),
            handover=self._handover.for_episode(episode_id, logged=logged),
            referrals=tuple(self._referrals.for_plan(plan.id)) if plan else (),
            deadlines=self._deadlines.for_episode(episode_id), printed_at=self._ctx.now(),
            printed_by=actor.full_name, language=language.printed)

    def person_copy(self, episode_id: int,
                    language: Language | None = None) -> PersonPlanCopy:
        self._ctx.require(Capability.READ_TTG_CASE)
        summary, preferred = self.episode_summary(episode_id)
        # The person's own copy leaves out the risk section and the handover record.
        plan = self._plans.for_episode(episode_id, logged=False)
        review = self._reviews.for_episode(episode_id)
        handover = self._handover.for_episode(episode_id, logged=False)
        referrals = self._referrals.for_plan(plan.id) if plan else []
        today = self._ctx.today()
        # Actions that manage risk can name victims or exclusion zones: staff copies only.
        actions = [a for a in (plan.actions if plan else ()) if not a.manages_risk]
        needs = tuple(HandoutNeed(
            n.pathway_code, n.pathway_name, n.own_words, n.status, n.responsibility,
            tuple(_handout_action(a) for a in actions if a.need_id == n.id),
            _need_fallback(n) if n.has_fallback else None)
            for n in (plan.needs if plan else ()) if n.shown_to_person)
        # A referral names its pathway: one for a need left off the copy is left off too.
        hidden = {n.pathway_code for n in (plan.needs if plan else ()) if not n.shown_to_person}
        appointments = [a for a in (self._first_appointment(review),) if a is not None]
        if handover and handover.meeting_at and handover.meeting_at.date() >= today:
            appointments.append(HandoutAppointment("handover_meeting", handover.ro_name,
                                                   handover.meeting_at, summary.prison_name,
                                                   None))
        return PersonPlanCopy(
            person_name=summary.person_name, prison_name=summary.prison_name,
            prison_number=summary.prison_number, worker_name=summary.worker_name,
            expected_release_date=summary.expected_release_date,
            release_date_confirmed=summary.expected_release_type == ReleaseDateType.CONFIRMED,
            plan_date=(plan.completed_on or plan.started_on) if plan else None, needs=needs,
            other_actions=tuple(_handout_action(a) for a in actions if a.need_id is None),
            # The wording written for the person when there is one; otherwise the staff wording.
            strengths=tuple(s.persons_wording or s.description for s in plan.strengths)
            if plan else (),
            appointments=tuple(appointments),
            referrals=tuple(_handout_referral(r) for r in referrals
                            if r.status in _SHOWN_REFERRALS and r.pathway_code not in hidden),
            contacts=self._contacts(summary, handover) + _health_contacts(review, plan),
            person_agrees=plan.person_agrees if plan else None,
            agreed_on=plan.agreed_on if plan else None,
            person_comments=plan.person_comments if plan else None,
            language=self._language(language, preferred), printed_at=self._ctx.now(),
            printed_by=self._ctx.require_signed_in().full_name)

    def release_sheet(self, episode_id: int,
                      language: Language | None = None) -> ReleaseDaySheet:
        self._ctx.require(Capability.READ_TTG_CASE)
        summary, preferred = self.episode_summary(episode_id)
        review = self._reviews.for_episode(episode_id)
        handover = self._handover.for_episode(episode_id, logged=False)
        with self._ctx.db.read() as session:
            person_id = get_episode(session, episode_id).person_id
            office = office_contact(session, session.scalar(
                select(Person.office_id).where(Person.id == person_id)))
        # The GP and the first appointment have their own boxes on the sheet.
        contacts = [*self._contacts(summary, handover), HELPLINE]
        plan = self._plans.for_episode(episode_id, logged=False)
        hidden = {n.pathway_code for n in (plan.needs if plan else ()) if not n.shown_to_person}
        services = tuple(_handout_referral(r) for r in (
            self._referrals.for_plan(plan.id) if plan else ())
            if r.status in _HELPING and r.pathway_code not in hidden)
        return ReleaseDaySheet(
            person_name=summary.person_name, prison_name=summary.prison_name,
            release_date=summary.released_on or summary.expected_release_date,
            release_date_confirmed=summary.released_on is not None
            or summary.expected_release_type == ReleaseDateType.CONFIRMED,
            first_appointment=self._first_appointment(review),
            accommodation_found=review.accommodation_found if review else None,
            first_night_address=review.accommodation_address if review else None,
            first_night_provider=review.accommodation_provider if review else None,
            prescriptions_arranged=review.prescriptions_arranged if review else None,
            prescriptions_collect_from=review.prescriptions_collect_from if review else None,
            id_status=review.id_status if review else None,
            bank_account_status=review.bank_account_status if review else None,
            benefits_status=review.benefits_status if review else None,
            gp_registered=review.gp_registered if review else None,
            gp_details=review.gp_details if review else None, contacts=tuple(contacts),
            gp_provider=review.gp_provider if review else None,
            prescriptions_provider=review.prescriptions_provider if review else None,
            language=self._language(language, preferred), printed_at=self._ctx.now(),
            printed_by=self._ctx.require_signed_in().full_name,
            travel_route=review.travel_route if review else None,
            travel_payment=review.travel_payment if review else None,
            officer_name=handover.ro_name if handover else None, office=office,
            services=services, fallbacks=persons_fallbacks(plan))

    # ---- PDFs (printing is audited; the audit names the document, never its content) --
    def render_person_copy(self, episode_id: int,
                           language: Language | None = None) -> bytes:
        self._ctx.require(Capability.READ_TTG_CASE)
        from upw_ttg.printing.documents.resettlement_plan import render_person_copy

        pdf = render_person_copy(self.person_copy(episode_id, language))
        self._audit(episode_id, "resettlement plan (person's copy)", Recipient.THE_PERSON)
        return pdf

    def render_release_sheet(self, episode_id: int,
                             language: Language | None = None) -> bytes:
        self._ctx.require(Capability.READ_TTG_CASE)
        from upw_ttg.printing.documents.release_sheet import render_release_sheet

        pdf = render_release_sheet(self.release_sheet(episode_id, language))
        self._audit(episode_id, "day-of-release sheet", Recipient.THE_PERSON)
        return pdf

    def render_handover_pack(self, episode_id: int,
                             language: Language = Language.ENGLISH) -> bytes:
        """The pack in ``language``: its fixed words from the glossary."""
        self._ctx.require(Capability.READ_HANDOVER)
        # Printing is logged as a print for the responsible officer, not also as openings.
        from upw_ttg.printing.documents.handover_pack import render_handover_pack

        pdf = render_handover_pack(self._handover_pack(episode_id, logged=False,
                                                       language=language))
        self._audit(episode_id, "handover pack", Recipient.RESPONSIBLE_OFFICER)
        return pdf

    def _audit(self, episode_id: int, document: str, recipient: Recipient) -> None:
        with self._ctx.db.write() as session:
            audit.record(session, self._ctx, AuditAction.PRINT, "custody_episode", episode_id,
                         after={"document": document})
            person_id = get_episode(session, episode_id).person_id
            log_print(session, self._ctx, document, recipient, episode_id, [person_id])

    # ---- pieces ------------------------------------------------------------------------
    @staticmethod
    def _language(asked: Language | None, preferred: Language) -> Language:
        return (asked or preferred).printed

    @staticmethod
    def _first_appointment(review: ReviewRecord | None) -> HandoutAppointment | None:
        if review is None:
            return None
        first = review.first_appointment
        if not any((first.with_whom, first.at, first.where, first.phone)):
            return None
        return HandoutAppointment("first_appointment", first.with_whom, first.at, first.where,
                                  first.phone)

    @staticmethod
    def _contacts(summary: EpisodeSummary,
                  handover: HandoverRecord | None) -> tuple[HandoutContact, ...]:
        contacts = []
        if summary.worker_name:
            contacts.append(HandoutContact(ContactRole.RESETTLEMENT_WORKER, summary.worker_name,
                                           summary.prison_name, summary.worker_phone,
                                           summary.worker_email))
        if handover and handover.ro_name:
            organisation = ", ".join(x for x in (handover.ro_team, handover.ro_organisation)
                                     if x)
            contacts.append(HandoutContact(ContactRole.RESPONSIBLE_OFFICER, handover.ro_name,
                                           organisation or None, handover.ro_phone,
                                           handover.ro_email))
        return tuple(contacts)

