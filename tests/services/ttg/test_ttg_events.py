"""Custody events with reasons: transfer, early release, release and recall."""

from __future__ import annotations

import datetime as dt

import pytest

from upw_ttg.domain.codes import CustodyEventKind, CustodyStatus
from upw_ttg.errors import StaleRecordError, ValidationError

from tests.services.ttg.ttg_support import make_episode, make_person, prison_id


def test_a_transfer_moves_the_episode_to_the_new_prison(app, ttg, episode_id):
    state = ttg.events.state(episode_id)
    assert [e.kind for e in state.events] == [CustodyEventKind.RECEPTION]
    moved = ttg.events.transfer(episode_id, prison_id(app, "NSI"), dt.date(2026, 11, 20),
                                "Category D: moved to open conditions", state.version)
    assert (moved.prison_code, moved.status) == ("NSI", CustodyStatus.IN_CUSTODY)
    event = moved.events[0]
    assert (event.kind, event.from_prison, event.to_prison, event.reason, event.recorded_by) \
        == (CustodyEventKind.TRANSFER, "HMP Humber", "HMP North Sea Camp",
            "Category D: moved to open conditions", "Ada Admin")
    assert app.custody.get(episode_id).prison_code == "NSI"
    with pytest.raises(ValidationError, match="already in this prison"):
        ttg.events.transfer(episode_id, prison_id(app, "NSI"), dt.date(2026, 11, 21), "Again",
                            moved.version)


def test_an_early_release_is_before_the_expected_date_and_releases(app, ttg, episode_id):
    state = ttg.events.state(episode_id)
    with pytest.raises(ValidationError, match="Enter the reason"):
        ttg.events.early_release(episode_id, dt.date(2026, 11, 25), " ", state.version)
    with pytest.raises(ValidationError, match="cannot be in the future"):
        ttg.events.early_release(episode_id, dt.date(2026, 12, 25), "HDC", state.version)
    released = ttg.events.early_release(episode_id, dt.date(2026, 11, 25),
                                        "Home detention curfew", state.version)
    assert (released.status, released.released_on) == (CustodyStatus.RELEASED,
                                                        dt.date(2026, 11, 25))
    assert released.events[0].kind == CustodyEventKind.EARLY_RELEASE
    assert app.custody.get(episode_id).status == "released"
    with pytest.raises(ValidationError, match="has been released"):
        ttg.events.transfer(episode_id, prison_id(app, "HLI"), dt.date(2026, 11, 26), "x",
                            released.version)


def test_a_release_on_or_after_the_expected_date_is_not_early(app, ttg):
    episode = make_episode(app, make_person(app), reception_date=dt.date(2026, 6, 1),
                           screening_date=dt.date(2026, 6, 2),
                           sentence_start_date=dt.date(2026, 6, 1),
                           conditional_release_date=dt.date(2026, 11, 20))
    state = ttg.events.state(episode)
    with pytest.raises(ValidationError, match="record this as a release"):
        ttg.events.early_release(episode, dt.date(2026, 11, 20), "HDC", state.version)
    released = ttg.events.release(episode, dt.date(2026, 11, 20), "Conditional release",
                                  state.version)
    assert released.events[0].reason == "Conditional release"


def test_a_recall_brings_the_person_back_into_custody(app, ttg, episode_id):
    state = ttg.events.state(episode_id)
    with pytest.raises(ValidationError, match="Only someone released"):
        ttg.events.recall(episode_id, dt.date(2026, 11, 25), "Missed appointments",
                          state.version)
    released = ttg.events.early_release(episode_id, dt.date(2026, 11, 20), "HDC",
                                        state.version)
    with pytest.raises(ValidationError, match="before the release"):
        ttg.events.recall(episode_id, dt.date(2026, 11, 19), "x", released.version)
    recalled = ttg.events.recall(episode_id, dt.date(2026, 11, 25),
                                 "Curfew breached: recalled by the Public Protection Casework "
                                 "Section", released.version, to_prison_id=prison_id(app, "HLI"))
    assert (recalled.status, recalled.released_on, recalled.prison_code) == \
        (CustodyStatus.IN_CUSTODY, None, "HLI")
    assert [e.kind for e in recalled.events][:2] == [CustodyEventKind.RECALL,
                                                    CustodyEventKind.EARLY_RELEASE]


def test_events_are_version_guarded_and_audited(app, ttg, episode_id, make_services):
    state = ttg.events.state(episode_id)
    edit = app.custody.get(episode_id).to_input()
    edit.licence_expiry_date = dt.date(2028, 1, 1)
    app.custody.update(episode_id, edit)
    with pytest.raises(StaleRecordError):
        ttg.events.transfer(episode_id, prison_id(app, "LII"), dt.date(2026, 11, 20), "Court",
                            state.version)
    state = ttg.events.state(episode_id)
    moved = ttg.events.transfer(episode_id, prison_id(app, "LII"), dt.date(2026, 11, 20),
                                "Nearer home", state.version)
    event = app.audit.events_for("custody_event", moved.events[0].id)[0]
    assert event.changes["after"]["reason"] == "Nearer home"
    episode_audit = app.audit.events_for("custody_episode", episode_id)[-1]
    assert list(episode_audit.changes) == ["prison_id"]
