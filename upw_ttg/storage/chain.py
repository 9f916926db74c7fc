"""Hash chains over the audit trail and the access log: appending a link, and checking a chain.

Each row's ``row_hash`` is SHA-256 over a canonical encoding of the row and the previous row's
hash, and each row carries its place in the chain (``chain_seq``). Editing a row changes its
hash; removing one leaves a gap and a broken link; removing the newest rows leaves the chain
head (``chain_head``) pointing past the end. Writers extend a chain while holding its head:
SQLite serialises writers with BEGIN IMMEDIATE, and on PostgreSQL the head rows are locked with
SELECT ... FOR UPDATE, always in the same order so two writers cannot deadlock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.storage.database import Database
from upw_ttg.storage.models import AccessEvent, AuditEvent, ChainHead
from upw_ttg.storage.models.base import utc_now

GENESIS = "0" * 64
AUDIT = "audit"
ACCESS = "access"
CHAIN_NAMES = (ACCESS, AUDIT)  # the order heads are locked in
_LABELS = {AUDIT: "audit trail", ACCESS: "access log"}
_HEADS_KEY = "upw_chain_heads"
_VERIFY_BATCH = 2000
# On PostgreSQL the trail tables refuse UPDATE and DELETE unless this is 'on' for the
# transaction; only the test suite's reset between tests sets it.
TRAIL_RESET_SETTING = "upw_ttg.trail_reset"


def _plain(value: Any) -> Any:
    value = getattr(value, "value", value)  # an enum member stores its value
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="microseconds")
    return value


def audit_fields(row: Any) -> list[Any]:
    """The hashed content of an audit row, in a fixed order (ORM object or result row)."""
    return [_plain(row.chain_seq), _plain(row.occurred_at), row.staff_id, _plain(row.action),
            row.entity, row.entity_id, row.changes]


def access_fields(row: Any) -> list[Any]:
    """The hashed content of an access-log row, in a fixed order (ORM object or result row)."""
    return [_plain(row.chain_seq), _plain(row.occurred_at), row.staff_id, _plain(row.action),
            row.record_kind, row.record_id, row.person_id, row.document, row.recipient]


def link_hash(prev_hash: str, fields: list[Any]) -> str:
    """SHA-256 of the canonical JSON of ``[prev_hash, *fields]``."""
    encoded = json.dumps([prev_hash, *fields], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


_CHAINS: dict[str, tuple[type, Callable[[Any], list[Any]]]] = {AUDIT: (AuditEvent, audit_fields),
                                        ACCESS: (AccessEvent, access_fields)}
_CHAIN_OF = {AuditEvent: AUDIT, AccessEvent: ACCESS}


def _heads(session: Session) -> dict[str, ChainHead]:
    """Both chain heads, locked for this transaction (loaded once per transaction)."""
    transaction = session.get_transaction()
    cached = session.info.get(_HEADS_KEY)
    if cached is not None and cached[0] is transaction:
        heads_cached: dict[str, ChainHead] = cached[1]
        return heads_cached
    rows = session.scalars(select(ChainHead).where(ChainHead.name.in_(CHAIN_NAMES))
                           .order_by(ChainHead.name).with_for_update()).all()
    heads = {row.name: row for row in rows}
    for name in CHAIN_NAMES:
        if name not in heads:
            # Only a database whose heads were never seeded gets here (the migration seeds them).
            heads[name] = ChainHead(name=name, last_seq=0, last_hash=GENESIS)
            session.add(heads[name])
    session.info[_HEADS_KEY] = (transaction, heads)
    return heads


def append(session: Session, row: AuditEvent | AccessEvent) -> None:
    """Link ``row`` to the end of its chain and add it to the unit of work in ``session``."""
    name = _CHAIN_OF[type(row)]
    head = _heads(session)[name]
    if row.occurred_at is None:
        row.occurred_at = utc_now()
    row.chain_seq = head.last_seq + 1
    row.prev_hash = head.last_hash
    row.row_hash = link_hash(row.prev_hash, _CHAINS[name][1](row))
    head.last_seq = row.chain_seq
    head.last_hash = row.row_hash
    session.add(row)


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """The outcome of checking one chain: how many rows, and the first broken one if any."""

    chain: str
    rows: int
    problem: str | None = None
    broken_id: int | None = None
    broken_seq: int | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def describe(self) -> str:
        label = _LABELS[self.chain]
        if self.ok:
            return f"The {label} chain is unbroken ({self.rows:,} rows)."
        return f"The {label} chain is broken: {self.problem}"


def _rows(session: Session, name: str) -> Iterator[Any]:
    model: Any = _CHAINS[name][0]
    columns = list(model.__table__.columns)
    result = session.execute(select(*columns).order_by(model.chain_seq)
                             .execution_options(yield_per=_VERIFY_BATCH))
    yield from result


def verify_chain(session: Session, name: str) -> ChainCheck:
    """Recompute chain ``name`` from its first row and name the first row that does not fit."""
    _, fields = _CHAINS[name]
    label = _LABELS[name]
    expected_seq, expected_prev, count = 1, GENESIS, 0
    for row in _rows(session, name):
        if row.chain_seq != expected_seq:
            return ChainCheck(name, count, (
                f"{label} row {expected_seq} is missing (deleted): the next row is number "
                f"{row.chain_seq}, id {row.id}."), row.id, expected_seq)
        if row.prev_hash != expected_prev:
            return ChainCheck(name, count, (
                f"{label} row {row.chain_seq} (id {row.id}) does not follow the row before it: "
                "that row was changed or replaced."), row.id, row.chain_seq)
        if link_hash(row.prev_hash, fields(row)) != row.row_hash:
            return ChainCheck(name, count, (
                f"{label} row {row.chain_seq} (id {row.id}) was changed after it was written."),
                row.id, row.chain_seq)
        expected_seq, expected_prev, count = expected_seq + 1, row.row_hash, count + 1
    head = session.get(ChainHead, name)
    last_seq, last_hash = (head.last_seq, head.last_hash) if head else (0, GENESIS)
    if (last_seq, last_hash) != (count, expected_prev):
        return ChainCheck(name, count, (
            f"the chain should end at row {last_seq} but ends at row {count}: the newest "
            f"{label} rows were deleted or changed."), None, count + 1)
    return ChainCheck(name, count)


def verify_chains(session: Session) -> list[ChainCheck]:
    """Check the audit trail and the access log."""
    return [verify_chain(session, AUDIT), verify_chain(session, ACCESS)]


def check_chains(db: Database) -> list[ChainCheck]:
    """Check both chains in one read of ``db`` (used by ``admin check``)."""
    with db.read() as session:
        return verify_chains(session)
