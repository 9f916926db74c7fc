"""Hash-chained audit trail, the access log, and insert-only trail tables on PostgreSQL

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 17:50:00
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from upw_ttg.storage.chain import GENESIS, TRAIL_RESET_SETTING, audit_fields, link_hash

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

TRAIL_TABLES = ('audit_event', 'access_event')

_REFUSE_FUNCTION = f"""
CREATE FUNCTION refuse_trail_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('{TRAIL_RESET_SETTING}', true), '') = 'on' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'The % is insert-only: its rows cannot be changed or deleted.',
        replace(TG_TABLE_NAME, '_', ' ')
        USING ERRCODE = 'insufficient_privilege';
END
$$
"""


def _backfill_audit_chain(connection: sa.Connection) -> tuple[int, str]:
    """Chain the rows already in the audit trail, oldest first; returns the new head."""
    table = sa.table('audit_event', sa.column('id'), sa.column('occurred_at', sa.DateTime()),
                     sa.column('staff_id'), sa.column('action'), sa.column('entity'),
                     sa.column('entity_id'), sa.column('changes'), sa.column('chain_seq'),
                     sa.column('prev_hash'), sa.column('row_hash'))
    rows = connection.execute(sa.select(
        table.c.id, table.c.occurred_at, table.c.staff_id, table.c.action, table.c.entity,
        table.c.entity_id, table.c.changes).order_by(table.c.id)).all()
    seq, prev = 0, GENESIS
    for row in rows:
        seq += 1
        values = dict(row._mapping, chain_seq=seq)
        digest = link_hash(prev, audit_fields(_Row(values)))
        connection.execute(table.update().where(table.c.id == row.id).values(
            chain_seq=seq, prev_hash=prev, row_hash=digest))
        prev = digest
    return seq, prev


class _Row:
    """Attribute access over a dict, as the chain's field functions expect."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def upgrade() -> None:
    op.create_table('chain_head',
    sa.Column('name', sa.String(length=20), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_chain_head'))
    )
    op.create_table('access_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.Enum('view', 'print', 'export', name='accessaction', native_enum=False, create_constraint=True, length=10), nullable=False),
    sa.Column('record_kind', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=40), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('document', sa.String(length=40), nullable=True),
    sa.Column('recipient', sa.String(length=40), nullable=True),
    sa.Column('chain_seq', sa.Integer(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('row_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_access_event')),
    sa.UniqueConstraint('chain_seq', name=op.f('uq_access_event_chain_seq'))
    )
    with op.batch_alter_table('access_event', schema=None) as batch_op:
        batch_op.create_index('ix_access_event_person', ['person_id', 'occurred_at'], unique=False)
        batch_op.create_index('ix_access_event_staff', ['staff_id', 'occurred_at'], unique=False)

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('chain_seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('row_hash', sa.String(length=64), nullable=True))
    connection = op.get_bind()
    audit_seq, audit_hash = _backfill_audit_chain(connection)
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.alter_column('chain_seq', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('prev_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('row_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(op.f('uq_audit_event_chain_seq'), ['chain_seq'])

    heads = sa.table('chain_head', sa.column('name'), sa.column('last_seq'),
                     sa.column('last_hash'))
    op.bulk_insert(heads, [{'name': 'audit', 'last_seq': audit_seq, 'last_hash': audit_hash},
                           {'name': 'access', 'last_seq': 0, 'last_hash': GENESIS}])

    if connection.dialect.name == 'postgresql':
        op.execute(_REFUSE_FUNCTION)
        for table in TRAIL_TABLES:
            op.execute(f'CREATE TRIGGER {table}_insert_only BEFORE UPDATE OR DELETE ON {table} '
                       'FOR EACH ROW EXECUTE FUNCTION refuse_trail_change()')
            op.execute(f'CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} '
                       'FOR EACH STATEMENT EXECUTE FUNCTION refuse_trail_change()')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for table in TRAIL_TABLES:
            op.execute(f'DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}')
            op.execute(f'DROP TRIGGER IF EXISTS {table}_insert_only ON {table}')
        op.execute('DROP FUNCTION IF EXISTS refuse_trail_change()')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('uq_audit_event_chain_seq'), type_='unique')
        batch_op.drop_column('row_hash')
        batch_op.drop_column('prev_hash')
        batch_op.drop_column('chain_seq')
    with op.batch_alter_table('access_event', schema=None) as batch_op:
        batch_op.drop_index('ix_access_event_staff')
        batch_op.drop_index('ix_access_event_person')
    op.drop_table('access_event')
    op.drop_table('chain_head')
