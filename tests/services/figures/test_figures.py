"""Every figure counted by hand on a small case set (today is Thursday 26 November 2026;
Monday 31 August 2026 is the summer bank holiday)."""

from __future__ import annotations

import datetime as dt

import pytest

from upw_ttg.domain.codes import Language, ReferralStatus, Role
from upw_ttg.errors import CapabilityDeniedError, PermissionDeniedError
from upw_ttg.records.figures import Tally
from upw_ttg.storage.models import Person

from tests.services.figures.figures_data import CaseSet

D = dt.date
AUG, SEP, OCT, NOV = D(2026, 8, 1), D(2026, 9, 1), D(2026, 10, 1), D(2026, 11, 1)


def cases(app, build):
    with app.db.write() as session:
        build(CaseSet(session))


def month(figures, key, first):
    return figures.row(key).by_month[figures.months.index(first)]


def test_the_window_is_the_last_twelve_months(app):
    figures = app.figures.figures("upw")
    assert figures.months[0] == D(2025, 12, 1) and figures.months[-1] == NOV
    assert len(figures.months) == 12


def test_first_session_counts_working_days_past_the_bank_holiday(app):
    # Sentenced Friday 21 Aug: ten working days, skipping Monday 31 Aug, end Monday 7 Sep.
    def build(c):
        on_time = c.order(D(2026, 8, 21))
        c.appointment(on_time, D(2026, 9, 7))
        late = c.order(D(2026, 8, 21))
        c.appointment(late, D(2026, 9, 4), "UAAB")  # not attended: not a first session
        c.appointment(late, D(2026, 9, 8))
        c.order(D(2026, 10, 1))              # due 15 Oct, nothing yet: counted, missed
        c.order(D(2026, 11, 20))             # due 4 Dec: not counted yet
    cases(app, build)
    figures = app.figures.figures("upw")
    assert month(figures, "first_session", AUG) == Tally(1, 2)
    assert month(figures, "first_session", OCT) == Tally(0, 1)
    assert month(figures, "first_session", NOV) == Tally(0, 0)
    behind = app.figures.cases("first_session", month=AUG)
    assert [c.missed for c in behind] == [True, False]  # missed first
    assert "first session due 7 Sep 2026" in behind[0].note


def test_outcomes_keyed_within_two_working_days(app):
    # Friday 28 Aug: two working days past the bank holiday end Wednesday 2 Sep.
    def build(c):
        order = c.order(D(2026, 8, 3))
        c.appointment(order, D(2026, 8, 28), keyed=D(2026, 9, 2))
        other = c.order(D(2026, 8, 3))
        c.appointment(other, D(2026, 8, 28), keyed=D(2026, 9, 3))
        c.appointment(other, D(2026, 12, 3), None)  # a future session: not in the figures
    cases(app, build)
    assert month(app.figures.figures("upw"), "outcomes_keyed", AUG) == Tally(1, 2)


def test_enforcement_decisions_on_time(app):
    def build(c):
        a = c.order(D(2026, 8, 3))
        c.action(a, c.appointment(a, D(2026, 8, 28), "UAAB"), "EA02", D(2026, 9, 2))
        b = c.order(D(2026, 8, 3))
        c.action(b, c.appointment(b, D(2026, 8, 28), "AFTC"), "EA02", D(2026, 9, 3))
        pending = c.order(D(2026, 8, 3))
        c.appointment(pending, D(2026, 11, 25), "UAAB")  # due Friday 27 Nov: not yet counted
        late = c.order(D(2026, 8, 3))
        c.appointment(late, D(2026, 11, 20), "UAAB")     # due Tuesday 24 Nov, undecided
    cases(app, build)
    figures = app.figures.figures("upw")
    assert month(figures, "enforcement_on_time", AUG) == Tally(1, 2)
    assert month(figures, "enforcement_on_time", NOV) == Tally(0, 1)


