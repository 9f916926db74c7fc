"""The gender category the placement rules read, and keep-apart pairs that can be ended

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 17:50:00.000000
"""

from __future__ import annotations

import warnings

import sqlalchemy as sa
from alembic import op

from upw_ttg.domain.codes import Gender, GenderCategory
from upw_ttg.domain.placement import category_from_text

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_CATEGORY = sa.Enum('woman', 'man', 'non_binary', 'not_stated', 'unconfirmed',
                    name='gendercategory', native_enum=False, create_constraint=True, length=15)
_KIND = sa.Enum('co_defendant', 'restraining_order', 'gang_conflict', 'other',
                name='keepapartkind', native_enum=False, create_constraint=True, length=21)
# Words in an existing pair's free-text reason that name its kind plainly.
_KIND_WORDS = (('co_defendant', '%defendant%'), ('restraining_order', '%restraining%'),
               ('gang_conflict', '%gang%'))


def upgrade() -> None:
    # Never recreate ``person`` on SQLite: foreign keys are enforced inside the migration's
    # transaction, so dropping the old table would cascade-delete orders, places and pairs.
    # A plain ADD COLUMN keeps every row; SQLite cannot add the column's CHECK that way, and
    # the application validates the value itself, as PostgreSQL's CHECK does.
    with warnings.catch_warnings(), \
            op.batch_alter_table('person', schema=None, recreate='never') as batch_op:
        warnings.filterwarnings("ignore", message="Skipping unsupported ALTER")
        batch_op.add_column(sa.Column('gender_category', _CATEGORY, nullable=False,
                                      server_default='unconfirmed'))
    _map_gender_categories()

    with op.batch_alter_table('keep_apart', schema=None) as batch_op:
        batch_op.drop_constraint('uq_keep_apart_person_a_id_person_b_id', type_='unique')
        batch_op.alter_column('reason', new_column_name='detail',
                              existing_type=sa.String(length=200), type_=sa.String(length=500),
                              nullable=True)
        batch_op.add_column(sa.Column('kind', _KIND, nullable=False, server_default='other'))
        batch_op.add_column(sa.Column('recorded_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('ended_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('ended_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('end_reason', sa.String(length=400), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False,
                                      server_default='1'))
        batch_op.add_column(sa.Column('created_at', sa.DateTime(),
                                      server_default=sa.text('(CURRENT_TIMESTAMP)'),
                                      nullable=False))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(),
                                      server_default=sa.text('(CURRENT_TIMESTAMP)'),
                                      nullable=False))
        batch_op.add_column(sa.Column('updated_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_keep_apart_recorded_by_id_staff'), 'staff',
                                    ['recorded_by_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_keep_apart_ended_by_id_staff'), 'staff',
                                    ['ended_by_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_keep_apart_updated_by_id_staff'), 'staff',
                                    ['updated_by_id'], ['id'], ondelete='SET NULL')
        batch_op.create_index('ix_keep_apart_pair', ['person_a_id', 'person_b_id'],
                              unique=False)
    keep_apart = sa.table('keep_apart', sa.column('kind', sa.String), sa.column('detail',
                                                                                 sa.String))
    for kind, pattern in _KIND_WORDS:
        op.execute(keep_apart.update()
                   .where(keep_apart.c.kind == 'other',
                          sa.func.lower(keep_apart.c.detail).like(pattern))
                   .values(kind=kind))
    with op.batch_alter_table('keep_apart', schema=None) as batch_op:
        batch_op.alter_column('kind', existing_type=_KIND, server_default=None)
        batch_op.alter_column('version', existing_type=sa.Integer(), server_default=None)


def _map_gender_categories() -> None:
    """Each existing record gets the category its own words (or, with none, its recorded
    gender) state plainly; the rest stay "unconfirmed" for a coordinator to confirm.

    Done once per distinct (gender, identity), so a large database takes a few statements.
    """
    person = sa.table('person', sa.column('gender', sa.String),
                      sa.column('gender_identity', sa.String),
                      sa.column('gender_category', sa.String))
    connection = op.get_bind()
    pairs = connection.execute(sa.select(person.c.gender, person.c.gender_identity)
                               .distinct()).all()
    for gender, identity in pairs:
        category = category_from_text(Gender(gender), identity)
        if category == GenderCategory.UNCONFIRMED:
            continue
        same_identity = (person.c.gender_identity.is_(None) if identity is None
                         else person.c.gender_identity == identity)
        connection.execute(person.update()
                           .where(person.c.gender == gender, same_identity)
                           .values(gender_category=category.value))


def downgrade() -> None:
    # The old table holds one current pair with a reason of at most 200 characters.
    op.execute("DELETE FROM keep_apart WHERE ended_on IS NOT NULL")
    op.execute("UPDATE keep_apart SET detail = substr(coalesce(detail, kind), 1, 200)")
    with op.batch_alter_table('keep_apart', schema=None) as batch_op:
        batch_op.drop_index('ix_keep_apart_pair')
        batch_op.drop_constraint(batch_op.f('ck_keep_apart_keepapartkind'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_keep_apart_updated_by_id_staff'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_keep_apart_ended_by_id_staff'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_keep_apart_recorded_by_id_staff'),
                                 type_='foreignkey')
        for column in ('updated_by_id', 'updated_at', 'created_at', 'version', 'end_reason',
                       'ended_by_id', 'ended_on', 'recorded_by_id', 'kind'):
            batch_op.drop_column(column)
    with op.batch_alter_table('keep_apart', schema=None) as batch_op:
        batch_op.alter_column('detail', new_column_name='reason',
                              existing_type=sa.String(length=500), type_=sa.String(length=200),
                              nullable=False)
        batch_op.create_unique_constraint('uq_keep_apart_person_a_id_person_b_id',
                                          ['person_a_id', 'person_b_id'])
    with op.batch_alter_table('person', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('gender_category')
