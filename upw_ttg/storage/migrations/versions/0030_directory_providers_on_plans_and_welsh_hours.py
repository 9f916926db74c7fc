"""Fallbacks, actions and the first night's accommodation point at a directory provider; a
provider's opening hours in Welsh too

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-05 05:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0030'
down_revision = '0029'
branch_labels = None
depends_on = None

# (table, column) of each link to the directory.
_LINKS = (('plan_need', 'fallback_provider_id'),
          ('resettlement_plan', 'release_fallback_provider_id'),
          ('plan_action', 'provider_id'),
          ('pre_release_review', 'accommodation_provider_id'))


def upgrade() -> None:
    with op.batch_alter_table('service_provider', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opening_hours_cy', sa.String(length=120), nullable=True))
    for table, column in _LINKS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch_op.create_foreign_key(batch_op.f(f'fk_{table}_{column}_service_provider'),
                                        'service_provider', [column], ['id'])


def downgrade() -> None:
    for table, column in reversed(_LINKS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_{column}_service_provider'),
                                     type_='foreignkey')
            batch_op.drop_column(column)
    with op.batch_alter_table('service_provider', schema=None) as batch_op:
        batch_op.drop_column('opening_hours_cy')
