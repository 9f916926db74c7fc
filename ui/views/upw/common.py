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
    format_hours,
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
           "format_times", "format_hours", "format_pence", "monday_of", "week_text",
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
    """The delivery units that have projects, and each office's unit.

    There is no service listing delivery units with their ids, so they are read off the
    projects (which carry both) and named from the offices list.
    """
    unit_name = {o.id: o.delivery_unit for o in services.people.offices()}
    office_unit: dict[int, int] = {}
    names: dict[int, str] = {}
    for project in services.upw.projects.list_projects(include_inactive=True):
        office_unit[project.office_id] = project.delivery_unit_id
        names[project.delivery_unit_id] = unit_name.get(project.office_id,
                                                        f"Unit {project.delivery_unit_id}")
    units = sorted((DeliveryUnit(i, n) for i, n in names.items()), key=lambda u: u.name)
    by_name = {u.name: u.id for u in units}
    for office_id, unit in unit_name.items():
        if office_id not in office_unit and unit in by_name:
            office_unit[office_id] = by_name[unit]
    return units, office_unit


def enum_value(combo, kind: type[E]) -> E | None:
    """A combo box's current enum member: Qt hands string enums back as plain strings."""
    value = combo.currentData()
    return None if value is None else kind(value)
