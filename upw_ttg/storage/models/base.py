"""Declarative base, naming convention and the mixins every editable record uses."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, Enum, ForeignKey, Integer, MetaData, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

# A record's column values by attribute name, as a form or an import hands them to a model:
# each column has its own type.
ColumnValues = dict[str, Any]

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class EnumSet(TypeDecorator[tuple[StrEnum, ...]]):
    """A set of enum values stored as one comma-separated VARCHAR, read back as a tuple in
    the enum's own order; an empty set is NULL. A value outside the enum is refused."""

    impl = String
    cache_ok = True

    def __init__(self, enum_cls: type[StrEnum], length: int):
        super().__init__(length)
        self.enum_cls = enum_cls

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if not value:
            return None
        members = {self.enum_cls(v) for v in ((value,) if isinstance(value, str) else value)}
        return ",".join(m.value for m in self.enum_cls if m in members)

    def process_result_value(self, value: Any, dialect: Any) -> tuple[StrEnum, ...]:
        return tuple(self.enum_cls(v) for v in value.split(",")) if value else ()


def enum_column(enum_cls: type[StrEnum], *, check_name: str | None = None, **kwargs: Any) -> Any:
    """A portable enum column: a VARCHAR with a CHECK constraint, storing the values.

    ``check_name`` names the CHECK when one table has two columns of the same enum.
    """
    return mapped_column(
        Enum(
            enum_cls,
            native_enum=False,
            create_constraint=True,
            length=max(len(m.value) for m in enum_cls) + 4,
            values_callable=lambda e: [m.value for m in e],
            name=check_name or enum_cls.__name__.lower(),
            validate_strings=True,
        ),
        **kwargs,
    )


def search_key(length: int) -> String:
    """A string compared by code point on every database, so prefix ranges can use an index."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Versioned:
    """An editable record: optimistic locking by version, and who changed it last."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, nullable=False, default=utc_now, server_default=func.current_timestamp()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, nullable=False, default=utc_now, onupdate=utc_now,
        server_default=func.current_timestamp(),
    )

    @declared_attr
    def updated_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("staff.id", ondelete="SET NULL"), nullable=True)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}
