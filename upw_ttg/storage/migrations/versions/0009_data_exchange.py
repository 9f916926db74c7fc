"""Data exchange: remembered column mappings of imported extracts, and outcomes exported

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('import_layout',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('layout_key', sa.String(length=64), nullable=False),
    sa.Column('mapping', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'],
                            name=op.f('fk_import_layout_updated_by_id_staff'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_layout')),
    sa.UniqueConstraint('kind', 'layout_key', name=op.f('uq_import_layout_kind_layout_key'))
    )
    op.create_table('national_export',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('delivery_unit_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff.id'],
                            name=op.f('fk_national_export_created_by_id_staff'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['delivery_unit_id'], ['delivery_unit.id'],
                            name=op.f('fk_national_export_delivery_unit_id_delivery_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_national_export'))
    )
    op.create_index(op.f('ix_national_export_day'), 'national_export', ['day'], unique=False)
    op.create_table('national_export_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('export_id', sa.Integer(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'],
                            name=op.f('fk_national_export_item_appointment_id_appointment')),
    sa.ForeignKeyConstraint(['export_id'], ['national_export.id'],
                            name=op.f('fk_national_export_item_export_id_national_export')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_national_export_item')),
    sa.UniqueConstraint('appointment_id', 'fingerprint',
                        name=op.f('uq_national_export_item_appointment_id_fingerprint'))
    )
    op.create_index(op.f('ix_national_export_item_appointment_id'), 'national_export_item',
                    ['appointment_id'], unique=False)
    op.create_index(op.f('ix_national_export_item_export_id'), 'national_export_item',
                    ['export_id'], unique=False)


def downgrade() -> None:
    op.drop_table('national_export_item')
    op.drop_table('national_export')
    op.drop_table('import_layout')
