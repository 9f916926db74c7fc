"""Plans record why they were reopened and compute their due date; enforcement is dated

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The plan's due date always follows the current screening date and settings, so it is
    # computed on reading rather than stored (a stored copy went stale when dates changed).
    with op.batch_alter_table('resettlement_plan') as batch:
        batch.add_column(sa.Column('reopened_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('reopened_by_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('reopened_reason', sa.Text(), nullable=True))
        batch.create_foreign_key(op.f('fk_resettlement_plan_reopened_by_id_staff'), 'staff',
                                 ['reopened_by_id'], ['id'])
        batch.drop_column('due_date')
    with op.batch_alter_table('enforcement_action') as batch:
        batch.add_column(sa.Column('late_reason', sa.String(length=400), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('enforcement_action') as batch:
        batch.drop_column('late_reason')
    with op.batch_alter_table('resettlement_plan') as batch:
        batch.add_column(sa.Column('due_date', sa.Date(), nullable=True))
        batch.drop_constraint(op.f('fk_resettlement_plan_reopened_by_id_staff'),
                              type_='foreignkey')
        batch.drop_column('reopened_reason')
        batch.drop_column('reopened_by_id')
        batch.drop_column('reopened_on')
