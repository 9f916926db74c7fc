"""People and their Unpaid Work orders written out in the columns the import reads.

The same NDelius header names the import recognises, one row per order (a person without an
order on one row of their own), so a file exported here imports back unchanged: the round trip
that shows the import keeps every value it claims to (rule DATA-1).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from upw_ttg.domain.access import AccessAction, Recipient
from upw_ttg.domain.codes import Gender, Language, OrderSubtype, OrderType
from upw_ttg.domain.ndelius import PEOPLE_AND_ORDERS
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.spreadsheet import Cell, csv_bytes, xlsx_bytes
from upw_ttg.records.exchange import ExportedFile
from upw_ttg.services.access import named_on
from upw_ttg.services.access_log import log_print
from upw_ttg.services.context import ServiceContext
from upw_ttg.storage.models import Office, Person, UpwOrder

DOCUMENT = "people_and_orders"
# Each field under the first (NDelius) name the import reads it from.
COLUMNS: tuple[tuple[str, str], ...] = tuple((f.name, f.headers[0]) for f in PEOPLE_AND_ORDERS)
_GENDER = {Gender.MALE: "Male", Gender.FEMALE: "Female", Gender.NOT_STATED: "Not Known"}
_ORDER_TYPE = {OrderType.COMMUNITY_ORDER: "Community Order",
               OrderType.SUSPENDED_SENTENCE_ORDER: "Suspended Sentence Order"}
_SUBTYPE = {s: s.value.replace("_", " ").capitalize() for s in OrderSubtype}


class PeopleExportService:
    """People and orders to CSV or Excel, for another system or a re-import."""

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def export(self, *, spreadsheet: bool = False,
               office_ids: Sequence[int] | None = None) -> ExportedFile:
        """Everyone this member may read in full (optionally of some offices), one row per
        order; logged as an export of each person."""
        self._ctx.require(Capability.READ_ORDERS)
        self._ctx.require(Capability.READ_PERSON)
        with self._ctx.db.write() as session:
            query = (select(Person, Office.code, named_on(self._ctx.actor_id).label("open"))
                     .outerjoin(Office, Office.id == Person.office_id)
                     .order_by(Person.crn))
            if office_ids is not None:
                query = query.where(Person.office_id.in_(list(office_ids)))
            people = session.execute(query).all()
            orders: dict[int, list[UpwOrder]] = {}
            for order in session.scalars(select(UpwOrder).order_by(UpwOrder.sentence_date,
                                                                   UpwOrder.id)):
                orders.setdefault(order.person_id, []).append(order)
            rows: list[list[Cell]] = []
            exported: list[int] = []
            left_out = 0
            for person, office_code, open_to_member in people:
                if not open_to_member:
                    left_out += 1
                    continue
                exported.append(person.id)
                person_orders: list[UpwOrder | None] = [*orders.get(person.id, ())] or [None]
                for person_order in person_orders:
                    rows.append(_row(person, office_code, person_order))
            if exported:
                log_print(session, self._ctx, DOCUMENT, Recipient.SPREADSHEET, None, exported,
                          action=AccessAction.EXPORT)
        headers = [header for _name, header in COLUMNS]
        name = f"people-and-orders-{self._ctx.today():%Y-%m-%d}"
        if spreadsheet:
            return ExportedFile(name + ".xlsx", xlsx_bytes("People and orders", headers, rows),
                                len(rows), left_out)
        return ExportedFile(name + ".csv", csv_bytes(headers, rows), len(rows), left_out)


def _row(person: Person, office_code: str | None, order: UpwOrder | None) -> list[Cell]:
    language = {Language.ENGLISH: "English", Language.WELSH: "Welsh"}.get(
        person.preferred_language, person.other_language or "Other")
    values: dict[str, Cell] = {
        "crn": person.crn, "forename": person.forename, "middle_names": person.middle_names,
        "surname": person.surname, "preferred_name": person.preferred_name,
        "date_of_birth": person.date_of_birth, "gender": _GENDER[person.gender],
        "gender_identity": person.gender_identity, "address_line1": person.address_line1,
        "address_line2": person.address_line2, "town": person.town,
        "postcode": person.postcode, "phone": person.phone, "preferred_language": language,
        "office": office_code, "responsible_officer": person.responsible_officer,
    }
    if order is not None:
        values.update({
            "sentence_date": order.sentence_date, "court": order.court,
            "order_type": _ORDER_TYPE[order.order_type],
            "standalone": "Standalone" if order.standalone else "Combined",
            "subtype": _SUBTYPE[order.subtype], "hours_ordered": order.hours_ordered})
    return [values.get(name) for name, _header in COLUMNS]
