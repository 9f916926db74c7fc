"""Staff accounts (one shared password hash) and the people under supervision."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from upw_ttg.demo import places
from upw_ttg.demo.core import Context, Weighted, stamp, versioned
from upw_ttg.demo.names import ORIGIN_LANGUAGE, Name, full_name, make_name
from upw_ttg.demo.projects import Proj, supervisor_demand
from upw_ttg.domain.codes import Gender, Language
from upw_ttg.domain.placement import category_from_text
from upw_ttg.domain.text import fold
from upw_ttg.security import unknown_name_key

UPW, TTG, OTHER = "upw", "ttg", "other"
# The office nearest each prison, for resettlement workers' staff records.
PRISON_OFFICE = {"AGI": "YRK", "HMI": "HUL", "HLI": "HUL", "LII": "LIN", "NSI": "BOS"}
_RELATIONS = ("mother", "father", "partner", "sister", "brother", "friend", "aunt", "grandmother")


@dataclass(slots=True)
class PersonInfo:
    id: int
    kind: str
    female: bool
    # Gender identity not male: offered female-only placements (rule UPW-2).
    not_male_identity: bool
    office: int
    unit: str
    town: str
    origin: str
    language: Language
    other_language: str | None
    interpreter: bool
    date_of_birth: dt.date
    row: dict[str, Any]


def _username(name: Name, taken: set[str]) -> str:
    base = ".".join(fold(part).replace(" ", "-").replace("'", "")
                    for part in (name.forename, name.surname))
    base = "".join(ch for ch in base if ch.isalnum() or ch in "._-")[:36]
    username, n = base, 2
    while username in taken:
        username, n = f"{base}{n}", n + 1
    taken.add(username)
    return username


def build_staff(ctx: Context, projects: list[Proj], password_hash: str,
                existing_usernames: set[str]) -> None:
    """Staff of every role; sizes supervisor pools to the busiest weekday of each unit."""
    rng = ctx.rng("staff")
    taken = set(existing_usernames)
    created = stamp(ctx.start - dt.timedelta(days=30))
    office_by_code = {o.code: o for o in ctx.offices}
    made: list[str] = []

    def add(role: str, female: bool, office_id: int | None, username: str | None = None,
            extra_roles: tuple[str, ...] = ()) -> int:
        name = make_name(rng, female, "staff")
        if username is None or username in taken:
            username = _username(name, taken)
        else:
            taken.add(username)
        made.append(username)
        staff_id = ctx.ids("staff")
        last_sign_in = stamp(ctx.today - dt.timedelta(days=rng.randint(0, 20)),
                             rng.randint(8 * 60, 17 * 60))
        ctx.sink.add("staff", {
            "id": staff_id, "username": username, "full_name": full_name(name), "role": role,
            "gender": "female" if female else "male", "office_id": office_id,
            "email": f"{username}@probation.example", "phone": places.phone(rng, mobile=False),
            "password_hash": password_hash, "active": True, "failed_sign_ins": 0,
            "must_change_password": False,
            "last_sign_in_at": last_sign_in, "version": 1, "created_at": created,
            "updated_at": created, "updated_by_id": None})
        for held in sorted({role, *extra_roles}):
            ctx.sink.add("staff_role", {"staff_id": staff_id, "role": held})
        return staff_id

    # The demo's administrator also holds every casework role, so one account can try every
    # screen; the per-role accounts below show what each job sees.
    ctx.staff["admin"] = add("administrator", rng.random() < 0.5, ctx.offices[0].id, "admin",
                             extra_roles=("coordinator", "supervisor", "resettlement_worker",
                                          "manager"))
    # Easy-to-remember accounts for each role come first, then realistic name-based ones.
    ctx.staff["managers"] = [add("manager", rng.random() < 0.5, ctx.offices[0].id, "manager")]
    for unit in dict.fromkeys(o.unit for o in ctx.offices):
        hub = next(o for o in ctx.offices if o.unit == unit)
        ctx.staff["managers"].append(add("manager", rng.random() < 0.55, hub.id))
    coordinators: dict[int, list[int]] = {}
    for office in ctx.offices:
        for i in range(ctx.spec.coordinators_per_office):
            username = "coordinator" if office.index == 0 and i == 0 else None
            coordinators.setdefault(office.index, []).append(
                add("coordinator", rng.random() < 0.7, office.id, username))
    ctx.staff["coordinators"] = coordinators
    pools: dict[tuple[str, str], list[int]] = {}
    demand = supervisor_demand(projects)
    first_supervisor = True
    for (unit, gender), need in sorted(demand.items()):
        hubs = [o for o in ctx.offices if o.unit == unit]
        for i in range(need + 2):
            username = "supervisor" if first_supervisor else None
            first_supervisor = False
            pools.setdefault((unit, gender), []).append(
                add("supervisor", gender == "female", hubs[i % len(hubs)].id, username))
    ctx.staff["supervisor_pools"] = pools
    workers: dict[str, list[int]] = {}
    for code in ctx.prisons:
        office = office_by_code[PRISON_OFFICE.get(code, ctx.offices[0].code)]
        for _ in range(ctx.spec.workers_per_prison):
            username = "resettlement" if not workers else None
            female = rng.random() < (0.85 if code == "AGI" else 0.6)
            workers.setdefault(code, []).append(add("resettlement_worker", female, office.id,
                                                    username))
    ctx.staff["workers"] = workers
    _default_supervisors(projects, pools)
    _mistyped_user_names(ctx, rng, made[:3])


def _mistyped_user_names(ctx: Context, rng: random.Random, usernames: list[str]) -> None:
    """A few wrong passwords under mistyped user names, counted as the sign-in counts them."""
    for username in usernames:
        failures = rng.randint(1, 2)
        ctx.sink.add("unknown_name_sign_in", {
            "name_hash": unknown_name_key(username + username[-1]),
            "failed_sign_ins": failures, "sign_in_blocked_until": None,
            "last_failed_at": stamp(ctx.today - dt.timedelta(days=rng.randint(1, 20)),
                                    rng.randint(8 * 60, 17 * 60))})


def _default_supervisors(projects: list[Proj], pools: dict[tuple[str, str], list[int]]
                         ) -> None:
    """Give each project a lead whose other projects run on different weekdays, if possible."""
    days: dict[int, set[int]] = {}
    for p in projects:
        pool = pools[(p.unit, p.supervisor_gender)]
        best = min(pool, key=lambda s: (len(days.get(s, set()) & set(p.weekdays)),
                                        len(days.get(s, set()))))
        days.setdefault(best, set()).update(p.weekdays)
        p.default_supervisor = best


def build_people(ctx: Context) -> list[PersonInfo]:
    """People of each kind, interleaved so ids do not group them."""
    rng = ctx.rng("people")
    spec = ctx.spec
    kinds = [UPW] * spec.upw_people + [TTG] * spec.ttg_people + [OTHER] * spec.other_people
    rng.shuffle(kinds)
    office_pick = Weighted({o.index: places.OFFICE_PLACES[o.code].weight for o in ctx.offices})
    officers = {o.index: [full_name(make_name(rng, rng.random() < 0.65, "staff"))
                          for _ in range(max(3, len(kinds) // 120 // len(ctx.offices)))]
                for o in ctx.offices}
    crns: set[str] = set()
    first = ctx.ids("person", len(kinds))
    people = []
    for i, kind in enumerate(kinds):
        # About 15% of people on unpaid work are women; in custody, women are about one in
        # twelve of these prisons' population, all of them at Askham Grange.
        female = rng.random() < {UPW: 0.15, TTG: 0.08, OTHER: 0.16}[kind]
        people.append(_person(ctx, rng, first + i, kind, female, office_pick(rng), crns,
                              officers))
    _restrict_some(ctx, people)
    return people


def _restrict_some(ctx: Context, people: list[PersonInfo]) -> None:
    """About one in a hundred of the first office's people are restricted cases, named to
    that office's first coordinator, the first manager and the administrator."""
    rng = ctx.rng("restricted")
    chosen = [p for p in people if p.office == 0 and rng.random() < 0.01]
    if not chosen:
        chosen = [next(p for p in people if p.office == 0)]
    named = {ctx.staff["coordinators"][0][0], ctx.staff["managers"][0], ctx.staff["admin"]}
    for info in chosen:
        info.row["restricted"] = True
        for staff_id in sorted(named):
            ctx.sink.add("person_access", {"person_id": info.id, "staff_id": staff_id})


