"""The gender category the placement rules read: recorded plainly, never the free-text identity."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from upw_ttg.domain.codes import Gender, GenderCategory, PlacementPreference, Role
from upw_ttg.domain.placement import (
    Occupant,
    PersonFacts,
    Rule,
    SessionFacts,
    category_from_text,
    check_placement,
)
from upw_ttg.errors import PermissionDeniedError, StaleRecordError, ValidationError
from upw_ttg.records.people import PersonInput
from upw_ttg.records.upw import PlacementRequest
from upw_ttg.services.upw import PlacementRefused
from upw_ttg.storage.models import AuditEvent

W, M, NB, NS, UC = (GenderCategory.WOMAN, GenderCategory.MAN, GenderCategory.NON_BINARY,
                    GenderCategory.NOT_STATED, GenderCategory.UNCONFIRMED)


def refused(call, *args, **kwargs) -> dict[Rule, bool]:
    with pytest.raises(PlacementRefused) as caught:
        call(*args, **kwargs)
    return {b.rule: b.hard for b in caught.value.breaches}


@pytest.mark.parametrize("gender, identity, expected", [
    (Gender.MALE, "Woman (she/her)", W), (Gender.FEMALE, "Man (he/him)", M),
    (Gender.MALE, "Trans woman", W), (Gender.FEMALE, " female ", W),
    (Gender.FEMALE, "Non-binary (they/them)", NB), (Gender.MALE, "nonbinary", NB),
    (Gender.FEMALE, None, W), (Gender.MALE, "", M), (Gender.NOT_STATED, None, NS),
    (Gender.FEMALE, "Prefer not to say", NS),
    # Words that do not say plainly are left for a coordinator to confirm.
    (Gender.FEMALE, "Trans", UC), (Gender.MALE, "Genderfluid", UC), (Gender.MALE, "she/her", UC),
    (Gender.FEMALE, "Woman and man", UC),
])
def test_the_category_is_read_from_plain_words_only(gender, identity, expected):
    assert category_from_text(gender, identity) == expected


def _facts(**changes) -> PersonFacts:
    # Keyword arguments of mixed types, some replaced by the caller's.
    values: dict[str, Any]
    values = dict(person_id=1, order_id=1, name="Alex", is_woman=False, assessed=True,
                  sentence_date=dt.date(2026, 11, 1), deadline=None)
    values.update(changes)
    return PersonFacts(**values)


def _group(**changes) -> SessionFacts:
    # Keyword arguments of mixed types, some replaced by the caller's.
    values: dict[str, Any]
    values = dict(session_id=9, project_id=1, project_name="Park", project_type="group",
                  date=dt.date(2026, 12, 1), start=dt.time(9), end=dt.time(16), places=6,
                  van_seats=None, female_only=False, supervisor_genders=(Gender.MALE,))
    values.update(changes)
    return SessionFacts(**values)


def test_pure_rules_for_unconfirmed_and_non_binary_people():
    today = dt.date(2026, 11, 26)

    def rules(person, session, occupants=()):
        decision = check_placement(person, session, list(occupants), [], travels_by_van=False,
                                   today=today)
        return {b.rule: b.hard for b in decision.breaches}

    unconfirmed = _facts(gender_unconfirmed=True)
    assert rules(unconfirmed, _group()) == {Rule.GENDER_UNCONFIRMED: True}
    assert rules(unconfirmed, _group(project_type="individual")) == {}
    non_binary = _facts(non_binary=True)
    assert rules(non_binary, _group()) == {Rule.LONE_NON_BINARY: False}
    assert rules(non_binary, _group(), [Occupant(2, False, non_binary=True)]) == {}
    assert rules(non_binary, _group(project_type="individual")) == {}


def test_her_own_words_no_longer_decide_rule_3_the_category_does(upw, app):
    """The inspection's case: "Woman (she/her)" was placed alone with four men."""
    sid = upw.session()
    for _ in range(4):
        upw.svc.placement.place(upw.man(), sid)
    her = upw.placeable(Gender.MALE, identity="Woman (she/her)",
                        person={"gender_category": W})
    assert refused(upw.svc.placement.place, her, sid) == {Rule.LONE_WOMAN: True}
    # Recorded plainly as a man, the same words change nothing for the rules.
    him = upw.placeable(Gender.FEMALE, identity="Woman", person={"gender_category": M},
                        female_only_offered=None)
    upw.svc.placement.place(him, sid)
    female_only = upw.session(upw.MONDAY + dt.timedelta(days=1), female_only=True)
    assert refused(upw.svc.placement.place, him, female_only) == {Rule.FEMALE_ONLY: True}


def test_a_man_in_his_own_words_is_not_offered_female_only(upw):
    sid = upw.session(female_only=True)
    man = upw.placeable(Gender.FEMALE, identity="Man (he/him)", female_only_offered=None)
    assert refused(upw.svc.placement.place, man, sid) == {Rule.FEMALE_ONLY: True}
    person = upw.person(Gender.FEMALE, "Man (he/him)")
    order = upw.order(person)
    with pytest.raises(ValidationError) as caught:
        upw.svc.assessments.create(upw.assessment_input(
            person, order, placement_preference=PlacementPreference.FEMALE_ONLY_GROUP))
    assert "placement_preference" in caught.value.fields


