"""The directory migration on a database with referrals: each typed provider name becomes one
directory entry (names differing only in case or spacing are one), helping with the pathways
it was referred for, and every referral points at it (rule TTG-DIR4)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from upw_ttg.storage.database import Database

from tests.storage.migration_support import add_person_in_custody, migrate_to, revision_in_file

REFERRALS = [  # (pathway, provider as typed)
    ("accommodation", "Shelter"), ("accommodation", "shelter "), ("finance_id", "SHELTER"),
    ("drugs_alcohol", "Humber  Recovery"), ("drugs_alcohol", "Humber Recovery"),
    ("health", "Dr Patel's surgery"),
]


def _referrals_typed(db: Database, before: str) -> None:
    migrate_to(db, before)
    with db.write() as session:
        add_person_in_custody(session)
        session.execute(text(
            "INSERT INTO resettlement_plan (id, episode_id, status, "
            "strengths_none_identified, diversity_considered, version) "
            "VALUES (1, 1, 'draft', false, false, 1)"))
        for i, (pathway, provider) in enumerate(REFERRALS, start=1):
            session.execute(text(
                "INSERT INTO referral (id, plan_id, pathway_code, provider, sent_on, status, "
                "version) VALUES (:id, 1, :pathway, :provider, :on, 'sent', 1)"),
                {"id": i, "pathway": pathway, "provider": provider,
                 "on": dt.date(2026, 10, 10)})


def test_typed_providers_become_directory_entries(empty_database: Database):
    db = empty_database
    revision, before = revision_in_file("directory_of_local_services")
    _referrals_typed(db, before)
    migrate_to(db, revision)
    with db.read() as session:
        providers = session.execute(text(
            "SELECT id, name, national, active, version FROM service_provider ORDER BY name"
        )).all()
        pathways = session.execute(text(
            "SELECT p.name, sp.pathway_code FROM service_provider_pathway sp "
            "JOIN service_provider p ON p.id = sp.provider_id ORDER BY p.name, sp.pathway_code"
        )).all()
        links = session.execute(text(
            "SELECT r.id, p.name FROM referral r JOIN service_provider p "
            "ON p.id = r.provider_id ORDER BY r.id")).all()
        areas = session.execute(text("SELECT count(*) FROM service_provider_area")).scalar()
    assert [(name, bool(national), bool(active), version)
            for _id, name, national, active, version in providers] == [
        ("Dr Patel's surgery", False, True, 1), ("Humber Recovery", False, True, 1),
        ("Shelter", False, True, 1)]
    assert [tuple(p) for p in pathways] == [
        ("Dr Patel's surgery", "health"), ("Humber Recovery", "drugs_alcohol"),
        ("Shelter", "accommodation"), ("Shelter", "finance_id")]
    assert [tuple(x) for x in links] == [
        (1, "Shelter"), (2, "Shelter"), (3, "Shelter"), (4, "Humber Recovery"),
        (5, "Humber Recovery"), (6, "Dr Patel's surgery")]
    # Areas are for an administrator to add: none are guessed.
    assert areas == 0
    migrate_to(db, before, down=True)
    with db.read() as session:
        typed = session.execute(text("SELECT provider FROM referral ORDER BY id")).scalars()
        assert list(typed) == [provider for _pathway, provider in REFERRALS]
    migrate_to(db, "head")
    # The ids handed out by the migration are behind the sequence: a new entry is next.
    with db.write() as session:
        new_id = session.execute(text(
            "INSERT INTO service_provider (name, national, active, version) "
            "VALUES ('New', false, true, 1) RETURNING id")).scalar()
    assert new_id == 4
