"""Projects, tags, vans, pick-up points, closure dates and the sessions generated from them."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from upw_ttg.demo import places, texts
from upw_ttg.demo.core import Context, OfficeInfo, hhmm, stamp, versioned

GROUP, FEMALE_GROUP, INDIVIDUAL, FEMALE_INDIVIDUAL, INDUCTION = (
    "group", "female_group", "individual", "female_individual", "induction")
PEOPLE_PER_SUPERVISOR = 6
# Days ahead that sessions are planned, so coordinators have future sessions to book.
PLAN_AHEAD_DAYS = 42


@dataclass(slots=True)
class Proj:
    index: int
    id: int
    kind: str
    office: int
    unit: str
    capacity: int
    supervisors: int
    supervisor_gender: str
    weekdays: tuple[int, ...]
    fortnightly: bool
    start: int
    end: int
    break_minutes: int
    available_from: dt.date
    end_date: dt.date | None
    tags: tuple[str, ...]
    hi_vis: bool
    town: str
    van_id: int | None = None
    pickups: list[tuple[int, int]] = field(default_factory=list)
    default_supervisor: int | None = None
    label: tuple[str, str] = ("", "")

    @property
    def female_only(self) -> bool:
        return self.kind in (FEMALE_GROUP, FEMALE_INDIVIDUAL)

    @property
    def individual(self) -> bool:
        return self.kind in (INDIVIDUAL, FEMALE_INDIVIDUAL)


class Sessions:
    """Sessions as parallel lists (a few hundred thousand objects would be slow and large)."""

    def __init__(self) -> None:
        self.first_id = 0
        self.project: list[int] = []
        self.ordinal: list[int] = []
        self.capacity: list[int] = []
        self.fill: list[int] = []
        self.stood_down: list[str | None] = []
        # Whether the register has been keyed in: every past session but some of the last two
        # days', so the "appointments without an outcome" list has something in it.
        self.keyed: list[bool] = []
        self.supervisor: list[int] = []
        self.pickups: list[dict[int, int]] = []
        self.interpreter: list[bool] = []
        self.by_key: dict[tuple[int, int], int] = {}


def _composition(count: int) -> list[str]:
    """The kinds of a delivery unit's projects: mostly mixed groups, with women-only ones."""
    kinds = [INDUCTION]
    female_groups = max(1, round(count * 0.15))
    female_individual = round(count * 0.05)
    individual = max(1, round(count * 0.15))
    kinds += [FEMALE_GROUP] * female_groups + [FEMALE_INDIVIDUAL] * female_individual
    kinds += [INDIVIDUAL] * individual
    kinds += [GROUP] * max(1, count - len(kinds))
    return kinds


