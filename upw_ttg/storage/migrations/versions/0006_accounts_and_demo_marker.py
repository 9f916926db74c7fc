"""Accounts that can be managed, a sign-in wait on the database's clock, an idle lock, demo marks

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 17:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from upw_ttg.domain.settings import SETTINGS_BY_KEY

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_NEW_SETTINGS = ("security.idle_lock_minutes",)


def upgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(),
                                      server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('password_changed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('sign_in_blocked_until', sa.DateTime(), nullable=True))
    op.create_table('demo_marker',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scale', sa.String(length=16), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('generated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_demo_marker'))
    )
    # 0001 seeds from the live list of settings, so a new database may have them already.
    present = {row[0] for row in op.get_bind().execute(sa.text("SELECT key FROM setting"))}
    settings = [SETTINGS_BY_KEY[key] for key in _NEW_SETTINGS if key not in present]
    op.bulk_insert(sa.table("setting", sa.column("key"), sa.column("value"),
                            sa.column("default_value"), sa.column("value_type"),
                            sa.column("category"), sa.column("label"), sa.column("description"),
                            sa.column("unit"), sa.column("minimum"), sa.column("maximum"),
                            sa.column("version")),
                   [{"key": s.key, "value": s.default, "default_value": s.default,
                     "value_type": s.value_type, "category": s.category, "label": s.label,
                     "description": s.description, "unit": s.unit, "minimum": s.minimum,
                     "maximum": s.maximum, "version": 1} for s in settings])


def downgrade() -> None:
    setting = sa.table("setting", sa.column("key"))
    op.execute(setting.delete().where(setting.c.key.in_(_NEW_SETTINGS)))
    op.drop_table('demo_marker')
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_column('sign_in_blocked_until')
        batch_op.drop_column('password_changed_at')
        batch_op.drop_column('must_change_password')