def test_a_failure_after_a_warning_must_be_referred(app):
    def build(c):
        right = c.order(D(2026, 5, 4))
        c.action(right, c.appointment(right, D(2026, 6, 1), "UAAB"), "EA02", D(2026, 6, 2))
        c.action(right, c.appointment(right, D(2026, 8, 28), "UAAB"), "BRE01", D(2026, 9, 1))
        wrong = c.order(D(2026, 5, 4))
        c.action(wrong, c.appointment(wrong, D(2026, 6, 1), "UAAB"), "EA02", D(2026, 6, 2))
        c.action(wrong, c.appointment(wrong, D(2026, 8, 28), "UAAB"), "EA02", D(2026, 9, 1))
        withdrawn = c.order(D(2026, 5, 4))
        first = c.appointment(withdrawn, D(2026, 6, 1), "UAAB")
        c.action(withdrawn, first, "EA02", D(2026, 6, 2))
        c.action(withdrawn, first, "EA06", D(2026, 6, 9))
        c.action(withdrawn, c.appointment(withdrawn, D(2026, 8, 28), "UAAB"), "EA02",
                 D(2026, 9, 1))
    cases(app, build)
    figures = app.figures.figures("upw")
    # The June failures had no warning before them; the withdrawn warning obliges nothing.
    assert month(figures, "warning_then_referral", D(2026, 6, 1)) == Tally(0, 0)
    assert month(figures, "warning_then_referral", AUG) == Tally(1, 2)


def test_health_safety_and_vulnerability_answered(app):
    def build(c):
        c.assessment(c.order(D(2026, 9, 1)), D(2026, 9, 3))
        c.assessment(c.order(D(2026, 9, 1)), D(2026, 9, 4), hs_pregnancy=None)
        c.assessment(c.order(D(2026, 9, 1)), D(2026, 9, 4), vulnerable=None)
    cases(app, build)
    assert month(app.figures.figures("upw"), "hs_answered", SEP) == Tally(1, 3)


def test_completion_rate_and_hours_completed(app):
    def build(c):
        done = c.order(D(2026, 1, 5), completed_on=D(2026, 9, 15))
        c.appointment(done, D(2026, 9, 10), credited=390)
        c.appointment(done, D(2026, 9, 14), credited=300)
        c.order(D(2026, 1, 5), closed_on=D(2026, 9, 20), closure_reason="Revoked")
        c.appointment(c.order(D(2026, 1, 5)), D(2026, 10, 1), credited=60)
    cases(app, build)
    figures = app.figures.figures("upw")
    assert month(figures, "completion", SEP) == Tally(1, 2)
    assert month(figures, "hours_completed", SEP).count == 690
    assert month(figures, "hours_completed", OCT).count == 60


def test_weekly_offer_against_the_target(app):
    # 9:00 to 16:00 less a 30-minute break offers 6h30; 7 hours a week over 30 days of
    # September is 30 hours, so five sessions meet it and four (and a stand-down) do not.
    def build(c):
        order = c.order(D(2026, 7, 6))
        for day in (1, 8, 15, 22):
            c.appointment(order, D(2026, 9, day))
        c.appointment(order, D(2026, 9, 29), "AASD")
        for day in (1, 8, 15, 22, 29):
            c.appointment(order, D(2026, 10, day))
    cases(app, build)
    figures = app.figures.figures("upw")
    assert month(figures, "weekly_offer", SEP) == Tally(0, 1)
    assert month(figures, "weekly_offer", OCT) == Tally(1, 1)


def test_an_extension_moves_the_deadline_the_need_is_judged_by(app):
    # 60 hours from 5 Jan 2026; second review 5 Oct. By 31 Oct 25 hours are left and about
    # 2h17 a week is worked: 9 weeks to 5 Jan 2027 give 20h33, not enough. On 15 Nov the court
    # extends to 1 Jul 2027: at 26 Nov 20 hours are left and 31 weeks at 1h50 are enough.
    def build(c):
        order = c.order(D(2026, 1, 5), hours=60)
        for day in (D(2026, 2, 2), D(2026, 3, 2), D(2026, 9, 1), D(2026, 9, 15),
                    D(2026, 10, 6), D(2026, 10, 20), D(2026, 11, 10)):
            c.appointment(order, day, credited=300)
        c.extension(order, D(2026, 11, 15), D(2027, 7, 1))
    cases(app, build)
    figures = app.figures.figures("upw")
    assert month(figures, "extension_needed", SEP) == Tally(0, 0)
    assert month(figures, "extension_needed", OCT) == Tally(1, 1)
    assert month(figures, "extension_needed", NOV) == Tally(0, 1)
    # Fewer is better: the order that needed an extension is the one that fell short.
    [october] = app.figures.cases("extension_needed", month=OCT)
    assert october.met and october.missed
    assert "deadline 5 Jan 2027" in october.note


