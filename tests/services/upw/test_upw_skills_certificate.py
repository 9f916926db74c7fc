"""Skills practised and shown (rule UPW-SKILLS) and the completion certificate
(rule UPW-CERTIFICATE): the list, the project field, the register, English and Welsh PDFs."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select, update

from upw_ttg.domain.access import AccessAction
from upw_ttg.domain.codes import AdjustmentKind, AuditAction, Language, OrderStatus
from upw_ttg.errors import StaleRecordError, ValidationError
from upw_ttg.records.skills import SkillInput
from upw_ttg.services.upw import build_upw_services
from upw_ttg.storage.models import AccessEvent, AuditEvent, Project, UpwOrder

from tests.pdf_support import flat, pdf_text
from tests.printing.glossary_support import words_not_in_glossary
from tests.services.attendance.attendance_data import World

TUESDAY = dt.date(2026, 11, 24)


@pytest.fixture
def world(app) -> World:
    return World(app)


@pytest.fixture
def upw(app):
    return build_upw_services(app.ctx)


@pytest.fixture
def skills(upw) -> dict[str, int]:
    made = {}
    for name, welsh in (("Fencing and hedging", "Ffensio a phlygu perthi"),
                        ("Working in a team", "Gweithio mewn tîm"),
                        ("Painting and decorating", None),
                        ("Health and safety at work", "Iechyd a diogelwch yn y gwaith")):
        made[name] = upw.skills.save_skill(None, SkillInput(name, welsh)).id
    return made


def _project_with(app, upw, world, skill_ids, **kw) -> int:
    project = world.project(**kw)
    record = upw.projects.get_project(project)
    upw.projects.update_project(project, dataclasses.replace(record.to_input(),
                                                             skill_ids=tuple(skill_ids)))
    return project


def test_the_list_of_skills_is_kept_by_whoever_edits_projects(upw, skills):
    names = [s.name for s in upw.skills.list_skills()]
    assert names == sorted(names) and "Fencing and hedging" in names
    with pytest.raises(ValidationError) as caught:
        upw.skills.save_skill(None, SkillInput("fencing AND hedging"))
    assert "already" in str(caught.value)
    paint = next(s for s in upw.skills.list_skills() if s.name == "Painting and decorating")
    changed = upw.skills.save_skill(paint.id, dataclasses.replace(
        paint.to_input(), name_cy="Paentio ac addurno"))
    assert changed.name_cy == "Paentio ac addurno" and changed.version == paint.version + 1
    with pytest.raises(StaleRecordError):
        upw.skills.save_skill(paint.id, paint.to_input())
    spare = upw.skills.save_skill(None, SkillInput("Dry stone walling"))
    upw.skills.delete_skill(spare.id)
    assert "Dry stone walling" not in {s.name for s in upw.skills.list_skills()}


def test_a_project_carries_its_skills_and_a_used_skill_is_made_inactive(app, upw, world,
                                                                       skills):
    project = _project_with(app, upw, world, [skills["Fencing and hedging"],
                                              skills["Working in a team"]])
    record = upw.projects.get_project(project)
    assert set(record.skill_ids) == {skills["Fencing and hedging"], skills["Working in a team"]}
    # A save that does not mention skills keeps them; an empty choice clears them.
    kept = upw.projects.update_project(project, dataclasses.replace(
        record.to_input(), skill_ids=None, name="Renamed"))
    assert set(kept.skill_ids) == set(record.skill_ids)
    with pytest.raises(ValidationError) as caught:
        upw.skills.delete_skill(skills["Fencing and hedging"])
    assert "inactive" in str(caught.value)
    fencing = next(s for s in upw.skills.list_skills() if s.name == "Fencing and hedging")
    assert fencing.projects == 1
    upw.skills.save_skill(fencing.id, dataclasses.replace(fencing.to_input(), active=False))
    assert fencing.id not in {s.id for s in upw.skills.list_skills()}
    # An inactive skill stays on the project but cannot be added to another.
    again = upw.projects.update_project(project, kept.to_input())
    assert fencing.id in again.skill_ids
    other = world.project()
    with pytest.raises(ValidationError):
        upw.projects.update_project(other, dataclasses.replace(
            upw.projects.get_project(other).to_input(), skill_ids=(fencing.id,)))
    cleared = upw.projects.update_project(project, dataclasses.replace(again.to_input(),
                                                                       skill_ids=()))
    assert cleared.skill_ids == ()


def test_the_register_records_skills_shown(app, upw, world, skills):
    project = _project_with(app, upw, world, [skills["Working in a team"]])
    session = world.session(project, TUESDAY)
    order = world.order(world.person())
    appt = world.book(session, order)
    offered = upw.skills.register_skills(session)
    assert offered.project_skill_ids == (skills["Working in a team"],)
    assert offered.choices[0].id == skills["Working in a team"]
    shown = upw.skills.record_shown(appt, [skills["Working in a team"],
                                           skills["Painting and decorating"]], was=[])
    assert len(shown) == 2
    assert set(upw.skills.register_skills(session).names(appt)) == {
        "Working in a team", "Painting and decorating"}
    # Someone else's change since the screen read it is not overwritten.
    with pytest.raises(StaleRecordError) as caught:
        upw.skills.record_shown(appt, [], was=[])
    assert "Ada Admin" in str(caught.value)
    with app.db.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.entity == "appointment",
                                                   AuditEvent.entity_id == str(appt))).one()
        assert "skills_shown" in event.changes


def test_no_skills_before_the_session_or_for_someone_who_did_not_work(app, upw, world, skills):
    project = world.project()
    later = world.session(project, dt.date(2026, 12, 1))
    order = world.order(world.person())
    with pytest.raises(ValidationError) as caught:
        upw.skills.record_shown(world.book(later, order), [skills["Working in a team"]], was=[])
    assert "has not happened yet" in str(caught.value)
    past = world.session(project, TUESDAY)
    appt = world.book(past, order)
    world.key(past, appt, "UAAB")
    with pytest.raises(ValidationError) as caught:
        upw.skills.record_shown(appt, [skills["Working in a team"]], was=[])
    assert "did not work" in str(caught.value) and "UAAB" in str(caught.value)


def _completed(app, upw, world, skills, *, language=Language.ENGLISH) -> int:
    person = world.person("Gwenllïan", "Ŵyn-Ŷnys", language=language)
    order = world.order(person, hours=40, coordinator_id=world.staff("Cerys Coordinator"))
    induction = world.project(kind="induction", name="Unpaid Work induction")
    first = world.session(induction, dt.date(2026, 11, 16))
    world.key(first, world.book(first, order), "ATTC")
    canal = _project_with(app, upw, world, [skills["Fencing and hedging"],
                                            skills["Health and safety at work"]],
                          name="Canal towpath")
    session = world.session(canal, TUESDAY)
    appt = world.book(session, order)
    world.key(session, appt, "ATTC")
    upw.skills.record_shown(appt, [skills["Working in a team"]], was=[])
    world.att.ledger.add_adjustment(order, AdjustmentKind.OTHER, -(2400 - 780),
                                    "Hours worked under a transferred order")
    return order


def test_no_certificate_until_the_hours_are_complete(app, upw, world, skills):
    order = world.order(world.person(), hours=40)
    state = upw.certificates.state(order)
    assert not state.ready
    assert state.reason == ("This order is not complete yet, with 40 hours left to work. The "
                            "certificate can be printed once every hour is done.")
    with pytest.raises(ValidationError) as caught:
        upw.certificates.render(order)
    assert "not complete yet" in str(caught.value)
    with app.db.write() as s:
        s.execute(update(UpwOrder).where(UpwOrder.id == order).values(status=OrderStatus.CLOSED))
    assert "closed before its hours were complete" in upw.certificates.state(order).reason


def test_the_certificate_in_english_and_welsh(app, upw, world, skills):
    order = _completed(app, upw, world, skills)
    assert upw.certificates.state(order).ready
    text = flat(pdf_text(upw.certificates.render(order)))
    assert "Certificate of completion" in text
    assert "Gwenllïan Ŵyn-Ŷnys" in text
    assert ("has completed 13 hours of unpaid work (Community Payback), from 16 November 2026 "
            "to 26 November 2026.") in text
    assert "Skills shown, as recorded by the supervisors" in text and "Working in a team" in text
    assert "Fencing and hedging · Health and safety at work" in text
    assert "Canal towpath" in text and "Unpaid Work induction" not in text
    assert "Cerys Coordinator" in text and "York Magistrates" not in text
    welsh = flat(pdf_text(upw.certificates.render(order, language=Language.WELSH)))
    assert "Tystysgrif cwblhau" in welsh
    assert "wedi cwblhau 13 awr o waith di-dâl (Talu'n Ôl i'r Gymuned)" in welsh
    assert "Gweithio mewn tîm" in welsh and "Ffensio a phlygu perthi" in welsh
    assert "Fencing and hedging" not in welsh
    with app.db.read() as s:
        prints = s.scalars(select(AccessEvent).where(
            AccessEvent.document == "completion_certificate",
            AccessEvent.action == AccessAction.PRINT)).all()
        assert len(prints) == 2 and {p.recipient for p in prints} == {"person"}
        audited = s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.PRINT,
                                                     AuditEvent.entity_id == str(order))).all()
        assert len(audited) == 2


def test_a_welsh_speakers_certificate_prints_only_glossary_words_and_data(app, upw, world,
                                                                        skills):
    from upw_ttg.printing.documents.completion_certificate import document_reference

    order = _completed(app, upw, world, skills, language=Language.WELSH)
    cert = upw.certificates.certificate(order)
    assert cert.language == Language.WELSH
    pdf = upw.certificates.render(order)
    assert words_not_in_glossary(pdf, Language.WELSH, [cert, document_reference(cert),
                                             app.ctx.actor.full_name]) == set()


def test_a_project_renamed_keeps_the_certificate_honest(app, upw, world, skills):
    order = _completed(app, upw, world, skills)
    with app.db.write() as s:
        s.execute(update(Project).where(Project.name == "Canal towpath")
                  .values(name="Canal towpath (north)"))
    assert upw.certificates.certificate(order).projects == ("Canal towpath (north)",)