def _share(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` by ``weights`` with the largest-remainder rule."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    counts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def build_projects(ctx: Context) -> list[Proj]:
    rng = ctx.rng("projects")
    units = list(dict.fromkeys(o.unit for o in ctx.offices))
    unit_weights = [sum(places.OFFICE_PLACES[o.code].weight for o in ctx.offices if o.unit == u)
                    for u in units]
    projects: list[Proj] = []
    for unit, count in zip(units, _share(ctx.spec.projects, unit_weights), strict=True):
        offices = [o for o in ctx.offices if o.unit == unit]
        offices.sort(key=lambda o: -places.OFFICE_PLACES[o.code].weight)
        kinds = _composition(count)
        mixed = [k for k in kinds if k in (GROUP, INDIVIDUAL)]
        # Mixed projects follow the caseload of each office; women's and induction projects
        # sit in the biggest offices, where most women can reach them.
        per_office = _share(len(mixed), [places.OFFICE_PLACES[o.code].weight for o in offices])
        slots = [o.index for o, n in zip(offices, per_office, strict=True) for _ in range(n)]
        rng.shuffle(mixed)
        hubs = [o.index for o in offices[:2]]
        special = [k for k in kinds if k not in (GROUP, INDIVIDUAL)]
        for i, kind in enumerate(special):
            projects.append(_project(ctx, rng, len(projects), kind, hubs[i % len(hubs)], unit))
        for kind, office in zip(mixed, slots, strict=True):
            projects.append(_project(ctx, rng, len(projects), kind, office, unit))
    return projects


def _days(rng: random.Random, kind: str) -> tuple[int, ...]:
    if kind == INDUCTION:
        return (1, 4)
    if kind == GROUP:
        # Group work runs at weekends too, for people in work during the week.
        count = rng.choice((5, 5, 6, 6, 7))
        days = set(rng.sample(range(1, 8), count))
        days.add(rng.choice((6, 7)))
        return tuple(sorted(days))
    count = rng.choice((3, 4, 4, 5)) if kind != INDIVIDUAL else rng.choice((3, 4, 5))
    return tuple(sorted(rng.sample(range(1, 6), count)))


def _project(ctx: Context, rng: random.Random, index: int, kind: str, office: int,
             unit: str) -> Proj:
    place = places.OFFICE_PLACES[ctx.offices[office].code]
    town = places.pick_town(rng, place).name if rng.random() < 0.5 else place.towns[0].name
    if kind == GROUP:
        supervisors = 2 if rng.random() < 0.85 else 1
        capacity = 12 if supervisors == 2 else 6
        start = rng.choice((8 * 60 + 30, 9 * 60, 9 * 60, 9 * 60 + 30))
        end, brk = start + 7 * 60, 30
        gender = "male" if rng.random() < 0.6 else "female"
    elif kind == FEMALE_GROUP:
        supervisors, capacity = 2, 12
        # School hours, because many women on unpaid work look after children.
        start, end, brk, gender = 9 * 60 + 30, 15 * 60, 30, "female"
    elif kind == INDUCTION:
        supervisors, capacity, start, end, brk = 2, 12, 10 * 60, 13 * 60, 0
        gender = "female" if rng.random() < 0.5 else "male"
    else:
        supervisors, capacity = 1, rng.choice((1, 2, 2, 3))
        start = rng.choice((9 * 60, 10 * 60))
        end, brk = start + rng.choice((5, 6)) * 60, 30
        gender = "female" if kind == FEMALE_INDIVIDUAL or rng.random() < 0.5 else "male"
    if rng.random() < 0.8:
        available_from = ctx.start - dt.timedelta(days=rng.randint(30, 900))
    else:
        available_from = ctx.start + dt.timedelta(days=rng.randint(0, 700))
    end_date = None
    roll = rng.random()
    if kind != INDUCTION and roll < 0.15:
        end_date = available_from + dt.timedelta(days=rng.randint(200, 900))
        end_date = min(end_date, ctx.today - dt.timedelta(days=rng.randint(10, 200)))
        if end_date <= available_from + dt.timedelta(days=60):
            end_date = None
    elif kind != INDUCTION and roll < 0.25:
        end_date = ctx.today + dt.timedelta(days=rng.randint(20, 300))
    pattern = places.INDUCTION_PROJECT if kind == INDUCTION else rng.choice({
        GROUP: places.GROUP_PROJECTS, FEMALE_GROUP: places.FEMALE_ONLY_PROJECTS,
        INDIVIDUAL: places.INDIVIDUAL_PROJECTS,
        FEMALE_INDIVIDUAL: places.FEMALE_INDIVIDUAL_PROJECTS}[kind])
    tags = tuple(pattern[2])
    if kind == GROUP and rng.random() < 0.25 and "wheelchair_accessible" not in tags:
        tags += ("wheelchair_accessible",)
    project = Proj(index, 0, kind, office, unit, capacity, supervisors, gender,
                   _days(rng, kind), kind == GROUP and rng.random() < 0.1, start, end, brk,
                   available_from, end_date, tags, pattern[3], town)
    project.label = (places.fill(pattern[0], rng, town), places.fill(pattern[1], rng, town))
    return project


def supervisor_demand(projects: list[Proj]) -> dict[tuple[str, str], int]:
    """The most supervisors of each gender any weekday needs, by delivery unit."""
    demand: dict[tuple[str, str], list[int]] = {}
    for p in projects:
        days = demand.setdefault((p.unit, p.supervisor_gender), [0] * 8)
        for day in p.weekdays:
            days[day] += p.supervisors
    return {key: max(days) for key, days in demand.items()}


def save_projects(ctx: Context, projects: list[Proj]) -> None:
    """Project, tag, van and pick-up point rows; assigns ids, vans and pick-ups to projects."""
    rng = ctx.rng("project-rows")
    sink, by = ctx.sink, ctx.staff["admin"]
    first = ctx.ids("project", len(projects))
    office_points: dict[int, list[tuple[int, str]]] = {}
    for office in ctx.offices:
        place = places.OFFICE_PLACES[office.code]
        points = [(f"{office.name} probation office", place.address, office.name)]
        points += [(name, name, town) for name, town in places.EXTRA_PICKUPS[office.code]]
        ids = []
        for name, address, town in points:
            point_id = ctx.ids("pickup_point")
            district = next((t.districts[0] for t in place.towns if t.name == town),
                            place.towns[0].districts[0])
            sink.add("pickup_point", {
                "id": point_id, "name": name[:100],
                "address": f"{address}, {town}",
                "postcode": places.postcode(rng, district), "office_id": office.id,
                "active": True, **versioned(ctx.start, by)})
            ids.append((point_id, town))
        office_points[office.index] = ids
    registrations: set[str] = set()
    van_counts: dict[int, int] = {}
    for p in projects:
        p.id = first + p.index
        office = ctx.offices[p.office]
        place = places.OFFICE_PLACES[office.code]
        name, beneficiary = p.label
        project_town = next(t for t in place.towns if t.name == p.town)
        type_code = {GROUP: "group", FEMALE_GROUP: "group", INDUCTION: "induction",
                     INDIVIDUAL: "individual", FEMALE_INDIVIDUAL: "individual"}[p.kind]
        if p.kind in (GROUP, FEMALE_GROUP):
            van_counts[office.index] = van_counts.get(office.index, 0) + 1
            p.van_id = _add_van(ctx, rng, registrations, office, place,
                                van_counts[office.index], 14 if p.capacity > 8 else 8)
            office_pickups = office_points[office.index]
            p.pickups = [(office_pickups[0][0], 40)]
            if len(office_pickups) > 1 and rng.random() < 0.6:
                p.pickups.append((rng.choice(office_pickups[1:])[0], 70))
        sink.add("project", {
            "id": p.id, "code": f"{office.code}-{p.index + 1:03d}", "name": f"{name}, {p.town}"
            if p.kind != INDUCTION else f"{name}, {office.name}",
            "project_type": type_code, "office_id": office.id, "beneficiary": beneficiary,
            "beneficiary_contact": places.contact_name(rng),
            "beneficiary_phone": places.phone(rng, mobile=False),
            "beneficiary_email": f"volunteering{p.index + 1}@example.org",
            "site_address": f"{rng.randint(1, 120)} {places.street(rng, place, p.town)}",
            "site_town": p.town, "site_postcode": places.postcode(rng, project_town.districts[0]),
            "frequency": "fortnightly" if p.fortnightly else "weekly",
            "weekdays": "".join(str(d) for d in p.weekdays),
            "start_time": hhmm(p.start), "end_time": hhmm(p.end),
            "available_from": p.available_from, "available_to": p.end_date,
            "end_date": p.end_date, "hi_vis_required": p.hi_vis,
            "break_minutes": p.break_minutes, "capacity": p.capacity,
            "default_supervisor_id": p.default_supervisor, "female_only": p.female_only,
            "active": p.end_date is None or p.end_date >= ctx.today,
            **versioned(min(p.available_from, ctx.start), by)})
        for tag in p.tags:
            sink.add("project_tag", {"project_id": p.id, "tag": tag})
    # One spare van per office for breakdowns and one-off jobs.
    for office in ctx.offices:
        place = places.OFFICE_PLACES[office.code]
        van_counts[office.index] = van_counts.get(office.index, 0) + 1
        _add_van(ctx, rng, registrations, office, place, van_counts[office.index], 8)
    ctx.extra["office_points"] = office_points


def _add_van(ctx: Context, rng: random.Random, taken: set[str], office: OfficeInfo,
             place: places.OfficePlace, number: int, seats: int) -> int:
    while True:
        year = rng.choice((15, 16, 17, 18, 19, 66, 67, 68, 69, 70, 21, 71, 22, 72))
        reg = f"{place.van_prefix}{year} {''.join(rng.choices('ABCDEFGHJKLMNOPRSTUVWXYZ', k=3))}"
        if reg not in taken:
            taken.add(reg)
            break
    van_id = ctx.ids("van")
    kind = "Minibus" if seats > 8 else "Crew van"
    ctx.sink.add("van", {"id": van_id, "registration": reg,
                         "name": f"{kind} {number} ({office.name})", "seats": seats,
                         "office_id": office.id, "active": True,
                         **versioned(ctx.start, ctx.staff["admin"])})
    return van_id


def closure_dates(ctx: Context, projects: list[Proj]) -> dict[tuple[str, int], set[int]]:
    """Closure rows; returns the closed day ordinals keyed by ('all'|'office'|'project', id)."""
    rng = ctx.rng("closures")
    closed: dict[tuple[str, int], set[int]] = {}
    by = ctx.staff["admin"]

    def add(day: dt.date, reason: str, office_id: int | None, project_id: int | None) -> None:
        ctx.sink.add("closure_date", {"id": ctx.ids("closure_date"), "closed_on": day,
                                      "reason": reason, "office_id": office_id,
                                      "project_id": project_id, "created_by_id": by})
        key = ("project", project_id) if project_id else (
            ("office", office_id) if office_id else ("all", 0))
        closed.setdefault(key, set()).add(day.toordinal())

    for year_back in range(3):
        day = ctx.today - dt.timedelta(days=365 * year_back + rng.randint(20, 300))
        day -= dt.timedelta(days=day.weekday() - 2 if day.weekday() > 2 else 0)
        add(day, "All-staff training day: no sessions", None, None)
    office = rng.choice(ctx.offices)
    day = ctx.today - dt.timedelta(days=rng.randint(100, 500))
    for i in range(2):
        add(day + dt.timedelta(days=i), "Office refurbishment", office.id, None)
    for p in rng.sample(projects, min(len(projects), max(2, len(projects) // 10))):
        day = ctx.today + dt.timedelta(days=rng.randint(-600, 30))
        add(day, "Site closed by the beneficiary for an event", None, p.id)
    return closed


def build_sessions(ctx: Context, projects: list[Proj], closed: dict[tuple[str, int], set[int]]
                   ) -> Sessions:
    """Sessions on each project's weekdays over three years and six weeks ahead."""
    rng = ctx.rng("sessions")
    s = Sessions()
    s.first_id = ctx.next_ids["upw_session"]
    holidays = ctx.workdays.no_session_days
    all_closed = closed.get(("all", 0), set())
    first, last = ctx.start.toordinal(), (ctx.today + dt.timedelta(days=PLAN_AHEAD_DAYS)
                                          ).toordinal()
    today = ctx.today.toordinal()
    office_ids = [o.id for o in ctx.offices]
    pools: dict[tuple[str, str], list[int]] = ctx.staff["supervisor_pools"]
    by_day_unit: dict[tuple[int, str], list[int]] = {}
    recent = today - 2
    for ordinal in range(first, last + 1):
        iso = (ordinal - 1) % 7 + 1
        if ordinal in holidays or ordinal in all_closed:
            continue
        # Winter weather stands down more sessions.
        stand_down_rate = 0.035 if dt.date.fromordinal(ordinal).month in (1, 2, 12) else 0.012
        for p in projects:
            if iso not in p.weekdays:
                continue
            if ordinal < p.available_from.toordinal() or (
                    p.end_date is not None and ordinal > p.end_date.toordinal()):
                continue
            if p.fortnightly and (ordinal // 7) % 2:
                continue
            if (ordinal in closed.get(("office", office_ids[p.office]), ())
                    or ordinal in closed.get(("project", p.id), ())):
                continue
            index = len(s.project)
            s.project.append(p.index)
            s.ordinal.append(ordinal)
            s.capacity.append(min(p.capacity, p.supervisors * PEOPLE_PER_SUPERVISOR))
            s.fill.append(0)
            s.interpreter.append(False)
            reason = None
            if ordinal < today and rng.random() < stand_down_rate:
                reason = rng.choice(texts.STAND_DOWN_REASONS)
            s.stood_down.append(reason)
            s.keyed.append(ordinal < recent or (ordinal < today and
                                                (reason is not None or rng.random() < 0.5)))
            s.supervisor.append(0)
            s.pickups.append({})
            s.by_key[(p.index, ordinal)] = index
            by_day_unit.setdefault((ordinal, p.unit), []).append(index)
    ctx.ids("upw_session", len(s.project))
    _assign_supervisors(ctx, rng, projects, s, by_day_unit, pools)
    _pickups(ctx, projects, s)
    return s


def _assign_supervisors(ctx: Context, rng: random.Random, projects: list[Proj], s: Sessions,
                        by_day_unit: dict[tuple[int, str], list[int]],
                        pools: dict[tuple[str, str], list[int]]) -> None:
    """Lead and extra supervisors per session: never one person on two sessions a day."""
    rows = ctx.sink.tuple_rows("session_supervisor", ("session_id", "staff_id"))
    for (_ordinal, unit), indexes in by_day_unit.items():
        used: set[int] = set()
        for index in indexes:
            p = projects[s.project[index]]
            pool = pools[(unit, p.supervisor_gender)]
            chosen = []
            lead = p.default_supervisor
            assert lead is not None  # every project was given one with the staff
            # The project's own supervisor leads unless off sick, on leave or already out.
            if lead not in used and rng.random() > 0.08:
                chosen.append(lead)
                used.add(lead)
            start = rng.randrange(len(pool))
            for k in range(len(pool)):
                if len(chosen) >= p.supervisors:
                    break
                candidate = pool[(start + k) % len(pool)]
                if candidate not in used:
                    chosen.append(candidate)
                    used.add(candidate)
            s.supervisor[index] = chosen[0]
            session_id = s.first_id + index
            rows.extend((session_id, extra) for extra in chosen[1:])


def _pickups(ctx: Context, projects: list[Proj], s: Sessions) -> None:
    rows = ctx.sink.tuple_rows("session_pickup", ("id", "session_id", "pickup_point_id",
                                                  "pickup_time"))
    next_id = ctx.next_ids["session_pickup"]
    times: dict[int, object] = {}
    for index, project_index in enumerate(s.project):
        p = projects[project_index]
        if not p.pickups:
            continue
        session_id = s.first_id + index
        points = s.pickups[index]
        for point_id, minutes_before in p.pickups:
            at = p.start - minutes_before
            if at not in times:
                times[at] = hhmm(at)
            rows.append((next_id, session_id, point_id, times[at]))
            points[point_id] = next_id
            next_id += 1
    ctx.next_ids["session_pickup"] = next_id


def session_rows(ctx: Context, projects: list[Proj], s: Sessions) -> None:
    """The session rows, once allocation has set who needs an interpreter."""
    rows = ctx.sink.tuple_rows("upw_session", (
        "id", "project_id", "session_date", "start_time", "end_time", "supervisor_id",
        "van_id", "female_only", "status", "stood_down_reason", "interpreter_booked",
        "version", "created_at", "updated_at", "updated_by_id"))
    times = {}
    dates: dict[int, dt.date] = {}
    for index, project_index in enumerate(s.project):
        p = projects[project_index]
        ordinal = s.ordinal[index]
        day = dates.get(ordinal) or dates.setdefault(ordinal, dt.date.fromordinal(ordinal))
        if s.stood_down[index]:
            status = "stood_down"
        elif s.keyed[index]:
            status = "completed"
        else:
            status = "planned"
        if p.start not in times:
            times[p.start] = hhmm(p.start)
        if p.end not in times:
            times[p.end] = hhmm(p.end)
        created = stamp(day - dt.timedelta(days=28))
        rows.append((s.first_id + index, p.id, day, times[p.start], times[p.end],
                     s.supervisor[index], p.van_id, p.female_only, status, s.stood_down[index],
                     s.interpreter[index], 1, created, created, None))
