"""What every import of an extract shares: the mapping step, the preview and the apply.

A concrete import names its fields, its capability and the kind of record it brings in, and
supplies two steps: planning (what each row would do, read-only) and writing (the plan, inside
the unit of work). This class does the rest the same way for every kind: the remembered mapping
per file layout, refusing a mapping in plain words, the dry run that writes and rolls back, the
cancellation that leaves nothing written, and the audited record of the import with the file's
hash (rule DATA-1).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction
from upw_ttg.domain.extract import Extract, read_extract
from upw_ttg.domain.ndelius import ExtractField, guess_mapping, mapping_problems
from upw_ttg.domain.permissions import Capability
from upw_ttg.errors import ValidationError
from upw_ttg.progress import CancelledFn, ProgressFn
from upw_ttg.records.exchange import (
    ImportPreview,
    ImportResult,
    MappingProposal,
    RowOutcome,
    Written,
)
from upw_ttg.services import audit
from upw_ttg.services.context import ServiceContext
from upw_ttg.storage.models import ImportLayout
from upw_ttg.storage.statistics import refresh_statistics

PROGRESS_EVERY = 200
# New rows from which the database's planner statistics are refreshed after an import.
BULK = 500


class _DryRun(Exception):
    """Raised inside the unit of work to roll a dry run back after everything was written."""


class ExtractImport:
    """The three steps of an import; subclasses plan and write (see the module docstring)."""

    kind: str = ""
    fields: tuple[ExtractField, ...] = ()
    capability: Capability = Capability.IMPORT_CASES

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    # Hooks -----------------------------------------------------------------------------------

    def _read(self, data: bytes, file_name: str) -> Extract:
        return read_extract(data, file_name)

    def _plan(self, session: Session, extract: Extract, mapping: Mapping[str, str],
              confirmed: frozenset[int], progress: ProgressFn | None,
              cancelled: CancelledFn | None) -> list[Any]:
        """One plan per row, each with a ``row`` (ImportRow); nothing written."""
        raise NotImplementedError

    def _write(self, session: Session, extract: Extract, plans: list[Any],
               progress: ProgressFn | None, cancelled: CancelledFn | None) -> Written:
        raise NotImplementedError

    # Step 1: the mapping ---------------------------------------------------------------------

    def propose_mapping(self, data: bytes, file_name: str) -> MappingProposal:
        """The file's columns and the mapping remembered for them, else the one guessed."""
        self._ctx.require(self.capability)
        extract = self._read(data, file_name)
        with self._ctx.db.read() as session:
            remembered = self._remembered(session, extract)
        mapping = remembered if remembered is not None else guess_mapping(extract.headers,
                                                                          self.fields)
        return MappingProposal(file_name=extract.file_name, headers=extract.headers,
                               mapping=mapping, remembered=remembered is not None,
                               sample=extract.rows[:5], row_count=len(extract.rows),
                               fields=tuple((f.name, f.label, f.required) for f in self.fields))

    def _remembered(self, session: Session, extract: Extract) -> dict[str, str] | None:
        stored = session.scalar(select(ImportLayout.mapping).where(
            ImportLayout.kind == self.kind, ImportLayout.layout_key == extract.layout_key))
        if stored is None:
            return None
        mapping = json.loads(stored)
        # A remembered mapping that no longer fits is proposed afresh rather than trusted.
        return None if mapping_problems(mapping, extract.headers, self.fields) else mapping

    # Step 2: the preview ---------------------------------------------------------------------

    def preview(self, data: bytes, file_name: str, mapping: Mapping[str, str], *,
                progress: ProgressFn | None = None,
                cancelled: CancelledFn | None = None) -> ImportPreview:
        """What importing the file with ``mapping`` would do to each row; nothing is written."""
        self._ctx.require(self.capability)
        extract, mapping = self._checked(data, file_name, mapping)
        with self._ctx.db.read() as session:
            plans = self._plan(session, extract, mapping, frozenset(), progress, cancelled)
            return ImportPreview(file_name=extract.file_name, sha256=extract.sha256,
                                 mapping=dict(mapping), rows=tuple(p.row for p in plans),
                                 mapping_remembered=self._remembered(session, extract) == mapping)

    # Step 3: the apply -----------------------------------------------------------------------

    def apply(self, data: bytes, file_name: str, mapping: Mapping[str, str], *,
              confirmed_duplicates: Iterable[int] = (), dry_run: bool = False,
              progress: ProgressFn | None = None,
              cancelled: CancelledFn | None = None) -> ImportResult:
        """Write every new and changed row in one unit of work, audited with the file's hash.

        ``confirmed_duplicates`` are the lines of likely duplicates the user confirmed as
        different records; other likely duplicates end rejected. A dry run writes everything,
        then rolls it back, so it proves the import would succeed. Cancelling (``Cancelled``)
        leaves nothing written.
        """
        self._ctx.require(self.capability)
        extract, mapping = self._checked(data, file_name, mapping)
        confirmed = frozenset(confirmed_duplicates)
        outcome: list[ImportResult] = []
        try:
            with self._ctx.db.write() as session:
                plans = self._plan(session, extract, mapping, confirmed, progress, cancelled)
                written = self._write(session, extract, plans, progress, cancelled)
                outcome.append(self._finish(session, extract, mapping, written, dry_run))
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        result = outcome[0]
        if not dry_run and result.counts.get(RowOutcome.NEW, 0) >= BULK:
            refresh_statistics(self._ctx.db)
        return result

    def _checked(self, data: bytes, file_name: str,
                 mapping: Mapping[str, str]) -> tuple[Extract, dict[str, str]]:
        extract = self._read(data, file_name)
        mapping = {k: v for k, v in mapping.items() if v}
        problems = mapping_problems(mapping, extract.headers, self.fields)
        if problems:
            raise ValidationError(problems)
        return extract, mapping

    def _finish(self, session: Session, extract: Extract, mapping: Mapping[str, str],
                written: Written, dry_run: bool) -> ImportResult:
        counts = {o: sum(1 for r in written.rows if r.outcome == o) for o in RowOutcome}
        self._remember(session, extract, mapping)
        audit.record(session, self._ctx, AuditAction.CREATE, "import", extract.sha256[:40],
                     after={"file": extract.file_name, "sha256": extract.sha256,
                            "kind": self.kind, "dry_run": dry_run,
                            **{o.value: n for o, n in counts.items()}, **written.tallies})
        return ImportResult(file_name=extract.file_name, sha256=extract.sha256, dry_run=dry_run,
                            rows=tuple(written.rows), counts=counts,
                            tallies=dict(written.tallies))

    def _remember(self, session: Session, extract: Extract, mapping: Mapping[str, str]) -> None:
        row = session.scalar(select(ImportLayout).where(
            ImportLayout.kind == self.kind, ImportLayout.layout_key == extract.layout_key))
        text = json.dumps(dict(mapping), sort_keys=True)
        if row is None:
            session.add(ImportLayout(kind=self.kind, layout_key=extract.layout_key, mapping=text,
                                     updated_by_id=self._ctx.actor_id))
        elif row.mapping != text:
            row.mapping = text
            row.updated_by_id = self._ctx.actor_id
            row.updated_at = self._ctx.utc_now()


def report_progress(progress: ProgressFn | None, done: int, total: int, verb: str) -> None:
    """Progress every ``PROGRESS_EVERY`` rows and at the end, in the one wording."""
    if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
        progress(done, total, f"{verb} row {done:,} of {total:,}")
