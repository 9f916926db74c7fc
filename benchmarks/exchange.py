"""Data exchange: importing a CRC's extract, previewing it, and a national day's outcome files.

The extract is the crc demo's own people and orders, written out by the people export in the
columns the import reads, then imported into an empty database, as an office adopting the
application would. Each figure is printed beside a baseline run in the same process: reading the
file alone for the preview, the same rows inserted with raw SQL for the import, and the export's
own SELECT for the outcome files.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from upw_ttg.domain.codes import Role
from upw_ttg.domain.extract import read_extract
from upw_ttg.storage.database import Database, sqlite_url
from upw_ttg.storage.migrate import upgrade
from upw_ttg.storage.models import Appointment, DeliveryUnit, UpwSession

from benchmarks.actors import act_as
from benchmarks.common import open_services, upgraded

_CPU: dict[str, float] = {}


def _seconds(work: Callable[[], object], name: str = "") -> tuple[float, object]:
    """Wall-clock seconds of ``work`` (its processor seconds kept under ``name``)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    _CPU[name] = time.process_time() - cpu
    return time.perf_counter() - start, result


def _upgraded_copy(path: Path, folder: Path) -> Path:
    """A copy of a cached demo database at the current schema (the cache may be older)."""
    copy = folder / path.name
    source, target = sqlite3.connect(path), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    return upgraded(copy)


def _empty_database(folder: Path, staff_from: Path) -> Path:
    """A migrated database holding only the reference data and the demo's staff."""
    path = folder / "empty.db"
    db = Database(sqlite_url(path))
    try:
        upgrade(db)
    finally:
        db.dispose()
    connection = sqlite3.connect(path)
    connection.execute("ATTACH DATABASE ? AS demo", (str(staff_from),))
    columns = [r[1] for r in connection.execute("PRAGMA main.table_info(staff)")]
    names = ", ".join(columns)
    connection.execute(f"INSERT INTO main.staff ({names}) SELECT {names} FROM demo.staff")
    connection.execute("INSERT INTO main.staff_role SELECT * FROM demo.staff_role")
    connection.commit()
    connection.close()
    return path


def run(crc_path: Path, national_path: Path | None = None) -> list[str]:
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        crc = _upgraded_copy(crc_path, work)
        source = open_services(crc)
        try:
            act_as(source, Role.MANAGER)
            seconds, exported = _seconds(lambda: source.people_export.export())
        finally:
            source.close()
        data = exported.content
        lines.append(f"  people export (crc, {exported.rows:,} rows)        {seconds:8.2f} s")
        target_path = _empty_database(work, crc)
        target = open_services(target_path)
        try:
            act_as(target, Role.COORDINATOR)
            service = target.people_import
            read_s, _extract = _seconds(lambda: read_extract(data, exported.file_name))
            mapping = service.propose_mapping(data, exported.file_name).mapping
            preview_s, preview = _seconds(lambda: service.preview(data, exported.file_name,
                                                                  mapping), "preview")
            lines.append(f"  preview, every row (crc, {len(preview.rows):,} rows)  "
                         f"{preview_s:8.2f} s ({_CPU['preview']:.2f} s processor)   (goal ≤ 2 s;"
                         f" reading the file alone {read_s:.2f} s, ×{preview_s / read_s:.1f})")
            import_s, result = _seconds(lambda: service.apply(data, exported.file_name,
                                                              mapping), "import")
            lines.append(f"  import, one transaction (crc)        {import_s:8.2f} s "
                         f"({_CPU['import']:.2f} s processor)   (goal ≤ 30 s) "
                         f"{result.describe()}")
            again_s, again = _seconds(lambda: service.apply(data, exported.file_name, mapping))
            lines.append(f"  the same file again (nothing changes) {again_s:7.2f} s   "
                         f"{again.describe()}")
        finally:
            target.close()
        raw_s = _raw_insert_baseline(work, crc)
        lines.append(f"  baseline: raw SQL insert of the same people and orders {raw_s:6.2f} s "
                     f"(import ×{import_s / raw_s:.1f})")
        if national_path is not None:
            lines += _national_outcomes(_upgraded_copy(national_path, work))
    return lines


def _raw_insert_baseline(folder: Path, crc: Path) -> float:
    """The people and orders copied table to table with plain SQL into an empty database."""
    path = folder / "raw.db"
    db = Database(sqlite_url(path))
    try:
        upgrade(db)
    finally:
        db.dispose()
    connection = sqlite3.connect(path)
    connection.execute("ATTACH DATABASE ? AS demo", (str(crc),))
    start = time.perf_counter()
    for table in ("staff", "person", "upw_order"):
        columns = ", ".join(r[1] for r in connection.execute(f"PRAGMA main.table_info({table})"))
        connection.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} "
                           f"FROM demo.{table}")
    connection.commit()
    seconds = time.perf_counter() - start
    connection.close()
    return seconds


def _national_outcomes(path: Path) -> list[str]:
    """Every delivery unit's outcome file for the national demo's busiest past day."""
    services = open_services(path)
    try:
        act_as(services, Role.MANAGER)
        with services.db.read() as session:
            today = services.ctx.today()
            day = session.scalar(
                select(UpwSession.session_date)
                .join(Appointment, Appointment.session_id == UpwSession.id)
                .where(Appointment.outcome_code.is_not(None), UpwSession.session_date < today)
                .group_by(UpwSession.session_date)
                .order_by(func.count().desc()).limit(1)) or today - dt.timedelta(days=1)
            units = list(session.scalars(select(DeliveryUnit.id)))
        service = services.national_export
        seconds, files = _seconds(lambda: [service.export_outcomes(day, unit, dry_run=True)
                                           for unit in units])
        rows = sum(f.rows for f in files)
        raw_start = time.perf_counter()
        with services.db.read() as session:
            raw_rows = session.execute(
                select(Appointment.id).join(UpwSession, UpwSession.id == Appointment.session_id)
                .where(UpwSession.session_date == day,
                       Appointment.outcome_code.is_not(None))).all()
        raw_s = time.perf_counter() - raw_start
        mark_s, _marked = _seconds(lambda: [service.export_outcomes(day, unit) for unit in units])
        return [f"  outcome files, every unit, national busiest day {day:%d/%m/%Y} "
                f"({rows:,} outcomes): {seconds:.2f} s (goal ≤ 5 s); marked as sent "
                f"{mark_s:.2f} s; baseline SELECT of the day's outcomes {raw_s * 1000:.0f} ms "
                f"({len(raw_rows):,} rows)"]
    finally:
        services.close()


def main() -> int:
    from benchmarks.common import demo_database

    crc, _info = demo_database("crc")
    national, _info = demo_database("national")
    for line in run(crc, national):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
