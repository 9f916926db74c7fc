"""Index only the evidence still awaited, not every evidence date ever set

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 14:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

_AWAITED = "evidence_due IS NOT NULL AND evidence_received_on IS NULL"


def upgrade() -> None:
    op.drop_index("ix_appointment_evidence_due", table_name="appointment")
    op.create_index("ix_appointment_evidence_awaited", "appointment", ["evidence_due"],
                    unique=False, sqlite_where=sa.text(_AWAITED),
                    postgresql_where=sa.text(_AWAITED))


def downgrade() -> None:
    op.drop_index("ix_appointment_evidence_awaited", table_name="appointment")
    op.create_index("ix_appointment_evidence_due", "appointment", ["evidence_due"],
                    unique=False, sqlite_where=sa.text("evidence_due IS NOT NULL"),
                    postgresql_where=sa.text("evidence_due IS NOT NULL"))
