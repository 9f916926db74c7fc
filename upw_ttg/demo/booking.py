"""Three years of unpaid work played forward: bookings, outcomes, credits and enforcement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from dateutil.relativedelta import relativedelta

from upw_ttg.demo import texts
from upw_ttg.demo.core import Context, Weighted, hhmm, stamp
from upw_ttg.demo.orders import OUTCOMES, Profile, assessment_row, new_order
from upw_ttg.demo.people import touch
from upw_ttg.demo.projects import INDUCTION, Proj, Sessions
from upw_ttg.domain.crediting import credit_minutes, ete_cap_minutes, is_attended
from upw_ttg.domain.enforcement import warning_covers
from upw_ttg.domain.settings import SETTINGS_BY_KEY

APPOINTMENT_COLUMNS = (
    "id", "person_id", "order_id", "session_id", "session_pickup_id", "travels_by_van",
    "sheet_row", "start_time", "end_time", "outcome_code", "penalty_minutes",
    "minutes_credited", "work_quality", "behaviour", "hi_vis_worn", "notes", "notes_sensitive",
    "override_reason", "evidence_due", "evidence_received_on", "enforcement_due", "version",
    "created_at", "updated_at", "updated_by_id")

ENFORCEABLE = frozenset(("AFTC", "ATSH", "UAAB"))
ABSENCES = frozenset(("AAME", "AAEM", "AAFC", "AACL"))
QUALITY_GOOD = Weighted({"excellent": 15, "good": 50, "satisfactory": 28, "poor": 6,
                         "unsatisfactory": 1})
QUALITY_POOR = Weighted({"good": 10, "satisfactory": 35, "poor": 40, "unsatisfactory": 15})
# Weeks without any booking (holidays, illness, no free place) by compliance profile.
SKIP_WEEK = {"good": 0.08, "fair": 0.15, "poor": 0.25}
# Bookings are made up to three weeks ahead.
BOOK_AHEAD_DAYS = 21
# The demo keeps every setting at its default.
_WARNING_MONTHS = int(SETTINGS_BY_KEY["upw.warning_period_months"].default)
_ETE_CAP_PERCENT = int(SETTINGS_BY_KEY["upw.ete_cap_percent"].default)
# Chance of another order after one ends, and the gap before it (days).
NEXT_ORDER = 0.83
NEXT_GAP = (21, 240)


class Booker:
    """Plays each person's orders forward week by week against the sessions' free places."""

    def __init__(self, ctx: Context, projects: list[Proj], sessions: Sessions,
                 profiles: list[Profile]):
        self.ctx = ctx
        self.rng = ctx.rng("appointments")
        self.projects = projects
        self.s = sessions
        self.profiles = profiles
        self.today = ctx.today.toordinal()
        self.rows = ctx.sink.tuple_rows("appointment", APPOINTMENT_COLUMNS)
        self.next_id = ctx.next_ids["appointment"]
        self.members: dict[int, list[int]] = {}
        self.warrants: list[dict[str, Any]] = []
        self.revoked: list[tuple[Profile, dt.date]] = []
        self._times: dict[int, dt.time] = {}
        self._stamps: dict[int, dt.datetime] = {}
        self._dates: dict[int, dt.date] = {}
        points = ctx.extra["office_points"]
        self.preferred_point = {}
        for profile in profiles:
            office_points = points[profile.person.office]
            town = profile.person.town
            self.preferred_point[profile.person.id] = next(
                (pid for pid, point_town in office_points if point_town == town),
                office_points[0][0])

    # Small caches: the same few hundred times, dates and timestamps recur a million times.
    def time(self, minutes: int) -> dt.time:
        t = self._times.get(minutes)
        if t is None:
            t = self._times[minutes] = hhmm(minutes)
        return t

    def date(self, ordinal: int) -> dt.date:
        d = self._dates.get(ordinal)
        if d is None:
            d = self._dates[ordinal] = dt.date.fromordinal(ordinal)
        return d

    def stamp(self, ordinal: int) -> dt.datetime:
        t = self._stamps.get(ordinal)
        if t is None:
            t = self._stamps[ordinal] = stamp(self.date(ordinal), 16 * 60 + 30)
        return t

    def run(self, cancelled: Callable[[], None]) -> None:
        ctx, rng = self.ctx, self.rng
        span = (ctx.today - ctx.start).days - 2
        for n, profile in enumerate(self.profiles):
            if n % 500 == 0:
                cancelled()
            # First orders lean towards the start of the three years, so that the caseload is
            # already full then instead of building up from nothing.
            sentence = ctx.start + dt.timedelta(days=int(span * rng.random() ** 2.2))
            previous = None
            while True:
                order, ended = self.order(profile, sentence, previous)
                if ended is None or rng.random() > NEXT_ORDER:
                    break
                sentence = ended + dt.timedelta(days=rng.randint(*NEXT_GAP))
                if sentence >= ctx.today - dt.timedelta(days=1):
                    break
                previous = order
        ctx.next_ids["appointment"] = self.next_id

    def order(self, profile: Profile, sentence: dt.date, previous: dict[str, Any] | None
              ) -> tuple[dict[str, Any], dt.date | None]:
        """Simulate one order; returns its row and the day it ended (None while live)."""
        ctx, rng, s = self.ctx, self.rng, self.s
        info = profile.person
        coordinators = ctx.staff["coordinators"][info.office]
        coordinator = coordinators[rng.randrange(len(coordinators))]
        order = new_order(ctx, rng, profile, sentence, coordinator, previous)
        ctx.sink.add("upw_order", order)
        assessment_row(ctx, rng, profile, order["id"], sentence, coordinator)
        touch(info, sentence)
        state = _OrderState(order, self.today)
        first = ctx.workdays.add(sentence, rng.randint(1, 9)).toordinal()
        limit = self.today + BOOK_AHEAD_DAYS
        if profile.induction is not None:
            for ordinal in range(first, first + 14):
                sid = s.by_key.get((profile.induction, ordinal))
                if sid is not None and s.fill[sid] < s.capacity[sid] and ordinal <= limit and not (
                        profile.partners and any(m in profile.partners
                                                 for m in self.members.get(sid, ()))):
                    self.book(profile, state, sid, ordinal)
                    first = ordinal + 1
                    break
        week = first - (first - 1) % 7
        skip = SKIP_WEEK[profile.compliance]
        by_key, fill, capacity = s.by_key, s.fill, s.capacity
        partners = profile.partners
        while not state.stopped and week <= limit and week <= state.deadline:
            if not state.extension_decided and week + 28 >= state.deadline and state.owed > 0:
                self.decide_extension(state, order)
            if rng.random() < skip:
                week += 7
                continue
            # Choose the week's sessions first, then play them in date order.
            chosen: list[tuple[int, int]] = []
            for day, project in profile.slots:
                ordinal = week + day - 1
                if (ordinal < first or ordinal > limit or ordinal > state.deadline
                        or ordinal in state.days or any(o == ordinal for o, _ in chosen)):
                    continue
                sid = by_key.get((project, ordinal))
                if sid is None or fill[sid] >= capacity[sid]:
                    continue
                if partners and any(m in partners for m in self.members.get(sid, ())):
                    continue
                chosen.append((ordinal, sid))
                if len(chosen) >= profile.per_week:
                    break
            for ordinal, sid in sorted(chosen):
                if state.stopped or (state.stop_after is not None
                                     and ordinal > state.stop_after):
                    state.stopped = True
                    break
                self.book(profile, state, sid, ordinal)
            week += 7
        return order, self.finish(profile, state, order)

    def decide_extension(self, state: _OrderState, order: dict[str, Any]) -> None:
        rng = self.rng
        state.extension_decided = True
        decided = state.deadline - rng.randint(3, 25)
        if decided > self.today or rng.random() > 0.6:
            return
        old = self.date(state.deadline)
        new = old + relativedelta(months=rng.choice((3, 3, 6)))
        state.deadline = new.toordinal()
        self.ctx.sink.add("order_extension", {
            "id": self.ctx.ids("order_extension"), "order_id": order["id"],
            "granted_on": self.date(decided), "court": order["court"], "new_deadline": new,
            "reason": rng.choice(texts.EXTENSION_REASONS).format(hours=state.owed // 60 + 1)})

    def book(self, profile: Profile, state: _OrderState, sid: int, ordinal: int) -> None:
        """One appointment: the place, and the outcome if the register has been keyed."""
        rng, s = self.rng, self.s
        info = profile.person
        project = self.projects[s.project[sid]]
        s.fill[sid] += 1
        state.days.add(ordinal)
        if profile.partners:
            self.members.setdefault(sid, []).append(info.id)
        if info.interpreter:
            s.interpreter[sid] = True
        appointment_id = self.next_id
        self.next_id += 1
        pickup = None
        if s.pickups[sid]:
            pickup = (s.pickups[sid].get(self.preferred_point[info.id])
                      or next(iter(s.pickups[sid].values())))
            if rng.random() < 0.12:
                pickup = None
        by_van = pickup is not None
        order = state.order
        booked_on = min(max(ordinal - rng.randint(3, 21), state.created), self.today)
        created = self.stamp(booked_on)
        override = profile.override if profile.override and project.kind != INDUCTION else None
        if override is None and rng.random() < 0.004:
            override = rng.choice(texts.OVERRIDE_REASONS)
        session_minutes = project.end - project.start
        coordinator = order["coordinator_id"]
        if not s.keyed[sid]:
            state.projected -= max(0, session_minutes - project.break_minutes)
            if state.projected <= 0:
                state.stopped = True
            self.rows.append((
                appointment_id, info.id, order["id"], s.first_id + sid, pickup, by_van,
                s.fill[sid], None, None, None, 0, 0, None, None, None, None, False, override,
                None, None, None, 1, created, created, coordinator))
            self.warrant(profile, state, sid, ordinal, by_van, project, None, booked_on)
            return
        if s.stood_down[sid]:
            outcome = "AASD" if rng.random() < 0.85 else "RSSR"
        else:
            outcome = OUTCOMES[profile.compliance](rng)
        start = end = None
        penalty = credited = 0
        quality = behaviour = hi_vis = notes = None
        sensitive = False
        evidence_due = evidence_in = enforcement_due = None
        day = self.date(ordinal)
        if is_attended(outcome):
            first, last = project.start, project.end
            if outcome == "AFTC":
                if rng.random() < 0.6:
                    first += rng.choice((20, 30, 45, 60))
                else:
                    last -= rng.choice((60, 90, 120, 150))
                penalty = rng.choice((0, 0, 15, 30))
            elif outcome == "ATSH":
                last = first + rng.choice((60, 90, 120, 180))
            elif outcome == "ATSS":
                last = first + rng.choice((60, 120, 180, 240))
            elif rng.random() < 0.03:
                penalty = rng.choice((15, 30))
            start, end = self.time(first), self.time(last)
            credited = credit_minutes(outcome_code=outcome, start=start, end=end,
                                      penalty_minutes=penalty,
                                      break_minutes=project.break_minutes,
                                      owed_minutes=state.owed)
            state.owed -= credited
            state.projected -= credited
            state.attended += 1
            weighted = QUALITY_GOOD if outcome in ("ATTC", "ATSS") else QUALITY_POOR
            quality, behaviour = weighted(rng), weighted(rng)
            if project.hi_vis:
                hi_vis = outcome != "AFTC" or rng.random() < 0.5
            if outcome in texts.FAILURE_NOTES:
                notes = rng.choice(texts.FAILURE_NOTES[outcome])
            elif rng.random() < 0.06:
                notes = rng.choice(texts.APPOINTMENT_NOTES)
            elif rng.random() < 0.005:
                notes, sensitive = rng.choice(texts.SENSITIVE_NOTES), True
        elif outcome in ABSENCES:
            evidence_due = self.ctx.workdays.add(day, 5)
            if rng.random() < 0.88:
                received = ordinal + rng.randint(0, 8)
                if received <= self.today:
                    evidence_in = self.date(received)
            notes = rng.choice(texts.ABSENCE_NOTES[outcome])
        elif outcome == "UAAB":
            notes = rng.choice(texts.FAILURE_NOTES["UAAB"])
        if outcome in ENFORCEABLE:
            enforcement_due = self.ctx.workdays.add(day, 2)
        keyed_on = min(ordinal + rng.randint(1, 3), self.today)
        self.rows.append((
            appointment_id, info.id, order["id"], s.first_id + sid, pickup, by_van, s.fill[sid],
            start, end, outcome, penalty, credited, quality, behaviour, hi_vis, notes, sensitive,
            override, evidence_due, evidence_in, enforcement_due, 2, created,
            self.stamp(keyed_on), coordinator))
        self.warrant(profile, state, sid, ordinal, by_van, project, outcome, booked_on)
        if is_attended(outcome) and project.kind != INDUCTION:
            self.adjustments(profile, state, appointment_id, ordinal)
        if outcome in ENFORCEABLE:
            self.enforce(state, appointment_id, ordinal, outcome)
        if state.owed <= 0:
            state.completed_on = day
            state.stopped = True

    def adjustments(self, profile: Profile, state: _OrderState, appointment_id: int,
                    ordinal: int) -> None:
        rng, order = self.rng, state.order
        if order["travel_time_eligible"] and state.owed > 0:
            minutes = min(rng.choice((30, 45, 60, 60, 90, 120)), state.owed, 180)
            status = "approved" if ordinal < self.today - 10 else "pending"
            if rng.random() < 0.02:
                status = "rejected"
            if status == "approved":
                state.owed -= minutes
                state.projected -= minutes
            # Negative: travel time is credited, so it reduces what is owed.
            self.adjustment(order, appointment_id, "travel_time", -minutes, status,
                            f"Travel from {profile.person.town} and back",
                            min(ordinal + 3, self.today))
        if (order["ete_allowed"] and profile.flags["ete_need"] and state.attended == 6
                and rng.random() < 0.6):
            cap = ete_cap_minutes(order["hours_ordered"], _ETE_CAP_PERCENT)
            minutes = min(rng.choice((360, 600, 900, 1200)), cap, state.owed - 60)
            if minutes > 0:
                state.owed -= minutes
                state.projected -= minutes
                reason = rng.choice(texts.ETE_REASONS).format(town=profile.person.town)
                self.adjustment(order, None, "ete", -minutes, "approved", reason,
                                min(ordinal + 7, self.today))

    def adjustment(self, order: dict[str, Any], appointment_id: int | None, kind: str, minutes: int,
                   status: str, reason: str, ordinal: int) -> None:
        self.ctx.sink.add("adjustment", {
            "id": self.ctx.ids("adjustment"), "order_id": order["id"],
            "appointment_id": appointment_id, "kind": kind, "minutes": minutes,
            "status": status, "reason": reason, "adjusted_on": self.date(ordinal),
            "created_by_id": order["coordinator_id"]})

    def enforce(self, state: _OrderState, appointment_id: int, ordinal: int,
                outcome: str) -> None:
        """Rules UPW-19, UPW-20 and UPW-21: a warning, or breach if warned within the warning
        period (the setting's default: the demo's settings are the defaults)."""
        ctx, rng = self.ctx, self.rng
        order = state.order
        day = self.date(ordinal)
        acted = ctx.workdays.add(day, rng.choice((1, 1, 1, 2, 2, 2, 3, 5)))
        # Decisions are taken in the order the failures happened.
        if acted.toordinal() < state.last_action:
            acted = self.date(state.last_action)
        if acted.toordinal() > self.today:
            return
        state.last_action = acted.toordinal()
        staff = order["coordinator_id"]

        def action(code: str, on: dt.date, respond_by: dt.date | None = None,
                   outcome_text: str | None = None, notes: str | None = None) -> None:
            ctx.sink.add("enforcement_action", {
                "id": ctx.ids("enforcement_action"), "order_id": order["id"],
                "appointment_id": appointment_id, "action_code": code, "action_date": on,
                "respond_by": respond_by, "outcome": outcome_text, "notes": notes,
                "staff_id": staff, "recorded_at": stamp(on, 14 * 60)})

        if state.breach_pending:
            action("EA12", acted, notes="Further failure added to the breach already laid.")
            return
        if state.owed <= 0:
            action("NFA", acted, outcome_text="Hours now completed; no further action.")
            return
        # Rule UPW-20 as the service applies it (calendar months, anchored on the failure).
        warned = any(warning_covers(self.date(w), day, acted, _WARNING_MONTHS)
                     for w in state.warnings)
        if not warned:
            if outcome == "AFTC" and rng.random() < 0.12:
                action("NFA", acted, outcome_text="Acceptable explanation given; no further "
                       "action agreed by the manager.")
                return
            action("EA02", acted, acted + dt.timedelta(days=7),
                   rng.choice(texts.WARNING_OUTCOMES))
            state.warnings.append(acted.toordinal())
            return
        hearing = acted + dt.timedelta(days=rng.randint(21, 42))
        text = None
        if hearing.toordinal() <= self.today:
            if rng.random() < 0.35:
                # About half of revocations on breach end in a prison sentence.
                state.custodial = rng.random() < 0.5
                text = texts.BREACH_REVOKED[state.custodial].format(court=order["court"])
                state.revoked_on = hearing.toordinal()
                # Work is suspended after a failure that ends in revocation.
                state.stop_after = ordinal
            else:
                hours = rng.choice((5, 10, 10, 15, 20, 30))
                text = rng.choice(texts.BREACH_CONTINUED).format(hours=hours,
                                                                  fine=rng.choice((50, 80, 100)))
                minutes = hours * 60
                state.owed += minutes
                state.projected += minutes
                self.adjustment(order, None, "court_ordered", minutes, "approved",
                                f"{hours} hours added by {order['court']} on breach",
                                hearing.toordinal())
        else:
            state.breach_pending = True
        action("EA08", acted, notes="Breach letter sent to the person.")
        action("BRE01", acted, hearing, text,
               "Second failure within 12 months of a warning: breach required.")
        actioned = ctx.workdays.add(acted, rng.randint(1, 4))
        if actioned.toordinal() <= self.today:
            action("BRE02", actioned, notes=f"Breach laid at {order['court']}.")

    def warrant(self, profile: Profile, state: _OrderState, sid: int, ordinal: int,
                by_van: bool, project: Proj, outcome: str | None, booked_on: int) -> None:
        rng = self.rng
        if profile.warrant_town is None or not (by_van or project.individual):
            return
        if rng.random() > 0.5:
            return
        issued = min(max(booked_on, ordinal - rng.randint(1, 6)), self.today)
        if outcome is None:
            status = "issued"
        elif is_attended(outcome):
            status = "used"
        else:
            status = "returned_unused" if rng.random() < 0.7 else "used"
        void_reason = None
        if rng.random() < 0.02:
            status, void_reason = "void", rng.choice(texts.WARRANT_VOID)
        train = rng.random() < 0.25
        day = self.date(ordinal)
        self.warrants.append({
            "office_id": self.ctx.offices[profile.person.office].id,
            "person_id": profile.person.id, "session_id": self.s.first_id + sid,
            "valid_from": day, "valid_to": day, "travel_from": profile.warrant_town,
            "travel_to": project.town if project.individual else
            self.ctx.offices[profile.person.office].name,
            "mode": "train" if train else "bus",
            "fare_pence": rng.randint(800, 2200) if train else rng.randint(350, 950),
            "return_journey": True,
            "eligibility": rng.choice(texts.WARRANT_ELIGIBILITY),
            "reason": rng.choice(texts.WARRANT_REASONS).format(miles=rng.randint(6, 25)),
            "issued_by_id": state.order["coordinator_id"], "issued_on": self.date(issued),
            "status": status, "void_reason": void_reason, "sort": (issued, ordinal)})

    def finish(self, profile: Profile, state: _OrderState, order: dict[str, Any]
               ) -> dt.date | None:
        """Derive the order's status from what happened; returns when it ended, or None."""
        rng, today = self.rng, self.today
        ended = None
        if state.revoked_on is not None:
            ended = self.date(state.revoked_on)
            order.update(status="closed", closed_on=ended,
                         closure_reason="Revoked by the court on breach")
            if state.custodial:
                self.revoked.append((profile, ended))
        elif state.completed_on is not None:
            order["completed_on"] = state.completed_on
            ended = state.completed_on
            if state.completed_on.toordinal() < today - 120:
                order.update(status="closed", closure_reason="Hours completed; order ended",
                             closed_on=state.completed_on + dt.timedelta(
                                 days=rng.randint(7, 40)))
            else:
                order["status"] = "completed"
        elif state.deadline < today:
            if state.deadline < today - 90:
                ended = self.date(state.deadline + rng.randint(14, 60))
                order.update(status="closed", closed_on=ended, closure_reason=(
                    "Time limit expired; returned to court and the order revoked"))
            else:
                order["status"] = "deadline_passed"
        elif state.breach_pending:
            order["status"] = "in_breach"
        elif state.attended == 0:
            order["status"] = "awaiting_first_session"
        if ended is not None:
            order["updated_at"] = stamp(min(ended, self.ctx.today), 15 * 60)
        return ended

    def warrant_rows(self) -> None:
        """Serials without gaps per issuing office, in the order warrants were issued."""
        ctx = self.ctx
        next_serial = ctx.extra.get("warrant_next_serial", {})
        self.warrants.sort(key=lambda w: (w["office_id"], w["sort"]))
        serials: dict[int, int] = {}
        for warrant in self.warrants:
            office = warrant["office_id"]
            serial = serials.get(office, next_serial.get(office, 1))
            serials[office] = serial + 1
            issued = warrant["issued_on"]
            del warrant["sort"]
            warrant.update(id=ctx.ids("travel_warrant"), serial=serial, version=1,
                           created_at=stamp(issued, 11 * 60), updated_at=stamp(issued, 11 * 60),
                           updated_by_id=warrant["issued_by_id"])
            ctx.sink.add("travel_warrant", warrant)
        for office in ctx.offices:
            serial = serials.get(office.id, next_serial.get(office.id, 1))
            ctx.extra.setdefault("warrant_serials", {})[office.id] = serial


class _OrderState:
    __slots__ = ("attended", "breach_pending", "completed_on", "created", "custodial", "days",
                 "deadline", "extension_decided", "last_action", "order", "owed", "projected",
                 "revoked_on", "stop_after", "stopped", "warnings")

    def __init__(self, order: dict[str, Any], today: int) -> None:
        self.order = order
        self.owed = order["hours_ordered"] * 60
        self.projected = self.owed
        self.deadline = order["deadline"].toordinal()
        self.extension_decided = False
        self.days: set[int] = set()
        self.attended = 0
        self.warnings: list[int] = []
        self.breach_pending = False
        self.revoked_on: int | None = None
        self.completed_on: dt.date | None = None
        self.stopped = False
        self.created = min(order["sentence_date"].toordinal(), today)
        self.stop_after: int | None = None
        self.custodial = False
        self.last_action = 0