def test_plans_on_time_and_their_sections(app):
    # Screened Friday 21 Aug: five working days end Friday 28 Aug.
    def build(c):
        c.plan(c.episode(screened=D(2026, 8, 21)), completed=D(2026, 8, 28), strengths=2,
               diversity=True)
        c.plan(c.episode(screened=D(2026, 8, 21)), completed=D(2026, 9, 1))
        c.episode(screened=D(2026, 8, 21))                # no plan at all
        c.plan(c.episode(screened=D(2026, 11, 25)))       # due 2 Dec: not counted yet
    cases(app, build)
    figures = app.figures.figures("ttg")
    assert month(figures, "plans_on_time", AUG) == Tally(1, 3)
    assert month(figures, "plans_strengths", AUG) == Tally(1, 3)
    assert month(figures, "plans_diversity", AUG) == Tally(1, 3)
    assert month(figures, "plans_risk", AUG) == Tally(0, 3)
    assert month(figures, "plans_on_time", NOV) == Tally(0, 0)


def test_reviews_follow_the_release_date_as_it_is_now(app):
    # Release Monday 23 Nov: 12 weeks before is the bank holiday, so the review is due Friday
    # 28 Aug. An episode whose release moved to 1 Feb 2027 has its review due 9 Nov instead.
    def build(c):
        c.review(c.episode(release=D(2026, 11, 23)), D(2026, 8, 28))
        c.review(c.episode(release=D(2026, 11, 23)), D(2026, 9, 1))
        c.episode(release=D(2027, 2, 1))
    cases(app, build)
    figures = app.figures.figures("ttg")
    assert month(figures, "reviews_on_time", AUG) == Tally(1, 2)
    assert month(figures, "reviews_on_time", NOV) == Tally(0, 1)


def test_handover_contact_and_risk_shared_before_release(app):
    def build(c):
        c.handover(c.episode(release=D(2026, 9, 15), released_on=D(2026, 9, 15)),
                   contacts=(D(2026, 9, 1),), risk_shared_on=D(2026, 9, 16))
        c.handover(c.episode(release=D(2026, 9, 20), released_on=D(2026, 9, 21)),
                   contacts=(D(2026, 9, 21),), risk_shared_on=D(2026, 9, 10))
        c.episode(release=D(2026, 9, 22), released_on=D(2026, 9, 22))
    cases(app, build)
    figures = app.figures.figures("ttg")
    assert month(figures, "handover_before_release", SEP) == Tally(1, 3)
    assert month(figures, "risk_shared", SEP) == Tally(1, 3)


def test_referrals_closed_with_an_outcome(app):
    def build(c):
        plan = c.plan(c.episode(screened=D(2026, 8, 3)))
        c.referral(plan, D(2026, 9, 15), ReferralStatus.COMPLETED, "Room found")
        c.referral(plan, D(2026, 9, 16), ReferralStatus.ACCEPTED, "  ")
        c.referral(plan, D(2026, 9, 20), ReferralStatus.SENT)
        c.referral(plan, D(2026, 12, 1), ReferralStatus.SENT)    # answer not due yet
    cases(app, build)
    figures = app.figures.figures("ttg")
    assert month(figures, "referrals_closed", SEP) == Tally(1, 3)
    assert month(figures, "referrals_closed", NOV) == Tally(0, 0)


def test_figures_split_by_unit_and_worker_and_kept_to_one(app, add_staff):
    hull_coordinator = add_staff("hullco", Role.COORDINATOR, "Hana Hull")

    def build(c):
        c.assessment(c.order(D(2026, 9, 1), office_id=1), D(2026, 9, 3))
        c.assessment(c.order(D(2026, 9, 1), office_id=6, worker_id=hull_coordinator.id),
                     D(2026, 9, 3), vulnerable=None)
    cases(app, build)
    row = app.figures.figures("upw").row("hs_answered")
    assert [(s.name, s.tally) for s in row.by_unit] == [
        ("Hull and East Riding", Tally(0, 1)), ("York and North Yorkshire", Tally(1, 1))]
    assert [(s.name, s.tally) for s in row.by_worker] == [
        ("Hana Hull", Tally(0, 1)), ("Not recorded", Tally(1, 1))]
    mine = app.figures.figures("upw", worker_id=hull_coordinator.id)
    assert mine.row("hs_answered").overall == Tally(0, 1)
    assert mine.scope == "Hana Hull"
    assert [c.worker_name for c in app.figures.cases(
        "hs_answered", worker_id=hull_coordinator.id)] == ["Hana Hull"]


def test_only_managers_read_figures(signed_in_as):
    for role in (Role.COORDINATOR, Role.RESETTLEMENT_WORKER, Role.ADMINISTRATOR):
        with pytest.raises((CapabilityDeniedError, PermissionDeniedError)):
            signed_in_as(role).figures.figures("upw")
    assert signed_in_as(Role.MANAGER).figures.figures("ttg").rows


