"""Skills: a reference list, the skills each project practises and those shown at sessions

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-04 17:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'skill',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('name_cy', sa.String(length=80), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'),
                  nullable=False),
        sa.Column('updated_at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'),
                  nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'],
                                name=op.f('fk_skill_updated_by_id_staff'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_skill')),
        sa.UniqueConstraint('name', name=op.f('uq_skill_name')),
    )
    op.create_table(
        'project_skill',
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('skill_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['project_id'], ['project.id'],
                                name=op.f('fk_project_skill_project_id_project'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['skill_id'], ['skill.id'],
                                name=op.f('fk_project_skill_skill_id_skill'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('project_id', 'skill_id', name=op.f('pk_project_skill')),
    )
    with op.batch_alter_table('project_skill', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_skill_skill_id'), ['skill_id'],
                              unique=False)
    op.create_table(
        'appointment_skill',
        sa.Column('appointment_id', sa.Integer(), nullable=False),
        sa.Column('skill_id', sa.Integer(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'],
                                name=op.f('fk_appointment_skill_appointment_id_appointment'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['skill_id'], ['skill.id'],
                                name=op.f('fk_appointment_skill_skill_id_skill'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['staff.id'],
                                name=op.f('fk_appointment_skill_recorded_by_id_staff'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('appointment_id', 'skill_id', name=op.f('pk_appointment_skill')),
    )
    with op.batch_alter_table('appointment_skill', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_skill_skill_id'), ['skill_id'],
                              unique=False)


def downgrade() -> None:
    op.drop_table('appointment_skill')
    op.drop_table('project_skill')
    op.drop_table('skill')