def _age(rng: random.Random) -> float:
    return 18 + min(rng.gammavariate(2.2, 6.5), 57)


def _person(ctx: Context, rng: random.Random, person_id: int, kind: str, female: bool,
            office_index: int, crns: set[str], officers: dict[int, list[str]]
            ) -> PersonInfo:
    office = ctx.offices[office_index]
    place = places.OFFICE_PLACES[office.code]
    name = make_name(rng, female, "fens" if office.code in places.FENS_OFFICES else "default")
    while True:
        crn = f"{rng.choice('XXXDEN')}{rng.randint(0, 999999):06d}"
        if crn not in crns:
            crns.add(crn)
            break
    town = places.pick_town(rng, place)
    dob = ctx.today - dt.timedelta(days=int(_age(rng) * 365.25) + rng.randint(0, 364))
    language, other_language, interpreter = Language.ENGLISH, None, False
    spoken = ORIGIN_LANGUAGE.get(name.origin)
    if spoken == "Welsh" and rng.random() < 0.4:
        language = Language.WELSH
    elif spoken and spoken != "Welsh" and rng.random() < 0.45:
        language, other_language = Language.OTHER, spoken
        interpreter = rng.random() < 0.4
    identity = None
    not_male = female
    roll = rng.random()
    if roll < 0.005:
        identity, not_male = "Non-binary", True
    elif female and roll < 0.02:
        identity = "Trans woman"
    elif roll < 0.1:
        identity = "Woman (she/her)" if female else "Man (he/him)"
    elif roll < 0.3:
        identity = "Woman" if female else "Man"
    # The category the placement rules read, as the person form asks it.
    category = category_from_text(Gender.FEMALE if female else Gender.MALE, identity)
    no_fixed_abode = rng.random() < (0.12 if kind == TTG else 0.02)
    if no_fixed_abode:
        line1, line2, postcode = "No fixed abode", None, None
    elif rng.random() < 0.2:
        line1 = f"Flat {rng.randint(1, 40)}, {rng.choice(places.BUILDINGS)}"
        line2 = f"{rng.randint(1, 200)} {places.street(rng, place, town.name)}"
        postcode = places.postcode(rng, rng.choice(town.districts))
    else:
        line1 = f"{rng.randint(1, 240)} {places.street(rng, place, town.name)}"
        line2, postcode = None, places.postcode(rng, rng.choice(town.districts))
    contact_name = contact_phone = None
    if rng.random() < 0.8:
        relation = rng.choice(_RELATIONS)
        other = make_name(rng, relation in ("mother", "sister", "aunt", "grandmother")
                          or (relation in ("partner", "friend") and not female))
        surname = name.surname if relation not in ("partner", "friend") else other.surname
        contact_name = f"{other.forename} {surname} ({relation})"
        contact_phone = places.phone(rng)
    coordinator = ctx.staff["coordinators"][office_index][0]
    row = {
        "id": person_id, "crn": crn, "forename": name.forename,
        "middle_names": name.middle_names, "surname": name.surname,
        "preferred_name": name.preferred_name, "date_of_birth": dob,
        "gender": "female" if female else "male", "gender_identity": identity,
        "gender_category": category.value,
        "address_line1": line1, "address_line2": line2, "town": town.name,
        "postcode": postcode, "phone": places.phone(rng) if rng.random() < 0.9 else None,
        "emergency_contact_name": contact_name, "emergency_contact_phone": contact_phone,
        "preferred_language": language.value, "other_language": other_language,
        "interpreter_needed": interpreter, "office_id": office.id,
        "responsible_officer": rng.choice(officers[office_index]),
        "search_surname": fold(name.surname), "search_forename": fold(name.forename),
        "restricted": False, "texts_opted_out": False,
        **versioned(ctx.start + dt.timedelta(days=rng.randint(0, 1000)), coordinator)}
    ctx.sink.add("person", row)
    return PersonInfo(person_id, kind, female, not_male, office_index, office.unit, town.name,
                      name.origin, language, other_language, interpreter, dob, row)


def touch(info: PersonInfo, day: dt.date) -> None:
    """Record that the person was created no later than ``day``."""
    at = stamp(day, 9 * 60)
    if at < info.row["created_at"]:
        info.row["created_at"] = at
        info.row["updated_at"] = max(info.row["updated_at"], at)
