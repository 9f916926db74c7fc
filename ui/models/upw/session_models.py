"""Who is on a session, who must be told of a stand-down, and sessions to move someone to."""

from __future__ import annotations

from dataclasses import dataclass

from upw_ttg.domain.placement import format_day
from upw_ttg.records.upw import PersonToTell, PlannerCell, SessionPerson

from ui.models.table_model import Column, RowTableModel
from ui.models.upw.text import format_time, format_times


def _pickup(person: SessionPerson) -> str:
    if person.pickup_name is None:
        return "Makes own way"
    return person.pickup_name


def _needs(person: SessionPerson) -> str:
    parts = []
    if person.interpreter_needed:
        parts.append("Interpreter")
    if person.override_reason:
        parts.append("Rule overridden")
    return ", ".join(parts)


class SessionPeopleTableModel(RowTableModel[SessionPerson]):
    """Everyone with a place on one session (including absences already recorded)."""

    NAME, CRN, PHONE, PICKUP, TIME, VAN, NEEDS, OUTCOME = range(8)
    COLUMNS = (
        Column("Name", lambda p: p.name),
        Column("CRN", lambda p: p.crn),
        Column("Phone", lambda p: p.phone or "—"),
        Column("Pick-up", _pickup),
        Column("Pick-up time", lambda p: format_time(p.pickup_time), lambda p: p.pickup_time),
        Column("Van", lambda p: "Yes" if p.travels_by_van else "No"),
        Column("Needs", _needs, tooltip=lambda p: (f"Override reason: {p.override_reason}"
                                                   if p.override_reason else None)),
        Column("Outcome", lambda p: p.outcome_code or "—"),
    )


def _offers_text(person: PersonToTell) -> str:
    if not person.offers:
        return "No suitable session in the next three weeks"
    return "\n".join(f"{format_day(o.session_date)} {format_time(o.start_time)} "
                      f"{o.project_name}" for o in person.offers)


class PeopleToTellTableModel(RowTableModel[PersonToTell]):
    """The people on a stood-down session: how to reach them and what to offer them."""

    NAME, CRN, PHONE, PICKUP, WARRANTS, OFFERS = range(6)
    COLUMNS = (
        Column("Name", lambda p: p.name),
        Column("CRN", lambda p: p.crn),
        Column("Phone", lambda p: p.phone or "No phone on record"),
        Column("Pick-up", lambda p: (f"{p.pickup_name} {format_time(p.pickup_time)}"
                                     if p.pickup_name else "Makes own way")),
        Column("Warrant to check", lambda p: ", ".join(p.warrant_serials) or "—"),
        Column("Next suitable sessions", _offers_text, tooltip=_offers_text),
    )


@dataclass(frozen=True)
class SessionChoice:
    """A session someone could be moved to, with its project's name."""

    project_name: str
    office_name: str
    cell: PlannerCell


class SessionChoiceTableModel(RowTableModel[SessionChoice]):
    """Sessions of a week to choose from, by date and time."""

    COLUMNS = (
        Column("Date", lambda c: format_day(c.cell.session_date),
               lambda c: (c.cell.session_date, c.cell.start_time)),
        Column("Times", lambda c: format_times(c.cell.start_time, c.cell.end_time)),
        Column("Project", lambda c: c.project_name),
        Column("Places", lambda c: c.cell.fill, lambda c: c.cell.places - c.cell.booked,
               numeric=True),
        Column("Marks", lambda c: ", ".join(
            (["Female-only"] if c.cell.female_only else []) + list(c.cell.warnings))),
    )
