"""Shared pieces of the benchmarks: cached demo databases, timing and reporting."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from upw_ttg.bootstrap import AppLocation, AppServices, build_services
from upw_ttg.storage.database import Database, sqlite_url
from upw_ttg.storage.migrate import upgrade

CACHE = Path(__file__).resolve().parent / ".cache"


@dataclass(frozen=True)
class Timing:
    name: str
    samples_ms: list[float]

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
        return (f"  {self.name:<42} median {self.median:8.2f} ms   p95 {self.p95:8.2f} ms   "
                f"n={len(self.samples_ms)}{ratio}")


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


def open_services(path: Path) -> AppServices:
    url = sqlite_url(path)
    services = build_services(Database(url), AppLocation(path.parent, url))
    return services
