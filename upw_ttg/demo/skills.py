"""Demo rows for skills: the reference list, the skills each project practises, and skills
shown at some of the attended sessions of the last three months."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, insert, literal, select
from sqlalchemy.orm import Session

from upw_ttg.domain.crediting import ATTENDED_CODES
from upw_ttg.storage.models import (
    Appointment,
    AppointmentSkill,
    Project,
    ProjectSkill,
    Skill,
    UpwSession,
)

# (English, Welsh)
SKILLS = (
    ("Working in a team", "Gweithio mewn tîm"),
    ("Health and safety at work", "Iechyd a diogelwch yn y gwaith"),
    ("Painting and decorating", "Paentio ac addurno"),
    ("Gardening and grounds care", "Garddio a gofalu am diroedd"),
    ("Using hand tools safely", "Defnyddio offer llaw yn ddiogel"),
    ("Fencing and hedging", "Ffensio a phlygu perthi"),
    ("Litter picking and clearance", "Casglu sbwriel a chlirio"),
    ("Basic carpentry", "Gwaith coed sylfaenol"),
    ("Customer service", "Gwasanaeth cwsmeriaid"),
    ("Sorting and stock control", "Didoli a rheoli stoc"),
    ("Cooking and food hygiene", "Coginio a hylendid bwyd"),
    ("Time keeping", "Cadw amser"),
    ("Following instructions", "Dilyn cyfarwyddiadau"),
    ("Dry stone walling", "Codi waliau cerrig sych"),
)
# The skills every project of a type practises (by position in SKILLS), then one more each.
_BY_TYPE = {"group": (0, 4, 6), "individual": (8, 9), "induction": (1, 12), "ete": (11, 12)}
_MORE = (2, 3, 5, 7, 10, 13)


def skills_demo(session: Session, today: dt.date) -> dict[str, int]:
    now = dt.datetime.combine(today, dt.time(9))
    ids = []
    for name, welsh in SKILLS:
        row = Skill(name=name, name_cy=welsh, active=True, created_at=now, updated_at=now)
        session.add(row)
        session.flush()
        ids.append(row.id)
    links = []
    for project_id, kind in session.execute(select(Project.id, Project.project_type)
                                            .order_by(Project.id)):
        chosen = {ids[i] for i in _BY_TYPE.get(kind, (0,))}
        if kind != "induction":
            chosen.add(ids[_MORE[project_id % len(_MORE)]])
        links += [{"project_id": project_id, "skill_id": s} for s in sorted(chosen)]
    if links:
        session.execute(insert(ProjectSkill), links)
    # Skills shown: on two attended sessions in three, the project's skills with an even sum.
    session.execute(insert(AppointmentSkill).from_select(
        ["appointment_id", "skill_id", "recorded_at", "recorded_by_id"],
        select(Appointment.id, ProjectSkill.skill_id, literal(now), literal(None))
        .join(UpwSession, UpwSession.id == Appointment.session_id)
        .join(ProjectSkill, ProjectSkill.project_id == UpwSession.project_id)
        .where(Appointment.outcome_code.in_(sorted(ATTENDED_CODES)),
               UpwSession.session_date >= today - dt.timedelta(days=90),
               Appointment.id % 3 != 0, (Appointment.id + ProjectSkill.skill_id) % 2 == 0)))
    return {"skill": len(ids), "project_skill": len(links),
            "appointment_skill": session.scalar(
                select(func.count()).select_from(AppointmentSkill)) or 0}
