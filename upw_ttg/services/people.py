"""People: type-ahead search, the lazily fetched list, creating and editing a person."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Label, Row, Select, and_, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from upw_ttg.domain.codes import AuditAction, Gender, GenderCategory
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.placement import category_from_text
from upw_ttg.domain.text import fold, prefix_upper_bound
from upw_ttg.domain.validation import (
    FieldErrors,
    clean,
    crn_problem,
    date_of_birth_problem,
    name_problem,
    normalise_postcode,
    phone_problem,
    postcode_problem,
    require_page,
    search_text,
    text_problem,
)
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.organisation import DeliveryUnitRow, OfficeRow
from upw_ttg.records.people import PersonInput, PersonRecord, PersonRow, UnconfirmedPerson
from upw_ttg.records.recheck import RecheckReport
from upw_ttg.services import audit
from upw_ttg.services.access import check_case, named_on
from upw_ttg.services.case_reviews import review_if_address_changed
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import (
    CustodyEpisode,
    DeliveryUnit,
    Office,
    Person,
    PersonAccess,
    Staff,
)
from upw_ttg.storage.models.base import ColumnValues

_DATE_QUERY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE_QUERY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_PRISON_NUMBER_PREFIX = re.compile(r"[A-Z][0-9]{1,4}[A-Z]{0,2}")
_CRN_PREFIX = re.compile(r"[A-Z][0-9]{0,6}")
PERSON_FIELDS = [f for f in PersonInput.__dataclass_fields__ if f != "version"]
# The categories a coordinator can confirm; "not yet confirmed" is never chosen, only left.
CONFIRMED_CATEGORIES = tuple(c for c in GenderCategory if c != GenderCategory.UNCONFIRMED)


@cache
def _row_query() -> Select[*tuple[Any, ...]]:
    """The columns of a people list row; built once, as statements are immutable."""
    episode = aliased(CustodyEpisode, name="latest_episode")
    latest_prison_number = (select(episode.prison_number)
                            .where(episode.person_id == Person.id)
                            .order_by(episode.reception_date.desc())
                            .limit(1).correlate(Person).scalar_subquery())
    return (select(Person.id, Person.crn, Person.surname, Person.forename, Person.date_of_birth,
                   Person.gender, Person.town, Office.name, latest_prison_number)
            .outerjoin(Office, Office.id == Person.office_id))


def _viewer_columns(viewer_id: int | None
                    ) -> tuple[InstrumentedAttribute[bool], Label[bool]]:
    """Whether each row is restricted, and whether ``viewer_id`` is named on it."""
    named = exists().where(PersonAccess.person_id == Person.id,
                           PersonAccess.staff_id == (viewer_id or -1))
    return Person.restricted, named.label("named")


def _to_rows(result: Iterable[Row[*tuple[Any, ...]]], full: bool) -> list[PersonRow]:
    """People list rows; only name and CRN where this member may not see more."""
    rows = []
    for (person_id, crn, surname, forename, birth, gender, town, office, prison_number,
         restricted, named) in result:
        if full and (not restricted or named):
            rows.append(PersonRow(person_id, crn, surname, forename, birth, gender, town, office,
                                  prison_number, bool(restricted)))
        else:
            rows.append(PersonRow(person_id, crn, surname, forename, None, Gender.NOT_STATED,
                                  None, None, None, bool(restricted), limited=True))
    return rows


def _prefix(column: InstrumentedAttribute[str], prefix: str) -> ColumnElement[bool]:
    """``column`` starts with ``prefix``, written as a range so an index serves it."""
    return and_(column >= prefix, column < prefix_upper_bound(prefix))


def parse_date_query(text: str) -> dt.date | None:
    """A date typed in a search box, as 31/12/1990 or 1990-12-31."""
    match = _DATE_QUERY.match(text)
    try:
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        match = _ISO_DATE_QUERY.match(text)
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return None


def validated_person(data: PersonInput, today: dt.date) -> ColumnValues:
    """The column values of a person form (or an imported row), cleaned and checked with the
    screens' rules; raises ValidationError naming every field that is wrong."""
    values = {name: getattr(data, name) for name in PERSON_FIELDS}
    category = values.pop("gender_category")
    for name, value in values.items():
        if isinstance(value, str) or value is None and name not in ("date_of_birth",):
            values[name] = clean(value) if isinstance(value, str) else value
    values["crn"] = (values["crn"] or "").upper() or None
    values["postcode"] = normalise_postcode(values["postcode"])
    errors = FieldErrors()
    errors.check("crn", crn_problem(values["crn"]))
    errors.check("forename", name_problem("first name", values["forename"]))
    errors.check("surname", name_problem("surname", values["surname"]))
    errors.check("middle_names", name_problem("middle names", values["middle_names"],
                                              required=False))
    errors.check("preferred_name", name_problem("preferred name", values["preferred_name"],
                                                required=False))
    errors.check("date_of_birth", date_of_birth_problem(values["date_of_birth"], today))
    for field, label in (("gender_identity", "gender identity"),
                         ("address_line1", "address"), ("address_line2", "address"),
                         ("town", "town"), ("other_language", "language"),
                         ("responsible_officer", "responsible officer")):
        errors.check(field, text_problem(label, values[field]))
    # Free text: coordinators write who the contact is, e.g. "Callum Ackroyd (father)".
    errors.check("emergency_contact_name", text_problem(
        "emergency contact", values["emergency_contact_name"], max_length=120))
    errors.check("postcode", postcode_problem(values["postcode"]))
    errors.check("phone", phone_problem("phone number", values["phone"]))
    errors.check("emergency_contact_phone",
                 phone_problem("emergency contact's phone", values["emergency_contact_phone"]))
    if category is not None:
        try:
            values["gender_category"] = GenderCategory(category)
        except ValueError:
            errors.check("gender_category", "Choose woman, man, non-binary or not stated.")
    if errors:
        raise ValidationError(errors)
    values["search_surname"] = fold(values["surname"])
    values["search_forename"] = fold(values["forename"])
    return values


