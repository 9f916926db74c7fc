"""Staff, organisation, reference codes, settings, closure dates and the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import cast

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ColumnElement,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from upw_ttg.domain.codes import AuditAction, Gender, Role
from upw_ttg.storage.models.base import Base, Versioned, enum_column, utc_now


class DeliveryUnit(Base):
    __tablename__ = "delivery_unit"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(100))


class Office(Base):
    __tablename__ = "office"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    delivery_unit_id: Mapped[int] = mapped_column(ForeignKey("delivery_unit.id"), index=True)
    address: Mapped[str | None] = mapped_column(String(200))
    town: Mapped[str | None] = mapped_column(String(60))
    postcode: Mapped[str | None] = mapped_column(String(10))
    phone: Mapped[str | None] = mapped_column(String(30))
    # Who the office is, as person-facing paper names it ("The Probation Service").
    organisation: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(120))
    opening_hours: Mapped[str | None] = mapped_column(String(120))
    # The same in Welsh, for letters to Welsh speakers; the English is printed if it is empty.
    opening_hours_cy: Mapped[str | None] = mapped_column(String(120))
    # The account bus and rail operators bill for the office's travel warrants.
    warrant_account: Mapped[str | None] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, onupdate=utc_now)
    __mapper_args__ = {"version_id_col": version}


class StaffRole(Base):
    """One role held by a member of staff; a member may hold several (rule ACC-1)."""

    __tablename__ = "staff_role"
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"),
                                          primary_key=True)
    role: Mapped[Role] = enum_column(Role, primary_key=True)


class Staff(Versioned, Base):
    """A member of staff. ``role`` is the job shown beside their name; what they may do comes
    from every role in ``grants`` (which always includes ``role``)."""

    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = enum_column(Role, nullable=False)
    gender: Mapped[Gender] = enum_column(Gender, nullable=False, default=Gender.NOT_STATED)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("office.id"))
    email: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(30))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_sign_in_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Set by an administrator's reset: the next sign-in must choose a new password.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False,
                                                       server_default=false())
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The database's clock (UTC), never the client's: no attempt is checked before this.
    sign_in_blocked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    __table_args__ = (CheckConstraint("failed_sign_ins >= 0", name="failed_sign_ins"),)
    grants: Mapped[list[StaffRole]] = relationship(cascade="all, delete-orphan",
                                                   order_by=StaffRole.role)

    def __init__(self, **kwargs: object):
        # A new member holds their job's role unless told otherwise, so code that adds staff
        # with one ``role`` gives them that role's permissions.
        roles = cast("Iterable[Role | str] | None", kwargs.pop("roles", None))
        super().__init__(**kwargs)
        granted = set(roles) if roles is not None else {self.role} if self.role else set()
        self.grants = [StaffRole(role=Role(r)) for r in sorted(granted)]

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(Role(g.role) for g in self.grants)

    @classmethod
    def holding(cls, role: Role) -> ColumnElement[bool]:
        """A WHERE clause: the member holds ``role`` (among any others)."""
        return cls.id.in_(select(StaffRole.staff_id).where(StaffRole.role == role))


class UnknownNameSignIn(Base):
    """Failed sign-ins under a user name that has no account, counted like an account's so the
    slow-down does not tell which names exist. Keyed by a hash of the lower-cased name, never
    the name itself (often a password typed in the wrong box)."""

    __tablename__ = "unknown_name_sign_in"
    name_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The database's clock (UTC), as for an account.
    sign_in_blocked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    __table_args__ = (CheckConstraint("failed_sign_ins >= 0", name="failed_sign_ins"),)


class DemoMarker(Base):
    """Present only in a database the demo generator filled: demo data may be added again."""

    __tablename__ = "demo_marker"
    id: Mapped[int] = mapped_column(primary_key=True)
    scale: Mapped[str] = mapped_column(String(16))
    seed: Mapped[int] = mapped_column(Integer)
    generated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class OutcomeCodeRow(Base):
    __tablename__ = "outcome_code"
    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    description: Mapped[str] = mapped_column(String(100))
    attended: Mapped[bool] = mapped_column(Boolean)
    enforceable: Mapped[bool] = mapped_column(Boolean)
    acceptable_absence: Mapped[bool] = mapped_column(Boolean)
    sort_order: Mapped[int] = mapped_column(Integer)


class EnforcementActionCode(Base):
    __tablename__ = "enforcement_action_code"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    description: Mapped[str] = mapped_column(String(100))


class ProjectType(Base):
    __tablename__ = "project_type"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))


class Pathway(Base):
    __tablename__ = "pathway"
    code: Mapped[str] = mapped_column(String(24), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    womens_support: Mapped[bool] = mapped_column(Boolean)
    sort_order: Mapped[int] = mapped_column(Integer)


class Prison(Base):
    __tablename__ = "prison"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(3), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    holds_women: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(30))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, onupdate=utc_now)
    __table_args__ = (CheckConstraint("length(code) = 3", name="code_length"),)
    __mapper_args__ = {"version_id_col": version}


class Setting(Versioned, Base):
    """A policy setting: its value and default are stored as text and typed by ``value_type``."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    default_value: Mapped[str] = mapped_column(String(200))
    value_type: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(30))
    minimum: Mapped[int | None] = mapped_column(Integer)
    maximum: Mapped[int | None] = mapped_column(Integer)


class ClosureDate(Base):
    """A day the service does not work: for every office, one office, or one project."""

    __tablename__ = "closure_date"
    id: Mapped[int] = mapped_column(primary_key=True)
    closed_on: Mapped[dt.date] = mapped_column(Date, index=True)
    reason: Mapped[str] = mapped_column(String(200))
    office_id: Mapped[int | None] = mapped_column(ForeignKey("office.id", ondelete="CASCADE"))
    project_id: Mapped[int | None] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))


class AuditEvent(Base):
    """Who did what to which record, when; ``changes`` holds before/after as JSON.

    Rows are chained: ``row_hash`` covers the row and the previous row's hash, so an edited,
    removed or reordered row breaks the chain (see ``upw_ttg.storage.chain``).
    """

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    action: Mapped[AuditAction] = enum_column(AuditAction, nullable=False)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(40))
    changes: Mapped[str | None] = mapped_column(Text)
    chain_seq: Mapped[int] = mapped_column(Integer, unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))
    __table_args__ = (
        Index("ix_audit_event_entity", "entity", "entity_id"),
        Index("ix_audit_event_occurred_at", "occurred_at"),
    )
