"""Offices and prisons as data: organisation, contact details, opening hours, warrant account

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

ORGANISATION = "The Probation Service"
HOURS = "Monday to Friday, 9am to 5pm"
# code -> (street address, phone, email, warrant billing account). Made-up but plausible:
# every person-facing document names the organisation and gives one of these numbers.
OFFICES = {
    "YRK": ("2 Clifford Street", "0300 047 1010", "york.cp@probation.example", "TW-YNY-0101"),
    "SCA": ("9 Northway", "0300 047 1020", "scarborough.cp@probation.example", "TW-YNY-0102"),
    "NAL": ("Racecourse Lane", "0300 047 1030", "northallerton.cp@probation.example",
            "TW-YNY-0103"),
    "SKP": ("Otley Street", "0300 047 1040", "skipton.cp@probation.example", "TW-YNY-0104"),
    "HGT": ("Victoria Avenue", "0300 047 1050", "harrogate.cp@probation.example",
            "TW-YNY-0105"),
    "HUL": ("Liberty House, Posterngate", "0300 047 1060", "hull.cp@probation.example",
            "TW-HER-0201"),
    "SCU": ("Station Road", "0300 047 1070", "scunthorpe.cp@probation.example", "TW-HER-0202"),
    "GRI": ("Town Hall Street", "0300 047 1080", "grimsby.cp@probation.example", "TW-HER-0203"),
    "LIN": ("Beaumont Fee", "0300 047 1090", "lincoln.cp@probation.example", "TW-GLI-0301"),
    "SKE": ("Roman Bank", "0300 047 1100", "skegness.cp@probation.example", "TW-GLI-0302"),
    "SPA": ("Sheep Market", "0300 047 1110", "spalding.cp@probation.example", "TW-GLI-0303"),
    "BOS": ("Lincoln Lane", "0300 047 1120", "boston.cp@probation.example", "TW-GLI-0304"),
}
# code -> (address, phone)
PRISONS = {
    "AGI": ("Main Street, Askham Richard, York YO23 3FT", "01904 704 000"),
    "HMI": ("Everthorpe, Brough HU15 1RB", "01430 426 500"),
    "HLI": ("Hedon Road, Hull HU9 5LS", "01482 282 200"),
    "LII": ("Greetwell Road, Lincoln LN2 4BD", "01522 663 000"),
    "NSI": ("Freiston, Boston PE22 0QX", "01205 769 300"),
}


def upgrade() -> None:
    with op.batch_alter_table('office', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organisation', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('email', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('opening_hours', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('warrant_account', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1',
                                      nullable=False))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('prison', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('phone', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1',
                                      nullable=False))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(), nullable=True))
    office = sa.table("office", sa.column("code"), sa.column("address"), sa.column("phone"),
                      sa.column("organisation"), sa.column("email"),
                      sa.column("opening_hours"), sa.column("warrant_account"))
    # Only what is still empty: an office already given its details keeps them.
    op.execute(office.update().values(organisation=ORGANISATION, opening_hours=HOURS))
    for code, (address, phone, email, account) in OFFICES.items():
        where = office.c.code == code
        op.execute(office.update().where(where, office.c.address.is_(None))
                   .values(address=address))
        op.execute(office.update().where(where, office.c.phone.is_(None)).values(phone=phone))
        op.execute(office.update().where(where).values(email=email, warrant_account=account))
    prison = sa.table("prison", sa.column("code"), sa.column("address"), sa.column("phone"))
    for code, (address, phone) in PRISONS.items():
        op.execute(prison.update().where(prison.c.code == code)
                   .values(address=address, phone=phone))


def downgrade() -> None:
    with op.batch_alter_table('prison', schema=None) as batch_op:
        for column in ('updated_at', 'version', 'phone', 'address'):
            batch_op.drop_column(column)
    with op.batch_alter_table('office', schema=None) as batch_op:
        for column in ('updated_at', 'version', 'warrant_account', 'opening_hours', 'email',
                       'organisation'):
            batch_op.drop_column(column)
