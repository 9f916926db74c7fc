"""Unpaid work orders as the screens open and edit them, extensions included."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.domain.codes import (
    OrderStatus,
    OrderSubtype,
    OrderType,
)
from upw_ttg.domain.orders import balance_minutes, effective_deadline


@dataclass(slots=True)
class OrderInput:
    person_id: int
    court: str = ""
    sentence_date: dt.date | None = None
    order_type: OrderType = OrderType.COMMUNITY_ORDER
    subtype: OrderSubtype = OrderSubtype.REGULAR
    hours_ordered: int = 0
    standalone: bool = True
    ete_allowed: bool = False
    travel_time_eligible: bool = False
    version: int | None = None


@dataclass(frozen=True, slots=True)
class OrderExtensionRow:
    granted_on: dt.date
    court: str
    new_deadline: dt.date
    reason: str


@dataclass(frozen=True, slots=True)
class OrderRecord:
    id: int
    person_id: int
    court: str
    sentence_date: dt.date
    order_type: OrderType
    subtype: OrderSubtype
    hours_ordered: int
    standalone: bool
    ete_allowed: bool
    travel_time_eligible: bool
    status: OrderStatus
    deadline: dt.date | None
    minutes_credited: int
    minutes_adjusted: int
    extensions: tuple[OrderExtensionRow, ...]
    version: int

    @property
    def minutes_ordered(self) -> int:
        return self.hours_ordered * 60

    @property
    def minutes_remaining(self) -> int:
        return balance_minutes(self.minutes_ordered, self.minutes_adjusted,
                               self.minutes_credited)

    @property
    def effective_deadline(self) -> dt.date | None:
        return effective_deadline(self.deadline, (e.new_deadline for e in self.extensions))

    def to_input(self) -> OrderInput:
        values = {name: getattr(self, name) for name in OrderInput.__dataclass_fields__}
        return OrderInput(**values)
