"""Importing people and Unpaid Work orders from a national case system extract (rule DATA-1).

The steps every import shares (mapping, preview, apply, dry run) are in ``base``; this module
plans each row (match by CRN, likely duplicates by name and date of birth, an order matched by
its sentence date) and writes the plan. The preview and the apply share one planner, so what was
previewed is what is written; the apply plans again inside its transaction, so a record changed
by someone in between is judged as it now is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction, Gender, Language, OrderSubtype, OrderType
from upw_ttg.domain.extract import Extract
from upw_ttg.domain.ndelius import (
    FIELDS_BY_NAME,
    PEOPLE_AND_ORDERS,
    convert_row,
    describe_value,
    has_order,
)
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.placement import category_from_text
from upw_ttg.errors import Cancelled, ValidationError
from upw_ttg.progress import CancelledFn, ProgressFn
from upw_ttg.records.exchange import FieldChange, ImportRow, RowOutcome, Written
from upw_ttg.records.orders import OrderInput
from upw_ttg.records.people import PersonInput
from upw_ttg.services import audit
from upw_ttg.services.access import named_on
from upw_ttg.services.case_reviews import review_if_address_changed
from upw_ttg.services.exchange.base import ExtractImport, report_progress
from upw_ttg.services.orders import deadline_settings, order_values, refresh_status
from upw_ttg.services.people import PERSON_FIELDS, validated_person
from upw_ttg.services.upw.common import chunks
from upw_ttg.services.upw.recheck import recheck_bookings
from upw_ttg.services.versioning import flush_versioned
from upw_ttg.storage.models import Office, Person, UpwOrder
from upw_ttg.storage.models.base import ColumnValues

KIND = "people_and_orders"
_ORDER_COMPARED = ("court", "order_type", "subtype", "hours_ordered", "standalone")

# A row's values by field, each converted to its field's type (or None when empty).
_RowValues = dict[str, Any]


@dataclass(slots=True)
class _Plan:
    """One row's outcome and, where something is written, what."""

    row: ImportRow
    person_values: ColumnValues | None = None
    # The row's person as validated, kept to compare later lines for the same CRN.
    validated: ColumnValues | None = None
    person: Person | None = None
    order_values: ColumnValues | None = None
    order: UpwOrder | None = None
    key: tuple[str, dt.date, OrderSubtype] | tuple[()] = ()


@dataclass(slots=True)
class _Known:
    """What is on record for the people the file names, read once per plan."""

    by_crn: dict[str, Person] = field(default_factory=dict)
    by_identity: dict[tuple[str, str, dt.date], list[Person]] = field(default_factory=dict)
    orders: dict[int, list[UpwOrder]] = field(default_factory=dict)
    offices: dict[str, int] = field(default_factory=dict)
    # Restricted cases among them that this member is not named on.
    closed: set[int] = field(default_factory=set)


