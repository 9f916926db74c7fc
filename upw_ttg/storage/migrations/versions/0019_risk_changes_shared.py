"""Risk changes shared with everyone who has upcoming contact, and its confirmation setting

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04 15:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from upw_ttg.domain.settings import SETTINGS_BY_KEY

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

_NEW_SETTINGS = ("upw.risk_confirm_working_days",)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        'risk_change',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('assessment_id', sa.Integer(), nullable=True),
        sa.Column('changed_on', sa.Date(), nullable=False),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.Column('changed_by_id', sa.Integer(), nullable=True),
        sa.Column('summary', sa.Text(), nullable=False),
        _fk('risk_change', 'person_id', 'person', 'CASCADE'),
        _fk('risk_change', 'assessment_id', 'upw_assessment', 'SET NULL'),
        _fk('risk_change', 'changed_by_id', 'staff', 'SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_change')),
    )
    with op.batch_alter_table('risk_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_change_person_id'), ['person_id'],
                              unique=False)
    op.create_table(
        'risk_change_contact',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('change_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('supervisor', 'beneficiary', 'provider',
                                  'responsible_officer', name='contactkind', native_enum=False,
                                  create_constraint=True, length=23), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('detail', sa.String(length=200), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=True),
        sa.Column('confirm_by', sa.Date(), nullable=False),
        sa.Column('told_on', sa.Date(), nullable=True),
        sa.Column('told_method', sa.Enum('email', 'phone', 'meeting', 'video', 'letter',
                                         name='contactmethod', native_enum=False,
                                         create_constraint=True, length=11), nullable=True),
        sa.Column('told_by_id', sa.Integer(), nullable=True),
        sa.Column('confirmed_on', sa.Date(), nullable=True),
        sa.Column('chased_on', sa.Date(), nullable=True),
        sa.Column('note', sa.String(length=400), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'),
                  nullable=False),
        sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'),
                  nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        _fk('risk_change_contact', 'change_id', 'risk_change', 'CASCADE'),
        sa.ForeignKeyConstraint(['staff_id'], ['staff.id'],
                                name=op.f('fk_risk_change_contact_staff_id_staff'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['told_by_id'], ['staff.id'],
                                name=op.f('fk_risk_change_contact_told_by_id_staff'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'],
                                name=op.f('fk_risk_change_contact_updated_by_id_staff'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_change_contact')),
    )
    with op.batch_alter_table('risk_change_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_change_contact_change_id'), ['change_id'],
                              unique=False)
        batch_op.create_index('ix_risk_change_contact_open', ['confirmed_on', 'confirm_by'],
                              unique=False)
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
    with op.batch_alter_table('risk_change_contact', schema=None) as batch_op:
        batch_op.drop_index('ix_risk_change_contact_open')
        batch_op.drop_index(batch_op.f('ix_risk_change_contact_change_id'))
    op.drop_table('risk_change_contact')
    with op.batch_alter_table('risk_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_change_person_id'))
    op.drop_table('risk_change')
