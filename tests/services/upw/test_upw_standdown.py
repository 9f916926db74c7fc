"""Stand-downs (rule UPW-23): AASD with the reason, who to tell, offers, warrants flagged, moves."""

from __future__ import annotations

import datetime as dt

import pytest

from upw_ttg.domain.codes import SessionStatus, WarrantMode
from upw_ttg.domain.placement import Rule
from upw_ttg.errors import ValidationError
from upw_ttg.records.upw import PlacementRequest, StandDownReason, WarrantInput
from upw_ttg.services.upw import PlacementRefused


def test_standing_down_marks_everyone_aasd_and_lists_who_to_tell(upw, app):
    sid = upw.session()
    later = upw.session(upw.MONDAY + dt.timedelta(days=2))
    men = [upw.man() for _ in range(2)]
    rows = [upw.svc.placement.place(m, sid) for m in men]
    person = app.orders.get(men[0]).person_id
    criteria = upw.svc.warrants.eligibility_criteria()
    warrant = upw.svc.warrants.issue(WarrantInput(
        person, office_id=upw.office, session_id=sid, travel_from="Tadcaster",
        travel_to="York", mode=WarrantMode.BUS, fare_pence=380, eligibility=criteria[0],
        reason="No bus to pick-up"))
    result = upw.svc.stand_downs.stand_down(sid, StandDownReason.WEATHER, "Snow")
    assert result.reason == "Weather: Snow"
    assert upw.svc.sessions.get(sid).status == SessionStatus.STOOD_DOWN
    detail = upw.svc.sessions.detail(sid)
    assert {p.outcome_code for p in detail.people} == {"AASD"}
    assert {p.order_id for p in result.people} == set(men)
    told = next(p for p in result.people if p.order_id == men[0])
    assert told.phone == "01904 000000" and told.warrant_serials == (warrant.serial_text,)
    assert [w.id for w in result.warrants_flagged] == [warrant.id]
    assert [o.session_id for o in told.offers] == [later]
    assert told.offers[0].free_places == 6
    assert {r.id for r in rows} == {p.appointment_id for p in detail.people}
    with pytest.raises(ValidationError):
        upw.svc.stand_downs.stand_down(sid, StandDownReason.VEHICLE)


def test_other_needs_a_reason(upw):
    sid = upw.session()
    with pytest.raises(ValidationError) as caught:
        upw.svc.stand_downs.stand_down(sid, StandDownReason.OTHER)
    assert caught.value.fields == {"detail": "Say why the session is stood down."}
    assert upw.svc.stand_downs.stand_down(sid, StandDownReason.NO_SUPERVISOR).reason == (
        "No supervisor")


def test_moves_on_stand_down_recheck_the_lone_woman_rule(upw):
    sid = upw.session()
    target = upw.session(upw.MONDAY + dt.timedelta(days=1))
    upw.svc.placement.place(upw.man(), target)
    a, b = upw.woman(), upw.woman()
    rows = upw.svc.placement.place_many([PlacementRequest(a, sid), PlacementRequest(b, sid)])
    with pytest.raises(PlacementRefused) as caught:
        upw.svc.stand_downs.stand_down(sid, StandDownReason.VEHICLE, "Van failed its MOT",
                                       moves={rows[0].id: PlacementRequest(0, target)})
    assert {x.rule for x in caught.value.breaches} == {Rule.LONE_WOMAN}
    assert upw.svc.sessions.get(sid).status == SessionStatus.PLANNED  # nothing changed
    result = upw.svc.stand_downs.stand_down(
        sid, StandDownReason.VEHICLE, "Van failed its MOT",
        moves={rows[0].id: PlacementRequest(0, target), rows[1].id: PlacementRequest(0, target)})
    assert {m.order_id for m in result.moved} == {a, b}
    assert upw.people_on(target) >= {a, b}


def test_offers_skip_sessions_that_break_a_hard_rule(upw):
    sid = upw.session()
    full = upw.session(upw.MONDAY + dt.timedelta(days=1), capacity=1)
    upw.svc.placement.place(upw.man(), full)
    school = upw.session(upw.MONDAY + dt.timedelta(days=2), tags=("children_present",))
    fine = upw.session(upw.MONDAY + dt.timedelta(days=3))
    order = upw.man(risk_to_children=True)
    upw.svc.placement.place(order, sid)
    offers = upw.svc.stand_downs.offers(order, exclude_session=sid)
    assert [o.session_id for o in offers] == [fine]
    assert school not in [o.session_id for o in offers]
