"""A pathway's need can be recorded as "no need": a status the plan's completion gate accepts

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-04 15:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None

_BEFORE = ('not_started', 'in_progress', 'met', 'declined')
_AFTER = ('not_started', 'in_progress', 'met', 'no_need', 'declined')


def _allow(values: tuple[str, ...]) -> None:
    """Recreate the status column's CHECK with these values (SQLite copies the table)."""
    with op.batch_alter_table('plan_need', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_plan_need_needstatus'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_plan_need_needstatus'),
                                         sa.column('status').in_(values))


def upgrade() -> None:
    _allow(_AFTER)


def downgrade() -> None:
    # Before "no need" existed, a pathway with nothing to do was recorded as met.
    op.execute("UPDATE plan_need SET status = 'met' WHERE status = 'no_need'")
    _allow(_BEFORE)
