"""The migration that links the pre-release review's GP practice and pharmacy to the directory:
a typed review is kept as it was, the links start empty, and undoing it drops only them."""

from __future__ import annotations

from sqlalchemy import text

from upw_ttg.storage.database import Database

from tests.storage.migration_support import add_person_in_custody, columns, migrate_to

_LINKS = {"gp_provider_id", "prescriptions_provider_id"}


def _typed_review(db: Database) -> None:
    """A review saved before the links existed, its GP and pharmacy typed."""
    migrate_to(db, "0030")
    with db.write() as session:
        add_person_in_custody(session)
        session.execute(text(
            "INSERT INTO pre_release_review (id, episode_id, gp_details, "
            "prescriptions_arranged, prescriptions_collect_from, version) "
            "VALUES (1, 1, 'Dr Patel, Hull', true, 'Boots, Hull', 1)"))


def test_the_links_come_and_go(empty_database: Database):
    db = empty_database
    _typed_review(db)
    assert not _LINKS & columns(db, "pre_release_review")
    migrate_to(db, "0031")
    assert columns(db, "pre_release_review") >= _LINKS
    with db.read() as session:
        row = session.execute(text(
            "SELECT gp_details, prescriptions_collect_from, gp_provider_id, "
            "prescriptions_provider_id FROM pre_release_review")).one()
    assert tuple(row) == ("Dr Patel, Hull", "Boots, Hull", None, None)
    migrate_to(db, "0030", down=True)
    assert not _LINKS & columns(db, "pre_release_review")
    with db.read() as session:
        assert session.execute(text("SELECT gp_details FROM pre_release_review")).scalar() \
            == "Dr Patel, Hull"
