"""What ``admin check`` can verify on PostgreSQL from a client: constraints and orphaned rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, and_, exists, func, inspect, select

from upw_ttg.storage.models import Base

if TYPE_CHECKING:
    from upw_ttg.storage.backup import CheckResult
    from upw_ttg.storage.database import Database

_UNVALIDATED = """
    SELECT conrelid::regclass::text, conname FROM pg_constraint
    WHERE NOT convalidated AND connamespace = current_schema()::regnamespace
    ORDER BY 1, 2"""


def missing_foreign_keys(connection: Connection) -> list[str]:
    """References the application declares that the database does not enforce."""
    inspector = inspect(connection)
    missing = []
    for table in Base.metadata.sorted_tables:
        if not inspector.has_table(table.name):
            missing.append(f"table {table.name} is missing")
            continue
        present = {(tuple(fk["constrained_columns"]), fk["referred_table"])
                   for fk in inspector.get_foreign_keys(table.name)}
        for fk in table.foreign_key_constraints:
            key = (tuple(fk.column_keys), fk.referred_table.name)
            if key not in present:
                missing.append(f"{table.name}({', '.join(fk.column_keys)}) is not enforced "
                               f"as a reference to {fk.referred_table.name}")
    return missing


def orphaned_rows(connection: Connection) -> list[tuple[str, int, str]]:
    """(table, count, referred table) for every reference that points at a missing row."""
    found = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_key_constraints:
            child, parent = table.alias("child"), fk.referred_table.alias("parent")
            pairs = [(child.c[element.parent.name], parent.c[element.column.name])
                     for element in fk.elements]
            query = (select(func.count()).select_from(child)
                     .where(*[mine.is_not(None) for mine, _ in pairs],
                            ~exists().where(and_(*[mine == theirs
                                                   for mine, theirs in pairs]))))
            count = connection.execute(query).scalar_one()
            if count:
                found.append((table.name, count, fk.referred_table.name))
    return found


def check_postgres(db: Database) -> CheckResult:
    from upw_ttg.storage.backup import CheckResult

    with db.engine.connect() as connection:
        unvalidated = [f"constraint {name} on {table} is not validated"
                       for table, name in connection.exec_driver_sql(_UNVALIDATED)]
        missing = missing_foreign_keys(connection)
        orphans = orphaned_rows(connection)
        checksums = connection.exec_driver_sql("SHOW data_checksums").scalar()
    problems = unvalidated + missing + [
        f"{count} row{'s' if count != 1 else ''} of {table} refer{'s' if count == 1 else ''} "
        f"to a missing {parent}" for table, count, parent in orphans]
    not_checked = ["the server's data files (run pg_amcheck on the server; data checksums "
                   f"are {'on' if checksums == 'on' else 'off'})",
                   "backups (PostgreSQL is backed up with pg_dump on the server)"]
    return CheckResult(problems or ["ok"], [],
                       ("constraints validated", "references enforced",
                        "orphaned rows for every reference"), tuple(not_checked))
