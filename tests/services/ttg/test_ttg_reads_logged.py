"""Opening a plan's risk section or a handover record, and printing, go in the access log."""

from __future__ import annotations

from upw_ttg.domain.access import AccessAction, AccessedRecord, Recipient
from upw_ttg.records.ttg import OfficerInput

from tests.services.ttg.ttg_support import fill_plan, logged, make_episode, make_person


def test_opening_a_plan_logs_its_risk_section(app, ttg):
    person = make_person(app)
    episode = make_episode(app, person)
    plan = ttg.plans.create(episode)
    assert logged(app) == []  # creating is audited as a change, not logged as a reading
    ttg.plans.get(plan.id)
    ttg.plans.for_episode(episode)  # the same plan again, moments later: one consultation
    assert logged(app) == [(AccessAction.VIEW, AccessedRecord.PLAN_RISK.value, str(plan.id),
                            person, None, None)]


def test_opening_a_handover_record_is_logged(app, ttg):
    person = make_person(app)
    episode = make_episode(app, person)
    handover = ttg.handover.save_officer(episode, OfficerInput(ro_name="Siân Evans"))
    ttg.handover.for_episode(episode)
    assert logged(app) == [(AccessAction.VIEW, AccessedRecord.HANDOVER.value,
                            str(handover.id), person, None, None)]


def test_the_handover_pack_is_logged_as_a_print_for_the_responsible_officer(app, ttg):
    person = make_person(app)
    episode = make_episode(app, person)
    fill_plan(ttg, ttg.plans.create(episode))
    ttg.printouts.render_handover_pack(episode)
    assert logged(app) == [(AccessAction.PRINT, AccessedRecord.DOCUMENT.value, str(episode),
                            person, "handover pack", Recipient.RESPONSIBLE_OFFICER.value)]


def test_the_persons_own_copy_logs_the_print_but_no_risk_reading(app, ttg):
    person = make_person(app)
    episode = make_episode(app, person)
    fill_plan(ttg, ttg.plans.create(episode))
    ttg.printouts.render_person_copy(episode)
    assert logged(app) == [(AccessAction.PRINT, AccessedRecord.DOCUMENT.value, str(episode),
                            person, "resettlement plan (person's copy)",
                            Recipient.THE_PERSON.value)]
