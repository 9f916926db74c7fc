"""Who sees the Through the Gate area; the TTG services enforce the same rules."""

from __future__ import annotations

from upw_ttg.domain.codes import Role
from upw_ttg.domain.records import StaffMember
from upw_ttg.services.ttg.common import EDITORS

VIEWERS = (Role.RESETTLEMENT_WORKER, Role.MANAGER, Role.ADMINISTRATOR)


def can_use_ttg(actor: StaffMember | None) -> bool:
    """Resettlement workers, managers and administrators work in Through the Gate."""
    return actor is not None and actor.role in VIEWERS


def can_edit_ttg(actor: StaffMember | None) -> bool:
    return actor is not None and (actor.role in EDITORS or actor.role == Role.ADMINISTRATOR)
