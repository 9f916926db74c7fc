"""UPW people's profiles: assessments, commitments, eligible projects and order rows."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from upw_ttg.demo import places, texts
from upw_ttg.demo.core import Context, Weighted, hhmm, versioned
from upw_ttg.demo.people import PersonInfo
from upw_ttg.demo.projects import INDUCTION, Proj
from upw_ttg.domain.orders import completion_deadline
from upw_ttg.domain.settings import SETTINGS_BY_KEY

_DEADLINE_MONTHS = int(SETTINGS_BY_KEY["upw.deadline_months"].default)

HOURS = Weighted({40: 3, 50: 3, 60: 6, 70: 3, 80: 8, 90: 3, 100: 9, 120: 10, 140: 5,
                  150: 11, 160: 6, 180: 8, 200: 10, 220: 4, 240: 6, 250: 4, 280: 3, 300: 5})
COMPLIANCE = Weighted({"good": 0.72, "fair": 0.22, "poor": 0.06})
# Outcomes of a keyed register line by compliance profile: most attend and comply; some
# acceptable absences; a few failures (outcome codes in upw_ttg.domain.codes).
OUTCOMES = {
    "good": Weighted({"ATTC": 91.2, "AAME": 3, "AAEM": 2, "AAFC": 1.2, "AACL": 0.3, "RSOF": 1.5,
                      "ATSS": 1, "AFTC": 0.3, "UAAB": 0.4, "ATSH": 0.05}),
    "fair": Weighted({"ATTC": 82, "AAME": 5, "AAEM": 2.5, "AAFC": 2, "AACL": 0.5, "RSOF": 3,
                      "ATSS": 1, "AFTC": 1, "UAAB": 2.2, "ATSH": 0.3}),
    "poor": Weighted({"ATTC": 66, "AAME": 7, "AAEM": 2, "AAFC": 3, "AACL": 1, "RSOF": 4,
                      "ATSS": 1, "AFTC": 3, "UAAB": 9, "ATSH": 1.5}),
}
RISK_LEVEL = Weighted({"low": 45, "medium": 45, "high": 9, "very_high": 1})


@dataclass(slots=True)
class Profile:
    """What stays true of one person across their orders."""

    person: PersonInfo
    compliance: str
    per_week: int
    availability: str
    commitments: list[tuple[str, int, int, int, str]]
    flags: dict[str, Any]  # the assessment's risk and supervision answers, by column
    preference: str
    candidates: list[int]
    slots: list[tuple[int, int]]
    induction: int | None
    override: str | None
    warrant_town: str | None
    partners: list[int] = field(default_factory=list)


def _commitments(rng: random.Random, info: PersonInfo) -> list[tuple[str, int, int, int, str]]:
    """(kind, weekday 0-6, start minutes, end minutes, description)."""
    items = []
    if rng.random() < 0.42:
        days = sorted(rng.sample(range(5), rng.choice((3, 4, 5, 5))))
        start = rng.choice((6 * 60, 7 * 60, 8 * 60, 8 * 60 + 30))
        text = rng.choice(texts.COMMITMENTS["employment"]).format(town=info.town)
        items += [("employment", d, start, start + 8 * 60, text) for d in days]
    if rng.random() < 0.1:
        text = rng.choice(texts.COMMITMENTS["education"]).format(town=info.town)
        items.append(("education", rng.randrange(5), 9 * 60, 15 * 60, text))
    if rng.random() < (0.5 if info.female else 0.08):
        text = rng.choice(texts.COMMITMENTS["caring"])
        items += [("caring", d, 8 * 60 + 15, 9 * 60, text) for d in range(5)]
    if rng.random() < 0.05:
        if rng.random() < 0.5:
            items.append(("religious", 4, 12 * 60 + 30, 14 * 60, "Friday prayers"))
        else:
            items.append(("religious", 6, 10 * 60, 12 * 60, "Sunday service"))
    if rng.random() < 0.04:
        items.append(("other", rng.randrange(5), 10 * 60, 11 * 60,
                      rng.choice(texts.COMMITMENTS["other"])))
    return items


def _availability(rng: random.Random, commitments: list[tuple[str, int, int, int, str]]
                  ) -> str:
    grid = [["Y", "Y", "Y" if rng.random() < 0.7 else "N"] for _ in range(7)]
    for _kind, day, start, end, _text in commitments:
        # A commitment blocks each part of the day (morning to 12:00, afternoon to 17:00,
        # evening after) that it overlaps by more than half an hour.
        for part, (lo, hi) in enumerate(((0, 12 * 60), (12 * 60, 17 * 60), (17 * 60, 24 * 60))):
            if min(end, hi) - max(start, lo) > 30:
                grid[day][part] = "N"
    if rng.random() < 0.2:
        day = rng.randrange(7)
        grid[day][0] = grid[day][1] = "N"
    return "".join("".join(day) for day in grid)


def _flags(rng: random.Random, info: PersonInfo) -> dict[str, Any]:
    r = rng.random
    female = info.female
    flags = {
        "risk_level": RISK_LEVEL(rng),
        "risk_sexual_offending": r() < 0.02 and not female,
        "risk_to_children": r() < 0.05, "risk_to_vulnerable_adults": r() < 0.04,
        "risk_violence": r() < (0.12 if female else 0.22), "risk_hate_behaviour": r() < 0.01,
        "risk_serious_group_offending": r() < 0.02,
        "victim_exclusion_zone": rng.choice(texts.VICTIM_ZONES) if r() < 0.03 else None,
        "restrictive_orders": rng.choice(texts.RESTRICTIVE_ORDERS) if r() < 0.05 else None,
        "no_female_supervisor": (r() < 0.015) and not female,
        "no_male_supervisor": r() < (0.08 if female else 0.005),
        "close_supervision": r() < 0.03,
    }
    if flags["risk_sexual_offending"]:
        flags["risk_to_children"] = True
    flags["no_male_supervisor"] = flags["no_male_supervisor"] and not flags[
        "no_female_supervisor"]
    allergy = r() < 0.08
    mobility = r() < 0.05
    medication = r() < 0.15
    vulnerable = r() < 0.1
    flags.update({
        "hs_allergies": allergy,
        "hs_allergies_detail": rng.choice(texts.ALLERGIES) if allergy else None,
        "hs_epilepsy": r() < 0.015, "hs_pregnancy": female and r() < 0.04,
        "hs_mobility": mobility,
        "hs_mobility_detail": rng.choice(texts.MOBILITY) if mobility else None,
        "hs_medication": medication,
        "hs_medication_detail": rng.choice(texts.MEDICATION) if medication else None,
        "vulnerable": vulnerable,
        "vulnerability_detail": rng.choice(texts.VULNERABILITY) if vulnerable else None,
        "disabilities": None, "reasonable_adjustments": None,
        "literacy_need": r() < 0.12, "driving_licence": r() < 0.45,
        "public_transport_accessible": r() < 0.8, "ete_need": r() < 0.35,
        "ppe_top": rng.choice(("S", "M", "L", "L", "XL", "XXL", "3XL")),
        "ppe_trousers": rng.choice(("28R", "30R", "32R", "32R", "34R", "36R", "38R", "40R",
                                    "32S", "34L")),
        "ppe_boots": str(rng.randint(4, 8) if female else rng.randint(6, 12)),
        "ppe_gloves": rng.choice(("S", "M") if female else ("M", "L", "L", "XL")),
    })
    flags["vehicle_access"] = flags["driving_licence"] and r() < 0.6
    if r() < 0.08:
        flags["disabilities"] = rng.choice(texts.DISABILITIES)
        flags["reasonable_adjustments"] = rng.choice(texts.ADJUSTMENTS)
    # Derived from the details, so the random sequence (and the rest of the data) is unchanged.
    flags["hs_allergy_action"] = texts.ALLERGY_ACTIONS.get(flags["hs_allergies_detail"])
    effect = texts.MEDICATION_EFFECTS.get(flags["hs_medication_detail"])
    # Insulin can mean an injection at lunch as well as low blood sugar: two alerts at once.
    flags["hs_medication_effects"] = ((effect, "dose_during_session")
                                      if effect == "low_blood_sugar"
                                      else (effect,) if effect else ())
    return flags


def _supervisors_ok(p: Proj, flags: dict[str, Any]) -> bool:
    if flags["no_female_supervisor"] and p.supervisor_gender == "female":
        return False
    return not (flags["no_male_supervisor"] and p.supervisor_gender == "male")


def _eligible(p: Proj, info: PersonInfo, flags: dict[str, Any], strict: bool = True) -> bool:
    """The hard placing rules UPW-2 and UPW-4 for one project."""
    if info.female != p.female_only or p.kind == INDUCTION:
        return False
    if flags["risk_to_children"] and "children_present" in p.tags:
        return False
    if flags["risk_to_vulnerable_adults"] and "vulnerable_adults_present" in p.tags:
        return False
    if not _supervisors_ok(p, flags):
        return False
    if flags["close_supervision"] and p.individual:
        return False
    # Not a hard rule: a mobility problem makes heavy lifting a poor match.
    return not (strict and flags["hs_mobility"] and "heavy_lifting" in p.tags)


def build_profile(ctx: Context, rng: random.Random, info: PersonInfo,
                  projects_by_unit: dict[str, list[Proj]]) -> Profile:
    commitments = _commitments(rng, info)
    availability = _availability(rng, commitments)
    flags = _flags(rng, info)
    if info.female:
        preference = "female_only_group" if rng.random() < 0.75 else "individual"
    else:
        preference = "individual" if rng.random() < 0.15 else "mixed_group"
    if flags["close_supervision"] and preference == "individual":
        preference = "mixed_group"
    wanted_individual = preference == "individual"
    unit_projects = projects_by_unit[info.unit]
    eligible = ([p for p in unit_projects if _eligible(p, info, flags)]
                or [p for p in unit_projects if _eligible(p, info, flags, strict=False)])

    def rank(p: Proj) -> tuple[bool, bool, float]:
        return (p.individual != wanted_individual, p.office != info.office, rng.random())

    eligible.sort(key=rank)
    # A few usual projects first, then others the coordinator can fall back on when full.
    chosen = eligible[:6]
    candidates = [p.index for p in chosen]
    slots = _slots(availability, chosen)
    override = None
    if not slots:
        # No free day matches: the coordinator books anyway and records why (a soft rule).
        override = rng.choice(texts.OVERRIDE_REASONS[:2])
        slots = [(day, p.index) for p in chosen for day in p.weekdays]
    # Each person has their own usual day at each project, rather than everyone the first.
    preference_order = {c: i for i, c in enumerate(candidates)}
    rng.shuffle(slots)
    slots.sort(key=lambda slot: preference_order[slot[1]])
    # Women have their induction on their first women-only session instead.
    induction = next((p.index for p in unit_projects if p.kind == INDUCTION
                      and _supervisors_ok(p, flags) and not info.female), None)
    per_week = 1 if rng.random() < 0.72 else (2 if rng.random() < 0.9 else 3)
    main_town = places.OFFICE_PLACES[ctx.offices[info.office].code].towns[0].name
    needs_warrant = (info.town != main_town and not flags["vehicle_access"]
                     and rng.random() < 0.5)
    return Profile(info, COMPLIANCE(rng), per_week, availability, commitments, flags,
                   preference, candidates, slots, induction, override,
                   info.town if needs_warrant else None)


def _slots(availability: str, candidates: list[Proj]) -> list[tuple[int, int]]:
    """(ISO weekday, project index) the person is free for, best project first."""
    slots = []
    for p in candidates:
        for day in p.weekdays:
            base = (day - 1) * 3
            if availability[base] == "Y" and availability[base + 1] == "Y":
                slots.append((day, p.index))
    return slots


def assessment_row(ctx: Context, rng: random.Random, profile: Profile, order_id: int,
                   sentence: dt.date, coordinator: int) -> None:
    """The order's UPW assessment; orders sentenced in the last few days are not assessed."""
    info = profile.person
    assessment_id = ctx.ids("upw_assessment")
    done = sentence + dt.timedelta(days=rng.randint(0, 6))
    row = {"id": assessment_id, "person_id": info.id, "order_id": order_id,
           **versioned(min(done, ctx.today), coordinator, 10 * 60)}
    if done >= ctx.today:
        row.update({"availability": "N" * 21, "intensive_extra_hours": 0,
                    **dict.fromkeys(("risk_sexual_offending", "risk_to_children",
                                     "risk_to_vulnerable_adults", "risk_violence",
                                     "risk_hate_behaviour", "risk_serious_group_offending",
                                     "no_female_supervisor", "no_male_supervisor",
                                     "close_supervision"), False)})
        ctx.sink.add("upw_assessment", row)
        return
    intensive = 7 * (profile.per_week - 1) if profile.per_week > 1 and rng.random() < 0.5 else 0
    row.update(profile.flags)
    row.update({"completed_on": done, "completed_by_id": coordinator,
                "availability": profile.availability,
                "placement_preference": profile.preference,
                "female_only_offered": info.not_male_identity,
                "intensive_extra_hours": intensive})
    ctx.sink.add("upw_assessment", row)
    for kind, day, start, end, text in profile.commitments:
        ctx.sink.add("assessment_commitment", {
            "id": ctx.ids("assessment_commitment"), "assessment_id": assessment_id,
            "kind": kind, "weekday": day, "start_time": hhmm(start), "end_time": hhmm(end),
            "description": text})


