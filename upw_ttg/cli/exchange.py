"""``admin import`` and ``admin export``: the data exchange from the command line, for nightly runs.

Both sign in as a member of staff (``--as``; the password from ``UPW_TTG_PASSWORD`` or asked for),
so the same permissions, audit trail and access log apply as on the screens. An import prints the
preview as a text report and writes only with ``--apply``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from pathlib import Path

from upw_ttg.bootstrap import AppServices, open_app
from upw_ttg.errors import UpwError, ValidationError
from upw_ttg.paths import AppLocation
from upw_ttg.records.exchange import ROW_OUTCOME_LABELS, ImportPreview, RowOutcome

PASSWORD_VARIABLE = "UPW_TTG_PASSWORD"


def _signed_in(args: argparse.Namespace) -> AppServices:
    app = open_app(AppLocation.resolve(args.data_dir, args.database_url))
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        if not sys.stdin.isatty():
            app.close()
            raise UpwError(f"Set {PASSWORD_VARIABLE} or run this in a terminal to be asked for "
                           f"{args.username}'s password.")
        password = getpass.getpass(f"Password for {args.username}: ")
    try:
        app.staff.sign_in(args.username, password)
    except BaseException:
        app.close()
        raise
    return app


def preview_report(preview: ImportPreview, *, limit: int = 200) -> str:
    """The preview as the screen shows it, as text: counts, then each row that needs a look."""
    lines = [f"{preview.file_name} (SHA-256 {preview.sha256[:16]}…)"]
    lines += [f"  {ROW_OUTCOME_LABELS[o]:<17} {n:>7,}" for o, n in preview.counts.items()]
    shown = 0
    for row in preview.rows:
        if row.outcome in (RowOutcome.UNCHANGED, RowOutcome.NEW) or shown >= limit:
            continue
        shown += 1
        head = f"line {row.line:>6}  {row.crn or '(no CRN)':<8} {row.name[:30]:<30} " \
               f"{ROW_OUTCOME_LABELS[row.outcome]}"
        lines.append(head + (f": {row.reason}" if row.reason else ""))
        lines += [f"{'':16}{c.label}: {c.before} → {c.after}" for c in row.changes]
    hidden = sum(1 for r in preview.rows
                 if r.outcome not in (RowOutcome.UNCHANGED, RowOutcome.NEW)) - shown
    if hidden > 0:
        lines.append(f"… and {hidden:,} more rows to check.")
    return "\n".join(lines)


def cmd_import(args: argparse.Namespace) -> int:
    data = Path(args.file).read_bytes()
    app = _signed_in(args)
    try:
        kind = args.kind or ("custody" if args.file.lower().endswith(".json") else "people")
        service = app.custody_import if kind == "custody" else app.people_import
        proposal = service.propose_mapping(data, args.file)
        mapping = dict(proposal.mapping)
        for pair in args.map or []:
            field, _, header = pair.partition("=")
            mapping[field.strip()] = header.strip()
        print(f"Columns ({'remembered' if proposal.remembered else 'guessed'} mapping):")
        for field, header in mapping.items():
            print(f"  {field:<20} ← {header}")
        try:
            preview = service.preview(data, args.file, mapping)
        except ValidationError as exc:
            print("The mapping needs correcting (use --map FIELD=COLUMN):", file=sys.stderr)
            for field, message in exc.fields.items():
                print(f"  {field}: {message}", file=sys.stderr)
            return 2
        print(preview_report(preview))
        if not args.apply and not args.dry_run:
            print("Nothing written. Add --dry-run to try the whole import, or --apply to "
                  "import it.")
            return 0
        result = service.apply(data, args.file, mapping, dry_run=not args.apply,
                               confirmed_duplicates=args.confirm_duplicate or ())
        print(result.describe())
        return 0
    finally:
        app.close()


def cmd_export(args: argparse.Namespace) -> int:
    app = _signed_in(args)
    try:
        units = {u.code.upper(): u.id for u in app.people.delivery_units()}
        unit_id = units.get(args.unit.upper())
        if unit_id is None:
            print(f"error: no delivery unit has the code {args.unit}; the units are "
                  f"{', '.join(sorted(units))}.", file=sys.stderr)
            return 2
        day = dt.date.fromisoformat(args.day) if args.day else app.ctx.today()
        export = app.national_export.export_outcomes(day, unit_id, dry_run=args.dry_run)
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        path = out / export.file_name
        if export.rows or args.dry_run:
            path.write_bytes(export.content)
            print(f"Written: {path}")
        print(export.describe())
        return 0
    finally:
        app.close()


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser],
                 common: argparse.ArgumentParser) -> None:
    """Add ``import`` and ``export`` to the administration command line's sub-commands."""
    signed = argparse.ArgumentParser(add_help=False, parents=[common])
    signed.add_argument("--as", dest="username", required=True,
                        help=f"sign in as this member of staff (password from "
                             f"{PASSWORD_VARIABLE}, or asked for)")
    imp = commands.add_parser(
        "import", parents=[signed],
        help="import people and orders from an NDelius extract (CSV or .xlsx), or custody "
             "records (CSV, or Prisoner Search JSON)")
    imp.add_argument("file", help="the extract")
    imp.add_argument("--kind", choices=("people", "custody"),
                     help="what the file holds (default: custody for .json, else people)")
    imp.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                     help="map a field to a column, e.g. --map crn='Case Ref' (repeatable)")
    imp.add_argument("--dry-run", action="store_true",
                     help="run the whole import and roll it back")
    imp.add_argument("--apply", action="store_true", help="write the import")
    imp.add_argument("--confirm-duplicate", action="append", type=int, metavar="LINE",
                     help="import this likely duplicate's line as a different person")
    imp.set_defaults(run=cmd_import)
    exp = commands.add_parser(
        "export", parents=[signed],
        help="export a day's keyed outcomes for the national record (CSV)")
    exp.add_argument("--unit", required=True, help="delivery unit code, e.g. YNY")
    exp.add_argument("--day", help="the day, as 2026-11-24 (default: today)")
    exp.add_argument("--out", default=".", help="folder for the file (default: here)")
    exp.add_argument("--dry-run", action="store_true",
                     help="write the file but do not mark the outcomes as sent")
    exp.set_defaults(run=cmd_export)
