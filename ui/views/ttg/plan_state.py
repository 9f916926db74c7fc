"""What the plan screen holds besides its widgets, without Qt: the episode's records, who may
edit, which parts wait to be saved, and what still stops the plan being complete."""

from __future__ import annotations

from dataclasses import dataclass

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import NeedStatus, PlanStatus
from upw_ttg.domain.placement import identity_not_male
from upw_ttg.domain.resettlement import PlanSection
from upw_ttg.records.custody import CustodyRecord
from upw_ttg.records.directory import ProviderChoice
from upw_ttg.records.pathways import PathwayRow
from upw_ttg.records.people import PersonRecord
from upw_ttg.records.staff import StaffMember
from upw_ttg.records.ttg import (
    EpisodeDeadlines,
    EpisodeState,
    HandoverRecord,
    PlanRecord,
    ReferralRecord,
    ReviewRecord,
)

from ui.views.ttg.access import can_edit_ttg, can_read_handover, can_read_plan_risk

# The pages after the one per pathway, in the order of the section list.
SECTION_KEYS = ("strengths", "diversity", "risk", "agreement", "referrals", "review",
                "handover", "dates")
# Where each missing section of the completion gate is answered.
SECTION_PAGES = {PlanSection.NEEDS: "need:", PlanSection.STRENGTHS: "strengths",
                 PlanSection.DIVERSITY: "diversity", PlanSection.RISK: "risk",
                 PlanSection.AGREEMENT: "agreement", PlanSection.CONSENT: "agreement",
                 PlanSection.ACCOMMODATION_FALLBACK: "need:accommodation",
                 PlanSection.RELEASE_DAY_FALLBACK: "review"}


def need_key(pathway: PathwayRow) -> str:
    """The key of a pathway's page."""
    return f"need:{pathway.code}"


@dataclass(frozen=True, slots=True)
class EpisodeRead:
    """Everything the plan screen shows of one custody episode, read together."""

    episode: CustodyRecord
    person: PersonRecord
    plan: PlanRecord | None
    review: ReviewRecord | None
    handover: HandoverRecord | None
    referrals: list[ReferralRecord]
    deadlines: EpisodeDeadlines
    custody: EpisodeState
    # Every pathway's providers for the case: the pages' pickers each take theirs from it.
    providers: list[ProviderChoice]


def read_episode(services: AppServices, episode_id: int, handover: bool) -> EpisodeRead:
    """Read what the plan screen shows of ``episode_id`` (on a worker)."""
    episode = services.custody.get(episode_id)
    plan = services.plans.for_episode(episode_id)
    return EpisodeRead(
        episode=episode, person=services.people.get(episode.person_id), plan=plan,
        review=services.reviews.for_episode(episode_id),
        handover=services.handover.for_episode(episode_id) if handover else None,
        referrals=services.referrals.for_plan(plan.id) if plan else [],
        deadlines=services.deadlines.for_episode(episode_id),
        custody=services.custody_events.state(episode_id),
        providers=services.referrals.choices_for_case(episode_id, None))


