"""The whole domain model and its reference data

Revision ID: 0001
Revises:
Create Date: 2026-11-26 07:36:30.317246
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from upw_ttg.domain import codes
from upw_ttg.domain.settings import SETTINGS

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('delivery_unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_unit')),
    sa.UniqueConstraint('code', name=op.f('uq_delivery_unit_code'))
    )
    op.create_table('enforcement_action_code',
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('description', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_enforcement_action_code'))
    )
    op.create_table('outcome_code',
    sa.Column('code', sa.String(length=4), nullable=False),
    sa.Column('description', sa.String(length=100), nullable=False),
    sa.Column('attended', sa.Boolean(), nullable=False),
    sa.Column('enforceable', sa.Boolean(), nullable=False),
    sa.Column('acceptable_absence', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_outcome_code'))
    )
    op.create_table('pathway',
    sa.Column('code', sa.String(length=24), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('womens_support', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_pathway'))
    )
    op.create_table('prison',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('holds_women', sa.Boolean(), nullable=False),
    sa.CheckConstraint('length(code) = 3', name=op.f('ck_prison_code_length')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prison')),
    sa.UniqueConstraint('code', name=op.f('uq_prison_code'))
    )
    op.create_table('project_type',
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_project_type'))
    )
    op.create_table('office',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('delivery_unit_id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('town', sa.String(length=60), nullable=True),
    sa.Column('postcode', sa.String(length=10), nullable=True),
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.ForeignKeyConstraint(['delivery_unit_id'], ['delivery_unit.id'], name=op.f('fk_office_delivery_unit_id_delivery_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office')),
    sa.UniqueConstraint('code', name=op.f('uq_office_code'))
    )
    with op.batch_alter_table('office', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_office_delivery_unit_id'), ['delivery_unit_id'], unique=False)

    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=40), nullable=False),
    sa.Column('full_name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.Enum('coordinator', 'supervisor', 'resettlement_worker', 'manager', 'administrator', name='role', native_enum=False, create_constraint=True, length=23), nullable=False),
    sa.Column('gender', sa.Enum('male', 'female', 'not_stated', name='gender', native_enum=False, create_constraint=True, length=14), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(length=120), nullable=True),
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_sign_ins', sa.Integer(), nullable=False),
    sa.Column('last_failed_at', sa.DateTime(), nullable=True),
    sa.Column('last_sign_in_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('failed_sign_ins >= 0', name=op.f('ck_staff_failed_sign_ins')),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_staff_office_id_office')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_staff_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff')),
    sa.UniqueConstraint('username', name=op.f('uq_staff_username'))
    )
    op.create_table('warrant_serial',
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('next_serial', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_warrant_serial_office_id_office')),
    sa.PrimaryKeyConstraint('office_id', name=op.f('pk_warrant_serial'))
    )
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.Enum('create', 'update', 'delete', 'sign_in', 'sign_in_failed', 'print', name='auditaction', native_enum=False, create_constraint=True, length=18), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=True),
    sa.Column('changes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_audit_event_staff_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_event_entity', ['entity', 'entity_id'], unique=False)
        batch_op.create_index('ix_audit_event_occurred_at', ['occurred_at'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('crn', sa.String(length=7).with_variant(sa.String(length=7, collation='C'), 'postgresql'), nullable=False),
    sa.Column('forename', sa.String(length=60), nullable=False),
    sa.Column('middle_names', sa.String(length=100), nullable=True),
    sa.Column('surname', sa.String(length=60), nullable=False),
    sa.Column('preferred_name', sa.String(length=60), nullable=True),
    sa.Column('date_of_birth', sa.Date(), nullable=False),
    sa.Column('gender', sa.Enum('male', 'female', 'not_stated', name='gender', native_enum=False, create_constraint=True, length=14), nullable=False),
    sa.Column('gender_identity', sa.String(length=60), nullable=True),
    sa.Column('address_line1', sa.String(length=120), nullable=True),
    sa.Column('address_line2', sa.String(length=120), nullable=True),
    sa.Column('town', sa.String(length=60), nullable=True),
    sa.Column('postcode', sa.String(length=10), nullable=True),
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.Column('emergency_contact_name', sa.String(length=120), nullable=True),
    sa.Column('emergency_contact_phone', sa.String(length=30), nullable=True),
    sa.Column('preferred_language', sa.Enum('english', 'welsh', 'other', name='language', native_enum=False, create_constraint=True, length=11), nullable=False),
    sa.Column('other_language', sa.String(length=60), nullable=True),
    sa.Column('interpreter_needed', sa.Boolean(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=True),
    sa.Column('responsible_officer', sa.String(length=120), nullable=True),
    sa.Column('search_surname', sa.String(length=60).with_variant(sa.String(length=60, collation='C'), 'postgresql'), nullable=False),
    sa.Column('search_forename', sa.String(length=60).with_variant(sa.String(length=60, collation='C'), 'postgresql'), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('length(crn) = 7', name=op.f('ck_person_crn_length')),
    sa.CheckConstraint('length(forename) > 0', name=op.f('ck_person_forename_present')),
    sa.CheckConstraint('length(surname) > 0', name=op.f('ck_person_surname_present')),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_person_office_id_office')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_person_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person')),
    sa.UniqueConstraint('crn', name=op.f('uq_person_crn'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index('ix_person_date_of_birth', ['date_of_birth'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_office_id'), ['office_id'], unique=False)
        batch_op.create_index('ix_person_search_forename', ['search_forename'], unique=False)
        batch_op.create_index('ix_person_search_surname', ['search_surname', 'search_forename'], unique=False)

    op.create_table('pickup_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('town', sa.String(length=60), nullable=True),
    sa.Column('postcode', sa.String(length=10), nullable=True),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_pickup_point_office_id_office')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_pickup_point_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pickup_point'))
    )
    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('project_type', sa.String(length=16), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('beneficiary', sa.String(length=120), nullable=False),
    sa.Column('beneficiary_contact', sa.String(length=120), nullable=True),
    sa.Column('beneficiary_phone', sa.String(length=30), nullable=True),
    sa.Column('beneficiary_email', sa.String(length=120), nullable=True),
    sa.Column('site_address', sa.String(length=200), nullable=False),
    sa.Column('site_town', sa.String(length=60), nullable=True),
    sa.Column('site_postcode', sa.String(length=10), nullable=True),
    sa.Column('frequency', sa.Enum('weekly', 'fortnightly', 'once', name='patternfrequency', native_enum=False, create_constraint=True, length=15), nullable=False),
    sa.Column('weekdays', sa.String(length=7), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('available_from', sa.Date(), nullable=False),
    sa.Column('available_to', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('hi_vis_required', sa.Boolean(), nullable=False),
    sa.Column('break_minutes', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('default_supervisor_id', sa.Integer(), nullable=True),
    sa.Column('female_only', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('break_minutes >= 0', name=op.f('ck_project_break_minutes')),
    sa.CheckConstraint('capacity > 0', name=op.f('ck_project_capacity_positive')),
    sa.CheckConstraint('end_time > start_time', name=op.f('ck_project_end_after_start')),
    sa.ForeignKeyConstraint(['default_supervisor_id'], ['staff.id'], name=op.f('fk_project_default_supervisor_id_staff')),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_project_office_id_office')),
    sa.ForeignKeyConstraint(['project_type'], ['project_type.code'], name=op.f('fk_project_project_type_project_type')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_project_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project')),
    sa.UniqueConstraint('code', name=op.f('uq_project_code'))
    )
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_office_id'), ['office_id'], unique=False)

    op.create_table('setting',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.Column('default_value', sa.String(length=200), nullable=False),
    sa.Column('value_type', sa.String(length=10), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('unit', sa.String(length=30), nullable=True),
    sa.Column('minimum', sa.Integer(), nullable=True),
    sa.Column('maximum', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_setting_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('van',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('registration', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('seats > 0', name=op.f('ck_van_seats_positive')),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_van_office_id_office')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_van_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_van')),
    sa.UniqueConstraint('registration', name=op.f('uq_van_registration'))
    )
    op.create_table('closure_date',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff.id'], name=op.f('fk_closure_date_created_by_id_staff'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_closure_date_office_id_office'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_closure_date_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_closure_date'))
    )
    with op.batch_alter_table('closure_date', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_closure_date_closed_on'), ['closed_on'], unique=False)

    op.create_table('custody_episode',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('prison_id', sa.Integer(), nullable=False),
    sa.Column('prison_number', sa.String(length=7).with_variant(sa.String(length=7, collation='C'), 'postgresql'), nullable=False),
    sa.Column('reception_date', sa.Date(), nullable=False),
    sa.Column('sentence_length_days', sa.Integer(), nullable=True),
    sa.Column('screening_date', sa.Date(), nullable=True),
    sa.Column('sentence_start_date', sa.Date(), nullable=True),
    sa.Column('conditional_release_date', sa.Date(), nullable=True),
    sa.Column('automatic_release_date', sa.Date(), nullable=True),
    sa.Column('parole_eligibility_date', sa.Date(), nullable=True),
    sa.Column('hdc_eligibility_date', sa.Date(), nullable=True),
    sa.Column('hdc_approved_date', sa.Date(), nullable=True),
    sa.Column('confirmed_release_date', sa.Date(), nullable=True),
    sa.Column('licence_expiry_date', sa.Date(), nullable=True),
    sa.Column('sentence_expiry_date', sa.Date(), nullable=True),
    sa.Column('pss_end_date', sa.Date(), nullable=True),
    sa.Column('expected_release_date', sa.Date(), nullable=True),
    sa.Column('expected_release_type', sa.Enum('confirmed', 'hdc', 'crd', 'ard', name='releasedatetype', native_enum=False, create_constraint=True, length=13), nullable=True),
    sa.Column('released_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('in_custody', 'released', name='custodystatus', native_enum=False, create_constraint=True, length=14), nullable=False),
    sa.Column('worker_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('length(prison_number) = 7', name=op.f('ck_custody_episode_prison_number_length')),
    sa.CheckConstraint('sentence_length_days IS NULL OR sentence_length_days > 0', name=op.f('ck_custody_episode_sentence_length')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_custody_episode_person_id_person'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['prison_id'], ['prison.id'], name=op.f('fk_custody_episode_prison_id_prison')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_custody_episode_updated_by_id_staff'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['worker_id'], ['staff.id'], name=op.f('fk_custody_episode_worker_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_custody_episode')),
    sa.UniqueConstraint('prison_number', name=op.f('uq_custody_episode_prison_number'))
    )
    with op.batch_alter_table('custody_episode', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_custody_episode_expected_release_date'), ['expected_release_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_custody_episode_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_custody_episode_prison_id'), ['prison_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_custody_episode_worker_id'), ['worker_id'], unique=False)

    op.create_table('keep_apart',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_a_id', sa.Integer(), nullable=False),
    sa.Column('person_b_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.CheckConstraint('person_a_id < person_b_id', name=op.f('ck_keep_apart_ordered_pair')),
    sa.ForeignKeyConstraint(['person_a_id'], ['person.id'], name=op.f('fk_keep_apart_person_a_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_b_id'], ['person.id'], name=op.f('fk_keep_apart_person_b_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_keep_apart')),
    sa.UniqueConstraint('person_a_id', 'person_b_id', name=op.f('uq_keep_apart_person_a_id_person_b_id'))
    )
    with op.batch_alter_table('keep_apart', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_keep_apart_person_b_id'), ['person_b_id'], unique=False)

    op.create_table('project_tag',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('tag', sa.String(length=30), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_tag_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'tag', name=op.f('pk_project_tag'))
    )
    op.create_table('upw_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('court', sa.String(length=100), nullable=False),
    sa.Column('sentence_date', sa.Date(), nullable=False),
    sa.Column('order_type', sa.Enum('community_order', 'suspended_sentence_order', name='ordertype', native_enum=False, create_constraint=True, length=28), nullable=False),
    sa.Column('subtype', sa.Enum('regular', 'additional_hours', 'concurrent', 'consecutive', name='ordersubtype', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('hours_ordered', sa.Integer(), nullable=False),
    sa.Column('standalone', sa.Boolean(), nullable=False),
    sa.Column('ete_allowed', sa.Boolean(), nullable=False),
    sa.Column('travel_time_eligible', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('awaiting_first_session', 'active', 'completed', 'deadline_passed', 'in_breach', 'closed', name='orderstatus', native_enum=False, create_constraint=True, length=26), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closure_reason', sa.String(length=200), nullable=True),
    sa.Column('coordinator_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('deadline IS NULL OR deadline > sentence_date', name=op.f('ck_upw_order_deadline_after')),
    sa.CheckConstraint('hours_ordered BETWEEN 40 AND 300', name=op.f('ck_upw_order_hours_ordered_range')),
    sa.ForeignKeyConstraint(['coordinator_id'], ['staff.id'], name=op.f('fk_upw_order_coordinator_id_staff')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_upw_order_person_id_person'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_upw_order_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_upw_order'))
    )
    with op.batch_alter_table('upw_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_upw_order_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_upw_order_status', ['status'], unique=False)

    op.create_table('upw_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('session_date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('supervisor_id', sa.Integer(), nullable=True),
    sa.Column('van_id', sa.Integer(), nullable=True),
    sa.Column('female_only', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('planned', 'stood_down', 'completed', name='sessionstatus', native_enum=False, create_constraint=True, length=14), nullable=False),
    sa.Column('stood_down_reason', sa.String(length=200), nullable=True),
    sa.Column('interpreter_booked', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('end_time > start_time', name=op.f('ck_upw_session_end_after_start')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_upw_session_project_id_project'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['supervisor_id'], ['staff.id'], name=op.f('fk_upw_session_supervisor_id_staff')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_upw_session_updated_by_id_staff'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['van_id'], ['van.id'], name=op.f('fk_upw_session_van_id_van')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_upw_session')),
    sa.UniqueConstraint('project_id', 'session_date', 'start_time', name=op.f('uq_upw_session_project_id_session_date_start_time'))
    )
    with op.batch_alter_table('upw_session', schema=None) as batch_op:
        batch_op.create_index('ix_upw_session_date', ['session_date'], unique=False)

    op.create_table('custody_date_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('episode_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('old_value', sa.Date(), nullable=True),
    sa.Column('new_value', sa.Date(), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=True),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['changed_by_id'], ['staff.id'], name=op.f('fk_custody_date_change_changed_by_id_staff')),
    sa.ForeignKeyConstraint(['episode_id'], ['custody_episode.id'], name=op.f('fk_custody_date_change_episode_id_custody_episode'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_custody_date_change'))
    )
    with op.batch_alter_table('custody_date_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_custody_date_change_episode_id'), ['episode_id'], unique=False)

    op.create_table('custody_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('episode_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('reception', 'transfer', 'recall', 'early_release', 'release', name='custodyeventkind', native_enum=False, create_constraint=True, length=17), nullable=False),
    sa.Column('event_date', sa.Date(), nullable=False),
    sa.Column('from_prison_id', sa.Integer(), nullable=True),
    sa.Column('to_prison_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['episode_id'], ['custody_episode.id'], name=op.f('fk_custody_event_episode_id_custody_episode'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['from_prison_id'], ['prison.id'], name=op.f('fk_custody_event_from_prison_id_prison')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['staff.id'], name=op.f('fk_custody_event_recorded_by_id_staff')),
    sa.ForeignKeyConstraint(['to_prison_id'], ['prison.id'], name=op.f('fk_custody_event_to_prison_id_prison')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_custody_event'))
    )
    with op.batch_alter_table('custody_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_custody_event_episode_id'), ['episode_id'], unique=False)

    op.create_table('handover',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('episode_id', sa.Integer(), nullable=False),
    sa.Column('ro_name', sa.String(length=120), nullable=True),
    sa.Column('ro_organisation', sa.String(length=120), nullable=True),
    sa.Column('ro_team', sa.String(length=120), nullable=True),
    sa.Column('ro_email', sa.String(length=120), nullable=True),
    sa.Column('ro_phone', sa.String(length=30), nullable=True),
    sa.Column('risk_info_shared', sa.Boolean(), nullable=False),
    sa.Column('risk_info_shared_on', sa.Date(), nullable=True),
    sa.Column('meeting_at', sa.DateTime(), nullable=True),
    sa.Column('meeting_notes', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['episode_id'], ['custody_episode.id'], name=op.f('fk_handover_episode_id_custody_episode'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_handover_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover')),
    sa.UniqueConstraint('episode_id', name=op.f('uq_handover_episode_id'))
    )
    op.create_table('order_extension',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('granted_on', sa.Date(), nullable=False),
    sa.Column('court', sa.String(length=100), nullable=False),
    sa.Column('new_deadline', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['upw_order.id'], name=op.f('fk_order_extension_order_id_upw_order'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_extension'))
    )
    with op.batch_alter_table('order_extension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_extension_order_id'), ['order_id'], unique=False)

    op.create_table('pre_release_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('episode_id', sa.Integer(), nullable=False),
    sa.Column('review_date', sa.Date(), nullable=True),
    sa.Column('accommodation_found', sa.Boolean(), nullable=True),
    sa.Column('accommodation_address', sa.String(length=200), nullable=True),
    sa.Column('id_status', sa.String(length=100), nullable=True),
    sa.Column('bank_account_status', sa.String(length=100), nullable=True),
    sa.Column('benefits_status', sa.String(length=100), nullable=True),
    sa.Column('gp_registered', sa.Boolean(), nullable=True),
    sa.Column('gp_details', sa.String(length=200), nullable=True),
    sa.Column('prescriptions_on_day', sa.String(length=200), nullable=True),
    sa.Column('first_appointment_with', sa.String(length=120), nullable=True),
    sa.Column('first_appointment_at', sa.DateTime(), nullable=True),
    sa.Column('first_appointment_where', sa.String(length=200), nullable=True),
    sa.Column('first_appointment_phone', sa.String(length=30), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['episode_id'], ['custody_episode.id'], name=op.f('fk_pre_release_review_episode_id_custody_episode'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_pre_release_review_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pre_release_review')),
    sa.UniqueConstraint('episode_id', name=op.f('uq_pre_release_review_episode_id'))
    )
    op.create_table('resettlement_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('episode_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'complete', name='planstatus', native_enum=False, create_constraint=True, length=12), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('completed_by_id', sa.Integer(), nullable=True),
    sa.Column('strengths_none_identified', sa.Boolean(), nullable=False),
    sa.Column('strengths_none_reason', sa.String(length=400), nullable=True),
    sa.Column('diversity_considered', sa.Boolean(), nullable=False),
    sa.Column('risk_level', sa.Enum('low', 'medium', 'high', 'very_high', name='risklevel', native_enum=False, create_constraint=True, length=13), nullable=True),
    sa.Column('mappa_level', sa.Enum('none', 'level_1', 'level_2', 'level_3', name='mappalevel', native_enum=False, create_constraint=True, length=11), nullable=True),
    sa.Column('risk_summary', sa.Text(), nullable=True),
    sa.Column('da_check_requested', sa.Date(), nullable=True),
    sa.Column('da_check_received', sa.Date(), nullable=True),
    sa.Column('da_check_outcome', sa.String(length=200), nullable=True),
    sa.Column('cs_check_requested', sa.Date(), nullable=True),
    sa.Column('cs_check_received', sa.Date(), nullable=True),
    sa.Column('cs_check_outcome', sa.String(length=200), nullable=True),
    sa.Column('person_agrees', sa.Boolean(), nullable=True),
    sa.Column('agreed_on', sa.Date(), nullable=True),
    sa.Column('person_comments', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['completed_by_id'], ['staff.id'], name=op.f('fk_resettlement_plan_completed_by_id_staff')),
    sa.ForeignKeyConstraint(['episode_id'], ['custody_episode.id'], name=op.f('fk_resettlement_plan_episode_id_custody_episode'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_resettlement_plan_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resettlement_plan')),
    sa.UniqueConstraint('episode_id', name=op.f('uq_resettlement_plan_episode_id'))
    )
    op.create_table('session_pickup',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('pickup_point_id', sa.Integer(), nullable=False),
    sa.Column('pickup_time', sa.Time(), nullable=False),
    sa.ForeignKeyConstraint(['pickup_point_id'], ['pickup_point.id'], name=op.f('fk_session_pickup_pickup_point_id_pickup_point')),
    sa.ForeignKeyConstraint(['session_id'], ['upw_session.id'], name=op.f('fk_session_pickup_session_id_upw_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_pickup')),
    sa.UniqueConstraint('session_id', 'pickup_point_id', name=op.f('uq_session_pickup_session_id_pickup_point_id'))
    )
    op.create_table('session_supervisor',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['upw_session.id'], name=op.f('fk_session_supervisor_session_id_upw_session'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_session_supervisor_staff_id_staff')),
    sa.PrimaryKeyConstraint('session_id', 'staff_id', name=op.f('pk_session_supervisor'))
    )
    op.create_table('travel_warrant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=False),
    sa.Column('travel_from', sa.String(length=100), nullable=False),
    sa.Column('travel_to', sa.String(length=100), nullable=False),
    sa.Column('mode', sa.Enum('bus', 'train', name='warrantmode', native_enum=False, create_constraint=True, length=9), nullable=False),
    sa.Column('fare_pence', sa.Integer(), nullable=False),
    sa.Column('eligibility', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('issued', 'used', 'returned_unused', 'void', name='warrantstatus', native_enum=False, create_constraint=True, length=19), nullable=False),
    sa.Column('void_reason', sa.String(length=200), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status <> 'void' OR void_reason IS NOT NULL", name=op.f('ck_travel_warrant_void_reason')),
    sa.CheckConstraint('fare_pence >= 0', name=op.f('ck_travel_warrant_fare')),
    sa.CheckConstraint('serial > 0', name=op.f('ck_travel_warrant_serial_positive')),
    sa.CheckConstraint('valid_to >= valid_from', name=op.f('ck_travel_warrant_valid_range')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['staff.id'], name=op.f('fk_travel_warrant_issued_by_id_staff')),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_travel_warrant_office_id_office')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_travel_warrant_person_id_person'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['session_id'], ['upw_session.id'], name=op.f('fk_travel_warrant_session_id_upw_session')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_travel_warrant_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_travel_warrant')),
    sa.UniqueConstraint('office_id', 'serial', name=op.f('uq_travel_warrant_office_id_serial'))
    )
    with op.batch_alter_table('travel_warrant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_travel_warrant_person_id'), ['person_id'], unique=False)

    op.create_table('upw_assessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('completed_by_id', sa.Integer(), nullable=True),
    sa.Column('availability', sa.String(length=21), nullable=False),
    sa.Column('placement_preference', sa.Enum('individual', 'mixed_group', 'female_only_group', name='placementpreference', native_enum=False, create_constraint=True, length=21), nullable=True),
    sa.Column('female_only_offered', sa.Boolean(), nullable=True),
    sa.Column('risk_level', sa.Enum('low', 'medium', 'high', 'very_high', name='risklevel', native_enum=False, create_constraint=True, length=13), nullable=True),
    sa.Column('risk_sexual_offending', sa.Boolean(), nullable=False),
    sa.Column('risk_to_children', sa.Boolean(), nullable=False),
    sa.Column('risk_to_vulnerable_adults', sa.Boolean(), nullable=False),
    sa.Column('risk_violence', sa.Boolean(), nullable=False),
    sa.Column('risk_hate_behaviour', sa.Boolean(), nullable=False),
    sa.Column('risk_serious_group_offending', sa.Boolean(), nullable=False),
    sa.Column('victim_exclusion_zone', sa.String(length=200), nullable=True),
    sa.Column('restrictive_orders', sa.String(length=200), nullable=True),
    sa.Column('no_female_supervisor', sa.Boolean(), nullable=False),
    sa.Column('no_male_supervisor', sa.Boolean(), nullable=False),
    sa.Column('close_supervision', sa.Boolean(), nullable=False),
    sa.Column('hs_allergies', sa.Boolean(), nullable=True),
    sa.Column('hs_allergies_detail', sa.String(length=200), nullable=True),
    sa.Column('hs_epilepsy', sa.Boolean(), nullable=True),
    sa.Column('hs_pregnancy', sa.Boolean(), nullable=True),
    sa.Column('hs_mobility', sa.Boolean(), nullable=True),
    sa.Column('hs_mobility_detail', sa.String(length=200), nullable=True),
    sa.Column('hs_medication', sa.Boolean(), nullable=True),
    sa.Column('hs_medication_detail', sa.String(length=200), nullable=True),
    sa.Column('vulnerable', sa.Boolean(), nullable=True),
    sa.Column('vulnerability_detail', sa.String(length=400), nullable=True),
    sa.Column('disabilities', sa.String(length=400), nullable=True),
    sa.Column('reasonable_adjustments', sa.String(length=400), nullable=True),
    sa.Column('literacy_need', sa.Boolean(), nullable=True),
    sa.Column('driving_licence', sa.Boolean(), nullable=True),
    sa.Column('vehicle_access', sa.Boolean(), nullable=True),
    sa.Column('public_transport_accessible', sa.Boolean(), nullable=True),
    sa.Column('ete_need', sa.Boolean(), nullable=True),
    sa.Column('intensive_extra_hours', sa.Integer(), nullable=False),
    sa.Column('ppe_top', sa.String(length=10), nullable=True),
    sa.Column('ppe_trousers', sa.String(length=10), nullable=True),
    sa.Column('ppe_boots', sa.String(length=10), nullable=True),
    sa.Column('ppe_gloves', sa.String(length=10), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('intensive_extra_hours BETWEEN 0 AND 21', name=op.f('ck_upw_assessment_intensive_range')),
    sa.CheckConstraint('length(availability) = 21', name=op.f('ck_upw_assessment_availability_grid')),
    sa.ForeignKeyConstraint(['completed_by_id'], ['staff.id'], name=op.f('fk_upw_assessment_completed_by_id_staff')),
    sa.ForeignKeyConstraint(['order_id'], ['upw_order.id'], name=op.f('fk_upw_assessment_order_id_upw_order'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_upw_assessment_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_upw_assessment_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_upw_assessment'))
    )
    with op.batch_alter_table('upw_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_upw_assessment_person_id'), ['person_id'], unique=False)

    op.create_table('appointment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('session_pickup_id', sa.Integer(), nullable=True),
    sa.Column('travels_by_van', sa.Boolean(), nullable=False),
    sa.Column('sheet_row', sa.Integer(), nullable=True),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('outcome_code', sa.String(length=4), nullable=True),
    sa.Column('penalty_minutes', sa.Integer(), nullable=False),
    sa.Column('minutes_credited', sa.Integer(), nullable=False),
    sa.Column('work_quality', sa.Enum('excellent', 'good', 'satisfactory', 'poor', 'unsatisfactory', name='work_quality', native_enum=False, create_constraint=True, length=18), nullable=True),
    sa.Column('behaviour', sa.Enum('excellent', 'good', 'satisfactory', 'poor', 'unsatisfactory', name='behaviour', native_enum=False, create_constraint=True, length=18), nullable=True),
    sa.Column('hi_vis_worn', sa.Boolean(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('notes_sensitive', sa.Boolean(), nullable=False),
    sa.Column('override_reason', sa.String(length=400), nullable=True),
    sa.Column('evidence_due', sa.Date(), nullable=True),
    sa.Column('evidence_received_on', sa.Date(), nullable=True),
    sa.Column('enforcement_due', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('end_time IS NULL OR start_time IS NULL OR end_time > start_time', name=op.f('ck_appointment_end_after_start')),
    sa.CheckConstraint('minutes_credited >= 0', name=op.f('ck_appointment_minutes_credited')),
    sa.CheckConstraint('penalty_minutes >= 0', name=op.f('ck_appointment_penalty_minutes')),
    sa.ForeignKeyConstraint(['order_id'], ['upw_order.id'], name=op.f('fk_appointment_order_id_upw_order'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['outcome_code'], ['outcome_code.code'], name=op.f('fk_appointment_outcome_code_outcome_code')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_appointment_person_id_person'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['session_id'], ['upw_session.id'], name=op.f('fk_appointment_session_id_upw_session'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['session_pickup_id'], ['session_pickup.id'], name=op.f('fk_appointment_session_pickup_id_session_pickup'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_appointment_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment')),
    sa.UniqueConstraint('person_id', 'session_id', name=op.f('uq_appointment_person_id_session_id'))
    )
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_order_id'), ['order_id'], unique=False)
        batch_op.create_index('ix_appointment_person', ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointment_session_id'), ['session_id'], unique=False)

    op.create_table('assessment_commitment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=True),
    sa.CheckConstraint("kind IN ('employment', 'education', 'caring', 'religious', 'other')", name=op.f('ck_assessment_commitment_kind')),
    sa.CheckConstraint('end_time > start_time', name=op.f('ck_assessment_commitment_end_after_start')),
    sa.CheckConstraint('weekday BETWEEN 0 AND 6', name=op.f('ck_assessment_commitment_weekday')),
    sa.ForeignKeyConstraint(['assessment_id'], ['upw_assessment.id'], name=op.f('fk_assessment_commitment_assessment_id_upw_assessment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_commitment'))
    )
    with op.batch_alter_table('assessment_commitment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_commitment_assessment_id'), ['assessment_id'], unique=False)

    op.create_table('handover_contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('handover_id', sa.Integer(), nullable=False),
    sa.Column('contact_date', sa.Date(), nullable=False),
    sa.Column('method', sa.Enum('email', 'phone', 'meeting', 'video', 'letter', name='contactmethod', native_enum=False, create_constraint=True, length=11), nullable=False),
    sa.Column('shared', sa.String(length=400), nullable=False),
    sa.Column('acknowledged_on', sa.Date(), nullable=True),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['handover_id'], ['handover.id'], name=op.f('fk_handover_contact_handover_id_handover'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_handover_contact_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover_contact'))
    )
    with op.batch_alter_table('handover_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_contact_handover_id'), ['handover_id'], unique=False)

    op.create_table('plan_consent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('agency', sa.String(length=120), nullable=False),
    sa.Column('consent_given', sa.Boolean(), nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['resettlement_plan.id'], name=op.f('fk_plan_consent_plan_id_resettlement_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_consent'))
    )
    with op.batch_alter_table('plan_consent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_consent_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_diversity_need',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.Enum('language', 'welsh', 'interpreter', 'literacy', 'disability', 'neurodiversity', 'age', 'faith', 'care_leaver', 'veteran', 'foreign_national', 'pregnancy', 'caring', name='diversitycategory', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('description', sa.String(length=400), nullable=False),
    sa.Column('adjustment', sa.String(length=400), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['resettlement_plan.id'], name=op.f('fk_plan_diversity_need_plan_id_resettlement_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_diversity_need'))
    )
    with op.batch_alter_table('plan_diversity_need', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_diversity_need_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_need',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('pathway_code', sa.String(length=24), nullable=False),
    sa.Column('own_words', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('not_started', 'in_progress', 'met', 'declined', name='needstatus', native_enum=False, create_constraint=True, length=15), nullable=False),
    sa.Column('responsibility', sa.Enum('prison', 'community', 'both', name='responsibility', native_enum=False, create_constraint=True, length=13), nullable=True),
    sa.Column('linked_to_offending', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['pathway_code'], ['pathway.code'], name=op.f('fk_plan_need_pathway_code_pathway')),
    sa.ForeignKeyConstraint(['plan_id'], ['resettlement_plan.id'], name=op.f('fk_plan_need_plan_id_resettlement_plan'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_plan_need_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_need')),
    sa.UniqueConstraint('plan_id', 'pathway_code', name=op.f('uq_plan_need_plan_id_pathway_code'))
    )
    op.create_table('plan_strength',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=400), nullable=False),
    sa.CheckConstraint("kind IN ('strength', 'protective_factor')", name=op.f('ck_plan_strength_kind')),
    sa.ForeignKeyConstraint(['plan_id'], ['resettlement_plan.id'], name=op.f('fk_plan_strength_plan_id_resettlement_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_strength'))
    )
    with op.batch_alter_table('plan_strength', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_strength_plan_id'), ['plan_id'], unique=False)

    op.create_table('referral',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('pathway_code', sa.String(length=24), nullable=False),
    sa.Column('provider', sa.String(length=120), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('sent', 'accepted', 'declined', 'completed', 'withdrawn', name='referralstatus', native_enum=False, create_constraint=True, length=13), nullable=False),
    sa.Column('response_expected_by', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=400), nullable=True),
    sa.Column('withdrawn_reason_code', sa.String(length=20), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status <> 'withdrawn' OR withdrawn_reason_code IS NOT NULL", name=op.f('ck_referral_withdrawn_reason')),
    sa.ForeignKeyConstraint(['pathway_code'], ['pathway.code'], name=op.f('fk_referral_pathway_code_pathway')),
    sa.ForeignKeyConstraint(['plan_id'], ['resettlement_plan.id'], name=op.f('fk_referral_plan_id_resettlement_plan'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_referral_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral'))
    )
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_plan_id'), ['plan_id'], unique=False)

    op.create_table('adjustment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('travel_time', 'ete', 'court_ordered', 'incentive', 'other', name='adjustmentkind', native_enum=False, create_constraint=True, length=17), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'approved', 'rejected', name='adjustmentstatus', native_enum=False, create_constraint=True, length=12), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('adjusted_on', sa.Date(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('minutes <> 0', name=op.f('ck_adjustment_minutes_nonzero')),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_adjustment_appointment_id_appointment'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff.id'], name=op.f('fk_adjustment_created_by_id_staff')),
    sa.ForeignKeyConstraint(['order_id'], ['upw_order.id'], name=op.f('fk_adjustment_order_id_upw_order'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_adjustment'))
    )
    with op.batch_alter_table('adjustment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_adjustment_order_id'), ['order_id'], unique=False)

    op.create_table('enforcement_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('appointment_id', sa.Integer(), nullable=True),
    sa.Column('action_code', sa.String(length=8), nullable=False),
    sa.Column('action_date', sa.Date(), nullable=False),
    sa.Column('respond_by', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=200), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['action_code'], ['enforcement_action_code.code'], name=op.f('fk_enforcement_action_action_code_enforcement_action_code')),
    sa.ForeignKeyConstraint(['appointment_id'], ['appointment.id'], name=op.f('fk_enforcement_action_appointment_id_appointment'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['order_id'], ['upw_order.id'], name=op.f('fk_enforcement_action_order_id_upw_order'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_enforcement_action_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enforcement_action'))
    )
    with op.batch_alter_table('enforcement_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enforcement_action_appointment_id'), ['appointment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enforcement_action_order_id'), ['order_id'], unique=False)

    op.create_table('need_progress',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('entry_date', sa.Date(), nullable=False),
    sa.Column('entry', sa.Text(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['need_id'], ['plan_need.id'], name=op.f('fk_need_progress_need_id_plan_need'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_need_progress_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_progress'))
    )
    with op.batch_alter_table('need_progress', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_progress_need_id'), ['need_id'], unique=False)

    op.create_table('plan_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.String(length=400), nullable=False),
    sa.Column('owner', sa.String(length=120), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('manages_risk', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['need_id'], ['plan_need.id'], name=op.f('fk_plan_action_need_id_plan_need'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['resettlement_plan.id'], name=op.f('fk_plan_action_plan_id_resettlement_plan'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff.id'], name=op.f('fk_plan_action_updated_by_id_staff'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_action'))
    )
    with op.batch_alter_table('plan_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_action_plan_id'), ['plan_id'], unique=False)
    op.create_index(op.f('ix_adjustment_appointment_id'), 'adjustment', ['appointment_id'])
    op.create_index(op.f('ix_session_supervisor_staff_id'), 'session_supervisor', ['staff_id'])
    op.create_index(op.f('ix_travel_warrant_session_id'), 'travel_warrant', ['session_id'])
    op.create_index(op.f('ix_upw_assessment_order_id'), 'upw_assessment', ['order_id'])
    op.create_index(op.f('ix_upw_session_supervisor_id'), 'upw_session', ['supervisor_id'])
    op.create_index(op.f('ix_upw_session_van_id'), 'upw_session', ['van_id'])
    _seed_reference_data()


def _seed_reference_data() -> None:
    """Code lists and settings as this revision defines them; later changes need a migration."""
    op.bulk_insert(sa.table("outcome_code", sa.column("code"), sa.column("description"),
                            sa.column("attended"), sa.column("enforceable"),
                            sa.column("acceptable_absence"), sa.column("sort_order")),
                   [{"code": o.code, "description": o.description, "attended": o.attended,
                     "enforceable": o.enforceable, "acceptable_absence": o.acceptable_absence,
                     "sort_order": i} for i, o in enumerate(codes.OUTCOME_CODES)])
    op.bulk_insert(sa.table("enforcement_action_code", sa.column("code"),
                            sa.column("description")),
                   [{"code": c, "description": d} for c, d in codes.ENFORCEMENT_ACTION_CODES])
    op.bulk_insert(sa.table("project_type", sa.column("code"), sa.column("name")),
                   [{"code": c, "name": n} for c, n in codes.PROJECT_TYPES])
    op.bulk_insert(sa.table("pathway", sa.column("code"), sa.column("name"),
                            sa.column("womens_support"), sa.column("sort_order")),
                   [{"code": c, "name": n, "womens_support": w, "sort_order": i}
                    for i, (c, n, w) in enumerate(codes.PATHWAYS)])
    op.bulk_insert(sa.table("prison", sa.column("code"), sa.column("name"),
                            sa.column("holds_women")),
                   [{"code": c, "name": n, "holds_women": w} for c, n, w in codes.PRISONS])
    op.bulk_insert(sa.table("delivery_unit", sa.column("id"), sa.column("code"),
                            sa.column("name")),
                   [{"id": i, "code": c, "name": n}
                    for i, (c, n) in enumerate(codes.DELIVERY_UNITS, start=1)])
    unit_ids = {c: i for i, (c, _n) in enumerate(codes.DELIVERY_UNITS, start=1)}
    op.bulk_insert(sa.table("office", sa.column("id"), sa.column("code"), sa.column("name"),
                            sa.column("delivery_unit_id"), sa.column("town"),
                            sa.column("postcode")),
                   [{"id": i, "code": c, "name": n, "delivery_unit_id": unit_ids[u], "town": t,
                     "postcode": p}
                    for i, (c, n, u, t, p) in enumerate(codes.OFFICES, start=1)])
    op.bulk_insert(sa.table("setting", sa.column("key"), sa.column("value"),
                            sa.column("default_value"), sa.column("value_type"),
                            sa.column("category"), sa.column("label"), sa.column("description"),
                            sa.column("unit"), sa.column("minimum"), sa.column("maximum"),
                            sa.column("version")),
                   [{"key": s.key, "value": s.default, "default_value": s.default,
                     "value_type": s.value_type, "category": s.category, "label": s.label,
                     "description": s.description, "unit": s.unit, "minimum": s.minimum,
                     "maximum": s.maximum, "version": 1} for s in SETTINGS])
    if op.get_bind().dialect.name == "postgresql":
        # Explicit ids above leave the sequences behind; move them past the seeded rows.
        for table in ("delivery_unit", "office"):
            op.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f"(SELECT MAX(id) FROM {table}))")


def downgrade() -> None:
    with op.batch_alter_table('plan_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_action_plan_id'))

    op.drop_table('plan_action')
    with op.batch_alter_table('need_progress', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_progress_need_id'))

    op.drop_table('need_progress')
    with op.batch_alter_table('enforcement_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enforcement_action_order_id'))
        batch_op.drop_index(batch_op.f('ix_enforcement_action_appointment_id'))

    op.drop_table('enforcement_action')
    with op.batch_alter_table('adjustment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_adjustment_order_id'))

    op.drop_table('adjustment')
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_plan_id'))

    op.drop_table('referral')
    with op.batch_alter_table('plan_strength', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_strength_plan_id'))

    op.drop_table('plan_strength')
    op.drop_table('plan_need')
    with op.batch_alter_table('plan_diversity_need', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_diversity_need_plan_id'))

    op.drop_table('plan_diversity_need')
    with op.batch_alter_table('plan_consent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_consent_plan_id'))

    op.drop_table('plan_consent')
    with op.batch_alter_table('handover_contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handover_contact_handover_id'))

    op.drop_table('handover_contact')
    with op.batch_alter_table('assessment_commitment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_commitment_assessment_id'))

    op.drop_table('assessment_commitment')
    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointment_session_id'))
        batch_op.drop_index('ix_appointment_person')
        batch_op.drop_index(batch_op.f('ix_appointment_order_id'))

    op.drop_table('appointment')
    with op.batch_alter_table('upw_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_upw_assessment_person_id'))

    op.drop_table('upw_assessment')
    with op.batch_alter_table('travel_warrant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_travel_warrant_person_id'))

    op.drop_table('travel_warrant')
    op.drop_table('session_supervisor')
    op.drop_table('session_pickup')
    op.drop_table('resettlement_plan')
    op.drop_table('pre_release_review')
    with op.batch_alter_table('order_extension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_extension_order_id'))

    op.drop_table('order_extension')
    op.drop_table('handover')
    with op.batch_alter_table('custody_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_custody_event_episode_id'))

    op.drop_table('custody_event')
    with op.batch_alter_table('custody_date_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_custody_date_change_episode_id'))

    op.drop_table('custody_date_change')
    with op.batch_alter_table('upw_session', schema=None) as batch_op:
        batch_op.drop_index('ix_upw_session_date')

    op.drop_table('upw_session')
    with op.batch_alter_table('upw_order', schema=None) as batch_op:
        batch_op.drop_index('ix_upw_order_status')
        batch_op.drop_index(batch_op.f('ix_upw_order_person_id'))

    op.drop_table('upw_order')
    op.drop_table('project_tag')
    with op.batch_alter_table('keep_apart', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_keep_apart_person_b_id'))

    op.drop_table('keep_apart')
    with op.batch_alter_table('custody_episode', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_custody_episode_worker_id'))
        batch_op.drop_index(batch_op.f('ix_custody_episode_prison_id'))
        batch_op.drop_index(batch_op.f('ix_custody_episode_person_id'))
        batch_op.drop_index(batch_op.f('ix_custody_episode_expected_release_date'))

    op.drop_table('custody_episode')
    with op.batch_alter_table('closure_date', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_closure_date_closed_on'))

    op.drop_table('closure_date')
    op.drop_table('van')
    op.drop_table('setting')
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_office_id'))

    op.drop_table('project')
    op.drop_table('pickup_point')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('ix_person_search_surname')
        batch_op.drop_index('ix_person_search_forename')
        batch_op.drop_index(batch_op.f('ix_person_office_id'))
        batch_op.drop_index('ix_person_date_of_birth')

    op.drop_table('person')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_occurred_at')
        batch_op.drop_index('ix_audit_event_entity')

    op.drop_table('audit_event')
    op.drop_table('warrant_serial')
    op.drop_table('staff')
    with op.batch_alter_table('office', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_office_delivery_unit_id'))

    op.drop_table('office')
    op.drop_table('project_type')
    op.drop_table('prison')
    op.drop_table('pathway')
    op.drop_table('outcome_code')
    op.drop_table('enforcement_action_code')
    op.drop_table('delivery_unit')
