"""What the UPW scheduling services share: roles, row locks, refusals, cancellation."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import OUTCOME_CODES
from upw_ttg.domain.placement import Breach, sort_breaches
from upw_ttg.domain.records_to_check import Subject
from upw_ttg.errors import ValidationError

# Outcomes that leave a person on a session: none yet, or attended. Absences and reschedules
# take them off it, so they count neither for places nor for rule UPW-3.
ATTENDED_CODES = frozenset(o.code for o in OUTCOME_CODES if o.attended)
STOOD_DOWN_CODE = "AASD"
# Portable IN-list size: well below every database's limit on bound parameters.
CHUNK = 900

T = TypeVar("T")


class PlacementRefused(ValidationError):
    """The rule engine said no: ``breaches`` lists every broken rule, hard ones first."""

    def __init__(self, breaches: Iterable[Breach], *, needs_reason: bool = False):
        self.breaches = sort_breaches(breaches)
        self.needs_reason = needs_reason
        messages: dict[str, str] = {}
        for breach in self.breaches:
            key = breach.rule.value
            messages[key] = f"{messages[key]} {breach.message}" if key in messages \
                else breach.message
        if needs_reason:
            messages["override_reason"] = ("Going ahead breaks the rules above; record a "
                                           "reason to override them.")
        super().__init__(messages)


def chunks(items: Sequence[T] | Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def lock_rows(session: Session, model: Any, ids: Iterable[int]) -> None:
    """Lock rows in id order for the rest of the unit of work (PostgreSQL ``FOR UPDATE``).

    SQLite ignores ``FOR UPDATE``; its writes already hold the database lock from
    ``BEGIN IMMEDIATE``. Locking in id order means two writers never wait on each other in a
    circle.
    """
    wanted = sorted(set(ids))
    for batch in chunks(wanted):
        session.execute(select(model.id).where(model.id.in_(batch)).order_by(model.id)
                        .with_for_update()).all()


def order_subject(person: Any, extra: Any) -> Subject:
    """An order's row named for "Records to check", from its rule facts and planning extras,
    with the dates every calculation about it starts from."""
    return Subject(extra.crn, person.name, "Unpaid Work order",
                   {"sentence date": extra.sentence_date, "deadline": person.deadline},
                   person.person_id)
