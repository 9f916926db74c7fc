"""Subject access: everything held on one person, as a PDF to read and JSON that misses nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from upw_ttg.cli.main import main as cli
from upw_ttg.domain.access import AccessAction
from upw_ttg.domain.codes import (
    AuditAction,
    Gender,
    Language,
    NeedStatus,
    OrderType,
    Responsibility,
    Role,
)
from upw_ttg.errors import PermissionDeniedError
from upw_ttg.records.custody import CustodyInput
from upw_ttg.records.people import PersonInput
from upw_ttg.records.subject_access import WITHHELD
from upw_ttg.records.ttg import NeedInput, OfficerInput
from upw_ttg.services.subject_access import person_tables
from upw_ttg.storage.models import (
    AccessEvent,
    Appointment,
    AuditEvent,
    Base,
    KeepApart,
    Project,
    UpwAssessment,
    UpwOrder,
    UpwSession,
)


def _person(app, crn: str, forename: str, surname: str) -> int:
    return app.people.create(PersonInput(crn=crn, forename=forename, surname=surname,
                                         date_of_birth=dt.date(1988, 3, 4),
                                         gender=Gender.MALE, address_line1="3 Heol y Bryn",
                                         town="Hull", postcode="HU1 1AA")).id


def _unpaid_work(app, person_id: int) -> None:
    """An order, an assessment and a session place, written as the schedulers would."""
    with app.db.write() as session:
        order = UpwOrder(person_id=person_id, court="Hull Magistrates' Court",
                         sentence_date=dt.date(2026, 9, 1), order_type=OrderType.COMMUNITY_ORDER,
                         hours_ordered=80, deadline=dt.date(2027, 9, 1))
        project = Project(code=f"P{person_id:05d}", name="Allotment", project_type="group",
                          office_id=1, beneficiary="Hull Allotments", site_address="Park Rd",
                          frequency="weekly",
                          weekdays="12345", start_time=dt.time(9), end_time=dt.time(16),
                          available_from=dt.date(2026, 1, 1), capacity=10)
        session.add_all([order, project])
        session.flush()
        upw_session = UpwSession(project_id=project.id, session_date=dt.date(2026, 11, 24),
                                 start_time=dt.time(9), end_time=dt.time(16))
        session.add_all([upw_session, UpwAssessment(person_id=person_id, order_id=order.id,
                                                    completed_on=dt.date(2026, 9, 3))])
        session.flush()
        session.add(Appointment(person_id=person_id, order_id=order.id,
                                session_id=upw_session.id, notes="Worked hard"))


def _through_the_gate(app, person_id: int, number: str) -> int:
    prison = app.custody.prisons()[0].id
    episode = app.custody.create(CustodyInput(
        person_id=person_id, prison_id=prison, prison_number=number,
        reception_date=dt.date(2026, 11, 2), screening_date=dt.date(2026, 11, 3))).id
    plan = app.plans.create(episode)
    app.plans.save_need(plan.id, NeedInput("accommodation", own_words="A flat near my mum",
                                           status=NeedStatus.IN_PROGRESS,
                                           responsibility=Responsibility.BOTH))
    app.handover.save_officer(episode, OfficerInput(ro_name="Siân Evans"))
    return episode


@pytest.fixture
def case(app):
    subject = _person(app, "X100001", "Dafydd", "Llŷr")
    other = _person(app, "X100002", "Owain", "Glyn")
    for person_id, number in ((subject, "A1111AA"), (other, "B2222BB")):
        _unpaid_work(app, person_id)
        _through_the_gate(app, person_id, number)
    with app.db.write() as session:
        low, high = sorted((subject, other))
        session.add(KeepApart(person_a_id=low, person_b_id=high, detail="Co-defendants",
                              recorded_on=dt.date(2026, 9, 2)))
    return subject, other


def _rows_with_person(app, table, person_id: int) -> list[dict]:
    with app.db.read() as session:
        return [dict(r._mapping) for r in session.execute(
            select(table).where(table.c.person_id == person_id))]


def test_the_json_holds_every_row_of_every_table_with_a_person_id(app, case):
    subject, other = case
    export = app.subject_access.export(subject)
    document = json.loads(export.json_text)
    tables = document["tables"]
    walked = [t for t in Base.metadata.sorted_tables if "person_id" in t.c
              and t.name not in ("access_event",)]
    assert walked, "the schema has tables with a person_id"
    for table in walked:
        expected = _rows_with_person(app, table, subject)
        exported = tables[table.name]
        assert len(exported) == len(expected), table.name
        key = [c.name for c in table.primary_key.columns][0]
        assert sorted(r[key] for r in exported) == sorted(r[key] for r in expected), table.name
    assert tables["person"][0]["crn"] == "X100001"
    assert {t.name for t, _links in person_tables()} <= set(tables)


def test_records_reached_through_an_episode_or_plan_are_exported_and_others_are_not(app, case):
    subject, other = case
    tables = json.loads(app.subject_access.export(subject).json_text)["tables"]
    for name in ("custody_episode", "resettlement_plan", "plan_need", "handover",
                 "upw_order", "appointment", "upw_assessment"):
        assert len(tables[name]) == 1, name
    assert "Owain" not in json.dumps(tables)
    (pair,) = tables["keep_apart"]
    assert WITHHELD in (pair["person_a_id"], pair["person_b_id"])
    assert subject in (pair["person_a_id"], pair["person_b_id"])


def test_audit_rows_about_the_person_are_exported_and_the_export_is_audited(app, case):
    subject, _other = case
    document = json.loads(app.subject_access.export(subject).json_text)
    entities = {row["entity"] for row in document["audit_trail"]}
    assert {"person", "custody_episode", "resettlement_plan", "handover"} <= entities
    with app.db.read() as session:
        audit = session.scalars(select(AuditEvent).where(AuditEvent.entity == "person")
                                .order_by(AuditEvent.chain_seq.desc())).first()
        access = session.scalars(select(AccessEvent).order_by(AccessEvent.chain_seq.desc())
                                 ).first()
        assert (audit.action, audit.entity_id) == (AuditAction.PRINT, str(subject))
        assert json.loads(audit.changes)["after"]["document"] == "subject access export"
        assert (access.action, access.person_id) == (AccessAction.EXPORT, subject)


def test_the_pdf_reads_back_with_each_kind_of_record(app, case):
    subject, _other = case
    export = app.subject_access.export(subject)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(export.pdf)).pages)
    for expected in ("Subject access export", "Dafydd Llŷr", "X100001", "UPW order (1)",
                     "Custody episode (1)", "Plan need (1)", "A flat near my mum",
                     "Audit trail", "Access log", "OFFICIAL-SENSITIVE"):
        assert expected in text, expected
    assert "Owain" not in text
    assert "X100001" not in export.file_stem and "Llŷr" not in export.file_stem


def test_only_an_administrator_exports(app, case, add_staff):
    subject, _other = case
    app.ctx.actor = add_staff("mm", Role.MANAGER)
    with pytest.raises(PermissionDeniedError):
        app.subject_access.export(subject)


def test_the_command_line_writes_both_files_for_the_owner_only(app, case, tmp_path, capsys):
    if not app.db.is_sqlite:
        pytest.skip("the command line is pointed at the test's SQLite data folder")
    out = tmp_path / "sar"
    assert cli(["export-person", "x100001", "--data-dir", str(tmp_path), "--out",
                str(out)]) == 0
    files = sorted(out.iterdir())
    assert [f.suffix for f in files] == [".json", ".pdf"]
    if os.name == "posix":
        assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    document = json.loads(files[0].read_text(encoding="utf-8"))
    assert document["tables"]["person"][0]["crn"] == "X100001"
    assert cli(["export-person", "X999999", "--data-dir", str(tmp_path), "--out",
                str(out)]) == 2
    assert "No person has the CRN X999999" in capsys.readouterr().err


def _speaks_welsh(app, person_id: int) -> None:
    from upw_ttg.domain.codes import Language
    from upw_ttg.storage.models import Person

    with app.db.write() as session:
        session.get(Person, person_id).preferred_language = Language.WELSH


def _export_data(app, person_id: int, language: Language):
    """What the export printed, gathered again: the words it may print as data."""
    from upw_ttg.services.subject_access import gather

    with app.db.read() as session:
        data = gather(session, person_id, exported_at=dt.datetime(2026, 11, 30, 9),
                      exported_by=app.ctx.actor.full_name, language=language)
    trail = [(line.staff, line.entity_id, json.dumps(line.changes, ensure_ascii=False))
             for line in data.audit]
    return [data.person_name, data.crn, data.exported_by, [t.columns for t in data.tables],
            [t.rows for t in data.tables], trail, [line.staff for line in data.access]]


def test_a_welsh_speakers_export_prints_only_glossary_words_and_their_data(app, case):
    """The export is the person's to read: in their own language, every fixed word from the
    glossary; what is held prints as it is held (field names as the JSON file names them)."""
    from tests.pdf_support import pdf_text
    from tests.printing.glossary_support import words_not_in_glossary

    subject, _other = case
    _speaks_welsh(app, subject)
    export = app.subject_access.export(subject)
    if os.environ.get("UPW_TTG_SCREEN_OUT"):  # to look at it as its reader would
        out = Path(os.environ["UPW_TTG_SCREEN_OUT"])
        (out / "subject-access-cy.pdf").write_bytes(export.pdf)
        english = app.subject_access.export(subject, Language.ENGLISH)
        (out / "subject-access-en.pdf").write_bytes(english.pdf)
    text = " ".join(pdf_text(export.pdf).split())
    for expected in ("Allforio ar gyfer cais gwrthrych am wybodaeth", "Dafydd Llŷr",
                     "Gorchymyn gwaith di-dâl (1)", "Cyfnod yn y ddalfa (1)",
                     "Angen yn y cynllun (1)", "A flat near my mum", "Trywydd archwilio",
                     "Cofnod mynediad", "Mathau o gofnod heb ddim wedi'i gadw",
                     "creu: Unigolyn 1", "Tudalen 1 o", "ffeil JSON",
                     "cyfenw (surname): Llŷr", "dyddiad geni (date of birth): 1988-03-04"):
        assert expected in text, expected
    for english in ("Subject access export", "Audit trail", "Access log", "UPW order",
                    "Nothing held", "Kinds of record", "the system", "Page 1"):
        assert english not in text, english
    codes = ["OFFICIAL-SENSITIVE", f"SAR-{subject}", "CRN"]
    data = _export_data(app, subject, Language.WELSH)
    assert words_not_in_glossary(export.pdf, Language.WELSH, [*data, *codes]) == set()
    # Asked for, the other language: English for a Welsh speaker, Welsh for anyone.
    english = pdf_text(app.subject_access.export(subject, Language.ENGLISH).pdf)
    assert "Subject access export" in english and "Allforio" not in english
    _other_id = case[1]
    assert "Allforio ar gyfer" in pdf_text(app.subject_access.export(_other_id, Language.WELSH).pdf)
    assert "Subject access export" in pdf_text(app.subject_access.export(_other_id).pdf)


def test_the_welsh_access_log_names_what_was_printed_and_for_whom_in_welsh(app, case):
    from upw_ttg.domain.access import Recipient
    from upw_ttg.services.access_log import log_print

    from tests.pdf_support import pdf_text

    subject, _other = case
    with app.db.write() as session:
        log_print(session, app.ctx, "van manifest 2026-12-01", Recipient.DRIVER, 1, [subject])
        log_print(session, app.ctx, "appointment letter", Recipient.THE_PERSON, 1, [subject])
    app.case_summary.render(subject)
    app.subject_access.export(subject, Language.WELSH)  # the export itself is logged as one
    text = " ".join(pdf_text(app.subject_access.export(subject, Language.WELSH).pdf).split())
    for expected in ("Argraffwyd: Rhestr teithwyr y fan 1 Rhagfyr 2026", "gyrrwr y fan",
                     "Argraffwyd: Llythyr apwyntiad", "yr unigolyn",
                     "Argraffwyd: Crynodeb o'r achos", "ffeil yr achos",
                     "Allforiwyd: Allforio ar gyfer cais gwrthrych am wybodaeth"):
        assert expected in text, expected


def test_the_command_line_exports_in_the_language_asked_for(app, case, tmp_path):
    from tests.pdf_support import pdf_text

    if not app.db.is_sqlite:
        pytest.skip("the command line is pointed at the test's SQLite data folder")
    out = tmp_path / "sar"
    assert cli(["export-person", "X100001", "--language", "cy", "--data-dir", str(tmp_path),
                "--out", str(out)]) == 0
    (pdf,) = out.glob("*.pdf")
    assert "Allforio ar gyfer cais gwrthrych am wybodaeth" in pdf_text(pdf.read_bytes())



def test_a_long_change_in_the_trail_is_shortened_between_words():
    """The JSON file holds every change whole; the printed trail shortens a long one, never
    inside a word (half a word reads as a word of no language)."""
    from upw_ttg.printing.documents.subject_access import shortened

    change = json.dumps({"risk_summary": " ".join(f"summary{n:03d}" for n in range(100))})
    short = shortened(change)
    assert short.endswith(" …") and len(short) <= 602
    assert change.startswith(short[:-2])
    assert short[:-2].split()[-1] in change.split()
    assert shortened("brief") == "brief"
    assert shortened("x" * 700) == "x" * 600 + " …"  # no space to cut at
