"""Subject access: gather everything held on one person by walking the schema, and export it.

The walk starts at the person and follows every foreign key that points at rows already
gathered, so a table added later that hangs off a person (directly or through an order, an
episode or a plan) is exported without changing this module.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Table, and_, or_, select
from sqlalchemy.orm import Session

from upw_ttg.domain.access import AccessAction, Recipient, local_time
from upw_ttg.domain.codes import AuditAction, Language
from upw_ttg.domain.permissions import Capability
from upw_ttg.errors import NotFoundError
from upw_ttg.records.subject_access import (
    WITHHELD,
    AccessLine,
    SubjectAccessData,
    SubjectAccessExport,
    TableRows,
    TrailLine,
)
from upw_ttg.services import audit
from upw_ttg.services.access_log import access_row, log_print
from upw_ttg.services.context import ServiceContext
from upw_ttg.storage.models import AccessEvent, AuditEvent, Base, Person, Staff

DOCUMENT = "subject access export"
# Columns that only make the row work (optimistic locking, folded search keys), not data.
_MECHANICAL = {"version", "search_surname", "search_forename"}
# Tables that point at a person's rows but hold no data about the person.
_NOT_ABOUT_THE_PERSON = {"access_event", "audit_event", "chain_head"}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.time, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"({len(value)} bytes)"
    return value


def person_tables() -> list[tuple[Table, list[tuple[str, str, str]]]]:
    """Every table whose rows belong to a person, with its links ``(column, table, column)``
    to tables before it, in dependency order (person first)."""
    owned = {"person"}
    walk: list[tuple[Table, list[tuple[str, str, str]]]] = [
        (Base.metadata.tables["person"], [("id", "person", "id")])]
    for table in Base.metadata.sorted_tables:
        if table.name in owned or table.name in _NOT_ABOUT_THE_PERSON:
            continue
        links = [(fk.parent.name, fk.column.table.name, fk.column.name)
                 for fk in table.foreign_keys if fk.column.table.name in owned]
        if links:
            owned.add(table.name)
            walk.append((table, links))
    return walk


def _person_columns() -> set[tuple[str, str]]:
    """(table, column) pairs that hold a person's id."""
    return {(table.name, fk.parent.name) for table in Base.metadata.sorted_tables
            for fk in table.foreign_keys if fk.column.table.name == "person"}


def gather_tables(session: Session, person_id: int) -> list[TableRows]:
    """Every row about ``person_id``, table by table; other people's ids are withheld."""
    values: dict[tuple[str, str], set[Any]] = {("person", "id"): {person_id}}
    person_columns = _person_columns()
    out: list[TableRows] = []
    for table, links in person_tables():
        conditions = [table.c[column].in_(sorted(values[(ref_table, ref_column)]))
                      for column, ref_table, ref_column in links
                      if values.get((ref_table, ref_column))]
        if not conditions:
            out.append(TableRows(table.name, (), ()))
            continue
        order = list(table.primary_key.columns)
        rows = session.execute(select(table).where(or_(*conditions)).order_by(*order)).all()
        for column in table.columns:
            values[(table.name, column.name)] = {r._mapping[column.name] for r in rows}
        names = tuple(c.name for c in table.columns if c.name not in _MECHANICAL)
        plain_rows = []
        for row in rows:
            mapping = row._mapping
            plain_rows.append(tuple(
                WITHHELD if (table.name, name) in person_columns and table.name != "person"
                and mapping[name] is not None and mapping[name] != person_id
                else _plain(mapping[name]) for name in names))
        out.append(TableRows(table.name, names, tuple(plain_rows)))
    return out


def _trail(session: Session, tables: list[TableRows]) -> list[TrailLine]:
    """Audit rows about any of the gathered rows (audit entities are named by table)."""
    keys: list[Any] = []
    for rows in tables:
        if "id" in rows.columns:
            ids = [str(r["id"]) for r in rows.as_dicts()]
            if ids:
                keys.append(and_(AuditEvent.entity == rows.table, AuditEvent.entity_id.in_(ids)))
    if not keys:
        return []
    found = session.execute(
        select(AuditEvent, Staff.full_name).outerjoin(Staff, Staff.id == AuditEvent.staff_id)
        .where(or_(*keys)).order_by(AuditEvent.chain_seq)).all()
    return [TrailLine(local_time(e.occurred_at), name, e.action.value, e.entity, e.entity_id,
                      json.loads(e.changes) if e.changes else None) for e, name in found]


