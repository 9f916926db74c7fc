"""Through the Gate rules: deadlines, deadlines moved by date changes, the plan completion gate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from upw_ttg.domain.codes import PATHWAYS, MappaLevel, NeedStatus, ReferralStatus, RiskLevel
from upw_ttg.domain.custody import DateChangeRow
from upw_ttg.domain.settings import SETTINGS_BY_KEY
from upw_ttg.domain.working_days import WorkingCalendar

# (setting key, DeadlineSettings attribute)
SETTING_KEYS: tuple[tuple[str, str], ...] = (
    ("ttg.screening_hours", "screening_hours"),
    ("ttg.plan_working_days", "plan_working_days"),
    ("ttg.pre_release_review_weeks", "pre_release_review_weeks"),
    ("ttg.handover_window_weeks", "handover_window_weeks"),
    ("ttg.chase_working_days", "chase_working_days"),
    ("ttg.pss_months", "pss_months"),
)


def _default(key: str) -> int:
    return int(SETTINGS_BY_KEY[key].default)


@dataclass(frozen=True, slots=True)
class DeadlineSettings:
    """The ``ttg.*`` settings (rules TTG-2 and TTG-5); the defaults are the settings' defaults."""

    screening_hours: int = _default("ttg.screening_hours")
    plan_working_days: int = _default("ttg.plan_working_days")
    pre_release_review_weeks: int = _default("ttg.pre_release_review_weeks")
    handover_window_weeks: int = _default("ttg.handover_window_weeks")
    chase_working_days: int = _default("ttg.chase_working_days")
    pss_months: int = _default("ttg.pss_months")

    @classmethod
    def from_values(cls, read: Callable[[str], int | bool | str]) -> DeadlineSettings:
        """Built from a reader of typed setting values, e.g. ``read_setting`` in a session."""
        return cls(**{attr: int(read(key)) for key, attr in SETTING_KEYS})


class DeadlineKind(StrEnum):
    SCREENING = "screening"
    PLAN = "plan"
    PRE_RELEASE_REVIEW = "pre_release_review"
    HANDOVER_WINDOW = "handover_window"
    SUPERVISION_END = "supervision_end"


DEADLINE_LABELS = {
    DeadlineKind.SCREENING: "Prison screening due",
    DeadlineKind.PLAN: "Resettlement plan due",
    DeadlineKind.PRE_RELEASE_REVIEW: "Pre-release review due",
    DeadlineKind.HANDOVER_WINDOW: "Handover window opens",
    DeadlineKind.SUPERVISION_END: "Post-sentence supervision ends",
}


