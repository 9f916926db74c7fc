"""The Unpaid Work figures read order by order, month by month: the weekly offer, the hours
completed and the orders needing an extension (rules FIG-2, FIG-8 and FIG-9)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from dateutil.relativedelta import relativedelta
from sqlalchemy import and_, case, func, or_, select

from upw_ttg.domain.codes import AdjustmentStatus
from upw_ttg.domain.crediting import minutes_between
from upw_ttg.domain.figures import (
    NOT_OFFERED_CODES,
    live_days,
    month_end,
    month_of,
    offer_met,
    usable_date,
)
from upw_ttg.domain.forecast import forecast, needs_extension, recent_rate, review_dates
from upw_ttg.domain.orders import completion_deadline, format_minutes
from upw_ttg.services.figures.common import Fact, Scope, day_text
from upw_ttg.services.figures.upw_common import UNIT, WORKER, scoped
from upw_ttg.services.upw.planner import target_for
from upw_ttg.storage.models import (
    Adjustment,
    Appointment,
    OrderExtension,
    OrderMonth,
    Project,
    UpwAssessment,
    UpwOrder,
    UpwSession,
)

# The recent rate (rule UPW-22 reads 8 weeks of credit) is taken from the month and the month
# before, scaled to 8 weeks: the monthly sums are what a year of a CRC can be read as quickly.
RATE_DAYS = 56


def order_months(scope: Scope) -> Iterator[Fact]:
    data = _OrderData(scope)
    if scope.detail:
        for order in data.orders:
            yield from data.months_of(order)
        return
    # Counts only: the facts of orders alike (figure, unit, worker, month, met) added up here,
    # a few thousand instead of one per order and month.
    alike: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for order in data.orders:
        for f in data.months_of(order):
            cell = alike[(f.key, f.unit_id, f.worker_id, f.day, f.met)]
            cell[0] += f.n
            cell[1] += f.minutes
    for (key, unit, worker, month, met), (n, minutes) in alike.items():
        yield Fact(key, unit, worker, month, met, n, minutes)


class _OrderData:
    def __init__(self, scope: Scope):
        self.scope = scope
        session, s = scope, scope.settings
        self.first_from = month_of(scope.start)
        self.read_from = self.first_from - relativedelta(months=1)
        self.read_to = min(scope.end, scope.today)
        live = and_(UpwOrder.sentence_date <= scope.end,
                    or_(UpwOrder.completed_on.is_(None), UpwOrder.completed_on >= scope.start),
                    or_(UpwOrder.closed_on.is_(None), UpwOrder.closed_on >= scope.start))
        ids = scoped(scope, select(UpwOrder.id).where(live))
        narrowed = scope.unit_id is not None or scope.worker_id is not None

        def of_orders(query, column):
            """Kept to the orders asked for; the whole service reads every order's rows
            without the list, which costs the database more than the few it skips."""
            return query.where(column.in_(ids)) if narrowed else query
        self.orders = session.read(scoped(scope, select(
            UpwOrder.id, UpwOrder.person_id, UpwOrder.sentence_date, UpwOrder.completed_on,
            UpwOrder.closed_on, UpwOrder.hours_ordered, UNIT, WORKER).where(live))).all()
        self.extra = dict(session.read(
            of_orders(select(UpwAssessment.order_id,
                             func.max(UpwAssessment.intensive_extra_hours)), UpwAssessment.order_id)
            .where(UpwAssessment.completed_on.is_not(None)).group_by(UpwAssessment.order_id)).all())
        self.offered: dict[tuple[int, dt.date], int] = defaultdict(int)
        self.credited: dict[tuple[int, dt.date], int] = defaultdict(int)
        # Whole months from the orders' monthly summary (rule FIG-16), this month so far from
        # its appointments.
        cut = month_of(scope.today)
        in_months = and_(OrderMonth.month >= self.read_from, OrderMonth.month < cut)
        for order_id, first, credited, offered in session.read(
                of_orders(select(OrderMonth.order_id, OrderMonth.month,
                                 OrderMonth.credited_minutes, OrderMonth.offered_minutes),
                          OrderMonth.order_id).where(in_months)).all():
            self.credited[(order_id, first)] = credited
            self.offered[(order_id, first)] = offered
        self.before: dict[int, int] = defaultdict(int)
        self.before.update(session.read(
            of_orders(select(OrderMonth.order_id, func.sum(OrderMonth.credited_minutes)),
                      OrderMonth.order_id)
            .where(~in_months, OrderMonth.credited_minutes > 0)
            .group_by(OrderMonth.order_id)).all())
        offered = case((Appointment.outcome_code.in_(sorted(NOT_OFFERED_CODES)), 0), else_=1)
        columns = [Appointment.order_id, UpwSession.start_time, UpwSession.end_time,
                   Project.break_minutes, offered]
        for order_id, start, end, unpaid, counts, n, credited in session.read(
                of_orders(select(*columns, func.count(), func.sum(Appointment.minutes_credited))
                          .join(UpwSession, UpwSession.id == Appointment.session_id)
                          .join(Project, Project.id == UpwSession.project_id),
                          Appointment.order_id)
                .where(UpwSession.session_date.between(cut, scope.today))
                .group_by(*columns)):
            self.credited[(order_id, cut)] += int(credited or 0)
            if counts:
                self.offered[(order_id, cut)] += \
                    int(n) * max(0, minutes_between(start, end) - unpaid)
        # Credit before the months read: every credit less theirs (no session after today is
        # credited); this month's summary holds its days after today too.
        for (order_id, first), minutes in self.credited.items():
            if first == cut:
                self.before[order_id] -= minutes
        self.adjustments: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
        for order_id, on, minutes in session.read(
                of_orders(select(Adjustment.order_id, Adjustment.adjusted_on,
                                 Adjustment.minutes), Adjustment.order_id)
                .where(Adjustment.status == AdjustmentStatus.APPROVED)):
            self.adjustments[order_id].append((on, minutes))
        self.extensions: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        for order_id, granted, new_deadline in session.read(
                of_orders(select(OrderExtension.order_id, OrderExtension.granted_on,
                                 OrderExtension.new_deadline), OrderExtension.order_id)):
            self.extensions[order_id].append((granted, new_deadline))
        self.first_days = int(s["upw.first_session_working_days"])
        self.offer = int(s["upw.weekly_offer_hours"]) * 60
        self.most = int(s["upw.intensive_max_hours"]) * 60
        self.applies = bool(s["upw.deadline_applies"])
        self.deadline_months = int(s["upw.deadline_months"])
        self.reviews = (int(s["upw.review_first_months"]), int(s["upw.review_second_months"]))
        # Each month read once: its last day, the day it is judged on, and whether it is one
        # of the months asked for.
        self.spans: list[tuple[dt.date, dt.date, dt.date, bool]] = []
        self.month_before: dict[dt.date, dt.date] = {}
        month = self.first_from
        while month <= self.read_to:
            last_day = month_end(month)
            self.spans.append((month, last_day, min(last_day, scope.today),
                               scope.within(month)))
            self.month_before[month] = month - relativedelta(months=1)
            month += relativedelta(months=1)
        self.wanted = tuple(scope.wants(key) for key in ("hours_completed", "weekly_offer",
                                                          "extension_needed"))
        self._offers_from: dict[dt.date, dt.date] = {}

    def months_of(self, order) -> Iterator[Fact]:
        scope = self.scope
        sentenced = usable_date(order.sentence_date)
        if sentenced is None:
            return
        ended = order.completed_on or order.closed_on
        person = order.person_id if scope.detail else None
        ordered = order.hours_ordered * 60
        oid = order.id
        credited = self.before.get(oid, 0) + self.credited.get((oid, self.read_from), 0)
        offers_from = self._offers_from.get(sentenced)
        if offers_from is None:
            offers_from = self._offers_from[sentenced] = \
                scope.calendar.add_working_days(sentenced, self.first_days)
        target = target_for(self.offer, self.most, int(self.extra.get(oid) or 0))
        second = review_dates(sentenced, *self.reviews)[1]
        previous = self.credited.get((oid, self.read_from), 0)
        adjusted = oid in self.adjustments
        for month, last_day, evaluated, keep in self.spans:
            if last_day < sentenced:
                continue
            if ended is not None and ended < month:
                break
            owed_at_start = ordered - credited + (
                self._adjusted(oid, month - dt.timedelta(days=1)) if adjusted else 0)
            this = self.credited.get((oid, month), 0)
            credited += this
            if not keep:
                previous = this
                continue
            if this and self.wanted[0]:
                yield Fact("hours_completed", order.unit_id, order.worker_id, month, True,
                           minutes=this, person_id=person,
                           note=scope.detail
                           and f"{format_minutes(this)} credited in {month:%B %Y}.")
            days = live_days(month, offers_from, ended, scope.today)
            if days >= 7 and owed_at_start > 0 and self.wanted[1]:
                offered = self.offered.get((oid, month), 0)
                wanted = min(target, owed_at_start)
                yield Fact("weekly_offer", order.unit_id, order.worker_id, month,
                           offer_met(offered, wanted, days), person_id=person,
                           note=scope.detail and f"Offered {format_minutes(offered)} over "
                           f"{days} days live; target {format_minutes(wanted)} a week.")
            if second <= evaluated and (ended is None or ended > evaluated) \
                    and self.wanted[2]:
                fact = self._extension(order, month, evaluated, second, credited,
                                       previous + this, person)
                if fact is not None:
                    yield fact
            previous = this

    def _adjusted(self, order_id: int, until: dt.date) -> int:
        return sum(m for on, m in self.adjustments.get(order_id, ()) if on <= until)

    def _extension(self, order, month: dt.date, evaluated: dt.date, second: dt.date,
                   credited: int, recent: int, person: int | None) -> Fact | None:
        """Rule FIG-9: at the month's end, an order past its second review whose remaining
        hours cannot be worked at its recent rate before the deadline then in force."""
        remaining = order.hours_ordered * 60 + self._adjusted(order.id, evaluated) - credited
        if remaining <= 0:
            return None
        deadline = None
        if self.applies:
            granted = [d for on, d in self.extensions.get(order.id, ()) if on <= evaluated]
            deadline = max(granted, default=None) or completion_deadline(
                order.sentence_date, self.deadline_months, True)
        span = (evaluated - self.month_before[month]).days + 1
        rate = recent_rate(recent * RATE_DAYS // span, order.sentence_date, evaluated)
        at_rate = forecast(remaining=remaining, booked=0, last_booked=None, deadline=deadline,
                           today=evaluated, offer_per_week=self.offer,
                           rate_per_week=rate).at_rate_minutes
        needed = needs_extension(remaining=remaining, at_rate=at_rate, deadline=deadline,
                                 second_review=second, today=evaluated)
        return Fact("extension_needed", order.unit_id, order.worker_id, month, needed,
                    person_id=person,
                    note=self.scope.detail and f"{format_minutes(remaining)} to work at "
                    f"{day_text(evaluated)}; "
                         f"deadline {day_text(deadline)}; "
                         f"{format_minutes(rate)} a week lately.")
