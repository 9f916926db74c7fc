"""Offices' opening hours in Welsh too, for letters to Welsh speakers

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

HOURS_EN = "Monday to Friday, 9am to 5pm"
HOURS_CY = "Dydd Llun i ddydd Gwener, 9yb i 5yp"


def upgrade() -> None:
    with op.batch_alter_table('office', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opening_hours_cy', sa.String(length=120), nullable=True))
    office = sa.table("office", sa.column("opening_hours"), sa.column("opening_hours_cy"))
    # Only offices still open the hours they were given by default get their Welsh.
    op.execute(office.update().where(office.c.opening_hours == HOURS_EN)
               .values(opening_hours_cy=HOURS_CY))


def downgrade() -> None:
    with op.batch_alter_table('office', schema=None) as batch_op:
        batch_op.drop_column('opening_hours_cy')
