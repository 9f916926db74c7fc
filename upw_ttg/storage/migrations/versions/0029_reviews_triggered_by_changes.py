"""Reviews triggered by what changed: changes noted on the record, review-due items and reviews

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-04 17:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0029'
down_revision = '0028'
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete)


def _index(table: str, column: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)


def upgrade() -> None:
    op.create_table(
        'case_change',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('lost_contact', 'new_relationship', name='casechangekind',
                                  native_enum=False, create_constraint=True, length=20),
                  nullable=False),
        sa.Column('noted_on', sa.Date(), nullable=False),
        sa.Column('detail', sa.String(length=400), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        _fk('case_change', 'person_id', 'person', 'CASCADE'),
        _fk('case_change', 'recorded_by_id', 'staff', 'SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_change')),
    )
    _index('case_change', 'person_id')
    op.create_table(
        'case_review',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('reviewed_on', sa.Date(), nullable=False),
        sa.Column('considered', sa.Text(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
        _fk('case_review', 'person_id', 'person', 'CASCADE'),
        _fk('case_review', 'reviewed_by_id', 'staff', 'SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_review')),
    )
    _index('case_review', 'person_id')
    op.create_table(
        'review_due',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('trigger', sa.Enum('address', 'lost_contact', 'new_relationship',
                                     'failure_to_comply', 'risk', name='reviewtrigger',
                                     native_enum=False, create_constraint=True, length=21),
                  nullable=False),
        sa.Column('what_changed', sa.String(length=400), nullable=False),
        sa.Column('changed_on', sa.Date(), nullable=False),
        sa.Column('raised_at', sa.DateTime(), nullable=False),
        sa.Column('raised_by_id', sa.Integer(), nullable=True),
        sa.Column('review_id', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'),
                  nullable=False),
        sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'),
                  nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        _fk('review_due', 'person_id', 'person', 'CASCADE'),
        _fk('review_due', 'raised_by_id', 'staff', 'SET NULL'),
        _fk('review_due', 'review_id', 'case_review', 'SET NULL'),
        _fk('review_due', 'updated_by_id', 'staff', 'SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_review_due')),
    )
    _index('review_due', 'person_id')
    _index('review_due', 'review_id')


def downgrade() -> None:
    for table, columns in (('review_due', ('review_id', 'person_id')),
                           ('case_review', ('person_id',)), ('case_change', ('person_id',))):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.drop_index(batch_op.f(f'ix_{table}_{column}'))
        op.drop_table(table)
