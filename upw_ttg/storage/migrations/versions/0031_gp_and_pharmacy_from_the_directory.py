"""The pre-release review's GP practice and prescription pharmacy point at a directory provider

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-05 08:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0031'
down_revision = '0030'
branch_labels = None
depends_on = None

_COLUMNS = ('gp_provider_id', 'prescriptions_provider_id')


def upgrade() -> None:
    with op.batch_alter_table('pre_release_review', schema=None) as batch_op:
        for column in _COLUMNS:
            batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                batch_op.f(f'fk_pre_release_review_{column}_service_provider'),
                'service_provider', [column], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('pre_release_review', schema=None) as batch_op:
        for column in reversed(_COLUMNS):
            batch_op.drop_constraint(
                batch_op.f(f'fk_pre_release_review_{column}_service_provider'),
                type_='foreignkey')
            batch_op.drop_column(column)
