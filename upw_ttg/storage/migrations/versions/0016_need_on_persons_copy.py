"""Each need of a resettlement plan can be left off the person's own copy

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 14:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('plan_need', schema=None) as batch_op:
        batch_op.add_column(sa.Column('on_persons_copy', sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('plan_need', schema=None) as batch_op:
        batch_op.drop_column('on_persons_copy')