class PeopleService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    # Reading -------------------------------------------------------------------------------

    def _full_rows(self) -> bool:
        return self._ctx.may(Capability.READ_PERSON)

    def count(self) -> int:
        self._ctx.require(Capability.FIND_PERSON)
        with self._ctx.db.read() as session:
            return session.scalar(select(func.count()).select_from(Person)) or 0

    def list_page(self, offset: int, limit: int) -> list[PersonRow]:
        """People in name order, one page at a time, for a lazily fetched list."""
        self._ctx.require(Capability.FIND_PERSON)
        require_page(offset, limit)
        with self._ctx.db.read() as session:
            query = (_row_query().add_columns(*_viewer_columns(self._ctx.actor_id))
                     .order_by(Person.search_surname, Person.search_forename, Person.id)
                     .offset(offset).limit(limit))
            return _to_rows(session.execute(query), self._full_rows())

    def search_statement(self, text: str, limit: int = 50) -> Select[*tuple[Any, ...]]:
        """The main search query for ``text``, for the service and for measuring it raw."""
        self._ctx.require(Capability.FIND_PERSON)
        require_page(limit=limit)
        query_text = search_text(text)
        upper = query_text.upper().replace(" ", "")
        return (_row_query().add_columns(*_viewer_columns(self._ctx.actor_id))
                .where(self._search_condition(query_text, upper))
                .order_by(Person.search_surname, Person.search_forename, Person.id)
                .limit(limit))

    def search(self, text: str, limit: int = 50) -> list[PersonRow]:
        """Type-ahead over CRN, surname, forename, 'forename surname', date of birth, prison no."""
        self._ctx.require(Capability.FIND_PERSON)
        query_text = search_text(text)
        if not query_text:
            return self.list_page(0, limit)
        upper = query_text.upper().replace(" ", "")
        with self._ctx.db.read() as session:
            rows = list(session.execute(self.search_statement(query_text, limit)))
            if len(rows) < limit and _PRISON_NUMBER_PREFIX.fullmatch(upper) \
                    and self._full_rows():
                rows += self._by_prison_number(session, upper, limit - len(rows),
                                               {r[0] for r in rows})
            return _to_rows(rows, self._full_rows())

    def _search_condition(self, text: str, upper: str) -> ColumnElement[bool]:
        conditions: list[ColumnElement[bool]] = []
        if _CRN_PREFIX.fullmatch(upper):
            conditions.append(_prefix(Person.crn, upper))
        birth = parse_date_query(text)
        if birth is not None and self._full_rows():
            # A date of birth finds only the cases this member may read in full.
            conditions.append(and_(Person.date_of_birth == birth,
                                   named_on(self._ctx.actor_id)))
        words = fold(text).replace(",", " ").split()
        if birth is None and len(words) == 1:
            conditions.append(_prefix(Person.search_surname, words[0]))
            conditions.append(_prefix(Person.search_forename, words[0]))
        elif birth is None and len(words) >= 2:
            first, last = words[0], words[-1]
            # "Sian Jones", "Jones Sian" and "Jones, Sian" all find Siân Jones.
            conditions.append(and_(_prefix(Person.search_forename, first),
                                   _prefix(Person.search_surname, last)))
            conditions.append(and_(_prefix(Person.search_surname, first),
                                   _prefix(Person.search_forename, last)))
            conditions.append(_prefix(Person.search_surname, " ".join(words)))
        return or_(*conditions) if conditions else Person.id < 0

    def _by_prison_number(self, session: Session, prefix: str, limit: int,
                          seen: set[int]) -> list[Row[*tuple[Any, ...]]]:
        query = (_row_query().add_columns(*_viewer_columns(self._ctx.actor_id))
                 .join(CustodyEpisode, CustodyEpisode.person_id == Person.id)
                 .where(named_on(self._ctx.actor_id),
                        CustodyEpisode.prison_number >= prefix,
                        CustodyEpisode.prison_number < prefix_upper_bound(prefix))
                 .order_by(CustodyEpisode.prison_number).limit(limit))
        return [r for r in session.execute(query) if r[0] not in seen]

    def get(self, person_id: int) -> PersonRecord:
        self._ctx.require(Capability.READ_PERSON)
        with self._ctx.db.read() as session:
            row = session.get(Person, person_id)
            if row is None:
                raise NotFoundError("That person is no longer on record.")
            check_case(session, self._ctx, person_id)
            return self._record(session, row)

    def _record(self, session: Session, row: Person) -> PersonRecord:
        office = session.get(Office, row.office_id) if row.office_id else None
        editor = session.get(Staff, row.updated_by_id) if row.updated_by_id else None
        values = {name: getattr(row, name) for name in PERSON_FIELDS}
        return PersonRecord(id=row.id, office_name=office.name if office else None,
                            version=row.version, updated_at=row.updated_at,
                            updated_by=editor.full_name if editor else None,
                            restricted=row.restricted, **values)

    def offices(self) -> list[OfficeRow]:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            rows = session.execute(select(Office.id, Office.code, Office.name, DeliveryUnit.name,
                                          DeliveryUnit.id)
                                   .join(DeliveryUnit).order_by(DeliveryUnit.name, Office.name))
            return [OfficeRow(*r) for r in rows]

    def delivery_units(self) -> list[DeliveryUnitRow]:
        """The local delivery units, by name."""
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            rows = session.execute(select(DeliveryUnit.id, DeliveryUnit.code, DeliveryUnit.name)
                                   .order_by(DeliveryUnit.name))
            return [DeliveryUnitRow(*r) for r in rows]

    # Writing -------------------------------------------------------------------------------

    def check(self, data: PersonInput) -> None:
        """Raise ValidationError for everything wrong with ``data``; nothing is saved."""
        self._ctx.require(Capability.EDIT_PERSON)
        validated_person(data, self._ctx.today())

    def create(self, data: PersonInput) -> PersonRecord:
        self._ctx.require(Capability.EDIT_PERSON)
        values = validated_person(data, self._ctx.today())
        values.setdefault("gender_category",
                          category_from_text(values["gender"], values["gender_identity"]))
        try:
            with self._ctx.db.write() as session:
                row = Person(updated_by_id=self._ctx.actor_id, **values)
                session.add(row)
                session.flush()
                audit.record(session, self._ctx, AuditAction.CREATE, "person", row.id,
                             after=audit.snapshot(row, PERSON_FIELDS))
                return self._record(session, row)
        except IntegrityError as exc:
            raise self._integrity(exc, values) from None

    def update(self, person_id: int, data: PersonInput) -> PersonRecord:
        self._ctx.require(Capability.EDIT_PERSON)
        values = validated_person(data, self._ctx.today())
        try:
            with self._ctx.db.write() as session:
                row = session.get(Person, person_id)
                if row is None:
                    raise NotFoundError("That person is no longer on record.")
                check_case(session, self._ctx, person_id)
                check_version(session, row, data.version, "person")
                before = audit.snapshot(row, PERSON_FIELDS)
                for name, value in values.items():
                    setattr(row, name, value)
                row.updated_by_id = self._ctx.actor_id
                flush_versioned(session, row, "person", self._ctx.db)
                after = audit.snapshot(row, PERSON_FIELDS)
                audit.record(session, self._ctx, AuditAction.UPDATE, "person", row.id,
                             before=before, after=after)
                review_if_address_changed(session, self._ctx, row.id, before, after)
                # Gender is a fact rules UPW-2 and UPW-3 read.
                from upw_ttg.services.upw.recheck import recheck_bookings  # loaded when needed

                recheck_bookings(session, self._ctx, person_ids=[row.id])
                return self._record(session, row)
        except IntegrityError as exc:
            raise self._integrity(exc, values) from None

    # The gender category the placement rules read ------------------------------------------

    def unconfirmed(self, limit: int = 500) -> list[UnconfirmedPerson]:
        """People whose category for the placement rules is not yet confirmed (records whose
        own words did not say plainly), in name order, for a coordinator to confirm."""
        self._ctx.require(Capability.READ_PERSON)
        with self._ctx.db.read() as session:
            rows = session.execute(
                select(Person.id, Person.crn, Person.forename, Person.surname, Person.gender,
                       Person.gender_identity, Office.name, Person.version)
                .outerjoin(Office, Office.id == Person.office_id)
                .where(Person.gender_category == GenderCategory.UNCONFIRMED)
                .order_by(Person.search_surname, Person.search_forename, Person.id)
                .limit(limit))
            return [UnconfirmedPerson(*r) for r in rows]

    def count_unconfirmed(self) -> int:
        self._ctx.require(Capability.READ_PERSON)
        with self._ctx.db.read() as session:
            return session.scalar(select(func.count()).select_from(Person).where(
                Person.gender_category == GenderCategory.UNCONFIRMED)) or 0

    def set_gender_category(self, person_id: int, category: GenderCategory, *,
                            version: int | None) -> PersonRecord:
        """Record (or confirm) the gender category the placement rules read; audited.

        A change here can break future bookings (rules UPW-2 and UPW-3); this is the one write that
        changes the category outside the person form.
        """
        self._ctx.require(Capability.EDIT_PERSON)
        if category not in CONFIRMED_CATEGORIES:
            raise ValidationError({"gender_category": "Choose woman, man, non-binary or not "
                                                      "stated."})
        with self._ctx.db.write() as session:
            row = session.get(Person, person_id)
            if row is None:
                raise NotFoundError("That person is no longer on record.")
            check_version(session, row, version, "person")
            before = audit.snapshot(row, ["gender_category"])
            row.gender_category = GenderCategory(category)
            row.updated_by_id = self._ctx.actor_id
            flush_versioned(session, row, "person", self._ctx.db)
            audit.record(session, self._ctx, AuditAction.UPDATE, "person", row.id,
                         before=before, after=audit.snapshot(row, ["gender_category"]))
            # The category is what rules UPW-2 and UPW-3 read.
            from upw_ttg.services.upw.recheck import recheck_bookings  # loaded when needed

            recheck_bookings(session, self._ctx, person_ids=[row.id])
            return self._record(session, row)

    def preview_gender_category(self, person_id: int, category: GenderCategory, *,
                                version: int | None) -> RecheckReport:
        """The bookings recording this category would break, without recording it."""
        from upw_ttg.services.upw.recheck import what_if  # loaded when needed

        return what_if(lambda: self.set_gender_category(person_id, category, version=version))
    def preview_update(self, person_id: int, data: PersonInput) -> RecheckReport:
        """The bookings saving these details (gender) would break, without saving them."""
        from upw_ttg.services.upw.recheck import what_if  # loaded when needed

        return what_if(lambda: self.update(person_id, data))

    @staticmethod
    def _integrity(exc: IntegrityError, values: ColumnValues) -> ValidationError:
        if "crn" in str(exc.orig).lower():
            return ValidationError({"crn": f"Another person already has CRN {values['crn']}."})
        return ValidationError({"crn": "The record could not be saved: it conflicts with "
                                       "another record."})