def new_order(ctx: Context, rng: random.Random, profile: Profile, sentence: dt.date,
              coordinator: int, previous: dict[str, Any] | None) -> dict[str, Any]:
    info = profile.person
    place = places.OFFICE_PLACES[ctx.offices[info.office].code]
    crown = rng.random() < 0.12
    court = places.CROWN_COURTS[info.unit] if crown else place.court
    subtype = "regular"
    if previous is not None and rng.random() < 0.08:
        subtype = rng.choice(("additional_hours", "consecutive", "concurrent"))
    # The rule the orders service applies, with the settings' defaults (the demo's settings).
    deadline = completion_deadline(sentence, _DEADLINE_MONTHS, True)
    return {"id": ctx.ids("upw_order"), "person_id": info.id, "court": court,
            "sentence_date": sentence,
            "order_type": "suspended_sentence_order" if (crown or rng.random() < 0.22)
            else "community_order", "subtype": subtype, "hours_ordered": HOURS(rng),
            "standalone": rng.random() < 0.4, "ete_allowed": rng.random() < 0.3,
            "travel_time_eligible": profile.warrant_town is not None and rng.random() < 0.5,
            "status": "active", "deadline": deadline, "completed_on": None, "closed_on": None,
            "closure_reason": None, "coordinator_id": coordinator,
            **versioned(sentence, coordinator, 11 * 60)}


