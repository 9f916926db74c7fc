"""What the signed-in member may use, read from the one permission table
(upw_ttg/domain/permissions.py); the services check the same table and have the last word."""

from __future__ import annotations

from upw_ttg.domain.permissions import Capability
from upw_ttg.records.staff import StaffMember


def can(actor: StaffMember | None, capability: Capability) -> bool:
    return actor is not None and actor.may(capability)


def is_administrator(actor: StaffMember | None) -> bool:
    """Whether the member manages accounts (the Staff area)."""
    return can(actor, Capability.MANAGE_ACCOUNTS)


def can_change_settings(actor: StaffMember | None) -> bool:
    return can(actor, Capability.CHANGE_SETTINGS)


def can_find_people(actor: StaffMember | None) -> bool:
    return can(actor, Capability.FIND_PERSON)


def can_read_people(actor: StaffMember | None) -> bool:
    return can(actor, Capability.READ_PERSON)


def can_edit_people(actor: StaffMember | None) -> bool:
    return can(actor, Capability.EDIT_PERSON)


def can_read_orders(actor: StaffMember | None) -> bool:
    return can(actor, Capability.READ_ORDERS)


def can_edit_orders(actor: StaffMember | None) -> bool:
    return can(actor, Capability.EDIT_ORDERS)


def can_read_custody(actor: StaffMember | None) -> bool:
    return can(actor, Capability.READ_CUSTODY)


def can_edit_custody(actor: StaffMember | None) -> bool:
    return can(actor, Capability.EDIT_CUSTODY)


def can_restrict_cases(actor: StaffMember | None) -> bool:
    return can(actor, Capability.RESTRICT_CASES)


def can_print_case_summary(actor: StaffMember | None) -> bool:
    return can(actor, Capability.READ_PERSON)


def can_see_who_has_looked(actor: StaffMember | None) -> bool:
    """Managers (and administrators) read a person's access log."""
    return can(actor, Capability.READ_AUDIT)


def can_export_subject_access(actor: StaffMember | None) -> bool:
    """Only an administrator answers a subject access request."""
    return can(actor, Capability.EXPORT_SUBJECT_ACCESS)


def not_allowed_tip(what: str) -> str:
    return f"Your role cannot {what}. Ask an administrator if you need to."


NOT_ALLOWED_TO_SCHEDULE = not_allowed_tip("change scheduling")


def can_schedule(actor: StaffMember | None) -> bool:
    """Whether the member may place people and edit projects and sessions."""
    return can(actor, Capability.EDIT_SCHEDULE) and can(actor, Capability.PLACE_PEOPLE)


def can_key_registers(actor: StaffMember | None) -> bool:
    return can(actor, Capability.KEY_REGISTERS)


def can_decide_enforcement(actor: StaffMember | None) -> bool:
    return can(actor, Capability.TAKE_ENFORCEMENT_DECISIONS)


def can_print_work_sheets(actor: StaffMember | None) -> bool:
    return can(actor, Capability.PRINT_WORK_SHEETS)


def can_read_attendance(actor: StaffMember | None) -> bool:
    """Enforcement, forecasts and travel-time tasks (not a supervisor's work)."""
    return can(actor, Capability.READ_ATTENDANCE)


def can_use_attendance(actor: StaffMember | None) -> bool:
    """Whether the Attendance area belongs in this person's navigation."""
    return any(can(actor, c) for c in (Capability.READ_REGISTERS, Capability.READ_WORK_SHEETS,
                                       Capability.READ_ATTENDANCE))
