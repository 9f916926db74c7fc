"""A monthly summary of each order's appointments for the managers' figures, and an index of
outcomes

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-04 17:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0028'
down_revision = '0027'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'upw_order_month',
        sa.Column('order_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('credited_minutes', sa.Integer(), nullable=False),
        sa.Column('offered_minutes', sa.Integer(), nullable=False),
        sa.Column('outcomes', sa.Integer(), nullable=False),
        sa.Column('keyed_in_time', sa.Integer(), nullable=False),
        sa.Column('first_attended', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['order_id'], ['upw_order.id'],
                                name=op.f('fk_upw_order_month_order_id_upw_order'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('order_id', 'month', name=op.f('pk_upw_order_month')))
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.create_index('ix_appointment_outcome', ['outcome_code'], unique=False)
    # Filled from the appointments already held, as every later write keeps it.
    from upw_ttg.storage.order_months import refresh
    refresh(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_index('ix_appointment_outcome')
    op.drop_table('upw_order_month')
