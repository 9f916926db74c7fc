"""The pre-release review records the journey to the first appointment and how it is paid,
and whether a prescription is arranged for the day and where to collect it

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 14:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

TRAVEL_PAYMENT = sa.Enum('travel_warrant', 'discharge_grant', 'collected',
                         name='travelpayment', native_enum=False, create_constraint=True,
                         length=19)


def upgrade() -> None:
    with op.batch_alter_table('pre_release_review', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prescriptions_arranged', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('prescriptions_collect_from', sa.String(length=200),
                                      nullable=True))
        batch_op.add_column(sa.Column('travel_route', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('travel_payment', TRAVEL_PAYMENT, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('pre_release_review', schema=None) as batch_op:
        # The CHECK names the column: it goes first, or SQLite's copy of the table fails.
        batch_op.drop_constraint(batch_op.f('ck_pre_release_review_travelpayment'),
                                 type_='check')
        batch_op.drop_column('travel_payment')
        batch_op.drop_column('travel_route')
        batch_op.drop_column('prescriptions_collect_from')
        batch_op.drop_column('prescriptions_arranged')
