"""An assessment can record several ways medication affects safety on site

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-04 15:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

MEDICATION_EFFECT = sa.Enum('drowsy', 'low_blood_sugar', 'bleeds_easily', 'dose_during_session',
                            'sun_sensitive', 'no_effect_on_site', name='medicationeffect',
                            native_enum=False, create_constraint=True, length=23)


def upgrade() -> None:
    with op.batch_alter_table('upw_assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hs_medication_effects', sa.String(length=200),
                                      nullable=True))
    op.execute("UPDATE upw_assessment SET hs_medication_effects = hs_medication_effect")
    with op.batch_alter_table('upw_assessment', schema=None) as batch_op:
        # The CHECK names its column: it goes first, or SQLite's copy of the table fails.
        batch_op.drop_constraint(batch_op.f('ck_upw_assessment_medicationeffect'),
                                 type_='check')
        batch_op.drop_column('hs_medication_effect')


def downgrade() -> None:
    with op.batch_alter_table('upw_assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hs_medication_effect', MEDICATION_EFFECT, nullable=True))
    # One effect fits the old column: the first recorded is kept.
    bind = op.get_bind()
    table = sa.table('upw_assessment', sa.column('id'), sa.column('hs_medication_effect'),
                     sa.column('hs_medication_effects'))
    rows = bind.execute(sa.select(table.c.id, table.c.hs_medication_effects)
                        .where(table.c.hs_medication_effects.is_not(None))).all()
    for row_id, effects in rows:
        bind.execute(table.update().where(table.c.id == row_id)
                     .values(hs_medication_effect=effects.split(',')[0]))
    with op.batch_alter_table('upw_assessment', schema=None) as batch_op:
        batch_op.drop_column('hs_medication_effects')
