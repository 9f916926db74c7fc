"""Opening sensitive records with the read logged, beside the same reads with logging off."""

from __future__ import annotations

import functools
import random
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select

from upw_ttg.domain.codes import Role
from upw_ttg.services.ttg import plans as plans_module
from upw_ttg.services.upw import assessments as assessments_module
from upw_ttg.storage.models import CustodyEpisode, Person, ResettlementPlan, UpwAssessment

from benchmarks.actors import act_as
from benchmarks.common import Timing, open_services, time_calls

OPENINGS = 200


@contextmanager
def logging_off() -> Iterator[None]:
    """The services' read logging replaced by nothing: the baseline."""
    saved = assessments_module.log_views, plans_module.log_view
    assessments_module.log_views = lambda *_a, **_k: None
    plans_module.log_view = lambda *_a, **_k: None
    try:
        yield
    finally:
        assessments_module.log_views, plans_module.log_view = saved


def _pair(name: str, calls: Callable[[], list[Callable[[], object]]]) -> tuple[Timing, Timing]:
    """Each call once with logging on, then (on fresh records) with logging off."""
    logged = time_calls(f"{name}, read logged", calls())
    with logging_off():
        plain = time_calls(f"{name}, logging off", calls())
    return logged, plain


def run(path: Path) -> list[str]:
    # Logging writes: measure on a copy so the cached database stays as generated.
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        services = open_services(copy)
        try:
            return _measure(services)
        finally:
            services.close()


def _measure(services) -> list[str]:
    rng = random.Random(3)
    with services.db.read() as session:
        assessments = list(session.scalars(select(UpwAssessment.id).join(
            Person, Person.id == UpwAssessment.person_id).where(Person.restricted.is_(False))))
        plans = list(session.scalars(select(ResettlementPlan.id).join(
            CustodyEpisode, CustodyEpisode.id == ResettlementPlan.episode_id).join(
            Person, Person.id == CustodyEpisode.person_id).where(Person.restricted.is_(False))))
        # Restricted cases open only to the staff named on them (rule ACC-2).
        people = list(session.scalars(select(Person.id).where(Person.restricted.is_(False))))
    rng.shuffle(assessments)
    rng.shuffle(plans)
    picks = iter(assessments * 2)
    plan_picks = iter(plans * 2)
    act_as(services, Role.COORDINATOR)
    upw = services.upw
    assessment, assessment_off = _pair("open a UPW assessment", lambda: [
        functools.partial(upw.assessments.get, next(picks)) for _ in range(OPENINGS)])
    person_picks = [rng.choice(people) for _ in range(OPENINGS)]

    def open_record(person_id: int) -> None:
        services.people.get(person_id)
        services.orders.for_person(person_id)
        services.custody.for_person(person_id)
        upw.assessments.for_person(person_id)

    record = time_calls("open a person record with assessments, read logged", [
        (lambda p=p: open_record(p)) for p in person_picks])
    act_as(services, Role.RESETTLEMENT_WORKER)
    plan, plan_off = _pair("open a resettlement plan", lambda: [
        functools.partial(services.plans.get, next(plan_picks)) for _ in range(OPENINGS)])
    again = plans[0]
    services.plans.get(again)
    repeat = time_calls("the same plan again within two minutes",
                        [lambda: services.plans.get(again)] * OPENINGS)
    return [assessment.line(assessment_off), assessment_off.line(), record.line(),
            plan.line(plan_off), plan_off.line(), repeat.line()]
