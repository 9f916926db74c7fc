"""Several roles per member of staff, and restricted cases with the staff named on them

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 17:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

ROLE = sa.Enum('coordinator', 'supervisor', 'resettlement_worker', 'manager', 'administrator',
               name='role', native_enum=False, create_constraint=True, length=23)


def upgrade() -> None:
    op.create_table('staff_role',
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('role', ROLE, nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_staff_role_staff_id_staff'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('staff_id', 'role', name=op.f('pk_staff_role'))
    )
    # Everyone keeps exactly the permissions their single role gave them.
    op.execute("INSERT INTO staff_role (staff_id, role) SELECT id, role FROM staff")

    op.create_table('person_access',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_person_access_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_person_access_staff_id_staff'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', 'staff_id', name=op.f('pk_person_access'))
    )
    with op.batch_alter_table('person_access', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_access_staff_id'), ['staff_id'], unique=False)

    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('restricted', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('restricted')
    with op.batch_alter_table('person_access', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_access_staff_id'))
    op.drop_table('person_access')
    op.drop_table('staff_role')
