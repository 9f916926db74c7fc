"""Text messages through GOV.UK Notify, people's opt-out of texts, and the texts' settings

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04 15:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from upw_ttg.domain.settings import SETTINGS_BY_KEY

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None

_NEW_SETTINGS = tuple(key for key in SETTINGS_BY_KEY if key.startswith("texts."))


def upgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('texts_opted_out', sa.Boolean(),
                                      server_default=sa.false(), nullable=False))
    op.create_table(
        'text_message',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('appointment_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.Enum('reminder', 'booked', 'moved', 'stood_down',
                                  name='messagekind', native_enum=False,
                                  create_constraint=True, length=14), nullable=False),
        sa.Column('phone', sa.String(length=11), nullable=False),
        sa.Column('welsh', sa.Boolean(), nullable=False),
        sa.Column('template_id', sa.String(length=60), nullable=False),
        sa.Column('reference', sa.String(length=60), nullable=False),
        sa.Column('send_on', sa.Date(), nullable=False),
        sa.Column('session_date', sa.Date(), nullable=True),
        sa.Column('status', sa.Enum('queued', 'sending', 'sent', 'delivered', 'failed',
                                    name='messagestatus', native_enum=False,
                                    create_constraint=True, length=13), nullable=False),
        sa.Column('notify_id', sa.String(length=40), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.String(length=200), nullable=True),
        sa.Column('queued_at', sa.DateTime(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.Column('status_checked_at', sa.DateTime(), nullable=True),
        sa.Column('queued_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'],
                                name=op.f('fk_text_message_person_id_person'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'],
                                name=op.f('fk_text_message_appointment_id_appointment'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['queued_by_id'], ['staff.id'],
                                name=op.f('fk_text_message_queued_by_id_staff'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_text_message')),
        sa.UniqueConstraint('reference', name=op.f('uq_text_message_reference')),
        sa.UniqueConstraint('phone', 'send_on', name=op.f('uq_text_message_phone_send_on')),
    )
    with op.batch_alter_table('text_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_text_message_person_id'), ['person_id'],
                              unique=False)
        batch_op.create_index('ix_text_message_status', ['status'], unique=False)
        batch_op.create_index('ix_text_message_send_on', ['send_on'], unique=False)
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
    with op.batch_alter_table('text_message', schema=None) as batch_op:
        batch_op.drop_index('ix_text_message_send_on')
        batch_op.drop_index('ix_text_message_status')
        batch_op.drop_index(batch_op.f('ix_text_message_person_id'))
    op.drop_table('text_message')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('texts_opted_out')
