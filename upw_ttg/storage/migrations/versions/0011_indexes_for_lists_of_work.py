"""Partial indexes for the lists of work still to do: outcomes, enforcement and evidence due

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 14:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

_INDEXES = (
    ("ix_appointment_awaiting_outcome", "session_id", "outcome_code IS NULL"),
    ("ix_appointment_enforcement_due", "enforcement_due", "enforcement_due IS NOT NULL"),
    ("ix_appointment_evidence_due", "evidence_due", "evidence_due IS NOT NULL"),
)


def upgrade() -> None:
    for name, column, where in _INDEXES:
        op.create_index(name, "appointment", [column], unique=False,
                        sqlite_where=sa.text(where), postgresql_where=sa.text(where))


def downgrade() -> None:
    for name, _column, _where in reversed(_INDEXES):
        op.drop_index(name, table_name="appointment")
