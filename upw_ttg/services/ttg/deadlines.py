"""The one deadline service of Through the Gate: settings plus the working-day calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from upw_ttg.domain import resettlement as rules
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.resettlement import DeadlineMove, Deadlines, DeadlineSettings
from upw_ttg.domain.validation import require_calendar_dates
from upw_ttg.domain.working_days import WorkingCalendar
from upw_ttg.records.ttg import EpisodeDeadlines
from upw_ttg.services.calendar import CalendarService
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.ttg.common import (
    date_history,
    episode_dates,
    get_episode,
    read_deadline_settings,
)
from upw_ttg.storage.models import CustodyEpisode


def current_deadlines(row: Any, settings: DeadlineSettings,
                      cal: WorkingCalendar) -> Deadlines:
    """The episode's deadlines from its dates as they are now: every screen (plan, review,
    handover, dashboard) reads them here, so a corrected date moves them all at once.

    ``row`` is a custody episode or any query row with its ``reception_date``,
    ``screening_date``, ``expected_release_date`` and ``released_on``.
    """
    return rules.deadlines_for(reception=row.reception_date, screening=row.screening_date,
                               expected_release=row.expected_release_date,
                               released_on=row.released_on, settings=settings, cal=cal)


def episode_deadlines(session: Session, row: CustodyEpisode, cal: WorkingCalendar,
                      settings: DeadlineSettings | None = None) -> EpisodeDeadlines:
    """The deadlines now and, newest first, the deadlines the episode's date changes moved."""
    settings = settings or read_deadline_settings(session)
    moves = rules.deadline_moves(episode_dates(row), date_history(session, row.id), settings,
                                 cal, row.released_on)
    return EpisodeDeadlines(row.id, row.expected_release_date, row.expected_release_type,
                            row.released_on, current_deadlines(row, settings, cal),
                            tuple(moves))


class DeadlineService:
    """Every TTG deadline is computed here, so a changed setting or closure moves them all."""

    def __init__(self, ctx: ServiceContext, calendar: CalendarService):
        self._ctx = ctx
        self._calendar = calendar

    def calendar(self) -> WorkingCalendar:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        return self._calendar.calendar()

    def settings(self) -> DeadlineSettings:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            return read_deadline_settings(session)

    def plan_due(self, screening: dt.date) -> dt.date:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        require_calendar_dates(screening_date=screening)
        return rules.plan_due(screening, self.settings(), self.calendar())

    def chase_date(self, contact: dt.date) -> dt.date:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        require_calendar_dates(contact_date=contact)
        return rules.chase_date(contact, self.settings(), self.calendar())

    def pre_release_review_due(self, release: dt.date) -> dt.date:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        require_calendar_dates(release_date=release)
        return rules.pre_release_review_due(release, self.settings(), self.calendar())

    def handover_window_opens(self, release: dt.date) -> dt.date:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        require_calendar_dates(release_date=release)
        return rules.handover_window_opens(release, self.settings())

    def supervision_end(self, release: dt.date) -> dt.date:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        require_calendar_dates(release_date=release)
        return rules.supervision_end(release, self.settings())

    def for_episode(self, episode_id: int) -> EpisodeDeadlines:
        """The episode's deadlines now and, newest first, the deadlines its date changes moved."""
        self._ctx.require(Capability.READ_TTG_CASE)
        cal = self.calendar()
        with self._ctx.db.read() as session:
            return episode_deadlines(session, get_episode(session, episode_id), cal)

    def moved(self, episode_id: int) -> list[DeadlineMove]:
        self._ctx.require(Capability.READ_TTG_CASE)
        return list(self.for_episode(episode_id).moves)
