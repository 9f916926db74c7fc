"""Shared by the text-message tests: the keyring entry they use and a booked person."""

from __future__ import annotations

import datetime as dt
import uuid

from tests.conftest import TODAY
from tests.services.attendance.attendance_data import World

SESSION_DAY = TODAY + dt.timedelta(days=2)
KEY = f"upwttg_test-{uuid.uuid4()}-{uuid.uuid4()}"


def booked(world: World, phone: str | None, *, session: int | None = None, **person) -> int:
    person_id = world.person(phone=phone, **person)
    order = world.order(person_id)
    if session is None:
        session = world.session(world.project(), SESSION_DAY)
    return world.book(session, order)
