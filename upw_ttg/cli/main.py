"""``python -m upw_ttg``: migrate, demo, check, backup, restore, import, export and self-test."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from upw_ttg import __version__
from upw_ttg.bootstrap import open_app
from upw_ttg.domain.codes import parse_language
from upw_ttg.errors import UpwError
from upw_ttg.files import private_umask, restore_umask
from upw_ttg.paths import AppLocation, sqlite_url
from upw_ttg.storage.backup import (
    CheckResult,
    backup_sqlite,
    check_database,
    check_restore_candidate,
    restore_sqlite,
)
from upw_ttg.storage.chain import check_chains
from upw_ttg.storage.database import Database
from upw_ttg.storage.inspection import FileState, examine_sqlite_file
from upw_ttg.storage.migrate import current_revision, head_revision, known_revisions
from upw_ttg.storage.statistics import refresh_statistics


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
    url = make_url(location.database_url)
    if url.get_backend_name() == "sqlite":
        return _check_sqlite_file(Path(url.database or ""))
    db = Database(location.database_url)
    try:
        revision = current_revision(db)
        result = check_database(db)
    finally:
        db.dispose()
    print(f"Database: {db.describe()}")
    print(f"Schema: {revision or 'none'} (this version expects {head_revision()})")
    print(result.describe())
    chains_ok = _check_chains(location) if result.ok and revision == head_revision() else True
    return 0 if result.ok and revision == head_revision() and chains_ok else 1


def _check_chains(location: AppLocation) -> bool:
    """Print whether the audit trail and access log chains are unbroken; True if they are."""
    db = Database(location.database_url)
    try:
        checks = check_chains(db)
    finally:
        db.dispose()
    for check in checks:
        print(check.describe())
    return all(check.ok for check in checks)


def _check_sqlite_file(path: Path) -> int:
    """Any file, read-only: what it is, and for a database the full checks."""
    head = head_revision()
    report = examine_sqlite_file(path, full=True, known_revisions=known_revisions())
    print(f"Database: {path}")
    if report.state is not FileState.USABLE:
        print(report.describe())
        return 1
    print(f"Schema: {report.revision or 'none'} (this version expects {head})")
    result = CheckResult(["ok"], list(report.foreign_keys),
                         ("SQLite integrity check", "foreign keys"))
    print(result.describe())
    if report.revision != head:
        print("The schema is older than this version's: python3 dev.py admin migrate "
              "upgrades it (after a verified backup).")
        return 1
    chains_ok = _check_chains(AppLocation.resolve(path.parent, sqlite_url(path))) \
        if result.ok else True
    return 0 if result.ok and chains_ok else 1


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
    safety = None
    if live:
        safety = location.backups_dir / f"before-restore-{dt.datetime.now():%Y%m%d-%H%M%S}.db"
        db = Database(location.database_url)
        try:
            backup_sqlite(db, safety)
        finally:
            db.dispose()
        print(f"The current database was backed up first: {safety}")
    restore_sqlite(Path(args.backup), target)
    _record_restore(location, Path(args.backup), safety)
    print(f"Restored {args.backup} to {target}.")
    return 0


def _record_restore(location: AppLocation, backup: Path, safety: Path | None) -> None:
    """The restore goes into the restored database's own audit trail (upgraded first if the
    backup is from an older version), so replacing the trail is never unrecorded."""
    from upw_ttg.services.audit import record_system_event

    app = open_app(location)
    try:
        with app.db.write() as session:
            record_system_event(session, "database_restore", {
                "restored_from": backup.name, "backup_sha256": _sha256(backup),
                "previous_database_saved_as": safety.name if safety else None,
                "via": "command line"})
        refresh_statistics(app.db)
    finally:
        app.close()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _cmd_export_person(args: argparse.Namespace) -> int:
    """A subject access export: everything held on one person, as PDF and JSON."""
    from upw_ttg.services.subject_access import export_person, person_id_for_crn, save_export

    app = open_app(_location(args))
    try:
        person_id = person_id_for_crn(app.ctx, args.crn)
        export = export_person(app.ctx, person_id, "the administration command line",
                               "command line", args.language)
    finally:
        app.close()
    pdf_path, json_path = save_export(export, args.out)
    print(f"Subject access export written: {pdf_path} and {json_path}")
    print("It holds personal data: hand it over securely and delete these copies afterwards.")
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
    export = commands.add_parser("export-person", parents=[common],
                                 help="subject access: export everything held on one person")
    export.add_argument("crn", help="the person's case reference number, e.g. X123456")
    export.add_argument("--out", type=Path, required=True,
                        help="folder for the PDF (to read) and JSON (complete) files")
    export.add_argument("--language", type=parse_language, default=None, metavar="{en,cy}",
                        help="the PDF's language: en (English) or cy (Welsh); the person's "
                             "own if not given")
    export.set_defaults(run=_cmd_export_person)
    from upw_ttg.cli.exchange import add_commands
    add_commands(commands, common)
    self_test = commands.add_parser("self-test", help="check this installation end to end")
    self_test.set_defaults(run=_cmd_self_test)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Databases, backups and logs hold personal data: whatever this creates is owner-only.
    previous_umask = private_umask()
    try:
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except UpwError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:
        # A server that cannot be reached, a wrong password, a driver that is not installed.
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        print(f"error: the database could not be used ({type(exc).__name__}: {reason}). "
              "Check --database-url or UPW_TTG_DATABASE_URL and that the server is running.",
              file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.strerror or exc}"
              + (f": {exc.filename}" if getattr(exc, "filename", None) else ""),
              file=sys.stderr)
        return 2
    finally:
        restore_umask(previous_umask)
