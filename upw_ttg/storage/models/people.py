"""People under supervision, the pairs who must be kept apart and who may see a restricted case."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, String, false
from sqlalchemy.orm import Mapped, mapped_column

from upw_ttg.domain.codes import Gender, GenderCategory, KeepApartKind, Language
from upw_ttg.storage.models.base import Base, Versioned, enum_column, search_key


class Person(Versioned, Base):
    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    crn: Mapped[str] = mapped_column(search_key(7), unique=True)
    forename: Mapped[str] = mapped_column(String(60))
    middle_names: Mapped[str | None] = mapped_column(String(100))
    surname: Mapped[str] = mapped_column(String(60))
    preferred_name: Mapped[str | None] = mapped_column(String(60))
    date_of_birth: Mapped[dt.date] = mapped_column(Date)
    gender: Mapped[Gender] = enum_column(Gender, nullable=False)
    gender_identity: Mapped[str | None] = mapped_column(String(60))
    # What the placement rules read; the identity above is the person's own words, for display
    # and letters only. A row written without it is unconfirmed, so it is never guessed.
    gender_category: Mapped[GenderCategory] = enum_column(
        GenderCategory, nullable=False, server_default=GenderCategory.UNCONFIRMED.value)
    address_line1: Mapped[str | None] = mapped_column(String(120))
    address_line2: Mapped[str | None] = mapped_column(String(120))
    town: Mapped[str | None] = mapped_column(String(60))
    postcode: Mapped[str | None] = mapped_column(String(10))
    phone: Mapped[str | None] = mapped_column(String(30))
    # The person asked not to be texted (rule UPW-TEXTS).
    texts_opted_out: Mapped[bool] = mapped_column(Boolean, default=False,
                                                  server_default=false())
    emergency_contact_name: Mapped[str | None] = mapped_column(String(120))
    emergency_contact_phone: Mapped[str | None] = mapped_column(String(30))
    preferred_language: Mapped[Language] = enum_column(Language, nullable=False,
                                                       default=Language.ENGLISH)
    other_language: Mapped[str | None] = mapped_column(String(60))
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("office.id"), index=True)
    responsible_officer: Mapped[str | None] = mapped_column(String(120))
    # Folded, lower-case copies for prefix search that can use an index on any database.
    search_surname: Mapped[str] = mapped_column(search_key(60))
    search_forename: Mapped[str] = mapped_column(search_key(60))
    # A limited-access case: only the staff in person_access see more than name and CRN.
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (
        CheckConstraint("length(crn) = 7", name="crn_length"),
        CheckConstraint("length(surname) > 0", name="surname_present"),
        CheckConstraint("length(forename) > 0", name="forename_present"),
        Index("ix_person_search_surname", "search_surname", "search_forename"),
        Index("ix_person_search_forename", "search_forename"),
        Index("ix_person_date_of_birth", "date_of_birth"),
    )


class KeepApart(Versioned, Base):
    """Two people who must never be in the same session (co-defendants, orders, conflicts).

    ``detail`` is sensitive: only coordinators and managers read it, and it is never printed.
    An ended pair stays on record; only pairs with no ``ended_on`` keep people apart.
    """

    __tablename__ = "keep_apart"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_a_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    person_b_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"),
                                             index=True)
    kind: Mapped[KeepApartKind] = enum_column(KeepApartKind, nullable=False,
                                              default=KeepApartKind.OTHER)
    detail: Mapped[str | None] = mapped_column(String(500))
    recorded_on: Mapped[dt.date] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"))
    ended_on: Mapped[dt.date | None] = mapped_column(Date)
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    end_reason: Mapped[str | None] = mapped_column(String(400))
    __table_args__ = (
        CheckConstraint("person_a_id < person_b_id", name="ordered_pair"),
        # Not unique: a pair that was ended may be recorded again; the service allows one
        # current pair at a time.
        Index("ix_keep_apart_pair", "person_a_id", "person_b_id"),
    )


class PersonAccess(Base):
    """A member of staff named on a restricted case, who may see and work it."""

    __tablename__ = "person_access"
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"),
                                           primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"),
                                          primary_key=True, index=True)
