"""Each need of a resettlement plan, and the day of release, record what happens if the plan falls through

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-04 17:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('plan_need', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fallback_plan', sa.String(length=400), nullable=True))
        batch_op.add_column(sa.Column('fallback_contact', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('fallback_by', sa.Date(), nullable=True))
    with op.batch_alter_table('resettlement_plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('release_fallback_plan', sa.String(length=400),
                                      nullable=True))
        batch_op.add_column(sa.Column('release_fallback_contact', sa.String(length=200),
                                      nullable=True))
        batch_op.add_column(sa.Column('release_fallback_by', sa.Time(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('resettlement_plan', schema=None) as batch_op:
        for name in ('release_fallback_by', 'release_fallback_contact',
                     'release_fallback_plan'):
            batch_op.drop_column(name)
    with op.batch_alter_table('plan_need', schema=None) as batch_op:
        for name in ('fallback_by', 'fallback_contact', 'fallback_plan'):
            batch_op.drop_column(name)
