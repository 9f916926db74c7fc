"""Policy settings stored in the database: listing, typed reading and administrator edits."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.settings import SETTINGS_BY_KEY, SettingDefinition
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.settings import SettingRow
from upw_ttg.services import audit
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import Setting


def _row(row: Setting) -> SettingRow:
    return SettingRow(row.key, row.label, row.category, row.value, row.default_value,
                      row.value_type, row.description, row.unit, row.version, row.updated_at,
                      row.minimum, row.maximum)


def _definition(key: str) -> SettingDefinition:
    definition = SETTINGS_BY_KEY.get(key)
    if definition is None:
        raise NotFoundError(f"There is no setting called {key[:80]!r}.")
    return definition


def read_setting(session: Session, key: str) -> int | bool | str:
    """The typed value of one setting inside an open unit of work."""
    definition = _definition(key)
    raw = session.scalar(select(Setting.value).where(Setting.key == key))
    return definition.parse(raw if raw is not None else definition.default)


class SettingsService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def list_settings(self) -> list[SettingRow]:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            rows = session.scalars(select(Setting).order_by(Setting.category, Setting.label))
            return [_row(r) for r in rows]

    def value(self, key: str) -> int | bool | str:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            return read_setting(session, key)

    def update(self, key: str, raw: str, version: int) -> SettingRow:
        """Change a setting; only an administrator may."""
        self._ctx.require(Capability.CHANGE_SETTINGS)
        definition = _definition(key)
        try:
            parsed = definition.parse(raw)
        except ValueError as exc:
            raise ValidationError({"value": str(exc)}) from None
        text = ("true" if parsed else "false") if isinstance(parsed, bool) else str(parsed)
        with self._ctx.db.write() as session:
            row = session.get(Setting, key)
            if row is None:
                raise NotFoundError(f"There is no setting {key}.")
            check_version(session, row, version, "setting")
            before = audit.snapshot(row, ["value"])
            row.value = text
            row.updated_by_id = self._ctx.actor_id
            flush_versioned(session, row, "setting", self._ctx.db)
            audit.record(session, self._ctx, AuditAction.UPDATE, "setting", key,
                         before=before, after=audit.snapshot(row, ["value"]))
            if key == "upw.people_per_supervisor":  # places on every session (rule UPW-1)
                from upw_ttg.services.upw.recheck import recheck_bookings
                recheck_bookings(session, self._ctx, everything=True)
            return _row(row)

    def reset(self, key: str, version: int) -> SettingRow:
        self._ctx.require(Capability.CHANGE_SETTINGS)
        return self.update(key, _definition(key).default, version)
