"""Bookings that break a rule: the queue the re-check fills

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 17:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('booking_breach',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(length=30), nullable=False),
    sa.Column('hard', sa.Boolean(), nullable=False),
    sa.Column('message', sa.String(length=1000), nullable=False),
    sa.Column('found_at', sa.DateTime(), nullable=False),
    sa.Column('accepted_reason', sa.String(length=400), nullable=True),
    sa.Column('accepted_by_id', sa.Integer(), nullable=True),
    sa.Column('accepted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['accepted_by_id'], ['staff.id'], name=op.f('fk_booking_breach_accepted_by_id_staff'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_booking_breach_appointment_id_appointment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['upw_session.id'], name=op.f('fk_booking_breach_session_id_upw_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_breach')),
    sa.UniqueConstraint('appointment_id', 'rule', name=op.f('uq_booking_breach_appointment_id_rule'))
    )
    with op.batch_alter_table('booking_breach', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_booking_breach_session_id'), ['session_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('booking_breach', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_booking_breach_session_id'))
    op.drop_table('booking_breach')
