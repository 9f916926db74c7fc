"""Texts queued and sent on a timer: when a text was claimed for sending, and the timer's settings

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-04 17:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from upw_ttg.domain.settings import SETTINGS_BY_KEY

revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None

_NEW_SETTINGS = ("texts.auto_send", "texts.auto_queue_hour", "texts.auto_send_minutes")


def upgrade() -> None:
    with op.batch_alter_table('text_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(), nullable=True))
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
    with op.batch_alter_table('text_message', schema=None) as batch_op:
        batch_op.drop_column('claimed_at')
