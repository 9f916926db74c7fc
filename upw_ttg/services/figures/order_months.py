"""The Unpaid Work figures read order by order, month by month: the weekly offer, the hours
completed and the orders needing an extension (rules FIG-2, FIG-8 and FIG-9)."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator
from itertools import accumulate
from typing import Any, NamedTuple, TypeVarTuple

from dateutil.relativedelta import relativedelta
from sqlalchemy import Select, String, and_, case, func, or_, select, type_coerce
from sqlalchemy.orm import InstrumentedAttribute

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
from upw_ttg.domain.orders import balance_minutes, completion_deadline, effective_deadline
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
from upw_ttg.time_text import format_minutes

# The recent rate (rule UPW-22 reads 8 weeks of credit) is taken from the month and the month
# before, scaled to 8 weeks: the monthly sums are what a year of a CRC can be read as quickly.
RATE_DAYS = 56
# What a judged order-month is handed to: the figure, the order's row, the month, whether it
# met the standard, its minutes (hours completed) and its note (a drill-down's only).
Emit = Callable[[str, "_Order", dt.date, bool, int, "str | bool"], None]

_Ts = TypeVarTuple("_Ts")  # a query's columns, kept by the narrowing


def order_months(scope: Scope) -> Iterator[Fact]:
    data = _OrderData(scope)
    if scope.detail:
        facts: list[Fact] = []

        def listed(key: str, order: _Order, month: dt.date, met: bool, minutes: int,
                   note: str | bool) -> None:
            facts.append(Fact(key, order.unit_id, order.worker_id, month, met,
                              minutes=minutes, person_id=order.person_id, note=note))
        for order in data.orders:
            data.judge(order, listed)
            yield from facts
            facts.clear()
        return
    # Counts only: the order-months alike (figure, unit, worker, month, met) added up as they
    # are judged, a few thousand cells instead of a fact per order and month.
    alike: dict[tuple[str, int | None, int | None, dt.date, bool], list[int]] = {}

    def counted(key: str, order: _Order, month: dt.date, met: bool, minutes: int,
                _note: str | bool) -> None:
        cell = alike.get((key, order.unit_id, order.worker_id, month, met))
        if cell is None:
            alike[(key, order.unit_id, order.worker_id, month, met)] = [1, minutes]
        else:
            cell[0] += 1
            cell[1] += minutes
    for order in data.orders:
        data.judge(order, counted)
    for (key, unit, worker, month, met), (n, minutes) in alike.items():
        yield Fact(key, unit, worker, month, met, n, minutes)


class _Order(NamedTuple):
    """An order as its months are judged (a plain tuple: its fields are read for every
    order-month)."""

    id: int
    person_id: int
    sentence_date: dt.date
    completed_on: dt.date | None
    closed_on: dt.date | None
    hours_ordered: int
    unit_id: int | None
    worker_id: int | None


class _OrderData:
    def __init__(self, scope: Scope):
        self.scope = scope
        self.detail = scope.detail
        self.today = scope.today
        session, s = scope, scope.settings
        self.first_from = month_of(scope.start)
        self.read_from = self.first_from - relativedelta(months=1)
        self.read_to = min(scope.end, scope.today)
        live = and_(UpwOrder.sentence_date <= scope.end,
                    or_(UpwOrder.completed_on.is_(None), UpwOrder.completed_on >= scope.start),
                    or_(UpwOrder.closed_on.is_(None), UpwOrder.closed_on >= scope.start))
        ids = scoped(scope, select(UpwOrder.id).where(live))
        narrowed = scope.unit_id is not None or scope.worker_id is not None

        def of_orders(query: Select[*_Ts], column: InstrumentedAttribute[int | None]
                      ) -> Select[*_Ts]:
            """Kept to the orders asked for; the whole service reads every order's rows
            without the list, which costs the database more than the few it skips."""
            return query.where(column.in_(ids)) if narrowed else query
        # Dates read as the driver gives them (text on SQLite) and turned into dates once per
        # distinct value: a year of order-months holds a dozen months and a few hundred days.
        dates: dict[Any, dt.date] = {}

        def date_of(value: Any) -> dt.date:
            day = dates.get(value)
            if day is None:
                day = dates[value] = value if isinstance(value, dt.date) \
                    else dt.date.fromisoformat(str(value)[:10])
            return day
        self.orders = [_Order._make(row) for row in session.read(scoped(scope, select(
            UpwOrder.id, UpwOrder.person_id, UpwOrder.sentence_date, UpwOrder.completed_on,
            UpwOrder.closed_on, UpwOrder.hours_ordered, UNIT, WORKER).where(live)))]
        # Only the orders with extra hours: none is the same as 0 to the weekly target.
        extra_hours = func.max(UpwAssessment.intensive_extra_hours)
        self.extra = dict(session.read(
            of_orders(select(UpwAssessment.order_id, extra_hours), UpwAssessment.order_id)
            .where(UpwAssessment.completed_on.is_not(None)).group_by(UpwAssessment.order_id)
            .having(extra_hours != 0)).all())
        # Each month read once: its place in an order's monthly sums (the month before the
        # first is the first place), its first and last days, the day it is judged on,
        # whether it is one of the months asked for, the day before it, and the days its rate
        # is read over (it and the month before, to the day it is judged on).
        self.spans: list[tuple[int, dt.date, dt.date, dt.date, bool, dt.date, int]] = []
        month = self.first_from
        while month <= self.read_to:
            last_day = month_end(month)
            evaluated = min(last_day, scope.today)
            self.spans.append((len(self.spans) + 1, month, last_day, evaluated,
                               scope.within(month), month - dt.timedelta(days=1),
                               (evaluated - (month - relativedelta(months=1))).days + 1))
            month += relativedelta(months=1)
        places = {self.read_from: 0, **{span[1]: span[0] for span in self.spans}}
        width = len(self.spans) + 1
        self.none = [0] * width
        # Minutes credited and offered per order, a place per month.
        self.credited: dict[int, list[int]] = {}
        self.offered: dict[int, list[int]] = {}

        def sums_of(order_id: int) -> tuple[list[int], list[int]]:
            credited = self.credited.get(order_id)
            if credited is None:
                credited = self.credited[order_id] = [0] * width
                self.offered[order_id] = [0] * width
            return credited, self.offered[order_id]
        # Whole months from the orders' monthly summary (rule FIG-16), this month so far from
        # its appointments.
        cut = month_of(scope.today)
        in_months = and_(OrderMonth.month >= self.read_from, OrderMonth.month < cut)
        for order_id, first, credited, offered in session.read(
                of_orders(select(OrderMonth.order_id, type_coerce(OrderMonth.month, String),
                                 OrderMonth.credited_minutes, OrderMonth.offered_minutes),
                          OrderMonth.order_id).where(in_months)):
            place = places.get(date_of(first))
            if place is not None:
                credited_sums, offered_sums = sums_of(order_id)
                credited_sums[place] = credited
                offered_sums[place] = offered
        self.before: dict[int, int] = defaultdict(int)
        self.before.update(session.read(
            of_orders(select(OrderMonth.order_id, func.sum(OrderMonth.credited_minutes)),
                      OrderMonth.order_id)
            .where(~in_months, OrderMonth.credited_minutes > 0)
            .group_by(OrderMonth.order_id)).all())
        # Credit before the months read: every credit less theirs (no session after today is
        # credited); this month's summary holds its days after today too.
        this_month = places.get(cut)
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
            self.before[order_id] -= int(credited or 0)
            if this_month is not None:
                credited_sums, offered_sums = sums_of(order_id)
                credited_sums[this_month] += int(credited or 0)
                if counts:
                    offered_sums[this_month] += \
                        int(n) * max(0, minutes_between(start, end) - unpaid)
        # Approved adjustments: those before the months read as one sum per order, the rest
        # (none after today counts) as running totals by day.
        self.adjustments: dict[int, tuple[int, list[dt.date], list[int]]] = {}
        approved = Adjustment.status == AdjustmentStatus.APPROVED
        earlier = dict(session.read(
            of_orders(select(Adjustment.order_id, func.sum(Adjustment.minutes)),
                      Adjustment.order_id)
            .where(approved, Adjustment.adjusted_on < self.first_from)
            .group_by(Adjustment.order_id)).all())
        later: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
        for order_id, on, minutes in session.read(
                of_orders(select(Adjustment.order_id, type_coerce(Adjustment.adjusted_on, String),
                                 Adjustment.minutes), Adjustment.order_id)
                .where(approved, Adjustment.adjusted_on >= self.first_from,
                       Adjustment.adjusted_on <= scope.today)):
            later[order_id].append((date_of(on), minutes))
        for order_id in earlier.keys() | later.keys():
            days = sorted(later.get(order_id, ()))
            self.adjustments[order_id] = (int(earlier.get(order_id) or 0),
                                          [on for on, _m in days],
                                          list(accumulate(m for _on, m in days)))
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
        self.wanted = tuple(scope.wants(key) for key in ("hours_completed", "weekly_offer",
                                                          "extension_needed"))
        # What follows from a sentence date alone, worked out once for the orders sharing it.
        self._sentenced: dict[Any, tuple[dt.date, dt.date, dt.date, dt.date | None] | None] = {}

    def _of_sentence(self, sentence_date: Any
                     ) -> tuple[dt.date, dt.date, dt.date, dt.date | None] | None:
        """The usable sentence date, the first day offers count from, the second review and
        the deadline before any extension; None for a date that cannot be right."""
        sentenced = usable_date(sentence_date)
        if sentenced is None:
            return None
        return (sentenced, self.scope.calendar.add_working_days(sentenced, self.first_days),
                review_dates(sentenced, *self.reviews)[1],
                completion_deadline(sentence_date, self.deadline_months, True)
                if self.applies else None)

    def judge(self, order: _Order, emit: Emit) -> None:
        """Every figure of ``order`` in every month asked for, each handed to ``emit``."""
        known = self._sentenced
        if order.sentence_date in known:
            sentence = known[order.sentence_date]
        else:
            sentence = known[order.sentence_date] = self._of_sentence(order.sentence_date)
        if sentence is None:
            return
        sentenced, offers_from, second, deadline = sentence
        detail, today = self.detail, self.today
        want_hours, want_offer, want_extension = self.wanted
        ended = order.completed_on or order.closed_on
        ordered = order.hours_ordered * 60
        oid = order.id
        credits = self.credited.get(oid, self.none)
        offers = self.offered.get(oid, self.none)
        previous = credits[0]
        credited = self.before.get(oid, 0) + previous
        target = target_for(self.offer, self.most, int(self.extra.get(oid) or 0))
        adjustments = self.adjustments.get(oid)
        for place, month, last_day, evaluated, keep, day_before, span in self.spans:
            if last_day < sentenced:
                continue
            if ended is not None and ended < month:
                break
            owed_at_start = ordered - credited + (
                _adjusted(adjustments, day_before) if adjustments else 0)
            this = credits[place]
            credited += this
            if not keep:
                previous = this
                continue
            if this and want_hours:
                emit("hours_completed", order, month, True, this,
                     detail and f"{format_minutes(this)} credited in {month:%B %Y}.")
            if owed_at_start > 0 and want_offer:
                days = live_days(month, offers_from, ended, today)
                if days >= 7:
                    offered = offers[place]
                    wanted = min(target, owed_at_start)
                    emit("weekly_offer", order, month, offer_met(offered, wanted, days), 0,
                         detail and f"Offered {format_minutes(offered)} over "
                         f"{days} days live; target {format_minutes(wanted)} a week.")
            if second <= evaluated and (ended is None or ended > evaluated) \
                    and want_extension:
                self._extension(order, emit, month, evaluated, second, deadline, credited,
                                previous + this, span, adjustments)
            previous = this

    def _extension(self, order: _Order, emit: Emit, month: dt.date, evaluated: dt.date,
                   second: dt.date, deadline: dt.date | None, credited: int, recent: int,
                   span: int, adjustments: tuple[int, list[dt.date], list[int]] | None
                   ) -> None:
        """Rule FIG-9: at the month's end, an order past its second review whose remaining
        hours cannot be worked at its recent rate before the deadline then in force."""
        remaining = balance_minutes(order.hours_ordered * 60,
                                    _adjusted(adjustments, evaluated) if adjustments else 0,
                                    credited)
        if remaining <= 0:
            return
        deadline = effective_deadline(deadline, [d for on, d in self.extensions.get(order.id, ())
                                                 if on <= evaluated])
        rate = recent_rate(recent * RATE_DAYS // span, order.sentence_date, evaluated)
        at_rate = forecast(remaining=remaining, booked=0, last_booked=None, deadline=deadline,
                           today=evaluated, offer_per_week=self.offer,
                           rate_per_week=rate).at_rate_minutes
        needed = needs_extension(remaining=remaining, at_rate=at_rate, deadline=deadline,
                                 second_review=second, today=evaluated)
        emit("extension_needed", order, month, needed, 0,
             self.detail and f"{format_minutes(remaining)} to work at {day_text(evaluated)}; "
             f"deadline {day_text(deadline)}; {format_minutes(rate)} a week lately.")


def _adjusted(adjustments: tuple[int, list[dt.date], list[int]], until: dt.date) -> int:
    """The approved adjustments of an order made on ``until`` or before."""
    earlier, days, running = adjustments
    i = bisect_right(days, until)
    return earlier + running[i - 1] if i else earlier
