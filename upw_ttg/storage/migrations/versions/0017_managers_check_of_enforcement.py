"""A manager's check of enforcement decisions and accepted absences, and its sample setting

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from upw_ttg.domain.settings import SETTINGS_BY_KEY

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

_NEW_SETTINGS = ("upw.review_sample_percent",)


def upgrade() -> None:
    with op.batch_alter_table('enforcement_action', schema=None) as batch_op:
        batch_op.add_column(sa.Column('overturned_at', sa.DateTime(), nullable=True))
    op.create_table(
        'enforcement_review',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('decision', 'absence', name='reviewkind', native_enum=False,
                                  create_constraint=True, length=12), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=False),
        sa.Column('appointment_id', sa.Integer(), nullable=False),
        sa.Column('enforcement_action_id', sa.Integer(), nullable=True),
        sa.Column('code', sa.String(length=8), nullable=False),
        sa.Column('decided_on', sa.Date(), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('delivery_unit_id', sa.Integer(), nullable=True),
        sa.Column('queued_at', sa.DateTime(), nullable=False),
        sa.Column('verdict', sa.Enum('agreed', 'overturned', name='reviewverdict',
                                     native_enum=False, create_constraint=True, length=14),
                  nullable=True),
        sa.Column('reviewer_id', sa.Integer(), nullable=True),
        sa.Column('reviewed_at', sa.DateTime(), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'),
                  nullable=False),
        sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'),
                  nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'],
                                name=op.f('fk_enforcement_review_appointment_id_appointment'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['decided_by_id'], ['staff.id'],
                                name=op.f('fk_enforcement_review_decided_by_id_staff'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['delivery_unit_id'], ['delivery_unit.id'],
                                name=op.f('fk_enforcement_review_delivery_unit_id_delivery_unit'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(
            ['enforcement_action_id'], ['enforcement_action.id'],
            name=op.f('fk_enforcement_review_enforcement_action_id_enforcement_action'),
            ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['order_id'], ['upw_order.id'],
                                name=op.f('fk_enforcement_review_order_id_upw_order'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['reviewer_id'], ['staff.id'],
                                name=op.f('fk_enforcement_review_reviewer_id_staff'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'],
                                name=op.f('fk_enforcement_review_updated_by_id_staff'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_enforcement_review')),
    )
    with op.batch_alter_table('enforcement_review', schema=None) as batch_op:
        batch_op.create_index('ix_enforcement_review_verdict', ['verdict'], unique=False)
        batch_op.create_index(batch_op.f('ix_enforcement_review_order_id'), ['order_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_enforcement_review_appointment_id'),
                              ['appointment_id'], unique=False)
    # 0001 seeds from the live list of settings, so a new database may have them already.
    present = {row[0] for row in op.get_bind().execute(sa.text("SELECT key FROM setting"))}
    settings = [SETTINGS_BY_KEY[key] for key in _NEW_SETTINGS if key not in present]
    op.bulk_insert(sa.table("setting", sa.column("key"), sa.column("value"),
                            sa.column("default_value"), sa.column("value_type"),
                            sa.column("category"), sa.column("label"), sa.column("description"),
                            sa.column("unit"), sa.column("minimum"), sa.column("maximum"),
                            sa.column("version")),
                   [{"key": s.key, "value": s.default, "default_value": s.default,
                     "value_type": s.value_type, "category": s.category, "label": s.label,
                     "description": s.description, "unit": s.unit, "minimum": s.minimum,
                     "maximum": s.maximum, "version": 1} for s in settings])


def downgrade() -> None:
    setting = sa.table("setting", sa.column("key"))
    op.execute(setting.delete().where(setting.c.key.in_(_NEW_SETTINGS)))
    with op.batch_alter_table('enforcement_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enforcement_review_appointment_id'))
        batch_op.drop_index(batch_op.f('ix_enforcement_review_order_id'))
        batch_op.drop_index('ix_enforcement_review_verdict')
    op.drop_table('enforcement_review')
    with op.batch_alter_table('enforcement_action', schema=None) as batch_op:
        batch_op.drop_column('overturned_at')
