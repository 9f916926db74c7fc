"""Unpaid Work scheduling: the week planner for one delivery unit and the auto-fill of a week."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import select

from upw_ttg.domain.codes import Role
from upw_ttg.storage.models import DeliveryUnit

from benchmarks.actors import act_as
from benchmarks.common import open_services, time_calls


def _next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=7 - today.weekday())


def run(path: Path | str) -> list[str]:
    """On a copy of a SQLite file; on PostgreSQL (a URL) the apply steps are left out, because
    they would change the benchmark database for the next run."""
    if isinstance(path, str):
        services = open_services(path)
        try:
            return _measure(services, apply=False)
        finally:
            services.close()
    # Applying writes to the database: measure on a copy, so the cache stays as generated.
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        services = open_services(copy)
        try:
            return _measure(services, apply=True)
        finally:
            services.close()


def _measure(services, *, apply: bool) -> list[str]:
    act_as(services, Role.COORDINATOR)
    monday = _next_monday(services.ctx.today())
    with services.db.read() as session:
        units = session.scalars(select(DeliveryUnit.id).order_by(DeliveryUnit.id)).all()
    upw = services.upw
    planner = time_calls("week planner, one delivery unit",
                         [(lambda u=u: upw.planner.week(u, monday)) for u in units * 10])
    waiting = time_calls("people waiting to be placed, all units",
                         [upw.planner.waiting] * 5, warmup=1)
    proposals = []
    propose = time_calls("auto-fill: propose a week, every live order",
                         [lambda: proposals.append(upw.autofill.propose(monday))] * 3,
                         warmup=1)
    proposal = proposals[-1]
    lines = [planner.line(), waiting.line(), propose.line(),
             f"    ({proposal.orders_considered:,} live orders considered, "
             f"{len(proposal.placements):,} placements proposed, "
             f"{len(proposal.shortfalls):,} people not fully placed)"]
    if apply:
        applied = time_calls("auto-fill: apply the proposal (one transaction)",
                             [lambda: upw.autofill.apply(proposal)], warmup=0)
        again = time_calls("auto-fill: apply it again (changes nothing)",
                           [lambda: upw.autofill.apply(proposal)], warmup=0)
        lines += [applied.line(), again.line()]
    return lines
