"""``python3 dev.py bench``: build (and cache) the demo databases and print the measurements."""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

from benchmarks import (
    attendance,
    exchange,
    figures,
    lists,
    read_logging,
    recheck,
    risk_sharing,
    search,
    startup,
    texts,
    ttg_dashboard,
    upw_scheduling,
)
from benchmarks.common import demo_database, postgres_demo, upgraded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 dev.py bench")
    parser.add_argument("--scales", default="crc,national",
                        help="demo scales to measure on (default: crc,national)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the cached databases")
    parser.add_argument("--skip-start", action="store_true", help="skip the start-up timing")
    parser.add_argument("--lists-only", action="store_true",
                        help="measure only the list screens' data")
    parser.add_argument("--screens-only", action="store_true",
                        help="measure only what screens read: lists, search, dashboard, "
                             "planner and auto-fill")
    parser.add_argument("--skip-lists", action="store_true", help="skip the list screens")
    parser.add_argument("--postgres", default=os.environ.get("UPW_TTG_BENCH_POSTGRES"),
                        help="also measure on PostgreSQL: a database URL with {scale} in its "
                             "name, one database per scale, the demo generated there if empty "
                             "(also UPW_TTG_BENCH_POSTGRES)")
    args = parser.parse_args(argv)
    print(f"upw-ttg benchmarks on {platform.node()} ({platform.processor() or platform.machine()}"
          f", Python {platform.python_version()}), {time.strftime('%Y-%m-%d %H:%M')}")
    databases = {}
    for scale in args.scales.split(","):
        path, info = demo_database(scale, args.rebuild)
        databases[scale] = upgraded(path)
        total = sum(info["counts"].values())
        print(f"\n[{scale}] demo data: {info['seconds']:.1f} s to generate {total:,} rows "
              f"({info['counts'].get('person', 0):,} people, "
              f"{info['counts'].get('appointment', 0):,} appointments)")
        targets: list[tuple[str, Path | str]] = [("SQLite", path)]
        if args.postgres:
            targets.append(("PostgreSQL", postgres_demo(args.postgres.format(scale=scale),
                                                        path, scale)))
        for engine, target in targets:
            if not args.skip_lists:
                print(f"\n[{scale}, {engine}] list screens' data (alternated with raw SQL)")
                for line in lists.run(target):
                    print(line, flush=True)
            if args.lists_only:
                continue
            print(f"\n[{scale}, {engine}] person search")
            for line in search.run(target):
                print(line, flush=True)
            print(f"\n[{scale}, {engine}] Through the Gate dashboard")
            for line in ttg_dashboard.run(target):
                print(line, flush=True)
            print(f"\n[{scale}, {engine}] managers' figures (12 months)")
            for line in figures.run(target):
                print(line, flush=True)
            print(f"\n[{scale}, {engine}] Unpaid Work scheduling (planner and auto-fill)")
            for line in upw_scheduling.run(target):
                print(line, flush=True)
        if args.lists_only or args.screens_only:
            continue
        if scale != "national":
            print(f"\n[{scale}] placement rules re-checked (rule 24)")
            for line in recheck.run(path):
                print(line)
            print(f"\n[{scale}] attendance")
            for line in attendance.run(path):
                print(line)
            print(f"\n[{scale}] risk change fan-out (rule UPW-RISKSHARE)")
            for line in risk_sharing.run(path):
                print(line)
            print(f"\n[{scale}] text reminders for the busiest coming day (rule UPW-TEXTS)")
            for line in texts.run(path):
                print(line)
        print(f"\n[{scale}] opening sensitive records (DPA s.62 read logging)")
        for line in read_logging.run(path):
            print(line)
    if "crc" in databases and not args.lists_only and not args.screens_only:
        print("\n[crc and national] data exchange (import a CRC's extract, national outcome "
              "files)")
        for line in exchange.run(databases["crc"], databases.get("national")):
            print(line)
    if not args.skip_start and not args.lists_only and not args.screens_only:
        scale = "crc" if "crc" in databases else next(iter(databases))
        print(f"\n[{scale}] start-up (separate processes, offscreen)")
        for line in startup.run(databases[scale]):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
