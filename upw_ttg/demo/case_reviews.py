"""Demo rows for reviews triggered by what changed: changes noted, items due, reviews held."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from upw_ttg.domain.case_reviews import CaseChangeKind, ReviewTrigger
from upw_ttg.domain.codes import CustodyStatus
from upw_ttg.storage.models import (
    CaseChange,
    CaseReview,
    CustodyEpisode,
    ReviewDue,
)

PEOPLE = 12
_CHANGES = (
    (ReviewTrigger.ADDRESS, "Address changed from 14 Hessle Road, Hull, HU3 2AA to "
                            "Flat 2, 9 Anlaby Road, Hull, HU1 2PJ.", None),
    (ReviewTrigger.LOST_CONTACT, "Missed two phone calls and the family visit; the prison "
                                 "has had no word since.", CaseChangeKind.LOST_CONTACT),
    (ReviewTrigger.NEW_RELATIONSHIP, "Told the wing officer of a new partner who has two "
                                     "young children.", CaseChangeKind.NEW_RELATIONSHIP),
    (ReviewTrigger.RISK, "The risk of harm or MAPPA level on the resettlement plan changed.",
     None),
)
_REVIEWS = ("Considered the new address with the housing officer: it is away from the "
            "victim's area, so the plan stands; the officer is told at handover.",
            "Spoke to the family liaison officer and the chaplain; contact restored by letter. "
            "No change to risk; the next visit is booked.")


def case_reviews_demo(session: Session, today: dt.date) -> dict[str, int]:
    """Review-due items on people in custody with a worker: some open, some closed by a
    review that says what was considered, and the changes noted behind two kinds."""
    people = session.execute(
        select(CustodyEpisode.person_id, CustodyEpisode.worker_id)
        .where(CustodyEpisode.status == CustodyStatus.IN_CUSTODY,
               CustodyEpisode.worker_id.is_not(None))
        .order_by(CustodyEpisode.id).limit(PEOPLE)).all()
    for n, (person_id, worker_id) in enumerate(people):
        trigger, words, kind = _CHANGES[n % len(_CHANGES)]
        changed_on = today - dt.timedelta(days=3 + 5 * n)
        if kind is not None:
            session.add(CaseChange(person_id=person_id, kind=kind, noted_on=changed_on,
                                   detail=words, recorded_by_id=worker_id,
                                   recorded_at=dt.datetime.combine(changed_on, dt.time(10))))
        item = ReviewDue(person_id=person_id, trigger=trigger, what_changed=words,
                         changed_on=changed_on, raised_by_id=worker_id,
                         raised_at=dt.datetime.combine(changed_on, dt.time(10)),
                         updated_by_id=worker_id)
        session.add(item)
        if n % 3 == 2:
            review = CaseReview(person_id=person_id, reviewed_on=changed_on + dt.timedelta(2),
                                considered=_REVIEWS[n % 2], reviewed_by_id=worker_id,
                                recorded_at=dt.datetime.combine(
                                    changed_on + dt.timedelta(2), dt.time(15)))
            session.add(review)
            session.flush()
            item.review_id = review.id
    session.flush()
    return {table.__tablename__: session.scalar(select(func.count()).select_from(table)) or 0
            for table in (CaseChange, CaseReview, ReviewDue)}
