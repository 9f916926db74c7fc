"""The staff case summary: gathered in one read, printed by a pure document function."""

from __future__ import annotations

from upw_ttg.domain.access import AccessedRecord, Recipient
from upw_ttg.domain.codes import AuditAction, Language
from upw_ttg.domain.permissions import Capability
from upw_ttg.records.case_summary import CaseSummary
from upw_ttg.services import audit
from upw_ttg.services.access_log import log_print, log_view
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.custody import CustodyService
from upw_ttg.services.orders import OrdersService
from upw_ttg.services.people import PeopleService


class CaseSummaryService:
    def __init__(self, ctx: ServiceContext, people: PeopleService, orders: OrdersService,
                 custody: CustodyService):
        self._ctx = ctx
        self._people = people
        self._orders = orders
        self._custody = custody

    def summary(self, person_id: int) -> CaseSummary:
        """The case summary's data; opening it is recorded in the access log."""
        summary = self._gather(person_id)
        log_view(self._ctx, AccessedRecord.CASE_SUMMARY, person_id, person_id)
        return summary

    def _gather(self, person_id: int, language: Language = Language.ENGLISH) -> CaseSummary:
        actor = self._ctx.require(Capability.READ_PERSON)
        person = self._people.get(person_id)
        # Each section only for those whose roles read it (a resettlement worker's summary
        # carries no Unpaid Work orders).
        orders = self._orders.for_person(person_id) \
            if actor.may(Capability.READ_ORDERS) else []
        custody = self._custody.for_person(person_id) \
            if actor.may(Capability.READ_CUSTODY) else []
        return CaseSummary(person=person, orders=tuple(orders), custody=tuple(custody),
                           printed_by=actor.full_name, printed_at=self._ctx.now(),
                           office_name=person.office_name,
                           language=language.printed)

    def render(self, person_id: int, language: Language = Language.ENGLISH) -> bytes:
        """The case summary as PDF bytes, its fixed words in ``language`` (its
        reader's); printing it is recorded in the audit trail."""
        # reportlab loads on first print, not at start-up.
        self._ctx.require(Capability.READ_PERSON)
        from upw_ttg.printing.documents.case_summary import render_case_summary

        # The print is logged below; gathering for it is not a separate opening.
        pdf = render_case_summary(self._gather(person_id, language))
        with self._ctx.db.write() as session:
            audit.record(session, self._ctx, AuditAction.PRINT, "person", person_id,
                         after={"document": "case summary"})
            log_print(session, self._ctx, "case summary", Recipient.CASE_FILE, person_id,
                      [person_id])
        return pdf