def screening_due(reception: dt.date, settings: DeadlineSettings) -> dt.date:
    """The day by which the prison screens (BCST part 1): reception + the screening hours."""
    return reception + dt.timedelta(days=-(-settings.screening_hours // 24))


def plan_due(screening: dt.date, settings: DeadlineSettings, cal: WorkingCalendar) -> dt.date:
    """Plan due: the n-th working day after the screening (always a working day)."""
    return cal.add_working_days(screening, settings.plan_working_days)


def pre_release_review_due(release: dt.date, settings: DeadlineSettings,
                           cal: WorkingCalendar) -> dt.date:
    """Weeks before release; a review falling on a weekend or bank holiday is due the working
    day before, because nobody can hold it on the day itself and later would be late."""
    return cal.previous_working_day(
        release - dt.timedelta(weeks=settings.pre_release_review_weeks))


def handover_window_opens(release: dt.date, settings: DeadlineSettings) -> dt.date:
    """The first day of the window in which the responsible officer is contacted."""
    return release - dt.timedelta(weeks=settings.handover_window_weeks)


def chase_date(contact: dt.date, settings: DeadlineSettings, cal: WorkingCalendar) -> dt.date:
    """The last day an acknowledgement is waited for; after it, the contact is chased."""
    return cal.add_working_days(contact, settings.chase_working_days)


def supervision_end(release: dt.date, settings: DeadlineSettings) -> dt.date:
    """Post-sentence supervision end (Offender Rehabilitation Act 2014): months after release."""
    return release + relativedelta(months=settings.pss_months)


def needs_chase(contact: dt.date, acknowledged_on: dt.date | None, today: dt.date,
                settings: DeadlineSettings, cal: WorkingCalendar) -> bool:
    """An unacknowledged contact is chased once its chase date has passed."""
    return acknowledged_on is None and today > chase_date(contact, settings, cal)


def referral_overdue(status: ReferralStatus, expected_by: dt.date | None,
                     today: dt.date) -> bool:
    """A referral still waiting for the provider's answer after the expected date."""
    return status == ReferralStatus.SENT and expected_by is not None and expected_by < today


@dataclass(frozen=True, slots=True)
class Deadlines:
    """The deadlines of one custody episode; None where the date they hang on is unknown."""

    screening_due: dt.date | None
    plan_due: dt.date | None
    pre_release_review_due: dt.date | None
    handover_window_opens: dt.date | None
    supervision_end: dt.date | None
    release_date: dt.date | None

    def get(self, kind: DeadlineKind) -> dt.date | None:
        return {
            DeadlineKind.SCREENING: self.screening_due,
            DeadlineKind.PLAN: self.plan_due,
            DeadlineKind.PRE_RELEASE_REVIEW: self.pre_release_review_due,
            DeadlineKind.HANDOVER_WINDOW: self.handover_window_opens,
            DeadlineKind.SUPERVISION_END: self.supervision_end,
        }[kind]


# The dates that set the expected release date, in precedence order (domain.custody).
RELEASE_FIELDS = ("confirmed_release_date", "hdc_approved_date", "conditional_release_date",
                  "automatic_release_date")


def expected_release_of(dates: Mapping[str, dt.date | None]) -> dt.date | None:
    """The expected release date: the first present of the release dates, in precedence."""
    return next((dates[f] for f in RELEASE_FIELDS if dates.get(f) is not None), None)


def _unless_off_the_calendar(compute: Callable[[], dt.date]) -> dt.date | None:
    """A deadline that would fall before year 1 or after 9999 (from a mistyped date) is not
    known, rather than an error that would stop the whole episode from being shown."""
    try:
        return compute()
    except (OverflowError, ValueError):
        return None


def deadlines_for(*, reception: dt.date | None, screening: dt.date | None,
                  expected_release: dt.date | None, released_on: dt.date | None,
                  settings: DeadlineSettings, cal: WorkingCalendar) -> Deadlines:
    """Every deadline from the episode's current dates.

    The review and handover window hang on the expected release date; supervision runs from
    the actual release once there is one.
    """
    release = released_on or expected_release

    def safely(rule: Callable[..., dt.date], date: dt.date | None, *args: object
               ) -> dt.date | None:
        if date is None:
            return None
        return _unless_off_the_calendar(lambda: rule(date, settings, *args))

    return Deadlines(
        screening_due=safely(screening_due, reception),
        plan_due=safely(plan_due, screening, cal),
        pre_release_review_due=safely(pre_release_review_due, expected_release, cal),
        handover_window_opens=safely(handover_window_opens, expected_release),
        supervision_end=safely(supervision_end, release),
        release_date=expected_release)


def compute_deadlines(dates: Mapping[str, dt.date | None], settings: DeadlineSettings,
                      cal: WorkingCalendar, released_on: dt.date | None = None) -> Deadlines:
    """Every deadline from an episode's dates (custody field names, incl. ``screening_date``)."""
    return deadlines_for(reception=dates.get("reception_date"),
                         screening=dates.get("screening_date"),
                         expected_release=expected_release_of(dates), released_on=released_on,
                         settings=settings, cal=cal)


_ONE_SAVE = dt.timedelta(seconds=2)


@dataclass(frozen=True, slots=True)
class DeadlineMove:
    """One deadline that moved because custody dates changed."""

    kind: DeadlineKind
    label: str
    old: dt.date | None
    new: dt.date | None
    changed_at: dt.datetime
    changed_by: str | None
    reason: str | None
    because_of: tuple[str, ...]

    @property
    def days_later(self) -> int | None:
        """Calendar days the deadline moved (negative if earlier); None if it came or went."""
        if self.old is None or self.new is None:
            return None
        return (self.new - self.old).days


def deadline_moves(current: Mapping[str, dt.date | None], history: Sequence[DateChangeRow],
                   settings: DeadlineSettings, cal: WorkingCalendar,
                   released_on: dt.date | None = None) -> list[DeadlineMove]:
    """Deadlines moved by each saved change of custody dates (``history`` newest first, as
    ``date_history`` reads it), newest first.

    The history is unwound from the current dates: each saved edit (the rows written
    together by one author for one reason) is undone in turn, and the deadlines before and
    after it compared.
    """
    # The history comes newest first; reversed before the (stable) sort, saves made in the
    # same second keep the order they were made in.
    oldest_first = history[::-1]
    ordered = sorted(oldest_first, key=lambda c: c.changed_at)
    groups: list[list[DateChangeRow]] = []
    for change in ordered:
        # One save writes its rows a moment apart, with one author and one reason.
        first = groups[-1][0] if groups else None
        if first is not None and (first.changed_by, first.reason) == \
                (change.changed_by, change.reason) and \
                change.changed_at - first.changed_at <= _ONE_SAVE:
            groups[-1].append(change)
        else:
            groups.append([change])
    state = dict(current)
    states = [dict(state)]
    for group in reversed(groups):
        for change in group:
            state[change.field] = change.old_value
        states.insert(0, dict(state))
    moves: list[DeadlineMove] = []
    # Newest save first; within a save, deadlines in their usual order.
    for i in reversed(range(len(groups))):
        group = groups[i]
        before = compute_deadlines(states[i], settings, cal, released_on)
        after = compute_deadlines(states[i + 1], settings, cal, released_on)
        reason = next((c.reason for c in group if c.reason), None)
        fields = tuple(dict.fromkeys(c.field for c in group))
        for kind in DeadlineKind:
            old, new = before.get(kind), after.get(kind)
            if old != new:
                moves.append(DeadlineMove(kind, DEADLINE_LABELS[kind], old, new,
                                          group[0].changed_at, group[0].changed_by, reason,
                                          fields))
    return moves


# The completion gate (rule TTG-6): the sections inspectors found missing.
class PlanSection(StrEnum):
    NEEDS = "needs"
    STRENGTHS = "strengths"
    DIVERSITY = "diversity"
    RISK = "risk"
    ACCOMMODATION_FALLBACK = "accommodation_fallback"
    RELEASE_DAY_FALLBACK = "release_day_fallback"
    AGREEMENT = "agreement"
    CONSENT = "consent"


STRENGTH_KINDS = {"strength": "Strength", "protective_factor": "Protective factor"}

# Risk levels at which at least one action must be tagged as managing the risk.
RISK_NEEDING_ACTIONS = frozenset({RiskLevel.HIGH, RiskLevel.VERY_HIGH})


@dataclass(frozen=True, slots=True)
class PlanFacts:
    """What the completion gate looks at; built from a plan record or straight from SQL."""

    needs_with_own_words: int
    strengths: int
    strengths_none_identified: bool
    strengths_none_reason: str | None
    diversity_considered: bool
    risk_level: RiskLevel | None
    mappa_level: MappaLevel | None
    risk_summary: str | None
    da_check_requested: dt.date | None
    cs_check_requested: dt.date | None
    risk_actions: int
    person_agrees: bool | None
    agreed_on: dt.date | None
    person_comments: str | None
    consents: int
    # The names of the pathways with no status yet (``pathways_without_status``).
    pathways_without_status: tuple[str, ...]
    # Whether the accommodation need and the day of release each have a whole fallback
    # (``fallback_missing`` finds nothing missing): rule TTG-FALLBACK.
    accommodation_fallback: bool = False
    release_day_fallback: bool = False


def pathways_without_status(statuses: Mapping[str, NeedStatus], women: bool) -> tuple[str, ...]:
    """The pathways still to be given a status before the plan can be completed, by name.

    Every pathway needs a status (rule TTG-6): "not started" is none, while "no need" and
    "declined" are the worker's answer as much as "in progress" or "met". The two support
    needs for women count when the person is not a man (``identity_not_male``) or one of them
    is recorded. ``statuses`` maps each recorded pathway code to its need's status.
    """
    return tuple(name for code, name, womens_support in PATHWAYS
                 if statuses.get(code, NeedStatus.NOT_STARTED) == NeedStatus.NOT_STARTED
                 and (not womens_support or women or code in statuses))


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


# The pathway whose fallback a plan with risk of harm must have (rule TTG-FALLBACK).
ACCOMMODATION = "accommodation"
# The pathway whose providers hold the GP practices and pharmacies (rule TTG-DIR4).
HEALTH = "health"
# Risk levels at which risk of harm applies to the fallback rule; any MAPPA level also does.
RISK_OF_HARM_LEVELS = frozenset({RiskLevel.MEDIUM, RiskLevel.HIGH, RiskLevel.VERY_HIGH})


def risk_of_harm_applies(level: RiskLevel | None, mappa: MappaLevel | None) -> bool:
    """Rule TTG-FALLBACK: risk of harm applies at medium risk or above, or under MAPPA at
    any level; a low risk outside MAPPA (or a section not yet answered) does not."""
    return level in RISK_OF_HARM_LEVELS or mappa not in (None, MappaLevel.NONE)


def fallback_missing(plan: str | None, contact: str | None, by: object | None) -> list[str]:
    """The parts of a fallback still to write, in plain words: what happens, who to call,
    by when. Empty when the fallback is whole."""
    missing = []
    if _blank(plan):
        missing.append("what happens")
    if _blank(contact):
        missing.append("who to call")
    if by is None:
        missing.append("by when")
    return missing


def completion_gaps(facts: PlanFacts) -> list[tuple[PlanSection, str]]:
    """The completion gate: each missing part of the plan with its section, in the order of
    the plan's pages; empty when the plan can be (or stay) complete.

    The services read the facts in one place (``services.ttg.completion``) for completing,
    for re-checking after every write, for the plan screen and for the dashboard.
    """
    gaps: list[tuple[PlanSection, str]] = []

    def gap(section: PlanSection, message: str) -> None:
        gaps.append((section, message))

    if facts.needs_with_own_words == 0:
        gap(PlanSection.NEEDS, "Needs: record at least one need in the person's own words.")
    for name in facts.pathways_without_status:
        gap(PlanSection.NEEDS, f"{name}: record a status (no need or declined count).")
    if facts.strengths == 0:
        if not facts.strengths_none_identified:
            gap(PlanSection.STRENGTHS, "Strengths and protective factors: record at least one, "
                "or mark them as none identified and say why.")
        elif _blank(facts.strengths_none_reason):
            gap(PlanSection.STRENGTHS, "Strengths and protective factors: say why none were "
                "identified.")
    if not facts.diversity_considered:
        gap(PlanSection.DIVERSITY, "Diversity and accessibility needs: record each need with "
            "the adjustment it makes, or confirm there are none.")
    if facts.risk_level is None:
        gap(PlanSection.RISK, "Risk of harm: choose the risk of harm level.")
    if facts.mappa_level is None:
        gap(PlanSection.RISK, "Risk of harm: choose the MAPPA level (or not MAPPA).")
    if _blank(facts.risk_summary):
        gap(PlanSection.RISK, "Risk of harm: write a short summary of the risk and how the "
            "plan manages it.")
    if facts.da_check_requested is None:
        gap(PlanSection.RISK, "Risk of harm: record when the domestic abuse check was "
            "requested.")
    if facts.cs_check_requested is None:
        gap(PlanSection.RISK, "Risk of harm: record when the child safeguarding check was "
            "requested.")
    if facts.risk_level in RISK_NEEDING_ACTIONS and facts.risk_actions == 0:
        gap(PlanSection.RISK, "Risk of harm: the risk is high, so mark at least one action "
            "as managing the risk.")
    if risk_of_harm_applies(facts.risk_level, facts.mappa_level):
        if not facts.accommodation_fallback:
            gap(PlanSection.ACCOMMODATION_FALLBACK, "Fallback: risk of harm applies, so say "
                "on the Accommodation page what happens if the accommodation plan falls "
                "through: who to call and by when.")
        if not facts.release_day_fallback:
            gap(PlanSection.RELEASE_DAY_FALLBACK, "Fallback: risk of harm applies, so say on "
                "the Pre-release review page what happens if the day of release falls "
                "through: who to call and by what time.")
    if facts.person_agrees is None or facts.agreed_on is None:
        gap(PlanSection.AGREEMENT, "The person's agreement: record whether they agree with "
            "the plan, and the date.")
    elif facts.person_agrees is False and _blank(facts.person_comments):
        gap(PlanSection.AGREEMENT, "The person's agreement: note what they disagree with.")
    if facts.consents == 0:
        gap(PlanSection.CONSENT, "Consent to share: record the person's answer for at least "
            "one named agency.")
    return gaps


def sections_answered(facts: PlanFacts) -> frozenset[PlanSection]:
    """The required sections with nothing missing (the quality figures count these)."""
    missing = {section for section, _message in completion_gaps(facts)}
    return frozenset(PlanSection) - missing


# Coded reasons for withdrawing a referral (after the CRS withdrawal list); the first four
# codes are also used by the demo data.
WITHDRAWN_REASONS: tuple[tuple[str, str], ...] = (
    ("declined_by_person", "The person no longer wants the service"),
    ("released_early", "Released before the service could start"),
    ("transferred", "Transferred to another prison"),
    ("duplicate", "Made in error or a duplicate"),
    ("need_met", "The need was met another way"),
    ("not_eligible", "Not eligible for the service"),
    ("other", "Other (say why in the outcome)"),
)
WITHDRAWN_REASON_LABELS = dict(WITHDRAWN_REASONS)


def on_persons_copy(sensitive_pathway: bool, status: NeedStatus, chosen: bool | None) -> bool:
    """Whether a need prints on the person's own copy of their plan.

    Rule DOC-5: the worker chooses per need (``chosen``). Left to the default, every need
    prints except one recorded as "no need" (nothing for the person to do or expect) and one
    on a sensitive pathway (support for survivors of abuse, or for people who have worked in
    the sex industry) that the person declined: a copy can be read by others in a shared cell
    or at home.
    """
    if chosen is not None:
        return chosen
    return not (status == NeedStatus.NO_NEED
                or (sensitive_pathway and status == NeedStatus.DECLINED))

