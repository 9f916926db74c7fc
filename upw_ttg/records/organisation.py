"""Offices, delivery units and prisons: the rows the screens choose from and the details
the administrators edit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OfficeRow:
    id: int
    code: str
    name: str
    delivery_unit: str
    delivery_unit_id: int


@dataclass(frozen=True, slots=True)
class DeliveryUnitRow:
    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class PrisonRow:
    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class OfficeDetails:
    """One office with everything documents print about it."""

    id: int
    code: str
    name: str
    delivery_unit: str
    organisation: str | None
    address: str | None
    town: str | None
    postcode: str | None
    phone: str | None
    email: str | None
    opening_hours: str | None
    warrant_account: str | None
    version: int
    opening_hours_cy: str | None = None


@dataclass(frozen=True, slots=True)
class PrisonDetails:
    id: int
    code: str
    name: str
    address: str | None
    phone: str | None
    holds_women: bool
    version: int