class PlanState:
    """The records of the episode shown and the edits waiting to be saved.

    An edit marks a *part* of a page dirty (one part is one service call). The screen saves
    the parts in ``queue()`` order; each saved part is ``saved()``, one refused because
    someone else saved first is ``refused_stale()`` and waits (blocked) until the episode is
    read again. Records the services return are taken with the ``take_…`` method of their
    kind; ``load()`` shows a fresh read and forgets every unsaved part.
    """

    def __init__(self, pathways: list[PathwayRow], actor: StaffMember | None):
        self.pathways = pathways
        self.editable = can_edit_ttg(actor)
        self.can_read_risk = can_read_plan_risk(actor)
        self.can_read_handover = can_read_handover(actor)
        self.episode: CustodyRecord | None = None
        self.person: PersonRecord | None = None
        self.plan: PlanRecord | None = None
        self.review: ReviewRecord | None = None
        self.handover: HandoverRecord | None = None
        self.referrals: list[ReferralRecord] = []
        self.deadlines: EpisodeDeadlines | None = None
        self.custody: EpisodeState | None = None
        self.providers: list[ProviderChoice] = []
        self._hidden_pathways: set[str] = set()
        self._dirty: dict[str, list[str]] = {}
        self._blocked: set[tuple[str, str]] = set()
        self._stale: set[tuple[str, str]] = set()

    # The episode -------------------------------------------------------------------------

    def load(self, read: EpisodeRead) -> None:
        """Show a fresh read of the episode; unsaved parts are forgotten."""
        self.episode, self.person, self.plan = read.episode, read.person, read.plan
        self.review, self.handover, self.referrals = read.review, read.handover, read.referrals
        self.deadlines, self.custody, self.providers = read.deadlines, read.custody, \
            read.providers
        # The women's pathways follow the category the rules use, not the free-text identity;
        # one with something recorded stays shown whoever the person is.
        women = identity_not_male(self.person.gender_category)
        plan = self.plan
        self._hidden_pathways = {
            need_key(p) for p in self.pathways
            if p.womens_support and not (women or (plan is not None and plan.need(p.code)))}
        self._dirty.clear()
        self._blocked.clear()
        self._stale.clear()

    def take_plan(self, plan: PlanRecord) -> None:
        """A plan a service returned after a save."""
        self.plan = plan

    def take_review(self, review: ReviewRecord) -> None:
        self.review = review

    def take_handover(self, handover: HandoverRecord) -> None:
        self.handover = handover

    def take_referrals(self, referrals: list[ReferralRecord]) -> None:
        """The plan's referrals, read again after one was saved."""
        self.referrals = referrals

    def provider_choices(self, pathway_code: str | None) -> list[ProviderChoice]:
        """The directory's providers for the case helping with ``pathway_code`` (all of them
        for None), the person's area first, as read with the episode (rule TTG-DIR4)."""
        return [c for c in self.providers
                if pathway_code is None or pathway_code in c.pathway_codes]

    # Pages -------------------------------------------------------------------------------

    @property
    def page_keys(self) -> list[str]:
        """Every page's key, in the order of the section list."""
        return [need_key(p) for p in self.pathways] + list(SECTION_KEYS)

    def hidden_keys(self) -> set[str]:
        """Pages not shown: women's pathways for others (unless recorded) and the sections
        read through a capability the member lacks."""
        hidden = set(self._hidden_pathways)
        if not self.can_read_risk:
            hidden.add("risk")
        if not self.can_read_handover:
            hidden.add("handover")
        return hidden

    def visible_keys(self) -> list[str]:
        hidden = self.hidden_keys()
        return [key for key in self.page_keys if key not in hidden]

    # Unsaved parts -----------------------------------------------------------------------

    def mark_dirty(self, key: str, part: str) -> None:
        """``part`` of page ``key`` was edited and waits to be saved."""
        parts = self._dirty.setdefault(key, [])
        if part not in parts:
            parts.append(part)

    def dirty_parts(self, key: str) -> list[str]:
        """The parts of page ``key`` waiting, in the order they were first edited."""
        return list(self._dirty.get(key, []))

    def is_dirty(self, key: str) -> bool:
        return bool(self._dirty.get(key))

    @property
    def pending(self) -> bool:
        """True while any part waits to be saved."""
        return any(self._dirty.values())

    def queue(self) -> list[tuple[str, str]]:
        """Every part waiting, page by page in the section list's order."""
        order = {key: n for n, key in enumerate(self.page_keys)}
        keys = sorted(self._dirty, key=lambda k: order.get(k, len(order)))
        return [(key, part) for key in keys for part in self._dirty[key]]

    def is_blocked(self, key: str, part: str) -> bool:
        """True for a part refused as stale: it is not sent again until the episode is read."""
        return (key, part) in self._blocked

    def saved(self, key: str, part: str) -> None:
        parts = self._dirty.get(key, [])
        if part in parts:
            parts.remove(part)
        self._blocked.discard((key, part))

    def refused_stale(self, key: str, part: str) -> None:
        """Someone else saved the record first: keep the text, send it no more for now."""
        self._blocked.add((key, part))
        self._stale.add((key, part))

    @property
    def stale(self) -> bool:
        """True while some part was refused because someone else saved first."""
        return bool(self._stale)

    def forget(self, key: str) -> None:
        """Page ``key`` shows the records afresh: its unsaved parts are dropped."""
        self._dirty.pop(key, None)
        self._blocked = {(k, p) for k, p in self._blocked if k != key}

    # Completion --------------------------------------------------------------------------

    @property
    def complete(self) -> bool:
        return self.plan is not None and self.plan.status == PlanStatus.COMPLETE

    def gap_links(self) -> list[tuple[str, str]]:
        """Each part the completion gate still misses, with the key of the page answering it;
        a pathway still without a status links to its own page (the message starts with the
        pathway's name)."""
        assert self.plan is not None
        keys = self.page_keys
        pathway_pages = {f"{p.name}:": need_key(p) for p in self.pathways}
        links = []
        for section, message in self.plan.gaps:
            key = SECTION_PAGES[section]
            if key == "need:":
                key = next((k for name, k in pathway_pages.items() if message.startswith(name)),
                           keys[0])
            links.append((key, message))
        return links

    def pathways_with(self, status: NeedStatus) -> list[str]:
        """The pathways shown for this person whose need has this status (or, for "not
        started", has nothing recorded)."""
        hidden = self.hidden_keys()
        names = []
        for pathway in self.pathways:
            if need_key(pathway) in hidden:
                continue
            need = self.plan.need(pathway.code) if self.plan else None
            if (need.status if need else NeedStatus.NOT_STARTED) == status:
                names.append(pathway.name)
        return names

    def completion_question(self) -> str:
        """What the user confirms: the person, any pathway nobody has looked at (the gate
        refuses those first) and the pathways set aside as no need or declined."""
        who = self.person.display_name if self.person else "this person"
        text = f"Mark the resettlement plan of {who} complete?"
        for status, words in ((NeedStatus.NOT_STARTED, "not started"),
                              (NeedStatus.NO_NEED, "recorded as no need"),
                              (NeedStatus.DECLINED, "declined by the person")):
            names = self.pathways_with(status)
            if names:
                text += (f"\n\n{len(names)} pathway{'s are' if len(names) != 1 else ' is'} "
                         f"{words}: {'; '.join(names)}.")
        return text