class PeopleImportService(ExtractImport):
    """People and orders from an NDelius extract: mapping, preview, apply (rule DATA-1)."""

    kind = KIND
    fields = PEOPLE_AND_ORDERS
    capability = Capability.IMPORT_CASES

    # Planning --------------------------------------------------------------------------------

    def _plan(self, session: Session, extract: Extract, mapping: Mapping[str, str],
              confirmed: frozenset[int], progress: ProgressFn | None,
              cancelled: CancelledFn | None) -> list[_Plan]:
        columns = {name: extract.headers.index(header) for name, header in mapping.items()}
        converted = []
        for index, cells in enumerate(extract.rows):
            raw = {name: cells[column] for name, column in columns.items()}
            values, problems = convert_row(raw)
            converted.append((index + 2, values, problems))
        known = self._known(session, converted)
        today = self._ctx.today()
        months, applies = deadline_settings(session)
        plans: list[_Plan] = []
        seen_people: dict[str, _Plan] = {}
        seen_orders: dict[tuple[str, dt.date, OrderSubtype], _Plan] = {}
        new_identities: dict[tuple[str, str, dt.date], str] = {}
        for done, (line, values, problems) in enumerate(converted, 1):
            if cancelled is not None and cancelled():
                raise Cancelled
            plans.append(self._plan_row(session, line, values, problems, known, today,
                                        (months, applies), confirmed, seen_people, seen_orders,
                                        new_identities))
            report_progress(progress, done, len(converted), "Checking")
        return plans

    def _known(self, session: Session,
               converted: list[tuple[int, _RowValues, dict[str, str]]]) -> _Known:
        known = _Known()
        for office_id, code, name in session.execute(select(Office.id, Office.code,
                                                            Office.name)):
            known.offices[code.strip().lower()] = office_id
            known.offices[name.strip().lower()] = office_id
        crns = sorted({str(v.get("crn") or "").strip().upper() for _, v, _ in converted} - {""})
        births = sorted({v["date_of_birth"] for _, v, _ in converted
                         if isinstance(v.get("date_of_birth"), dt.date)})
        for batch in chunks(crns):
            for person in session.scalars(select(Person).where(Person.crn.in_(batch))):
                known.by_crn[person.crn] = person
        for batch in chunks(births):
            for person in session.scalars(select(Person).where(Person.date_of_birth.in_(batch))):
                key = (person.search_surname, person.search_forename, person.date_of_birth)
                known.by_identity.setdefault(key, []).append(person)
        person_ids = [p.id for p in known.by_crn.values()]
        for batch in chunks([p.id for p in known.by_crn.values() if p.restricted]):
            open_ids = set(session.scalars(select(Person.id).where(
                Person.id.in_(batch), named_on(self._ctx.actor_id))))
            known.closed.update(set(batch) - open_ids)
        for batch in chunks(person_ids):
            for order in session.scalars(select(UpwOrder).where(UpwOrder.person_id.in_(batch))
                                         .order_by(UpwOrder.id)):
                known.orders.setdefault(order.person_id, []).append(order)
        return known

    def _plan_row(self, session: Session, line: int, values: _RowValues,
                  problems: dict[str, str],
                  known: _Known, today: dt.date, deadline: tuple[int, bool],
                  confirmed: frozenset[int], seen_people: dict[str, _Plan],
                  seen_orders: dict[tuple[str, dt.date, OrderSubtype], _Plan],
                  new_identities: dict[tuple[str, str, dt.date], str]) -> _Plan:
        crn = str(values.get("crn") or "").strip().upper()
        name = " ".join(str(values.get(n) or "") for n in ("forename", "surname")).strip()
        base = ImportRow(line=line, crn=crn, name=name, outcome=RowOutcome.REJECTED,
                         has_order=has_order(values))
        reasons = dict(problems)
        office_text = values.pop("office", None)
        if office_text:
            office_id = known.offices.get(str(office_text).strip().lower())
            if office_id is None:
                reasons.setdefault("office", f"Office or team: “{office_text}” is not an office "
                                             "here; add it under Administration or correct the "
                                             "file.")
            values["office_id"] = office_id
        existing = known.by_crn.get(crn)
        if existing is not None and existing.id in known.closed:
            return _Plan(replace(base, reason="This is a restricted case; only staff named on "
                                              "it can change it."))
        person_values: ColumnValues | None = None
        if not reasons:
            try:
                person_values = validated_person(self._person_input(values, existing), today)
            except ValidationError as exc:
                reasons.update(exc.fields)
        order_values_: ColumnValues | None = None
        if not reasons and base.has_order:
            order_values_, order_reasons = self._order_values(values, person_values, today,
                                                              deadline)
            reasons.update(order_reasons)
        if reasons:
            return _Plan(replace(base, reason=" ".join(dict.fromkeys(reasons.values()))))
        assert person_values is not None
        person_values.pop("gender_category", None)
        changes = self._person_changes(existing, person_values)
        earlier = seen_people.get(crn)
        if earlier is not None and earlier.validated is not None:
            differing = [k for k in values if k in PERSON_FIELDS
                         and earlier.validated.get(k) != person_values.get(k)]
            if differing:
                labels = ", ".join(FIELDS_BY_NAME[k].label.lower() for k in differing
                                   if k in FIELDS_BY_NAME)
                return _Plan(replace(base, reason=f"CRN {crn} is also on line {earlier.row.line} "
                                                  f"with a different {labels}; correct the file "
                                                  "so each person's details agree."))
        identity = (person_values["search_surname"], person_values["search_forename"],
                    person_values["date_of_birth"])
        resembles = None
        if existing is None and earlier is None:
            others = [p.crn for p in known.by_identity.get(identity, []) if p.crn != crn]
            other_new = new_identities.get(identity)
            if other_new and other_new != crn:
                others.append(other_new)
            resembles = others[0] if others else None
        plan = _Plan(base, person_values=person_values, validated=person_values, person=existing)
        order_changes: list[FieldChange] = []
        if order_values_ is not None:
            order_key = (crn, order_values_["sentence_date"], order_values_["subtype"])
            plan.key = order_key
            if order_key in seen_orders:
                order_values_ = None   # the same order again: written once, by its first line
            else:
                plan.order = self._matching_order(known.orders.get(existing.id, [])
                                                  if existing else [], order_values_)
                order_changes = self._order_changes(plan.order, order_values_)
                if plan.order is None or order_changes:
                    plan.order_values = order_values_
                seen_orders[order_key] = plan
        if earlier is None:
            seen_people[crn] = plan
            new_identities.setdefault(identity, crn)
        if existing is None and earlier is None:
            if resembles is not None and line not in confirmed:
                plan.person_values = plan.order_values = None
                plan.row = replace(base, outcome=RowOutcome.DUPLICATE, resembles_crn=resembles,
                                   reason=f"Same name and date of birth as CRN {resembles}. "
                                          "Confirm that this is a different person to import "
                                          "it.")
                return plan
            plan.row = replace(base, outcome=RowOutcome.NEW, changes=tuple(order_changes))
            return plan
        if earlier is not None or not changes:
            # A later line for the same person may carry another order; the person is written
            # (if at all) by the first line.
            plan.person_values = None
        all_changes = tuple(changes) + tuple(order_changes)
        if plan.person_values is None and plan.order_values is None:
            why = f"Repeats line {earlier.row.line}." if earlier is not None else ""
            plan.row = replace(base, outcome=RowOutcome.UNCHANGED, reason=why)
        else:
            plan.row = replace(base, outcome=RowOutcome.UPDATED if existing or earlier
                               else RowOutcome.NEW, changes=all_changes)
        return plan

    @staticmethod
    def _person_input(values: _RowValues, existing: Person | None) -> PersonInput:
        """The form input for the row: on record values kept where the file says nothing."""
        base = {name: getattr(existing, name) for name in PERSON_FIELDS} if existing else {}
        data = dict(base)
        for name in PERSON_FIELDS:
            # A blank cell keeps what is on record, except where the field is required.
            required = name in ("crn", "forename", "surname", "date_of_birth")
            if name in values and (values[name] not in (None, "") or required):
                data[name] = values[name]
        data.setdefault("gender", Gender.NOT_STATED)
        data.setdefault("preferred_language", Language.ENGLISH)
        data["gender_category"] = None
        return PersonInput(**{k: v for k, v in data.items()
                              if k in PersonInput.__dataclass_fields__})

    @staticmethod
    def _person_changes(existing: Person | None, person_values: ColumnValues) -> list[FieldChange]:
        if existing is None:
            return []
        changes = []
        for name in PERSON_FIELDS:
            if name == "gender_category" or name not in person_values:
                continue
            before, after = getattr(existing, name), person_values[name]
            if before != after:
                label = FIELDS_BY_NAME[name].label if name in FIELDS_BY_NAME else \
                    FIELDS_BY_NAME["office"].label if name == "office_id" else name
                changes.append(FieldChange(label, describe_value(before),
                                           describe_value(after)))
        return changes

    @staticmethod
    def _order_values(values: _RowValues, person_values: ColumnValues | None,
                      today: dt.date, deadline: tuple[int, bool]
                      ) -> tuple[ColumnValues | None, dict[str, str]]:
        data = OrderInput(person_id=0, court=str(values.get("court") or ""),
                          sentence_date=values.get("sentence_date"),
                          order_type=values.get("order_type") or OrderType.COMMUNITY_ORDER,
                          subtype=values.get("subtype") or OrderSubtype.REGULAR,
                          # None when the file leaves it empty: order_problems names it.
                          hours_ordered=values.get("hours_ordered"),  # type: ignore[arg-type]
                          standalone=values.get("standalone") is not False)
        birth = (person_values or {}).get("date_of_birth")
        try:
            return order_values(data, today, birth, deadline), {}
        except ValidationError as exc:
            return None, exc.fields

    @staticmethod
    def _matching_order(orders: list[UpwOrder], values: ColumnValues) -> UpwOrder | None:
        """The order on record for the same sentence: same date, and same subtype if several."""
        same_day = [o for o in orders if o.sentence_date == values["sentence_date"]]
        if len(same_day) > 1:
            same_day = [o for o in same_day if o.subtype == values["subtype"]] or same_day
        return same_day[0] if same_day else None

    @staticmethod
    def _order_changes(order: UpwOrder | None, values: ColumnValues) -> list[FieldChange]:
        if order is None:
            return [FieldChange("New order", "",
                                f"{values['hours_ordered']} hours, sentenced "
                                f"{values['sentence_date']:%d/%m/%Y}")]
        return [FieldChange(f"Order: {FIELDS_BY_NAME[name].label.lower()}",
                            describe_value(getattr(order, name)), describe_value(values[name]))
                for name in _ORDER_COMPARED if getattr(order, name) != values[name]]

    # Writing ---------------------------------------------------------------------------------

    def _write(self, session: Session, extract: Extract, plans: list[_Plan],
               progress: ProgressFn | None, cancelled: CancelledFn | None) -> Written:
        actor = self._ctx.actor_id
        written_people: dict[str, Person] = {}
        changed_people: list[int] = []
        changed_orders: list[int] = []
        orders_created = orders_updated = 0
        rows = []
        for done, plan in enumerate(plans, 1):
            if cancelled is not None and cancelled():
                raise Cancelled
            row = plan.row
            if row.outcome == RowOutcome.DUPLICATE:
                row = replace(row, outcome=RowOutcome.REJECTED,
                              reason=row.reason.replace("Confirm", "It was not confirmed; "
                                                        "confirm"))
            rows.append(row)
            person = plan.person or written_people.get(row.crn)
            if plan.person_values is not None:
                if person is None:
                    values = dict(plan.person_values)
                    values["gender_category"] = category_from_text(values["gender"],
                                                                   values["gender_identity"])
                    person = Person(updated_by_id=actor, **values)
                    session.add(person)
                    session.flush()
                    audit.record(session, self._ctx, AuditAction.CREATE, "person", person.id,
                                 after=audit.snapshot(person, PERSON_FIELDS))
                else:
                    before = audit.snapshot(person, PERSON_FIELDS)
                    for name, value in plan.person_values.items():
                        setattr(person, name, value)
                    person.updated_by_id = actor
                    flush_versioned(session, person, "person", self._ctx.db)
                    after = audit.snapshot(person, PERSON_FIELDS)
                    audit.record(session, self._ctx, AuditAction.UPDATE, "person", person.id,
                                 before=before, after=after)
                    review_if_address_changed(session, self._ctx, person.id, before, after)
                    changed_people.append(person.id)
                written_people[row.crn] = person
            if plan.order_values is not None and person is not None:
                if plan.order is None:
                    order = UpwOrder(person_id=person.id, updated_by_id=actor,
                                     **plan.order_values)
                    session.add(order)
                    session.flush()
                    audit.record(session, self._ctx, AuditAction.CREATE, "upw_order", order.id,
                                 after=audit.snapshot(order))
                    orders_created += 1
                else:
                    order = plan.order
                    before = audit.snapshot(order)
                    for name, value in plan.order_values.items():
                        setattr(order, name, value)
                    order.updated_by_id = actor
                    flush_versioned(session, order, "order", self._ctx.db)
                    refresh_status(session, order, self._ctx.today())
                    audit.record(session, self._ctx, AuditAction.UPDATE, "upw_order", order.id,
                                 before=before, after=audit.snapshot(order))
                    changed_orders.append(order.id)
                    orders_updated += 1
            report_progress(progress, done, len(plans), "Writing")
        if changed_people or changed_orders:
            # Gender and order dates are facts the placement rules read (rule UPW-24).
            recheck_bookings(session, self._ctx, person_ids=changed_people,
                             order_ids=changed_orders)
        return Written(rows, {"orders_created": orders_created,
                              "orders_updated": orders_updated})
