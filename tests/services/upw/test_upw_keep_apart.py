"""Keep-apart pairs (rule UPW-5): recorded, seen and ended from either record; detail private."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from upw_ttg.domain.codes import KeepApartKind, Role
from upw_ttg.domain.placement import Rule
from upw_ttg.errors import PermissionDeniedError, StaleRecordError, ValidationError
from upw_ttg.records.upw import PlacementRequest
from upw_ttg.services.upw import PlacementRefused
from upw_ttg.storage.models import AuditEvent

DETAIL = "Victim in the 2025 assault case is the other's sister"


def _pair(upw, app):
    a, b = upw.man(), upw.man()
    return a, b, app.orders.get(a).person_id, app.orders.get(b).person_id


def test_recording_a_pair_lists_the_future_bookings_it_breaks(upw, app, add_staff):
    a, b, pa, pb = _pair(upw, app)
    monday, tuesday = upw.session(), upw.session(upw.MONDAY + dt.timedelta(days=1))
    alone = upw.session(upw.MONDAY + dt.timedelta(days=2))
    for sid in (monday, tuesday):
        upw.svc.placement.place_many([PlacementRequest(a, sid), PlacementRequest(b, sid)])
    upw.svc.placement.place(a, alone)
    app.ctx.actor = add_staff("coord", Role.COORDINATOR)
    keep_apart = upw.svc.keep_apart
    preview = keep_apart.preview(pa, pb)
    assert [x.session_id for x in preview] == [monday, tuesday]
    result = keep_apart.record(pb, pa, KeepApartKind.CO_DEFENDANT, DETAIL)
    assert [x.session_id for x in result.broken] == [monday, tuesday]
    assert result.broken[0].message.endswith("who is on this session.")
    assert DETAIL not in result.broken[0].message
    assert result.pair.person_id == pb and result.pair.other_person_id == pa
    assert result.pair.detail == DETAIL and result.pair.current
    # From now on the rule engine keeps them apart, when placing and when moving.
    third = upw.session(upw.MONDAY + dt.timedelta(days=3))
    upw.svc.placement.place(a, third)
    with pytest.raises(PlacementRefused) as caught:
        upw.svc.placement.place(b, third)
    assert {x.rule for x in caught.value.breaches} == {Rule.KEEP_APART}
    place = next(p for p in upw.svc.sessions.detail(alone).people)
    upw.svc.placement.remove(place.appointment_id)
    b_on_monday = next(p for p in upw.svc.sessions.detail(monday).people if p.order_id == b)
    with pytest.raises(PlacementRefused):
        upw.svc.placement.move(b_on_monday.appointment_id, third)


def test_seen_from_either_record_ended_and_then_no_longer_applied(upw, app, add_staff):
    a, b, pa, pb = _pair(upw, app)
    app.ctx.actor = add_staff("manager", Role.MANAGER)
    keep_apart = upw.svc.keep_apart
    pair = keep_apart.record(pa, pb, KeepApartKind.RESTRAINING_ORDER, DETAIL).pair
    assert [p.id for p in keep_apart.pairs_for(pb)] == [pair.id]
    assert keep_apart.pairs_for(pb)[0].other_person_id == pa
    with pytest.raises(ValidationError) as caught:
        keep_apart.record(pb, pa, KeepApartKind.OTHER, "again")
    assert "already kept apart" in caught.value.fields["other_person_id"]
    sid = upw.session()
    upw.svc.placement.place(a, sid)
    with pytest.raises(ValidationError):
        keep_apart.end(pair.id, reason="", version=pair.version)
    ended = keep_apart.end(pair.id, reason="Order discharged by the court", version=pair.version,
                           person_id=pb)
    assert not ended.current and ended.ended_on == app.ctx.today()
    assert ended.other_person_id == pa and ended.end_reason == "Order discharged by the court"
    with pytest.raises(StaleRecordError):
        keep_apart.end(pair.id, reason="Twice", version=pair.version)
    upw.svc.placement.place(b, sid)  # an ended pair keeps nobody apart
    assert keep_apart.pairs_for(pa, include_ended=False) == []
    # Recorded again later, it applies again, and the old pair stays on record.
    keep_apart.record(pa, pb, KeepApartKind.GANG_CONFLICT, None)
    assert [p.current for p in keep_apart.pairs_for(pa)] == [True, False]


def test_the_detail_is_for_coordinators_and_managers_only(upw, app, add_staff):
    _, _, pa, pb = _pair(upw, app)
    app.ctx.actor = add_staff("coord", Role.COORDINATOR)
    keep_apart = upw.svc.keep_apart
    pair = keep_apart.record(pa, pb, KeepApartKind.CO_DEFENDANT, DETAIL).pair
    keep_apart.end(pair.id, reason="Trial over: " + DETAIL, version=pair.version)
    app.ctx.actor = add_staff("worker", Role.RESETTLEMENT_WORKER)
    seen = keep_apart.pairs_for(pa)[0]
    assert seen.kind == KeepApartKind.CO_DEFENDANT and seen.detail_hidden
    assert seen.detail is None and seen.end_reason is None
    for role in (Role.SUPERVISOR, Role.ADMINISTRATOR):  # they read no person's record at all
        app.ctx.actor = add_staff(f"u-{role.value}", role)
        with pytest.raises(PermissionDeniedError):
            keep_apart.pairs_for(pa)
    app.ctx.actor = add_staff("manager", Role.MANAGER)
    assert keep_apart.pairs_for(pa)[0].detail == DETAIL
    # The audit trail records the pair, never the sensitive words.
    with app.db.read() as s:
        changes = " ".join(c or "" for c in s.scalars(select(AuditEvent.changes).where(
            AuditEvent.entity == "keep_apart")))
    assert "co_defendant" in changes and DETAIL not in changes


def test_who_may_record_and_what_must_be_said(upw, app, add_staff):
    _, _, pa, pb = _pair(upw, app)
    keep_apart = upw.svc.keep_apart
    with pytest.raises(ValidationError) as caught:
        keep_apart.record(pa, pa, KeepApartKind.CO_DEFENDANT, None)
    assert "themselves" in caught.value.fields["other_person_id"]
    with pytest.raises(ValidationError) as caught:
        keep_apart.record(pa, pb, KeepApartKind.OTHER, "  ")
    assert "detail" in caught.value.fields
    with pytest.raises(ValidationError):
        keep_apart.record(pa, pb, "feud", "x")
    app.ctx.actor = add_staff("sup", Role.SUPERVISOR)
    with pytest.raises(PermissionDeniedError):
        keep_apart.record(pa, pb, KeepApartKind.CO_DEFENDANT, None)


def test_auto_fill_never_proposes_a_pair_together(upw, app):
    a, b, pa, pb = _pair(upw, app)
    upw.svc.keep_apart.record(pa, pb, KeepApartKind.GANG_CONFLICT, DETAIL)
    upw.session(capacity=6)
    proposal = upw.svc.autofill.propose(upw.MONDAY, upw.unit)
    by_session: dict[int, set[int]] = {}
    for p in proposal.placements:
        by_session.setdefault(p.session_id, set()).add(p.person_id)
    assert by_session and not any({pa, pb} <= people for people in by_session.values())
