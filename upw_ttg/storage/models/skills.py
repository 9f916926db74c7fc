"""Skills practised on projects and shown by people at sessions (rule UPW-SKILLS)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from upw_ttg.storage.models.base import Base, Versioned, utc_now


class Skill(Versioned, Base):
    """One entry of the reference list of skills, named in English and (optionally) Welsh."""

    __tablename__ = "skill"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    name_cy: Mapped[str | None] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ProjectSkill(Base):
    """A skill a project practises."""

    __tablename__ = "project_skill"
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"),
                                            primary_key=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skill.id", ondelete="CASCADE"),
                                          primary_key=True, index=True)


class AppointmentSkill(Base):
    """A skill a person showed at a session, recorded with the register."""

    __tablename__ = "appointment_skill"
    appointment_id: Mapped[int] = mapped_column(
        ForeignKey("appointment.id", ondelete="CASCADE"), primary_key=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skill.id", ondelete="CASCADE"),
                                          primary_key=True, index=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id",
                                                                  ondelete="SET NULL"))
