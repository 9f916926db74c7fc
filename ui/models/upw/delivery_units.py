"""The delivery units the scheduling screens and dialogs offer, read once for a screen."""

from __future__ import annotations

from dataclasses import dataclass

from upw_ttg.bootstrap import AppServices


@dataclass(frozen=True)
class DeliveryUnit:
    id: int
    name: str


def delivery_units(services: AppServices) -> tuple[list[DeliveryUnit], dict[int, int]]:
    """The delivery units that have projects, by name, and each of their offices' unit (two
    short reads: the area is built on the screen's thread)."""
    units = [DeliveryUnit(u.id, u.name) for u in services.upw.projects.delivery_units()]
    ids = {u.id for u in units}
    return units, {o.id: o.delivery_unit_id for o in services.people.offices()
                   if o.delivery_unit_id in ids}