def _access(session: Session, person_id: int) -> list[AccessLine]:
    found = session.execute(
        select(AccessEvent, Staff.full_name).outerjoin(Staff, Staff.id == AccessEvent.staff_id)
        .where(AccessEvent.person_id == person_id).order_by(AccessEvent.chain_seq)).all()
    out = []
    for event, name in found:
        row = access_row(event, name)
        out.append(AccessLine(local_time(row.occurred_at), row.staff, row.action, row.what,
                              row.document, row.recipient))
    return out


def gather(session: Session, person_id: int, *, exported_at: dt.datetime,
           exported_by: str, language: Language | None = None) -> SubjectAccessData:
    """Everything held on ``person_id``; its PDF in ``language``, else in the
    person's own (Welsh for a Welsh speaker: the export is theirs to read)."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError("That person is no longer on record.")
    tables = gather_tables(session, person_id)
    return SubjectAccessData(
        person_id=person.id, person_name=f"{person.forename} {person.surname}", crn=person.crn,
        exported_at=exported_at, exported_by=exported_by, tables=tuple(tables),
        audit=tuple(_trail(session, tables)), access=tuple(_access(session, person_id)),
        language=(language or person.preferred_language).printed)


def to_json(data: SubjectAccessData) -> str:
    """The complete export as JSON: every table (empty ones too), the trail and the log."""
    document = {
        "subject_access_export": {
            "person_id": data.person_id, "crn": data.crn,
            "exported_at": data.exported_at.isoformat(), "exported_by": data.exported_by},
        "tables": {t.table: t.as_dicts() for t in data.tables},
        "audit_trail": [dict(occurred_at=a.occurred_at.isoformat(), staff=a.staff,
                             action=a.action, entity=a.entity, entity_id=a.entity_id,
                             changes=a.changes) for a in data.audit],
        "access_log": [dict(occurred_at=a.occurred_at.isoformat(), staff=a.staff,
                            action=a.action, record=a.record, document=a.document,
                            recipient=a.recipient) for a in data.access],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=str)


def save_export(export: SubjectAccessExport, folder: Path) -> tuple[Path, Path]:
    """Write the PDF and JSON into ``folder``, readable by their owner only (they hold
    everything on a person); returns the two paths."""
    folder.mkdir(parents=True, exist_ok=True)
    pdf_path = folder / f"{export.file_stem}.pdf"
    json_path = folder / f"{export.file_stem}.json"
    for path, data in ((pdf_path, export.pdf), (json_path, export.json_text.encode("utf-8"))):
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        if os.name == "posix":
            os.chmod(path, 0o600)  # an existing file keeps its old mode through O_CREAT
    return pdf_path, json_path


def export_person(ctx: ServiceContext, person_id: int, exported_by: str, via: str,
                  language: Language | None = None) -> SubjectAccessExport:
    """Gather, render and record one export (audit trail and access log, one transaction);
    the PDF in ``language``, or None for the person's own."""
    from upw_ttg.printing.documents.subject_access import render_subject_access

    now = ctx.now()
    with ctx.db.read() as session:
        data = gather(session, person_id, exported_at=now, exported_by=exported_by,
                      language=language)
    pdf = render_subject_access(data)
    json_text = to_json(data)
    with ctx.db.write() as session:
        audit.record(session, ctx, AuditAction.PRINT, "person", person_id,
                     after={"document": DOCUMENT, "via": via, "language": data.language.code})
        log_print(session, ctx, DOCUMENT, Recipient.THE_PERSON, person_id, [person_id],
                  action=AccessAction.EXPORT)
    return SubjectAccessExport(pdf, json_text, f"subject-access-{now:%Y%m%d-%H%M%S}")


def person_id_for_crn(ctx: ServiceContext, crn: str) -> int:
    with ctx.db.read() as session:
        found = session.scalar(select(Person.id).where(Person.crn == crn.strip().upper()))
    if found is None:
        raise NotFoundError(f"No person has the CRN {crn.strip().upper()}.")
    return found


class SubjectAccessService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def export(self, person_id: int, language: Language | None = None) -> SubjectAccessExport:
        """Everything held on one person, for an administrator answering a subject access
        request; the PDF in ``language``, or None for the person's own. The
        export is audited and logged."""
        actor = self._ctx.require(Capability.EXPORT_SUBJECT_ACCESS)
        return export_person(self._ctx, person_id, actor.full_name, "application", language)
