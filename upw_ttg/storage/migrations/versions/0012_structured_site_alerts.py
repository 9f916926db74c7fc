"""Structured health-and-safety categories for the work sheet: what to do about an allergy and
how medication affects safety on site

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 14:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

ALLERGY_ACTION = sa.Enum('adrenaline_pen', 'antihistamine', 'call_999', 'avoid_only',
                         name='allergyaction', native_enum=False, create_constraint=True,
                         length=18)
MEDICATION_EFFECT = sa.Enum('drowsy', 'low_blood_sugar', 'bleeds_easily', 'dose_during_session',
                            'sun_sensitive', 'no_effect_on_site', name='medicationeffect',
                            native_enum=False, create_constraint=True, length=23)


def upgrade() -> None:
    with op.batch_alter_table('upw_assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hs_allergy_action', ALLERGY_ACTION, nullable=True))
        batch_op.add_column(sa.Column('hs_medication_effect', MEDICATION_EFFECT,
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('upw_assessment', schema=None) as batch_op:
        # Each CHECK names its column: they go first, or SQLite's copy of the table fails.
        batch_op.drop_constraint(batch_op.f('ck_upw_assessment_medicationeffect'),
                                 type_='check')
        batch_op.drop_constraint(batch_op.f('ck_upw_assessment_allergyaction'), type_='check')
        batch_op.drop_column('hs_medication_effect')
        batch_op.drop_column('hs_allergy_action')
