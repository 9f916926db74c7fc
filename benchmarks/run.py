"""``python3 dev.py bench``: build (and cache) the demo databases and print the measurements."""

from __future__ import annotations

import argparse
import platform
import time

from benchmarks import (
    attendance, read_logging, recheck, search, startup, ttg_dashboard, upw_scheduling,
)
from benchmarks.common import demo_database


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 dev.py bench")
    parser.add_argument("--scales", default="crc,national",
                        help="demo scales to measure on (default: crc,national)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the cached databases")
    parser.add_argument("--skip-start", action="store_true", help="skip the start-up timing")
    args = parser.parse_args(argv)
    print(f"upw-ttg benchmarks on {platform.node()} ({platform.processor() or platform.machine()}"
          f", Python {platform.python_version()}), {time.strftime('%Y-%m-%d %H:%M')}")
    databases = {}
    for scale in args.scales.split(","):
        path, info = demo_database(scale, args.rebuild)
        databases[scale] = path
        total = sum(info["counts"].values())
        print(f"\n[{scale}] demo data: {info['seconds']:.1f} s to generate {total:,} rows "
              f"({info['counts'].get('person', 0):,} people, "
              f"{info['counts'].get('appointment', 0):,} appointments)")
        for line in search.run(path):
            print(line)
        if scale != "national":
            print(f"\n[{scale}] Unpaid Work scheduling")
            for line in upw_scheduling.run(path):
                print(line)
            print(f"\n[{scale}] placement rules re-checked (rule 24)")
            for line in recheck.run(path):
                print(line)
            print(f"\n[{scale}] attendance")
            for line in attendance.run(path):
                print(line)
            print(f"\n[{scale}] Through the Gate")
            for line in ttg_dashboard.run(path):
                print(line)
        else:
            # The screens that must stay within their goals with read logging on, nationally.
            print(f"\n[{scale}] week planner, Through the Gate dashboard")
            for line in upw_scheduling.run_planner(path) + ttg_dashboard.run(path):
                print(line)
        print(f"\n[{scale}] opening sensitive records (DPA s.62 read logging)")
        for line in read_logging.run(path):
            print(line)
    if not args.skip_start:
        scale = "crc" if "crc" in databases else next(iter(databases))
        print(f"\n[{scale}] start-up (separate processes, offscreen)")
        for line in startup.run(databases[scale]):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