def test_a_new_person_without_a_category_gets_the_plain_one_or_unconfirmed(app, upw):
    assert app.people.get(upw.person(Gender.MALE, "Woman (she/her)")).gender_category == W
    assert app.people.get(upw.person(Gender.FEMALE, "Genderfluid")).gender_category == UC
    record = app.people.get(upw.person(Gender.FEMALE))
    assert record.gender_category == W
    # An edit that does not give a category keeps it.
    data = record.to_input()
    data.gender_category = None
    data.gender = Gender.MALE
    assert app.people.update(record.id, data).gender_category == W


def test_unconfirmed_people_are_listed_cannot_join_a_group_and_are_confirmed(upw, app):
    sid = upw.session()
    order = upw.placeable(Gender.FEMALE, identity="Trans")
    person_id = app.orders.get(order).person_id
    assert [p.id for p in app.people.unconfirmed()] == [person_id]
    assert app.people.count_unconfirmed() == 1
    other = upw.woman()
    with pytest.raises(PlacementRefused) as caught:
        upw.svc.placement.place_many([PlacementRequest(order, sid), PlacementRequest(other, sid)])
    breach = next(b for b in caught.value.breaches if b.rule == Rule.GENDER_UNCONFIRMED)
    assert breach.hard and "not yet confirmed" in breach.message
    individual = upw.session(upw.MONDAY + dt.timedelta(days=1), project_type="individual")
    upw.svc.placement.place(order, individual)  # nobody else to protect there
    record = app.people.get(person_id)
    with pytest.raises(ValidationError):
        app.people.set_gender_category(person_id, UC, version=record.version)
    confirmed = app.people.set_gender_category(person_id, W, version=record.version)
    assert confirmed.gender_category == W and app.people.unconfirmed() == []
    with pytest.raises(StaleRecordError):
        app.people.set_gender_category(person_id, M, version=record.version)
    upw.svc.placement.place_many([PlacementRequest(order, sid), PlacementRequest(other, sid)])
    with app.db.read() as s:
        changes = s.scalars(select(AuditEvent.changes).where(
            AuditEvent.entity == "person", AuditEvent.entity_id == str(person_id))).all()
    assert any('"gender_category": ["unconfirmed", "woman"]' in (c or "") for c in changes)


def test_only_editors_confirm_a_category(upw, app, add_staff):
    person_id = upw.person(Gender.FEMALE, "Trans")
    version = app.people.get(person_id).version
    app.ctx.actor = add_staff("sup", Role.SUPERVISOR)
    with pytest.raises(PermissionDeniedError):
        app.people.set_gender_category(person_id, W, version=version)
    with pytest.raises(PermissionDeniedError):
        app.people.unconfirmed()


def test_a_non_binary_person_alone_in_a_group_needs_a_reason(upw, app):
    sid = upw.session()
    upw.svc.placement.place(upw.man(), sid)
    alex = upw.placeable(Gender.NOT_STATED, identity="Non-binary")
    sam = upw.placeable(Gender.NOT_STATED, identity="Non-binary")
    with pytest.raises(PlacementRefused) as caught:
        upw.svc.placement.place(alex, sid)
    assert caught.value.needs_reason
    assert {b.rule for b in caught.value.breaches} == {Rule.LONE_NON_BINARY}
    decision = upw.svc.placement.check(alex, sid)
    assert [b.rule for b in decision.soft] == [Rule.LONE_NON_BINARY]
    # Two joining together: neither is the only one.
    assert upw.svc.placement.check_many([PlacementRequest(alex, sid),
                                         PlacementRequest(sam, sid)]).allowed
    other = upw.session(upw.MONDAY + dt.timedelta(days=1))
    row = upw.svc.placement.place(alex, other, override_reason="Asked; happy to join")
    assert row.override_reason == "Asked; happy to join"
    upw.svc.placement.place_many([PlacementRequest(alex, sid), PlacementRequest(sam, sid)])
    assert {alex, sam} <= upw.people_on(sid)


def test_a_category_edit_on_the_form_is_audited_and_read_by_the_rules(upw, app):
    sid = upw.session(female_only=True)
    order = upw.man()
    person_id = app.orders.get(order).person_id
    record = app.people.get(person_id)
    data = record.to_input()
    data.gender_category = W
    data.gender_identity = "Woman (she/her)"
    updated = app.people.update(person_id, data)
    assert updated.gender_category == W
    assert upw.svc.placement.check(order, sid).allowed
    with pytest.raises(ValidationError):
        app.people.create(PersonInput(crn="X900001", forename="Jo", surname="Bloggs",
                                      date_of_birth=dt.date(1990, 1, 1),
                                      # A word from outside the list, as an import may send.
                                      gender_category="lady"))  # type: ignore[arg-type]
