"""Shared bits of the scheduling screens: who may change things, units, times, money."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.records import StaffMember

from ui.models.upw.text import (
    format_day,
    format_minutes,
    format_pence,
    format_time,
    format_times,
    monday_of,
    week_text,
)
from ui.views.permissions import can

PROJECT_TYPE_NAMES = {"group": "Group", "individual": "Individual", "induction": "Induction",
                      "ete": "ETE"}

__all__ = ["format_day", "can_schedule", "DeliveryUnit", "delivery_units", "format_time",
           "format_times", "format_minutes", "format_pence", "monday_of", "week_text",
           "NOT_ALLOWED", "enum_value"]

E = TypeVar("E", bound=Enum)
NOT_ALLOWED = "Your role cannot change scheduling. Ask an administrator if you need to."


def can_schedule(actor: StaffMember | None) -> bool:
    """Whether the member may place people and edit projects and sessions."""
    return can(actor, Capability.EDIT_SCHEDULE) and can(actor, Capability.PLACE_PEOPLE)


def can_issue_warrants(actor: StaffMember | None) -> bool:
    return can(actor, Capability.ISSUE_WARRANT)


@dataclass(frozen=True)
class DeliveryUnit:
    id: int
    name: str


def delivery_units(services: AppServices) -> tuple[list[DeliveryUnit], dict[int, int]]:
    """The delivery units that have projects, by name, and each of their offices' unit (two
    short reads: the area is built on the screen's thread)."""
    units = [DeliveryUnit(u.id, u.name) for u in services.upw.projects.delivery_units()]
    ids = {u.id for u in units}
    return units, {o.id: o.delivery_unit_id for o in services.people.offices()
                   if o.delivery_unit_id in ids}


def enum_value(combo, kind: type[E]) -> E | None:
    """A combo box's current enum member: Qt hands string enums back as plain strings."""
    value = combo.currentData()
    return None if value is None else kind(value)
