"""Custody events with a reason: transfer between prisons, recall, early and normal release."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from upw_ttg.domain.codes import AuditAction, CustodyEventKind, CustodyStatus
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.validation import FieldErrors, clean, text_problem
from upw_ttg.errors import ValidationError
from upw_ttg.records.ttg import CustodyEventRow, EpisodeState
from upw_ttg.services import audit
from upw_ttg.services.access import check_case_of
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.ttg.common import check_past_date, get_episode, staff_names
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import CustodyEpisode, CustodyEvent, Prison

EPISODE = "custody episode"

Apply = Callable[[Session, CustodyEpisode], CustodyEvent]


class CustodyEventService:
    """Each method is one event: it is recorded with its reason and changes the episode."""

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def state(self, episode_id: int) -> EpisodeState:
        self._ctx.require(Capability.READ_TTG_CASE)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, CustodyEpisode, episode_id)
            return self._state(session, get_episode(session, episode_id))

    def transfer(self, episode_id: int, to_prison_id: int, on: dt.date, reason: str,
                 version: int) -> EpisodeState:
        """Move the person to another prison; the episode's prison changes with it."""
        self._ctx.require(Capability.EDIT_CUSTODY)

        def apply(session: Session, episode: CustodyEpisode) -> CustodyEvent:
            self._require_in_custody(episode, "transferred")
            if session.get(Prison, to_prison_id) is None:
                raise ValidationError({"to_prison_id": "Choose the prison."})
            if to_prison_id == episode.prison_id:
                raise ValidationError({"to_prison_id": "The person is already in this prison."})
            event = CustodyEvent(kind=CustodyEventKind.TRANSFER, from_prison_id=episode.prison_id,
                                 to_prison_id=to_prison_id)
            episode.prison_id = to_prison_id
            return event
        return self._record(episode_id, on, reason, version, apply)

    def early_release(self, episode_id: int, on: dt.date, reason: str,
                      version: int) -> EpisodeState:
        """Release before the expected date (e.g. HDC, early release schemes)."""
        self._ctx.require(Capability.EDIT_CUSTODY)
        return self._release(episode_id, on, reason, version, CustodyEventKind.EARLY_RELEASE)

    def release(self, episode_id: int, on: dt.date, reason: str,
                version: int) -> EpisodeState:
        """Release on (or after) the expected date: the person leaves custody."""
        self._ctx.require(Capability.EDIT_CUSTODY)
        return self._release(episode_id, on, reason, version, CustodyEventKind.RELEASE)

    def recall(self, episode_id: int, on: dt.date, reason: str, version: int,
               to_prison_id: int | None = None) -> EpisodeState:
        """Recall on licence: back in custody (optionally in another prison); the release
        dates then need updating on the custody record."""
        self._ctx.require(Capability.EDIT_CUSTODY)

        def apply(session: Session, episode: CustodyEpisode) -> CustodyEvent:
            if episode.status != CustodyStatus.RELEASED or episode.released_on is None:
                raise ValidationError({"status": "Only someone released can be recalled."})
            if on < episode.released_on:
                raise ValidationError({"event_date": "The recall cannot be before the "
                                                     "release."})
            prison = to_prison_id or episode.prison_id
            if session.get(Prison, prison) is None:
                raise ValidationError({"to_prison_id": "Choose the prison."})
            event = CustodyEvent(kind=CustodyEventKind.RECALL, from_prison_id=None,
                                 to_prison_id=prison)
            episode.prison_id = prison
            episode.status = CustodyStatus.IN_CUSTODY
            episode.released_on = None
            return event
        return self._record(episode_id, on, reason, version, apply)

    def _release(self, episode_id: int, on: dt.date, reason: str, version: int,
                 kind: CustodyEventKind) -> EpisodeState:
        def apply(session: Session, episode: CustodyEpisode) -> CustodyEvent:
            self._require_in_custody(episode, "released")
            expected = episode.expected_release_date
            if kind == CustodyEventKind.EARLY_RELEASE and expected is not None \
                    and on >= expected:
                raise ValidationError({"event_date": "An early release is before the expected "
                                       f"release date ({expected:%d/%m/%Y}); record this "
                                       "as a release."})
            episode.status = CustodyStatus.RELEASED
            episode.released_on = on
            return CustodyEvent(kind=kind, from_prison_id=episode.prison_id, to_prison_id=None)
        return self._record(episode_id, on, reason, version, apply)

    @staticmethod
    def _require_in_custody(episode: CustodyEpisode, what: str) -> None:
        if episode.status != CustodyStatus.IN_CUSTODY:
            raise ValidationError({"status": f"The person has been released, so cannot be "
                                             f"{what}."})

    def _record(self, episode_id: int, on: dt.date, reason: str, version: int,
                apply: Apply) -> EpisodeState:
        text = clean(reason) or ""
        with self._ctx.db.write() as session:
            check_case_of(session, self._ctx, CustodyEpisode, episode_id)
            episode = get_episode(session, episode_id)
            errors = FieldErrors()
            errors.check("reason", text_problem("reason", text, required=True))
            check_past_date(errors, "event_date", "date", on, self._ctx.today(), required=True,
                            not_before=episode.reception_date, before_label="reception")
            if errors:
                raise ValidationError(errors)
            check_version(session, episode, version, EPISODE)
            before = audit.snapshot(episode)
            event = apply(session, episode)
            event.episode_id = episode.id
            event.event_date = on
            event.reason = text
            event.recorded_by_id = self._ctx.actor_id
            episode.updated_by_id = self._ctx.actor_id
            session.add(event)
            flush_versioned(session, episode, EPISODE, self._ctx.db)
            audit.record(session, self._ctx, AuditAction.CREATE, "custody_event", event.id,
                         after=audit.snapshot(event))
            audit.record(session, self._ctx, AuditAction.UPDATE, "custody_episode", episode.id,
                         before=before, after=audit.snapshot(episode))
            return self._state(session, episode)

    def _state(self, session: Session, episode: CustodyEpisode) -> EpisodeState:
        prison = session.get(Prison, episode.prison_id)
        assert prison is not None
        source, target = aliased(Prison), aliased(Prison)
        rows = session.execute(
            select(CustodyEvent, source.name, target.name)
            .outerjoin(source, source.id == CustodyEvent.from_prison_id)
            .outerjoin(target, target.id == CustodyEvent.to_prison_id)
            .where(CustodyEvent.episode_id == episode.id)
            .order_by(CustodyEvent.event_date.desc(), CustodyEvent.id.desc())).all()
        names = staff_names(session, [e.recorded_by_id for e, *_ in rows])
        events = tuple(CustodyEventRow(e.id, e.kind, e.event_date, src, dst, e.reason,
                                       names.get(e.recorded_by_id) if e.recorded_by_id
                                       else None) for e, src, dst in rows)
        return EpisodeState(episode.id, prison.id, prison.code, prison.name, episode.status,
                            episode.released_on, episode.expected_release_date,
                            episode.expected_release_type, events, episode.version)
