"""Through the Gate: custody episodes and their dates, plans, referrals, reviews and handovers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from upw_ttg.demo import places, texts
from upw_ttg.demo.core import Context, Weighted, stamp, versioned
from upw_ttg.demo.directory import DirectoryLinks, build_directory, pick_provider
from upw_ttg.demo.names import full_name, make_name
from upw_ttg.demo.people import PersonInfo, touch
from upw_ttg.domain.codes import PATHWAYS, GenderCategory, Language, ReleaseDateType
from upw_ttg.domain.custody import expected_release
from upw_ttg.domain.placement import identity_not_male
from upw_ttg.domain.text import fold

SENTENCE_MONTHS = Weighted({1: 4, 2: 6, 3: 10, 4: 10, 6: 14, 8: 8, 9: 6, 10: 5, 12: 8, 15: 5,
                            18: 6, 24: 6, 30: 3, 36: 4, 48: 2, 60: 1.5, 72: 1})
MEN_PRISONS = Weighted({"HLI": 30, "LII": 28, "HMI": 30, "NSI": 12})
# Humber and North Sea Camp take people from the local prisons, not from court.
LOCAL_PRISONS = ("HLI", "LII")
PATHWAY_CHANCE = {"accommodation": 0.6, "ete": 0.55, "finance_id": 0.6, "drugs_alcohol": 0.5,
                  "health": 0.45, "children_families": 0.35, "attitudes": 0.45}
LINKED = {"accommodation": 0.5, "drugs_alcohol": 0.8, "attitudes": 0.9, "finance_id": 0.4,
          "ete": 0.3, "children_families": 0.2, "health": 0.15, "abuse_survivors": 0.1,
          "sex_work": 0.3}
RO_ORGANISATION = {"YNY": "The Probation Service, Yorkshire and the Humber",
                   "HER": "The Probation Service, Yorkshire and the Humber",
                   "GLI": "The Probation Service, East Midlands"}
_LETTERS = "ABCDEFGHJKLMNPRSTVWXYZ"


class Custody:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.rng = ctx.rng("custody")
        # Drawn apart, so what the managers' figures should show (plans late, referrals with
        # no answer, handovers on the day) leaves the rest of the data as it was.
        self.spread = ctx.rng("custody_spread")
        # Whether a handover waiting on the officer's answer has been made yet: every demo,
        # however small, shows at least one on the list of handovers to chase.
        self.unanswered_shown = False
        self.today = ctx.today
        self.numbers: set[str] = set()
        self.wd = ctx.workdays
        self.directory = build_directory(ctx)
        self.links = DirectoryLinks(ctx, self.directory)

    def run(self, people: list[PersonInfo], revoked: list[tuple[PersonInfo, dt.date]]) -> None:
        rng, ctx = self.rng, self.ctx
        span = (self.today - ctx.start).days
        for info in people:
            reception = ctx.start + dt.timedelta(days=rng.randint(-240, span - 3))
            released = self.episode(info, reception, recall=rng.random() < 0.08)
            if released is not None and rng.random() < 0.06:
                again = released + dt.timedelta(days=rng.randint(40, 300))
                if again < self.today - dt.timedelta(days=3):
                    self.episode(info, again, recall=rng.random() < 0.5)
        for info, revoked_on in revoked:
            if revoked_on < self.today - dt.timedelta(days=2):
                self.episode(info, revoked_on, recall=False)

    def _prison_number(self) -> str:
        rng = self.rng
        while True:
            number = (f"{rng.choice('AAAG')}{rng.randint(1000, 9999)}"
                      f"{rng.choice(_LETTERS)}{rng.choice(_LETTERS)}")
            if number not in self.numbers:
                self.numbers.add(number)
                return number

    def episode(self, info: PersonInfo, reception: dt.date, recall: bool) -> dt.date | None:
        """One custody episode with its events and resettlement work; returns the release."""
        rng, ctx, today = self.rng, self.ctx, self.today
        if info.female:
            prison, first_prison = "AGI", "AGI"
        else:
            prison = MEN_PRISONS(rng)
            first_prison = prison if prison in LOCAL_PRISONS else rng.choice(LOCAL_PRISONS)
        length = int(SENTENCE_MONTHS(rng) * 30.44)
        remand = 0
        if rng.random() < 0.3 and length // 2 > 30:
            remand = rng.randint(7, min(150, length // 2 - 20))
        ssd = reception + dt.timedelta(days=remand)
        dates: dict[str, dt.date | None] = dict.fromkeys((
            "conditional_release_date", "automatic_release_date", "parole_eligibility_date",
            "hdc_eligibility_date", "hdc_approved_date", "confirmed_release_date",
            "licence_expiry_date", "sentence_expiry_date", "pss_end_date"))
        release = ssd + dt.timedelta(days=max(1, (length + 1) // 2 - remand))
        extended = length >= 48 * 30 and rng.random() < 0.3
        sed = ssd + dt.timedelta(days=length - remand)
        dates["sentence_expiry_date"] = sed
        dates["licence_expiry_date"] = sed
        changes: list[tuple[str, dt.date | None, dt.date | None, str, dt.date]] = []
        if extended:
            # Extended sentences: parole eligibility at two thirds, no automatic release.
            dates["parole_eligibility_date"] = ssd + dt.timedelta(days=length * 2 // 3 - remand)
            dates["licence_expiry_date"] = sed + dt.timedelta(days=365 * rng.randint(2, 4))
            release_field = None
        else:
            release_field = ("automatic_release_date" if length < 365 and rng.random() < 0.1
                             else "conditional_release_date")
            if rng.random() < 0.2 and release > reception + dt.timedelta(days=40):
                # Additional days for a disciplinary offence move release and expiry later.
                extra = rng.randint(3, 42)
                on = reception + dt.timedelta(days=rng.randint(20, (release - reception).days - 5))
                if on < today:
                    changes.append((release_field, release,
                                    release + dt.timedelta(days=extra), "ada", on))
                    release += dt.timedelta(days=extra)
            dates[release_field] = release
            if 84 <= length < 4 * 365:
                hdced = release - dt.timedelta(days=min(180, max(14, length // 4)))
                if hdced > reception + dt.timedelta(days=28):
                    dates["hdc_eligibility_date"] = hdced
                    if hdced <= today + dt.timedelta(days=56) and rng.random() < 0.35:
                        approved = hdced + dt.timedelta(days=rng.randint(0, 21))
                        if approved < release:
                            dates["hdc_approved_date"] = approved
                            changes.append(("hdc_approved_date", None, approved, "hdc",
                                            min(approved - dt.timedelta(days=14), today)))
            if length < 730:
                dates["pss_end_date"] = release + dt.timedelta(days=365)
            due = dates["hdc_approved_date"] or release
            if due <= today + dt.timedelta(days=42) and rng.random() < 0.75:
                # Releases due at a weekend or on a bank holiday happen the working day before.
                confirmed = self.wd.on_or_before(due)
                dates["confirmed_release_date"] = confirmed
                changes.append(("confirmed_release_date", None, confirmed, "confirmed",
                                min(confirmed - dt.timedelta(days=rng.randint(7, 30)), today)))
        expected, kind = expected_release(dates)
        released_on = expected if expected is not None and expected <= today else None
        prison_id = ctx.prisons[prison]
        workers = ctx.staff["workers"][prison]
        worker = workers[rng.randrange(len(workers))]
        screening = reception + dt.timedelta(days=rng.randint(0, 3))
        episode_id = ctx.ids("custody_episode")
        ctx.sink.add("custody_episode", {
            "id": episode_id, "person_id": info.id, "prison_id": prison_id,
            "prison_number": self._prison_number(), "reception_date": reception,
            "sentence_length_days": length,
            "screening_date": screening if screening <= today else None,
            "sentence_start_date": ssd if ssd <= today or rng.random() < 0.5 else None,
            **dates, "expected_release_date": expected,
            "expected_release_type": kind.value if kind else None, "released_on": released_on,
            "status": "released" if released_on else "in_custody", "worker_id": worker,
            **versioned(reception, worker, 15 * 60)})
        touch(info, reception)
        for field, old, new, why, on in changes:
            ctx.sink.add("custody_date_change", {
                "id": ctx.ids("custody_date_change"), "episode_id": episode_id, "field": field,
                "old_value": old, "new_value": new, "reason": texts.DATE_CHANGE_REASONS[why],
                "changed_at": stamp(max(on, reception), 11 * 60), "changed_by_id": worker})
        self.events(episode_id, reception, first_prison, prison, recall, expected,
                    released_on, kind, worker)
        if screening <= today - dt.timedelta(days=1):
            self.plan(info, episode_id, screening, expected, released_on, worker)
        if expected is not None and screening < today:
            self.review(info, episode_id, expected, released_on, reception)
            self.handover(info, episode_id, expected, released_on, reception, worker)
        return released_on

    def events(self, episode_id: int, reception: dt.date, first: str, prison: str,
               recall: bool, expected: dt.date | None, released_on: dt.date | None,
               kind: ReleaseDateType | None, worker: int) -> None:
        ctx, rng = self.ctx, self.rng

        def event(kind_: str, on: dt.date, from_code: str | None, to_code: str | None,
                  reason: str) -> None:
            ctx.sink.add("custody_event", {
                "id": ctx.ids("custody_event"), "episode_id": episode_id, "kind": kind_,
                "event_date": on,
                "from_prison_id": ctx.prisons.get(from_code) if from_code else None,
                "to_prison_id": ctx.prisons.get(to_code) if to_code else None, "reason": reason,
                "recorded_by_id": worker})

        if recall:
            event("recall", reception, None, first, "Recalled on licence: missed appointments "
                  "and lost contact with the probation officer")
        elif first == "AGI":
            event("reception", reception, None, first, "Transferred in from a closed women's "
                  "prison outside the area")
        else:
            event("reception", reception, None, first, "Received from court")
        end = released_on or self.today
        if prison != first:
            room = (end - reception).days
            if room > 10:
                on = reception + dt.timedelta(days=rng.randint(5, max(6, room * 2 // 3)))
                event("transfer", on, first, prison, rng.choice(texts.TRANSFER_REASONS))
        if released_on is not None:
            if kind is not None and kind.value == "hdc":
                event("early_release", released_on, prison, None, "Released on home "
                      "detention curfew")
            else:
                event("release", released_on, prison, None, rng.choice(texts.RELEASE_REASONS))

    def plan(self, info: PersonInfo, episode_id: int, screening: dt.date,
             expected: dt.date | None, released_on: dt.date | None, worker: int) -> None:
        ctx, rng, today = self.ctx, self.rng, self.today
        due = self.wd.add(screening, 5)
        started = screening + dt.timedelta(days=rng.randint(0, 2))
        # The inspection found plans timely in 25 of 26 cases: that is the bar here too.
        if rng.random() < 25 / 26:
            completed = self.wd.add(screening, rng.randint(2, 5))
        else:
            completed = self.wd.add(due, rng.randint(1, 10))
        # Some plans are left in draft well past their due date, partly written (the
        # inspection's cases without strengths, diversity or risk of harm considered).
        stalled = due < today and self.spread.random() < 0.06
        # The main stream draws as it would for a finished plan, so a stalled one changes
        # nothing else in the data (later people, episodes and handovers stay as they were).
        drawn = completed <= today
        done = drawn and not stalled
        started = min(started, today)
        plan_id = ctx.ids("resettlement_plan")
        none_identified = drawn and rng.random() < 0.03
        risk = rng.choice(("low", "medium", "medium", "high")) if drawn else None
        none_reason = rng.choice(texts.NO_STRENGTHS_REASONS) if none_identified else None
        mappa = ("none" if rng.random() < 0.85 else rng.choice(
            ("level_1", "level_1", "level_2"))) if drawn else None
        summary = rng.choice(texts.RISK_SUMMARIES) if drawn else None
        none_drawn = none_identified
        if not done:
            none_identified, risk, none_reason, mappa, summary = False, None, None, None, None
        row = {"id": plan_id, "episode_id": episode_id, "status": "complete" if done else "draft",
               "started_on": started,
               "completed_on": completed if done else None,
               "completed_by_id": worker if done else None,
               "strengths_none_identified": none_identified,
               "strengths_none_reason": none_reason,
               "diversity_considered": done or (stalled and self.spread.random() < 0.4),
               "risk_level": risk, "mappa_level": mappa, "risk_summary": summary,
               **self._linked_release_fallback(_release_fallback(plan_id, done), info.unit),
               **versioned(started, worker, 14 * 60)}
        if drawn:
            requested = started
            checks: dict[str, object] = {"da_check_requested": requested,
                                         "cs_check_requested": requested}
            if rng.random() < 0.9:
                checks.update(
                    da_check_received=requested + dt.timedelta(days=rng.randint(2, 12)),
                    da_check_outcome=rng.choice(texts.DA_OUTCOMES),
                    cs_check_received=requested + dt.timedelta(days=rng.randint(2, 15)),
                    cs_check_outcome=rng.choice(texts.CS_OUTCOMES))
            agrees = rng.random() < 0.93
            comments = rng.choice(texts.COMMENTS) if agrees else "Did not want to sign today."
            if done:
                row.update(checks, person_agrees=agrees, agreed_on=completed,
                           person_comments=comments)
                row["updated_at"] = stamp(completed, 15 * 60)
        ctx.sink.add("resettlement_plan", row)
        horizon = min(released_on or today, today)
        self.needs(info, plan_id, started, horizon, expected, released_on, worker, drawn)
        if done and risk == "high":
            # A complete plan for a high risk of harm has an action that manages it (the gate).
            ctx.sink.add("plan_action", {
                "id": ctx.ids("plan_action"), "plan_id": plan_id, "need_id": None,
                "description": "Share the risk management plan with the community "
                               "responsible officer and agree licence conditions",
                "owner": "Resettlement worker with the offender manager",
                "due_date": completed, "done_on": None, "manages_risk": True,
                **versioned(started, worker, 15 * 60)})
        if not none_drawn and (drawn or rng.random() < 0.5):
            left_out = stalled and self.spread.random() < 0.6
            for _ in range(rng.randint(1, 3)):
                kind = "strength" if rng.random() < 0.6 else "protective_factor"
                pool = texts.STRENGTHS if kind == "strength" else texts.PROTECTIVE
                description = rng.choice(pool)
                if not left_out:
                    ctx.sink.add("plan_strength", {"id": ctx.ids("plan_strength"),
                                                   "plan_id": plan_id, "kind": kind,
                                                   "description": description})
        for category in self._diversity(info):
            description, adjustment = texts.DIVERSITY[category]
            language = info.other_language or "Polish"
            ctx.sink.add("plan_diversity_need", {
                "id": ctx.ids("plan_diversity_need"), "plan_id": plan_id, "category": category,
                "description": description.format(language=language),
                "adjustment": adjustment.format(language=language)})
        for agency in rng.sample(texts.CONSENT_AGENCIES, rng.randint(2, 4)):
            ctx.sink.add("plan_consent", {"id": ctx.ids("plan_consent"), "plan_id": plan_id,
                                          "agency": agency,
                                          "consent_given": rng.random() < 0.92,
                                          "recorded_on": started})

    def _diversity(self, info: PersonInfo) -> list[str]:
        rng = self.rng
        found = []
        if info.language is Language.WELSH:
            found.append("welsh")
        if info.other_language:
            found.append("interpreter" if info.interpreter else "language")
            if rng.random() < 0.4:
                found.append("foreign_national")
        age = (self.today - info.date_of_birth).days // 365
        if age >= 60:
            found.append("age")
        for category, chance in (("literacy", 0.1), ("neurodiversity", 0.08),
                                 ("care_leaver", 0.08), ("veteran", 0.04),
                                 ("disability", 0.04), ("faith", 0.05)):
            if rng.random() < chance:
                found.append(category)
        if info.female:
            if rng.random() < 0.05:
                found.append("pregnancy")
            if rng.random() < 0.45:
                found.append("caring")
        return found[:3]

    def needs(self, info: PersonInfo, plan_id: int, started: dt.date, horizon: dt.date,
              expected: dt.date | None, released_on: dt.date | None, worker: int,
              done: bool) -> None:
        ctx, rng = self.ctx, self.rng
        chosen = [p for p, chance in PATHWAY_CHANCE.items() if rng.random() < chance]
        if info.female:
            chosen += [p for p, chance in (("abuse_survivors", 0.45), ("sex_work", 0.1))
                       if rng.random() < chance]
        if len(chosen) < 2:
            chosen = ["accommodation", "finance_id"]
        span = max(0, (horizon - started).days)
        for pathway in chosen:
            need_id = ctx.ids("plan_need")
            if released_on is not None:
                status = rng.choice(("met", "met", "met", "in_progress", "declined"))
            elif span > 30:
                status = rng.choice(("in_progress", "in_progress", "met", "not_started"))
            else:
                status = rng.choice(("not_started", "in_progress"))
            if done and status == "not_started":
                status = "in_progress"  # a complete plan has a status on every pathway
            ctx.sink.add("plan_need", {
                "id": need_id, "plan_id": plan_id, "pathway_code": pathway,
                "own_words": rng.choice(texts.PATHWAY_OWN_WORDS[pathway]), "status": status,
                "responsibility": rng.choice(("prison", "community", "both", "both")),
                "linked_to_offending": rng.random() < LINKED[pathway],
                **self._linked_fallback(_fallback(need_id, pathway, done, started), pathway,
                                        info.unit),
                **versioned(started, worker, 14 * 60 + 30)})
            entries = rng.randint(0, 3) if span else 0
            for k in range(entries):
                ctx.sink.add("need_progress", {
                    "id": ctx.ids("need_progress"), "need_id": need_id,
                    "entry_date": started + dt.timedelta(days=span * (k + 1) // (entries + 1)),
                    "entry": rng.choice(texts.PROGRESS_ENTRIES[pathway]), "staff_id": worker})
            for description in rng.sample(texts.ACTIONS[pathway],
                                          min(len(texts.ACTIONS[pathway]), rng.randint(1, 2))):
                due = started + dt.timedelta(days=rng.randint(7, 60))
                if expected is not None:
                    due = min(due, expected)
                due = max(due, started)
                done_on = None
                if due <= horizon and rng.random() < 0.7:
                    done_on = min(due + dt.timedelta(days=rng.randint(-5, 10)), horizon)
                    done_on = max(done_on, started)
                owner = rng.choice(texts.ACTION_OWNERS)
                # Some actions are the provider's to do (rule TTG-DIR4).
                given = self.links.provider(pathway, info.unit, 0.25)
                ctx.sink.add("plan_action", {
                    "id": ctx.ids("plan_action"), "plan_id": plan_id, "need_id": need_id,
                    "description": description, "owner": given[1] if given else owner,
                    "provider_id": given[0] if given else None,
                    "due_date": due, "done_on": done_on,
                    "manages_risk": pathway in ("attitudes", "drugs_alcohol")
                    and rng.random() < 0.5, **versioned(started, worker, 15 * 60)})
            if rng.random() < 0.5:
                self.referral(plan_id, pathway, started, span, released_on, worker, info.unit)
        if done:
            # The other pathways were asked about and recorded as no need (rule TTG-6); the
            # women's pathways when the person is not a man.
            women = identity_not_male(GenderCategory(info.row["gender_category"]))
            for pathway, _name, womens_support in PATHWAYS:
                if pathway not in chosen and (women or not womens_support):
                    need_id = ctx.ids("plan_need")
                    ctx.sink.add("plan_need", {
                        "id": need_id, "plan_id": plan_id,
                        "pathway_code": pathway, "own_words": None, "status": "no_need",
                        "responsibility": None, "linked_to_offending": False,
                        **_fallback(need_id, pathway, done, started),
                        **versioned(started, worker, 14 * 60 + 30)})

    def referral(self, plan_id: int, pathway: str, started: dt.date, span: int,
                 released_on: dt.date | None,
                 worker: int, unit: str) -> None:
        ctx, rng, today = self.ctx, self.rng, self.today
        sent = started + dt.timedelta(days=rng.randint(0, max(0, min(span, 40))))
        age = (today - sent).days
        withdrawn = None
        outcome = None
        if age < 10 or self.spread.random() < 0.1:
            status = "sent"  # some providers never answer, and nobody chased them
        elif released_on is not None and rng.random() < 0.08:
            status, withdrawn = "withdrawn", rng.choice(texts.REFERRAL_WITHDRAWN)
            outcome = "Withdrawn before the service could start."
        else:
            status = rng.choice(("accepted", "accepted", "completed", "completed", "declined"))
            outcome = {"accepted": "Accepted; worker allocated.",
                       "completed": "Support delivered; case closed.",
                       "declined": "Declined by the provider: outside their area."}[status]
        provider_id, provider = pick_provider(self.directory, pathway, unit, rng)
        ctx.sink.add("referral", {
            "id": ctx.ids("referral"), "plan_id": plan_id, "pathway_code": pathway,
            "provider": provider, "provider_id": provider_id, "sent_on": sent,
            "status": status, "response_expected_by": sent + dt.timedelta(days=10),
            "outcome": outcome, "withdrawn_reason_code": withdrawn,
            **versioned(sent, worker, 10 * 60 + 30)})

    def review(self, info: PersonInfo, episode_id: int, expected: dt.date,
               released_on: dt.date | None,
               reception: dt.date) -> None:
        ctx, rng, today = self.ctx, self.rng, self.today
        due = expected - dt.timedelta(days=84)
        late = rng.randint(-7, 14)
        if late > 0 and self.spread.random() < 0.75:
            late = -late // 2  # most reviews are held by their due date
        on = max(due + dt.timedelta(days=late), reception + dt.timedelta(days=3))
        if on > today or on > expected:
            return
        found = rng.random() < 0.78
        office = ctx.offices[info.office]
        place = places.OFFICE_PLACES[office.code]
        first_at = dt.datetime.combine(expected, dt.time(rng.choice((13, 14, 15)), 0))
        row = {
            "id": ctx.ids("pre_release_review"), "episode_id": episode_id, "review_date": on,
            "accommodation_found": found,
            "accommodation_address": (f"{rng.randint(1, 150)} "
                                      f"{places.street(rng, place, info.town)}, {info.town}")
            if found else None,
            "id_status": rng.choice(texts.ID_STATUS),
            "bank_account_status": rng.choice(texts.BANK_STATUS),
            "benefits_status": rng.choice(texts.BENEFITS_STATUS),
            "gp_registered": rng.random() < 0.7,
            "gp_details": f"{info.town} Health Centre" if rng.random() < 0.7 else None,
            "prescriptions_on_day": rng.choice(("None needed", "7 days' supply from healthcare",
                                                "Methadone script transferred to the "
                                                "community pharmacy")),
            "first_appointment_with": "Responsible officer",
            "first_appointment_at": first_at,
            "first_appointment_where": f"{office.name} probation office, {place.address}",
            "first_appointment_phone": place.phone,
            **versioned(on, None, 16 * 60)}
        # Derived, not drawn, so the random sequence (and the rest of the data) is unchanged.
        arranged = row["prescriptions_on_day"] != "None needed"
        row.update({"prescriptions_arranged": arranged,
                    "prescriptions_collect_from": f"Community pharmacy, {info.town}"
                    if arranged else None,
                    "travel_route": f"Public transport to {office.name}",
                    "travel_payment": "travel_warrant" if found else "discharge_grant"})
        self._link_review(row, info)
        ctx.sink.add("pre_release_review", row)

    def _link_review(self, row: dict[str, Any], info: PersonInfo) -> None:
        """The first night's hostel, the GP practice and the pharmacy from the directory for
        a share of reviews (rule TTG-DIR4); the others keep what was typed."""
        links = self.links
        hostel = links.place(info.unit, "hostel", 0.3) if row["accommodation_found"] else None
        gp = links.place(info.town, "gp", 0.75) if row["gp_details"] else None
        pharmacy = (links.place(info.town, "pharmacy", 0.7) if row["prescriptions_arranged"]
                    else None)
        row.update({"accommodation_provider_id": hostel[0] if hostel else None,
                    "gp_provider_id": gp[0] if gp else None,
                    "prescriptions_provider_id": pharmacy[0] if pharmacy else None})
        if hostel:
            # The hostel's own address is the first night's: none typed beside it.
            row["accommodation_address"] = None
        if gp:
            row["gp_details"] = gp[1]
        if pharmacy:
            row["prescriptions_collect_from"] = pharmacy[1]

    def _linked_fallback(self, fallback: dict[str, Any], pathway: str, unit: str
                         ) -> dict[str, Any]:
        """Two in five needs' fallbacks call a provider in the directory, not a typed number
        (NHS 111 stays typed: it is no local service)."""
        given = (self.links.provider(pathway, unit, 0.4)
                 if fallback["fallback_contact"] and pathway != "health" else None)
        if given:
            fallback["fallback_contact"] = given[1]
        return {**fallback, "fallback_provider_id": given[0] if given else None}

    def _linked_release_fallback(self, fallback: dict[str, Any], unit: str
                                 ) -> dict[str, Any]:
        """Three in ten days of release fall back on the area's housing service: if the
        first night's place falls through, it finds one that day."""
        given = (self.links.provider("accommodation", unit, 0.3)
                 if fallback["release_fallback_plan"] else None)
        if given:
            fallback.update(release_fallback_plan=texts.RELEASE_HOUSING_FALLBACK,
                            release_fallback_contact=given[1])
        return {**fallback, "release_fallback_provider_id": given[0] if given else None}

    def handover(self, info: PersonInfo, episode_id: int, expected: dt.date,
                 released_on: dt.date | None,
                 reception: dt.date, worker: int) -> None:
        ctx, rng, today = self.ctx, self.rng, self.today
        window = expected - dt.timedelta(days=56)
        if window > today:
            return
        start = max(window, reception + dt.timedelta(days=3))
        handover_id = ctx.ids("handover")
        ro = make_name(rng, rng.random() < 0.6, "staff")
        office = ctx.offices[info.office]
        shared = rng.random() < 0.85
        meeting = None
        if rng.random() < 0.6:
            meeting_day = start + dt.timedelta(days=rng.randint(0, max(0, (expected - start).days)))
            if meeting_day <= today:
                meeting = dt.datetime.combine(meeting_day, dt.time(rng.choice((10, 11, 14)), 0))
        username = ".".join(part.lower() for part in (ro.forename, ro.surname))
        ctx.sink.add("handover", {
            "id": handover_id, "episode_id": episode_id, "ro_name": full_name(ro),
            "ro_organisation": RO_ORGANISATION[office.unit],
            "ro_team": f"{office.name} team",
            "ro_email": f"{_ascii(username)}@justice.example",
            "ro_phone": places.phone(rng, mobile=False), "risk_info_shared": shared,
            "risk_info_shared_on": min(start + dt.timedelta(days=rng.randint(0, 14)), today)
            if shared else None, "meeting_at": meeting,
            "meeting_notes": rng.choice(texts.MEETING_NOTES) if meeting else None,
            **versioned(start, worker, 12 * 60)})
        end = min(expected, today)
        contacts = rng.randint(1, 4)
        if released_on is not None and self.spread.random() < 0.1:
            # The responsible officer first reached on the day of release or after it.
            start = min(released_on + dt.timedelta(days=self.spread.randint(0, 3)), today)
            end = max(end, start)
        span = max(0, (end - start).days)
        for k in range(contacts):
            day = start + dt.timedelta(days=span * k // contacts)
            acknowledged = None
            if rng.random() < 0.8:
                acknowledged = day + dt.timedelta(days=rng.randint(0, 6))
                if acknowledged > today:
                    acknowledged = None
            waiting = today - dt.timedelta(days=14)
            if k == contacts - 1 and released_on is None and not self.unanswered_shown \
                    and start <= waiting:
                # The officer has not answered the latest contact, sent a fortnight ago.
                day, acknowledged = max(waiting, day - dt.timedelta(days=14)), None
                self.unanswered_shown = True
            ctx.sink.add("handover_contact", {
                "id": ctx.ids("handover_contact"), "handover_id": handover_id,
                "contact_date": day, "method": rng.choice(("email", "email", "phone", "video",
                                                           "meeting", "letter")),
                "shared": rng.choice(texts.CONTACT_SHARED), "acknowledged_on": acknowledged,
                "staff_id": worker})


def _fallback(need_id: int, pathway: str, done: bool, started: dt.date) -> dict[str, Any]:
    """A need's fallback (rule TTG-FALLBACK): always on a complete plan's accommodation need,
    on some others; chosen from the id so the seeded stream of choices is unchanged."""
    options = texts.FALLBACKS.get(pathway)
    wanted = bool(options) and ((done and pathway == "accommodation") or need_id % 5 < 2)
    what, contact = (options[need_id % len(options)] if options and wanted
                     else (None, None))
    return {"fallback_plan": what, "fallback_contact": contact,
            "fallback_by": started + dt.timedelta(days=21 + need_id % 20) if wanted else None}


def _release_fallback(plan_id: int, done: bool) -> dict[str, Any]:
    """The day of release's fallback: on every complete plan and some drafts, by a time."""
    wanted = done or plan_id % 3 == 0
    what, contact = (texts.RELEASE_FALLBACKS[plan_id % len(texts.RELEASE_FALLBACKS)]
                     if wanted else (None, None))
    return {"release_fallback_plan": what, "release_fallback_contact": contact,
            "release_fallback_by": dt.time(11 + plan_id % 4, 0) if wanted else None}


def _ascii(text: str) -> str:
    return "".join(ch for ch in fold(text).replace(" ", "-") if ch.isalnum() or ch in ".-")


def build_custody(ctx: Context, people: list[PersonInfo],
                  revoked: list[tuple[PersonInfo, dt.date]]) -> None:
    Custody(ctx).run(people, revoked)
