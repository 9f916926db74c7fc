"""A plan strength can carry its own wording for the person's copy

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04 15:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('plan_strength', schema=None) as batch_op:
        batch_op.add_column(sa.Column('persons_wording', sa.String(length=400), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('plan_strength', schema=None) as batch_op:
        batch_op.drop_column('persons_wording')
