"""``admin import`` and ``admin export`` from the command line: preview, dry run, apply."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from upw_ttg.cli.main import main as cli_main
from upw_ttg.storage.models import Person

from .extracts import make_people, to_csv
from tests.conftest import TEST_PASSWORD


def people(app) -> int:
    with app.db.read() as session:
        return session.scalar(select(func.count()).select_from(Person))


def run(app, db_url, tmp_path, *args) -> int:
    return cli_main([*args, "--as", "admin", "--database-url", db_url,
                     "--data-dir", str(tmp_path / "data")])


def test_import_previews_then_dry_runs_then_applies(app, db_url, tmp_path, monkeypatch,
                                                    capsys):
    monkeypatch.setenv("UPW_TTG_PASSWORD", TEST_PASSWORD)
    made = make_people(300)
    extract = tmp_path / "people.csv"
    extract.write_bytes(to_csv(made.rows))

    assert run(app, db_url, tmp_path, "import", str(extract)) == 0
    report = capsys.readouterr().out
    assert "Rejected" in report and f"line {min(made.bad_lines):>6}" in report
    assert "Nothing written" in report and people(app) == 0

    assert run(app, db_url, tmp_path, "import", str(extract), "--dry-run") == 0
    assert "Dry run, nothing written" in capsys.readouterr().out and people(app) == 0

    assert run(app, db_url, tmp_path, "import", str(extract), "--apply") == 0
    assert "Imported: people.csv" in capsys.readouterr().out
    assert people(app) == 300 - len(made.bad_lines)


def test_prisoner_search_json_is_imported_as_custody(app, db_url, tmp_path, monkeypatch,
                                                   capsys):
    monkeypatch.setenv("UPW_TTG_PASSWORD", TEST_PASSWORD)
    from .test_custody_import import page, prisoner

    extract = tmp_path / "prisoners.json"
    extract.write_bytes(page(prisoner("A1234BC")))
    assert run(app, db_url, tmp_path, "import", str(extract), "--apply") == 0
    out = capsys.readouterr().out
    assert "prisonerNumber" in out and "Rejected" in out   # nobody on record to match


def test_a_wrong_mapping_is_explained(app, db_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("UPW_TTG_PASSWORD", TEST_PASSWORD)
    extract = tmp_path / "people.csv"
    extract.write_bytes(to_csv(make_people(3).rows))
    assert run(app, db_url, tmp_path, "import", str(extract), "--map",
               "surname=Family") == 2
    assert "The file has no column “Family”." in capsys.readouterr().err


def test_a_wrong_password_signs_nobody_in(app, db_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("UPW_TTG_PASSWORD", "not the password")
    extract = tmp_path / "people.csv"
    extract.write_bytes(to_csv(make_people(3).rows))
    assert run(app, db_url, tmp_path, "import", str(extract), "--apply") == 2
    assert "error:" in capsys.readouterr().err and people(app) == 0


def test_export_writes_the_days_file(app, db_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("UPW_TTG_PASSWORD", TEST_PASSWORD)
    out = tmp_path / "out"
    assert run(app, db_url, tmp_path, "export", "--unit", "yny", "--day",
               dt.date(2026, 11, 24).isoformat(), "--out", str(out), "--dry-run") == 0
    text = capsys.readouterr().out
    assert "Dry run: 0 outcomes." in text
    assert [p.name for p in out.iterdir()] == ["upw-outcomes-YNY-2026-11-24.csv"]
    assert run(app, db_url, tmp_path, "export", "--unit", "XXX", "--out", str(out)) == 2