def keep_apart_pairs(ctx: Context, profiles: list[Profile]) -> None:
    """Pairs of people in one delivery unit who must never share a session."""
    rng = ctx.rng("keep-apart")
    by_unit: dict[str, list[Profile]] = {}
    for profile in profiles:
        by_unit.setdefault(profile.person.unit, []).append(profile)
    for unit_profiles in by_unit.values():
        pairs = max(1, len(unit_profiles) // 70)
        for _ in range(pairs):
            a, b = rng.sample(unit_profiles, 2)
            low, high = sorted((a.person.id, b.person.id))
            if high in a.partners or low == high:
                continue
            a.partners.append(b.person.id)
            b.partners.append(a.person.id)
            recorded = ctx.start + dt.timedelta(days=rng.randint(0, 1000))
            coordinator = ctx.staff["coordinators"][a.person.office][0]
            ctx.sink.add("keep_apart", {
                "id": ctx.ids("keep_apart"), "person_a_id": low, "person_b_id": high,
                **_keep_apart_reason(rng), "recorded_on": recorded,
                "recorded_by_id": coordinator, **versioned(recorded, coordinator)})


def _keep_apart_reason(rng: random.Random) -> dict[str, str]:
    """A kind and its sensitive detail, from the demo's made-up reasons."""
    kind, detail = rng.choice(texts.KEEP_APART_REASONS)
    return {"kind": kind, "detail": detail}
