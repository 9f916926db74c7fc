"""Failed sign-ins under unknown user names, counted so the slow-down reveals no names

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 19:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('unknown_name_sign_in',
    sa.Column('name_hash', sa.String(length=64), nullable=False),
    sa.Column('failed_sign_ins', sa.Integer(), nullable=False),
    sa.Column('last_failed_at', sa.DateTime(), nullable=True),
    sa.Column('sign_in_blocked_until', sa.DateTime(), nullable=True),
    sa.CheckConstraint('failed_sign_ins >= 0',
                       name=op.f('ck_unknown_name_sign_in_failed_sign_ins')),
    sa.PrimaryKeyConstraint('name_hash', name=op.f('pk_unknown_name_sign_in'))
    )


def downgrade() -> None:
    op.drop_table('unknown_name_sign_in')
