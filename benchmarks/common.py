"""Shared pieces of the benchmarks: cached demo databases, timing and reporting."""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import event

from upw_ttg.bootstrap import AppLocation, AppServices, build_services
from upw_ttg.storage.database import Database, sqlite_url
from upw_ttg.storage.migrate import upgrade

CACHE = Path(__file__).resolve().parent / ".cache"


@dataclass(frozen=True)
class Timing:
    name: str
    samples_ms: list[float]
    # Processor time of each sample, where measured: on a shared machine the wall clock also
    # counts the time spent waiting for a core.
    cpu_ms: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        if len(self.samples_ms) < 2:
            return self.samples_ms[0]
        return statistics.quantiles(self.samples_ms, n=20, method="inclusive")[18]

    def line(self, baseline: Timing | None = None) -> str:
        ratio = ""
        if baseline is not None:
            ratio = (f"   ×{self.median / baseline.median:5.2f} median, "
                     f"×{self.p95 / baseline.p95:5.2f} p95 vs {baseline.name}")
        cpu = f"   cpu {statistics.median(self.cpu_ms):8.2f} ms" if self.cpu_ms else ""
        return (f"  {self.name:<42} median {self.median:8.2f} ms   p95 {self.p95:8.2f} ms   "
                f"n={len(self.samples_ms)}{cpu}{ratio}")


Call = Callable[[], object]


def alternated(subject: tuple[str, Call | list[Call]], baseline: tuple[str, Call | list[Call]],
               runs: int = 0, warmup: int = 1) -> tuple[Timing, Timing]:
    """Subject and baseline timed in turn, run after run, so a busy machine slows both alike.

    Each side is one call made ``runs`` times, or a list of calls made once each (the n-th
    subject call beside the n-th baseline call).
    """
    (subject_name, subject_calls), (baseline_name, baseline_calls) = subject, baseline
    if callable(subject_calls):
        subject_calls = [subject_calls] * runs
    if callable(baseline_calls):
        baseline_calls = [baseline_calls] * runs
    for pair in list(zip(subject_calls, baseline_calls, strict=True))[:warmup]:
        for call in pair:
            call()
    samples: dict[str, tuple[list[float], list[float]]] = {"s": ([], []), "b": ([], [])}
    for pair in zip(subject_calls, baseline_calls, strict=True):
        for key, call in zip("sb", pair, strict=True):
            cpu, start = time.process_time(), time.perf_counter()
            call()
            samples[key][0].append((time.perf_counter() - start) * 1000)
            samples[key][1].append((time.process_time() - cpu) * 1000)
    return (Timing(subject_name, *samples["s"]), Timing(baseline_name, *samples["b"]))


def statements_of(db: Database, call: Call) -> list[tuple[str, Any]]:
    """The SQL statements, with their parameters, that ``call`` sends to the database."""
    sent: list[tuple[str, Any]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if statement.strip().upper() not in ("BEGIN", "COMMIT", "ROLLBACK"):
            sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return sent


class RawConnection:
    """The floor for a service call: exactly the statements it sent, run on the driver's own
    connection (no ORM, no session, no row objects), every row fetched, in one transaction."""

    def __init__(self, db: Database):
        self._connection = db.engine.raw_connection()

    def replay(self, statements: list[tuple[str, Any]]) -> Call:
        def run() -> None:
            cursor = self._connection.cursor()
            try:
                for statement, parameters in statements:
                    cursor.execute(statement, parameters)
                    if cursor.description is not None:
                        cursor.fetchall()
            finally:
                cursor.close()
                self._connection.rollback()
        return run

    def close(self) -> None:
        self._connection.close()


def time_calls(name: str, calls: list[Callable[[], object]], warmup: int = 5) -> Timing:
    for call in calls[:warmup]:
        call()
    samples = []
    for call in calls:
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return Timing(name, samples)


def demo_database(scale: str, rebuild: bool = False) -> tuple[Path, dict]:
    """The cached SQLite database of ``scale`` and how long generating it took."""
    from upw_ttg.demo import generate_demo

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{scale}.db"
    info_path = CACHE / f"{scale}.json"
    if rebuild or not path.exists() or not info_path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        db = Database(sqlite_url(path))
        try:
            upgrade(db)
            print(f"  building the {scale} demo database (cached in {path}) ...", flush=True)
            summary = generate_demo(db, scale)
        finally:
            db.dispose()
        info_path.write_text(json.dumps({"seconds": summary.seconds, "counts": summary.counts}))
    return path, json.loads(info_path.read_text())


def open_services(path: Path | str) -> AppServices:
    """Services on a cached SQLite file, or on a database URL (PostgreSQL)."""
    url = path if isinstance(path, str) else sqlite_url(path)
    folder = Path(os.environ.get("TMPDIR", "/tmp")) if isinstance(path, str) else path.parent
    return build_services(Database(url), AppLocation(folder, url))


def upgraded(path: Path) -> Path:
    """``path`` brought to the current schema (the cache may predate the newest migration)."""
    db = Database(sqlite_url(path))
    try:
        upgrade(db)
    finally:
        db.dispose()
    return path


def postgres_demo(url: str, sqlite_copy: Path, scale: str) -> str:
    """``url``'s database holding the same demo as ``sqlite_copy`` (generated there with the
    same seed and day if it is empty), at the current schema, its statistics gathered."""
    import datetime as dt

    from sqlalchemy import select, text

    from upw_ttg.demo import generate_demo
    from upw_ttg.storage.models import DemoMarker
    from upw_ttg.storage.statistics import refresh_statistics

    cached = Database(sqlite_url(sqlite_copy))
    try:
        with cached.read() as session:
            # Read inside the unit of work: its rollback leaves the row's attributes unloaded.
            seed, generated_at = session.execute(
                select(DemoMarker.seed, DemoMarker.generated_at)).first()
    finally:
        cached.dispose()
    db = Database(url)
    try:
        upgrade(db)
        with db.read() as session:
            people = session.execute(text("SELECT count(*) FROM person")).scalar()
        if not people:
            print(f"  generating the {scale} demo in {db.describe()} ...", flush=True)
            generate_demo(db, scale, seed=seed,
                          today=dt.date.fromisoformat(str(generated_at)[:10]))
        refresh_statistics(db)
    finally:
        db.dispose()
    return url
