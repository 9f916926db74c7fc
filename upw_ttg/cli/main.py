"""``python -m upw_ttg``: migrate, demo, check, backup, restore and self-test, without a screen."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from upw_ttg import __version__
from upw_ttg.bootstrap import AppLocation, open_app
from upw_ttg.errors import UpwError
from upw_ttg.files import private_umask, restore_umask
from upw_ttg.storage.backup import (
    backup_sqlite, check_database, check_restore_candidate, restore_sqlite,
)
from upw_ttg.storage.database import Database
from upw_ttg.storage.migrate import current_revision, head_revision


def _location(args: argparse.Namespace) -> AppLocation:
    return AppLocation.resolve(args.data_dir, args.database_url)


def _cmd_migrate(args: argparse.Namespace) -> int:
    app = open_app(_location(args))
    try:
        result = app.migration
        assert result is not None
        if result.changed:
            print(f"Migrated {app.db.describe()} from {result.from_revision or 'empty'} to "
                  f"{result.to_revision}.")
            if result.backup_path:
                print(f"Backup taken first: {result.backup_path}")
        else:
            print(f"{app.db.describe()} is up to date (schema {result.to_revision}).")
    finally:
        app.close()
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from upw_ttg.demo import DEMO_PASSWORD, generate_demo

    app = open_app(_location(args))
    try:
        def progress(done: int, total: int, text: str) -> None:
            print(f"  [{done}/{total}] {text}", flush=True)

        summary = generate_demo(app.db, args.scale, seed=args.seed, progress=progress)
    finally:
        app.close()
    total = sum(summary.counts.values())
    print(f"Demo data ({summary.scale}) written in {summary.seconds:.1f} s: {total:,} rows.")
    for table, count in sorted(summary.counts.items()):
        print(f"  {table:<28} {count:>10,}")
    print(f"Sign in as 'admin' with the password '{DEMO_PASSWORD}'.")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    location = _location(args)
    db = Database(location.database_url)
    try:
        revision = current_revision(db)
        result = check_database(db)
    finally:
        db.dispose()
    print(f"Database: {db.describe()}")
    print(f"Schema: {revision or 'none'} (this version expects {head_revision()})")
    print(result.describe())
    return 0 if result.ok and revision == head_revision() else 1


def _cmd_backup(args: argparse.Namespace) -> int:
    location = _location(args)
    db = Database(location.database_url)
    try:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = Path(args.output) if args.output else location.backups_dir / f"backup-{stamp}.db"
        path = backup_sqlite(db, target)
    finally:
        db.dispose()
    print(f"Backup written and verified: {path}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    location = _location(args)
    db = Database(location.database_url)
    target = db.sqlite_path
    db.dispose()
    if target is None:
        raise UpwError("Restore works on the local SQLite database only.")
    # Refuse a bad file before asking anything or touching the database in use.
    check_restore_candidate(Path(args.backup))
    live = target.exists() and target.stat().st_size > 0
    if live and not args.yes:
        print(f"This replaces {target} with {args.backup}. Run again with --yes to go ahead.")
        return 1
    if live:
        safety = location.backups_dir / f"before-restore-{dt.datetime.now():%Y%m%d-%H%M%S}.db"
        db = Database(location.database_url)
        try:
            backup_sqlite(db, safety)
        finally:
            db.dispose()
        print(f"The current database was backed up first: {safety}")
    restore_sqlite(Path(args.backup), target)
    print(f"Restored {args.backup} to {target}.")
    return 0


def _cmd_self_test(args: argparse.Namespace) -> int:
    from upw_ttg.selftest import run_self_test

    return 0 if run_self_test() else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m upw_ttg",
                                     description="upw-ttg administration, without a screen.")
    parser.add_argument("--version", action="version", version=f"upw-ttg {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, help="folder for the database, backups and logs")
    common.add_argument("--database-url", help="a PostgreSQL URL instead of the local database "
                                               "(also UPW_TTG_DATABASE_URL)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    migrate = commands.add_parser("migrate", parents=[common],
                                  help="create or upgrade the database (backing it up first)")
    migrate.set_defaults(run=_cmd_migrate)
    demo = commands.add_parser("demo", parents=[common],
                               help="fill an empty database with made-up demo data")
    demo.add_argument("--scale", choices=("small", "crc", "national"), default="small",
                      help="small: every screen; crc: one CRC (5,500 people); national: 100,000")
    demo.add_argument("--seed", type=int, default=2019, help="same seed, same data")
    demo.set_defaults(run=_cmd_demo)
    check = commands.add_parser("check", parents=[common],
                                help="integrity and foreign-key check; exit 1 on any problem")
    check.set_defaults(run=_cmd_check)
    backup = commands.add_parser("backup", parents=[common],
                                 help="write a verified backup of the local database")
    backup.add_argument("--output", help="backup file (default: the data folder's backups/)")
    backup.set_defaults(run=_cmd_backup)
    restore = commands.add_parser("restore", parents=[common],
                                  help="replace the local database with a verified backup")
    restore.add_argument("backup", help="the backup file to restore")
    restore.add_argument("--yes", action="store_true", help="replace without asking")
    restore.set_defaults(run=_cmd_restore)
    self_test = commands.add_parser("self-test", help="check this installation end to end")
    self_test.set_defaults(run=_cmd_self_test)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Databases, backups and logs hold personal data: whatever this creates is owner-only.
    previous_umask = private_umask()
    try:
        return args.run(args)
    except UpwError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        restore_umask(previous_umask)