def test_the_summary_prints_on_one_page(app):
    import io

    from pypdf import PdfReader

    def build(c):
        c.assessment(c.order(D(2026, 9, 1)), D(2026, 9, 3))
        c.assessment(c.order(D(2026, 9, 1)), D(2026, 9, 4), vulnerable=None)
    cases(app, build)
    reader = PdfReader(io.BytesIO(app.figures.summary_pdf("upw")))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Unpaid Work figures" in text
    assert "Assessments with health, safety and vulnerability answered" in text
    assert "1 of 2" in text and "50.0%" in text
    assert "York and North Yorkshire" in text


def test_figures_are_read_again_after_a_change(app):
    def build(c):
        late = c.order(D(2026, 8, 21))
        c.appointment(late, D(2026, 9, 8))
    cases(app, build)
    assert month(app.figures.figures("upw"), "first_session", AUG) == Tally(0, 1)
    setting = next(s for s in app.settings.list_settings()
                   if s.key == "upw.first_session_working_days")
    app.settings.update(setting.key, "11", setting.version)
    assert month(app.figures.figures("upw"), "first_session", AUG) == Tally(1, 1)


def test_the_cases_of_a_restricted_person_show_only_name_and_crn(app, signed_in_as):
    def build(c):
        order = c.order(D(2026, 9, 1))
        c.s.get(Person, order.person_id).restricted = True
        c.assessment(order, D(2026, 9, 3), vulnerable=None)
    cases(app, build)
    [case] = signed_in_as(Role.MANAGER).figures.cases("hs_answered", month=SEP)
    assert case.person_name and case.crn
    assert case.note in ("", "Restricted") and case.unit_name in ("", "Restricted")


def test_a_drill_down_refuses_what_is_not_a_figure_or_a_month(app):
    from upw_ttg.errors import ValidationError

    with pytest.raises(ValidationError):
        app.figures.cases("no_such_figure")
    with pytest.raises(ValidationError):
        app.figures.cases("first_session", month=dt.date(9999, 12, 1))
    with pytest.raises(ValidationError):
        app.figures.figures("neither")


def test_the_welsh_summary_prints_only_glossary_words_and_its_data(app):
    import io
    import os
    from pathlib import Path

    from pypdf import PdfReader

    from tests.printing.glossary_support import words_not_in_glossary

    def build(c):
        c.assessment(c.order(D(2026, 9, 1)), D(2026, 9, 3))
        c.assessment(c.order(D(2026, 9, 1)), D(2026, 9, 4), vulnerable=None)
    cases(app, build)
    for group, title in (("upw", "Ffigurau Gwaith Di-dâl"), ("ttg", "Ffigurau Drwy'r Giât")):
        pdf = app.figures.summary_pdf(group, language=Language.WELSH)
        if os.environ.get("UPW_TTG_SCREEN_OUT"):  # to look at it as its reader would
            out = Path(os.environ["UPW_TTG_SCREEN_OUT"])
            (out / f"figures-{group}-cy.pdf").write_bytes(pdf)
            (out / f"figures-{group}-en.pdf").write_bytes(app.figures.summary_pdf(group))
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1
        text = " ".join(reader.pages[0].extract_text().split())
        for expected in (title, "Y gwasanaeth cyfan: y 12 mis Rhagfyr 2025 – Tachwedd 2026 "
                         "(y mis hwn hyd at 26 Tachwedd).", "Tudalen 1 o 1",
                         "Achosion", "gorau po leiaf" if group == "upw" else "Cysylltu"):
            assert expected in text, expected
        for english in ("Whole service", "figures", "Cases", "months", "Page 1"):
            assert english not in text, english
        figures = app.figures.figures(group)
        units = [split.name for row in figures.rows for split in row.by_unit]
        codes = ["OFFICIAL-SENSITIVE", app.ctx.actor.full_name, f"FIG-{group.upper()}"]
        assert words_not_in_glossary(pdf, Language.WELSH, [*units, *codes]) == set()
    upw = app.figures.summary_pdf("upw", language=Language.WELSH)
    text = " ".join(PdfReader(io.BytesIO(upw)).pages[0].extract_text().split())
    assert "Asesiadau ag iechyd, diogelwch a bregusrwydd wedi'u hateb" in text
    assert "1 o 2" in text and "50.0%" in text
