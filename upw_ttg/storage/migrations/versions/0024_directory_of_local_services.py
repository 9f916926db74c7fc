"""A directory of local services; referrals point at a provider in it

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-04 17:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None

ROUTE = sa.Enum('form', 'email', 'phone', 'self_referral', name='referralroute',
                native_enum=False, create_constraint=True, length=17)


def upgrade() -> None:
    op.create_table(
        'service_provider',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('national', sa.Boolean(), nullable=False),
        sa.Column('address', sa.String(length=200), nullable=True),
        sa.Column('town', sa.String(length=60), nullable=True),
        sa.Column('postcode', sa.String(length=10), nullable=True),
        sa.Column('phone', sa.String(length=30), nullable=True),
        sa.Column('email', sa.String(length=120), nullable=True),
        sa.Column('opening_hours', sa.String(length=120), nullable=True),
        sa.Column('referral_route', ROUTE, nullable=True),
        sa.Column('referral_how', sa.String(length=300), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'),
                  nullable=False),
        sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'),
                  nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'],
                                name=op.f('fk_service_provider_updated_by_id_staff'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_service_provider')))
    with op.batch_alter_table('service_provider', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_provider_name'), ['name'], unique=False)
    op.create_table(
        'service_provider_pathway',
        sa.Column('provider_id', sa.Integer(), nullable=False),
        sa.Column('pathway_code', sa.String(length=24), nullable=False),
        sa.ForeignKeyConstraint(['pathway_code'], ['pathway.code'],
                                name=op.f('fk_service_provider_pathway_pathway_code_pathway')),
        sa.ForeignKeyConstraint(
            ['provider_id'], ['service_provider.id'],
            name=op.f('fk_service_provider_pathway_provider_id_service_provider'),
            ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('provider_id', 'pathway_code',
                                name=op.f('pk_service_provider_pathway')))
    op.create_table(
        'service_provider_area',
        sa.Column('provider_id', sa.Integer(), nullable=False),
        sa.Column('delivery_unit_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ['delivery_unit_id'], ['delivery_unit.id'],
            name=op.f('fk_service_provider_area_delivery_unit_id_delivery_unit')),
        sa.ForeignKeyConstraint(
            ['provider_id'], ['service_provider.id'],
            name=op.f('fk_service_provider_area_provider_id_service_provider'),
            ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('provider_id', 'delivery_unit_id',
                                name=op.f('pk_service_provider_area')))
    with op.batch_alter_table('service_provider_area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_provider_area_delivery_unit_id'),
                              ['delivery_unit_id'], unique=False)
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.add_column(sa.Column('provider_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_referral_provider_id'), ['provider_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_referral_provider_id_service_provider'),
                                    'service_provider', ['provider_id'], ['id'])
    _providers_from_referrals()


def _providers_from_referrals() -> None:
    """Each provider name typed on referrals becomes one directory entry (names that differ
    only in case or spacing are one), helping with the pathways it was referred for, and
    every referral points at it. Areas and contact details are for an administrator to add:
    until then the directory lists the entry as having no details."""
    bind = op.get_bind()
    referral = sa.table('referral', sa.column('id'), sa.column('provider'),
                        sa.column('pathway_code'), sa.column('provider_id'))
    provider = sa.table('service_provider', sa.column('id'), sa.column('name'),
                        sa.column('national'), sa.column('active'), sa.column('version'))
    pathway = sa.table('service_provider_pathway', sa.column('provider_id'),
                       sa.column('pathway_code'))
    groups: dict[str, tuple[str, list[int], set[str]]] = {}
    for row_id, name, code in bind.execute(
            sa.select(referral.c.id, referral.c.provider, referral.c.pathway_code)
            .order_by(referral.c.id)):
        key = " ".join((name or "").split()).casefold()
        if not key:
            continue
        entry = groups.setdefault(key, (" ".join(name.split()), [], set()))
        entry[1].append(row_id)
        entry[2].add(code)
    for new_id, (name, referral_ids, codes) in enumerate(sorted(groups.values()), start=1):
        bind.execute(provider.insert().values(id=new_id, name=name, national=False,
                                              active=True, version=1))
        bind.execute(pathway.insert(), [{"provider_id": new_id, "pathway_code": code}
                                        for code in sorted(codes)])
        for first in range(0, len(referral_ids), 500):
            bind.execute(referral.update()
                         .where(referral.c.id.in_(referral_ids[first:first + 500]))
                         .values(provider_id=new_id))
    if groups and bind.dialect.name == 'postgresql':
        bind.execute(sa.text("SELECT setval(pg_get_serial_sequence('service_provider', 'id'), "
                             "(SELECT max(id) FROM service_provider))"))


def downgrade() -> None:
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_referral_provider_id_service_provider'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_referral_provider_id'))
        batch_op.drop_column('provider_id')
    with op.batch_alter_table('service_provider_area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_provider_area_delivery_unit_id'))
    op.drop_table('service_provider_area')
    op.drop_table('service_provider_pathway')
    with op.batch_alter_table('service_provider', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_provider_name'))
    op.drop_table('service_provider')
