"""Who sees the Through the Gate area, from the permission table the TTG services check."""

from __future__ import annotations

from upw_ttg.domain.permissions import Capability
from upw_ttg.records.staff import StaffMember

from ui.permissions import can


def can_use_ttg(actor: StaffMember | None) -> bool:
    """Resettlement workers and managers (and anyone also given one of those roles)."""
    return can(actor, Capability.READ_TTG_CASE)


def can_edit_ttg(actor: StaffMember | None) -> bool:
    return can(actor, Capability.EDIT_TTG_CASE)


def can_read_plan_risk(actor: StaffMember | None) -> bool:
    """Plans' risk-of-harm sections are read (and printed) through a capability of their own."""
    return can(actor, Capability.READ_PLAN_RISK)


def can_read_handover(actor: StaffMember | None) -> bool:
    return can(actor, Capability.READ_HANDOVER)
