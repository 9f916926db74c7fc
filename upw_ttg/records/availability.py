"""The sentencers' availability sheet: what a delivery unit can arrange, for the courts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.domain.availability import OfferKind, WaitFigures


@dataclass(frozen=True, slots=True)
class PlacementOffer:
    """One project with free places in the window: its days, times and where the van calls."""

    kind: OfferKind
    project: str
    town: str | None
    weekdays: tuple[int, ...]
    start_time: dt.time
    end_time: dt.time
    sessions: int
    free_places: int
    first_free: dt.date
    pickup_points: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PickupOffer:
    """A pick-up point the van calls at in the window, and on how many sessions."""

    name: str
    address: str
    sessions: int


@dataclass(frozen=True, slots=True)
class SentencersSheet:
    """One delivery unit's sheet, as at ``generated_at``; it names no person."""

    unit_code: str
    unit_name: str
    generated_at: dt.datetime
    window_from: dt.date
    window_to: dt.date
    first_session_working_days: int
    wait: WaitFigures
    offers: tuple[PlacementOffer, ...]
    pickups: tuple[PickupOffer, ...]
    offices: tuple[str, ...]
    travel_time_minutes: int | None
    ete_cap_percent: int
    contact_phone: str | None

    def offers_of(self, kind: OfferKind) -> tuple[PlacementOffer, ...]:
        return tuple(o for o in self.offers if o.kind == kind)
