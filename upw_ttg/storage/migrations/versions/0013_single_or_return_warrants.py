"""Travel warrants say whether each day's ticket is a return or a single

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 14:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Warrants issued before were printed as "... and back": returns.
    with op.batch_alter_table('travel_warrant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('return_journey', sa.Boolean(), server_default=sa.true(),
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('travel_warrant', schema=None) as batch_op:
        batch_op.drop_column('return_journey')
