"""Which buttons a role may use; the services enforce the same rules and have the last word."""

from __future__ import annotations

from collections.abc import Iterable

from upw_ttg.domain.codes import Role
from upw_ttg.domain.records import StaffMember
from upw_ttg.services import custody, orders, people


def _allowed(actor: StaffMember | None, roles: Iterable[Role]) -> bool:
    return actor is not None and (actor.role == Role.ADMINISTRATOR or actor.role in roles)


def is_administrator(actor: StaffMember | None) -> bool:
    return actor is not None and actor.role == Role.ADMINISTRATOR


def can_edit_people(actor: StaffMember | None) -> bool:
    return _allowed(actor, people.EDITORS)


def can_edit_orders(actor: StaffMember | None) -> bool:
    return _allowed(actor, orders.EDITORS)


def can_edit_custody(actor: StaffMember | None) -> bool:
    return _allowed(actor, custody.EDITORS)


def can_see_who_has_looked(actor: StaffMember | None) -> bool:
    """Managers (and administrators) read a person's access log."""
    return _allowed(actor, (Role.MANAGER,))


def can_export_subject_access(actor: StaffMember | None) -> bool:
    """Only an administrator answers a subject access request."""
    return is_administrator(actor)


def not_allowed_tip(what: str) -> str:
    return f"Your role cannot {what}. Ask an administrator if you need to."
