"""The handover pack for the community responsible officer: the whole plan, risk included."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from upw_ttg.domain.codes import Language, ReferralStatus, ReleaseDateType
from upw_ttg.domain.local_time import local_date
from upw_ttg.domain.resettlement import ACCOMMODATION, STRENGTH_KINDS, DeadlineKind
from upw_ttg.printing import glossary
from upw_ttg.printing.layout import fitted_widths, heading_with
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import Styles, data_table_style, details_table_style, get_styles
from upw_ttg.printing.text import escape, format_date, number_kept, postcode_kept
from upw_ttg.records.custody import CUSTODY_DATE_FIELDS
from upw_ttg.records.directory import ProviderContact
from upw_ttg.records.ttg import (
    ActionRecord,
    HandoverPack,
    HandoverRecord,
    PlanRecord,
    ReferralRecord,
    ReviewRecord,
)

TITLE = glossary.phrase("handover.title", Language.ENGLISH)
NONE_RECORDED = glossary.phrase("handover.none_recorded", Language.ENGLISH)


class _Words:
    """The pack's fixed words in its language, escaped for paragraphs; dates in it too."""

    def __init__(self, language: Language):
        self.language = language.printed
        self.welsh = glossary.is_welsh(language)

    def __call__(self, key: str, **values: object) -> str:
        name = key if "." in key else f"handover.{key}"
        return escape(glossary.phrase(name, self.language, **values))

    def date(self, day: dt.date | None, fallback: str | None = None) -> str:
        if day is None:
            return fallback if fallback is not None else self("not_recorded")
        return glossary.short_date(day, self.language) if self.welsh else format_date(day)

    def when(self, at: dt.datetime | None) -> str:
        return f"{self.date(at.date())} {at:%H:%M}" if at else self("not_recorded")

    def or_not_recorded(self, value: str | None) -> str:
        return escape(value) if value else self("not_recorded")

    def pathway(self, code: str | None, name: str) -> str:
        """The pathway's Welsh name from the glossary where it has one."""
        key = f"pathway.{code}"
        return self(key) if self.welsh and code and key in glossary.GLOSSARY else escape(name)


# The date each release type comes from, so the expected release is not listed twice.
_RELEASE_FIELD = {ReleaseDateType.CONFIRMED: "confirmed_release_date",
                  ReleaseDateType.HDC: "hdc_approved_date",
                  ReleaseDateType.CRD: "conditional_release_date",
                  ReleaseDateType.ARD: "automatic_release_date"}
_DETAILS = ("22.5%", "27.5%", "22.5%", "27.5%")


def document_reference(pack: HandoverPack) -> str:
    return f"HP-{pack.episode.prison_number}-{pack.printed_at:%Y%m%d-%H%M}"


def build_handover_pack(pack: HandoverPack) -> list[Flowable]:
    s = get_styles()
    w = _Words(pack.language)
    e, plan = pack.episode, pack.plan
    story: list[Flowable] = [
        Paragraph(w("title"), s.title),
        Paragraph(f"{escape(e.person_name)}&nbsp;&nbsp;·&nbsp;&nbsp;CRN {escape(e.crn)}"
                  f"&nbsp;&nbsp;·&nbsp;&nbsp;{escape(e.prison_number)}", s.subtitle),
        Paragraph(w("for_officer"), s.note),
        Paragraph(_plan_status(plan, w), s.body),
    ]
    story += _section(w("section_person"), [_grid(_custody(pack, w), s)], s)
    story += _section(w("section_officer"), [_grid(_officer(pack.handover, w), s)], s)
    story += _section(w("section_risk"), _risk(plan, s, w), s)
    story += _section(w("section_needs"), [_needs(plan, s, w)], s)
    story += _section(w("section_fallback"), [_fallbacks(plan, s, w)], s)
    outstanding = [a for a in (plan.actions if plan else ()) if a.outstanding]
    story += _section(w("section_outstanding", count=len(outstanding)),
                      [_actions(outstanding, plan, s, w, show_done=False)], s)
    story += _section(w("section_appointments"), [_appointments(pack, s, w)], s)
    story += _section(w("section_review"), [_review(pack.review, s, w)], s)
    story += _section(w("section_referrals", count=len(pack.referrals)),
                      [_referrals(pack, s, w)], s)
    story += _section(w("section_person_sections"), _person_sections(plan, s, w), s)
    contacts = pack.handover.contacts if pack.handover else ()
    story += _section(w("section_contacts", count=len(contacts)),
                      [_contacts(pack.handover, s, w)], s)
    story += _section(w("section_deadlines"), _deadlines(pack, s, w), s)
    return story


def render_handover_pack(pack: HandoverPack, *, invariant: bool = False) -> bytes:
    title = glossary.phrase("handover.title", pack.language)
    return render_pdf(build_handover_pack(pack), title=f"{title}: {pack.episode.crn}",
                      reference=document_reference(pack), printed_at=pack.printed_at,
                      printed_by=pack.printed_by, staff_only=True, invariant=invariant,
                      language=pack.language)


def _section(title: str, content: list[Flowable], s: Styles) -> list[Flowable]:
    """``title`` is already escaped (it comes from the glossary through ``_Words``)."""
    return heading_with(Paragraph(title, s.heading), content)



def _grid(pairs: list[tuple[str, str]], s: Styles) -> Table:
    cells: list[list[Any]] = [[Paragraph(escape(k), s.label), Paragraph(v, s.value)]
                              for k, v in pairs]
    if len(cells) % 2:
        cells.append(["", ""])
    rows = [cells[i] + cells[i + 1] for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=fitted_widths(rows, _DETAILS), hAlign="LEFT")
    table.setStyle(details_table_style())
    return table


def _table(headers: tuple[str, ...], rows: list[list[str]], widths: tuple[str, ...],
           s: Styles) -> Table:
    body = [[Paragraph(h, s.table_header) for h in headers]]
    body += [[Paragraph(cell, s.table_cell) for cell in row] for row in rows]
    # Wide enough for the longest word of each column: "Accommodation" never splits.
    table = Table(body, colWidths=fitted_widths(body, widths), repeatRows=1,
                  hAlign="LEFT")
    table.setStyle(data_table_style())
    return table


def _plan_status(plan: PlanRecord | None, w: _Words) -> str:
    if plan is None:
        return f"<b>{w('no_plan')}</b>"
    if plan.completed_on:
        if plan.completed_by:
            return w("completed_by", date=w.date(plan.completed_on), who=plan.completed_by)
        return w("completed", date=w.date(plan.completed_on))
    missing = plan.missing_for_completion
    state = (f"<b>{w('reopened', date=w.date(plan.reopened_on))}</b>" if plan.reopened
             else f"<b>{w('draft')}</b>")
    if missing:
        return w("missing", state="@STATE@", date=w.date(plan.due_date),
                 missing=" ".join(missing)).replace("@STATE@", state)
    return w("ready", state="@STATE@").replace("@STATE@", state)


def _custody(pack: HandoverPack, w: _Words) -> list[tuple[str, str]]:
    e = pack.episode
    release = w("not_known")
    if e.expected_release_date:
        kind = w(f"release_type.{e.expected_release_type.value}") \
            if e.expected_release_type else ""
        release = f"<b>{w.date(e.expected_release_date)}</b><br/>{kind}"
    pairs = [(w("name"), escape(e.person_name)), (w("date_of_birth"), w.date(e.date_of_birth)),
             (w("prison"), f"{escape(e.prison_name)} ({escape(e.prison_code)})"),
             (w("prison_number"), escape(e.prison_number)),
             (w("reception"), w.date(e.reception_date)), (w("expected_release"), release),
             (w("released"), w.date(e.released_on, w("not_yet"))),
             (w("worker"), w.or_not_recorded(e.worker_name))]
    shown = _RELEASE_FIELD.get(e.expected_release_type) if e.expected_release_type else None
    pairs += [(w(f"custody_date.{field}"), w.date(e.dates[field]))
              for field, _label in CUSTODY_DATE_FIELDS
              if e.dates.get(field) and field != shown]
    return pairs


def _officer(h: HandoverRecord | None, w: _Words) -> list[tuple[str, str]]:
    if h is None:
        return [(w("officer"), f"<b>{w('not_recorded')}</b>"), (w("contacts"), w("none"))]
    shared = (w("shared_on", date=w.date(h.risk_info_shared_on)) if h.risk_info_shared
              else f"<b>{w('not_yet')}</b>")
    meeting = w.when(h.meeting_at)
    if h.meeting_notes:
        meeting += f"<br/>{escape(h.meeting_notes)}"
    return [(w("officer"), w.or_not_recorded(h.ro_name)),
            (w("organisation"), w.or_not_recorded(h.ro_organisation)),
            (w("team"), w.or_not_recorded(h.ro_team)),
            (w("email"), w.or_not_recorded(h.ro_email)),
            (w("phone"), w.or_not_recorded(h.ro_phone)), (w("risk_shared"), shared),
            (w("meeting"), meeting)]


def _check(requested: dt.date | None, received: dt.date | None, outcome: str | None,
           w: _Words) -> str:
    if requested is None:
        return f"<b>{w('not_requested')}</b>"
    text = w("requested", date=w.date(requested))
    text += w("received", date=w.date(received)) if received else f"<b>{w('awaited')}</b>"
    if outcome:
        text += f"<br/>{escape(outcome)}"
    return text


def _risk(plan: PlanRecord | None, s: Styles, w: _Words) -> list[Flowable]:
    if plan is None:
        return [Paragraph(w("none_recorded"), s.body)]
    r = plan.risk
    missing = f"<b>{w('not_recorded')}</b>"
    pairs = [(w("risk"), f"<b>{w(f'risk_level.{r.level.value}')}</b>" if r.level else missing),
             (w("mappa"), w(f"mappa.{r.mappa_level.value}") if r.mappa_level else missing),
             (w("da_check"), _check(r.da_check_requested, r.da_check_received,
                                    r.da_check_outcome, w)),
             (w("cs_check"), _check(r.cs_check_requested, r.cs_check_received,
                                    r.cs_check_outcome, w))]
    managing = [a for a in plan.actions if a.manages_risk]
    # Each label stays with what it labels, so no heading is stranded at a page foot.
    return [_grid(pairs, s), Spacer(1, 4),
            *heading_with(Paragraph(f"<b>{w('summary')}</b>", s.body),
                          [Paragraph(w.or_not_recorded(r.summary), s.body)]),
            *heading_with(Paragraph(f"<b>{w('managing', count=len(managing))}</b>", s.body),
                          [_actions(managing, plan, s, w) if managing
                           else Paragraph(w("none_recorded"), s.body)])]


def _needs(plan: PlanRecord | None, s: Styles, w: _Words) -> Flowable:
    if plan is None or not plan.needs:
        return Paragraph(w("none_recorded"), s.body)
    rows = []
    for n in plan.needs:
        words = f"“{escape(n.own_words)}”" if n.own_words else w("not_recorded")
        if n.progress:
            last = n.progress[-1]
            words += (f"<br/><font size='{s.table_cell_small.fontSize}'>"
                      f"{w('latest_progress', date=w.date(last.entry_date))} "
                      f"{escape(last.entry)}</font>")
        rows.append([f"<b>{w.pathway(n.pathway_code, n.pathway_name)}</b>", words,
                     w(f"need_status.{n.status.value}"),
                     w(f"responsibility.{n.responsibility.value}") if n.responsibility
                     else w("not_agreed"),
                     w("yes") if n.linked_to_offending else w("no")])
    return _table((w("col_pathway"), w("col_own_words"), w("col_status"),
                   w("col_responsible"), w("col_linked")), rows,
                  ("20%", "38%", "13%", "15%", "14%"), s)


def _fallbacks(plan: PlanRecord | None, s: Styles, w: _Words) -> Flowable:
    """Rule TTG-FALLBACK: the day of release's fallback and each need's, in full (the
    officer's copy; the person's sheet has only those on their copy)."""
    if plan is None:
        return Paragraph(w("none_recorded"), s.body)
    by = plan.release_fallback_by
    rows = [[f"<b>{w('day_of_release')}</b>", w.or_not_recorded(plan.release_fallback_plan),
             w.or_not_recorded(plan.release_fallback_contact)
             + _reach(plan.release_fallback_provider, w),
             w("by_time", time=f"{by:%H:%M}") if by else w("not_recorded")]]
    for n in plan.needs:
        if n.has_fallback or n.pathway_code == ACCOMMODATION:
            rows.append([f"<b>{w.pathway(n.pathway_code, n.pathway_name)}</b>",
                         w.or_not_recorded(n.fallback_plan),
                         w.or_not_recorded(n.fallback_contact)
                         + _reach(n.fallback_provider, w), w.date(n.fallback_by)])
    return _table((w("col_for"), w("col_what_happens"), w("col_who_to_call"),
                   w("col_by_when")), rows, ("20%", "38%", "26%", "16%"), s)


def _actions(actions: list[ActionRecord], plan: PlanRecord | None, s: Styles, w: _Words, *,
             show_done: bool = True) -> Flowable:
    if not actions:
        return Paragraph(w("none_recorded"), s.body)
    names = {n.id: w.pathway(n.pathway_code, n.pathway_name) for n in plan.needs} \
        if plan else {}
    rows = []
    for a in actions:
        what = escape(a.description) + (f" <b>{w('manages_risk')}</b>" if a.manages_risk
                                        else "")
        row = [what, names.get(a.need_id, w("general")) if a.need_id else w("general"),
               escape(a.owner) + _reach(a.provider, w), w.date(a.due_date, w("no_date"))]
        rows.append(row + [w.date(a.done_on, w("outstanding"))] if show_done else row)
    if show_done:
        return _table((w("col_action"), w("col_pathway"), w("col_owner"), w("col_due"),
                       w("col_done")), rows, ("34%", "17%", "19%", "15%", "15%"), s)
    return _table((w("col_action"), w("col_pathway"), w("col_owner"), w("col_due")), rows,
                  ("44%", "19%", "22%", "15%"), s)


def _appointments(pack: HandoverPack, s: Styles, w: _Words) -> Flowable:
    rows = []
    if pack.review:
        first = pack.review.first_appointment
        if any((first.with_whom, first.at, first.where, first.phone)):
            rows.append([w("first_appointment"), w.or_not_recorded(first.with_whom),
                         w.when(first.at), w.or_not_recorded(first.where),
                         w.or_not_recorded(first.phone)])
    if pack.handover and pack.handover.meeting_at:
        rows.append([w("meeting"), w.or_not_recorded(pack.handover.ro_name),
                     w.when(pack.handover.meeting_at), escape(pack.episode.prison_name), ""])
    if not rows:
        return Paragraph(f"<b>{w('no_appointments')}</b>", s.body)
    return _table((w("col_appointment"), w("col_with"), w("col_when"), w("col_where"),
                   w("phone")), rows, ("22%", "17%", "18%", "26%", "17%"), s)


def _review(review: ReviewRecord | None, s: Styles, w: _Words) -> Flowable:
    if review is None:
        return Paragraph(f"<b>{w('no_review')}</b>", s.body)
    if review.accommodation_found:
        place = review.accommodation_provider
        home = escape(review.accommodation_address) if review.accommodation_address \
            else "" if place else w("address_missing")
        if place is not None:
            home += ("<br/>" if home else "") + f"<b>{escape(place.name)}</b>" + _reach(place, w)
    elif review.accommodation_found is False:
        home = f"<b>{w('no_address')}</b>"
    else:
        home = w("not_recorded")
    gp = (w("not_recorded") if review.gp_registered is None
          else w("gp_registered") if review.gp_registered
          else f"<b>{w('gp_not_registered')}</b>")
    if review.gp_provider is not None:
        # The practice as the directory holds it now (rule TTG-DIR4).
        gp += f"<br/><b>{escape(review.gp_provider.name)}</b>" + _reach(review.gp_provider, w)
    elif review.gp_details:
        gp += f"<br/>{escape(review.gp_details)}"
    return _grid([(w("review_date"), w.date(review.review_date)),
                  (w("col_due"), w.date(review.due_date)), (w("accommodation"), home),
                  (w("id"), w.or_not_recorded(review.id_status)),
                  (w("bank"), w.or_not_recorded(review.bank_account_status)),
                  (w("benefits"), w.or_not_recorded(review.benefits_status)), (w("gp"), gp),
                  (w("prescription"), _prescription(review, w)),
                  (w("travel"), _travel(review, w))],
                 s)


def _prescription(review: ReviewRecord, w: _Words) -> str:
    arranged = (w("not_recorded") if review.prescriptions_arranged is None
                else w("arranged") if review.prescriptions_arranged
                else f"<b>{w('not_arranged')}</b>")
    parts = [arranged]
    pharmacy = review.prescriptions_provider
    place = pharmacy.name if pharmacy is not None else review.prescriptions_collect_from
    if place:
        parts.append(w("collect_from", place=place))
    # The pharmacy's phone, address and hours as the directory holds them now (TTG-DIR4).
    text = ", ".join(parts) + _reach(pharmacy, w)
    if review.prescriptions_on_day:
        # The staff's note in italics, so it is not read as one of the pharmacy's details.
        text += f"<br/><i>{escape(review.prescriptions_on_day)}</i>"
    return text


def _travel(review: ReviewRecord, w: _Words) -> str:
    parts = [escape(review.travel_route)] if review.travel_route else []
    if review.travel_payment:
        parts.append(w(f"travel_payment.{review.travel_payment.value}"))
    return "<br/>".join(parts) or w("not_recorded")


def _referrals(pack: HandoverPack, s: Styles, w: _Words) -> Flowable:
    if not pack.referrals:
        return Paragraph(w("none_recorded"), s.body)
    rows = []
    for r in pack.referrals:
        status = w(f"referral_status.{r.status.value}")
        if r.overdue:
            plain = glossary.phrase(f"referral_status.{r.status.value}", w.language)
            status = f"<b>{w('answer_overdue', status=plain)}</b>"
        elif r.status == ReferralStatus.WITHDRAWN and r.withdrawn_reason:
            status += f"<br/>{escape(r.withdrawn_reason)}"
        rows.append([_provider(r, w), w.pathway(r.pathway_code, r.pathway_name),
                     w.date(r.sent_on), status, w.date(r.response_expected_by, ""),
                     escape(r.outcome) if r.outcome else ""])
    return _table((w("col_provider"), w("col_pathway"), w("col_sent"), w("col_status"),
                   w("col_answer_due"), w("col_outcome")), rows,
                  ("26%", "14%", "12%", "14%", "12%", "22%"), s)


def _reach(c: ProviderContact | None, w: _Words) -> str:
    """A directory provider's phone, address and hours as the directory holds them now,
    under its name (rule TTG-DIR4); nothing for a name typed by hand."""
    if c is None:
        return ""
    lines = [number_kept(c.phone) if c.phone else "",
             postcode_kept(escape(c.address)) if c.address else "",
             escape(c.hours(w.welsh) or "")]
    return "".join(f"<br/>{line}" for line in lines if line)


def _provider(r: ReferralRecord, w: _Words) -> str:
    """The provider's name and, from the directory as it is now, how to reach it and how it
    takes referrals, so the responsible officer can follow it up (rule TTG-DIR4)."""
    text = f"<b>{escape(r.provider)}</b>"
    c = r.contact
    if c is None:
        return text
    lines = [escape(x) for x in (c.phone, c.email, c.address, c.hours(w.welsh)) if x]
    if c.referral_route is not None:
        how = glossary.phrase(f"referral_route.{c.referral_route.value}", w.language)
        lines.append(w("refer_by", how=how)
                     + (f". {escape(c.referral_how)}" if c.referral_how else ""))
    return text + "".join(f"<br/>{line}" for line in lines)


def _person_sections(plan: PlanRecord | None, s: Styles, w: _Words) -> list[Flowable]:
    if plan is None:
        return [Paragraph(w("none_recorded"), s.body)]
    missing = f"<b>{w('not_recorded')}</b>"
    if plan.strengths:
        kinds = {x.id: x.kind if x.kind in STRENGTH_KINDS else "strength"
                 for x in plan.strengths}
        strengths = "<br/>".join(f"{w('strength_kind.' + kinds[x.id])}: {escape(x.description)}"
                                 for x in plan.strengths)
    elif plan.strengths_none_identified:
        strengths = w("none_identified", reason=plan.strengths_none_reason
                      or glossary.phrase("handover.not_recorded", w.language))
    else:
        strengths = missing
    if plan.diversity_needs:
        diversity = "<br/>".join(
            f"<b>{w(f'diversity.{d.category.value}')}</b>: {escape(d.description)}. "
            f"{w('adjustment', text=d.adjustment)}" for d in plan.diversity_needs)
    else:
        diversity = w("considered_none") if plan.diversity_considered \
            else f"<b>{w('not_considered')}</b>"
    consents = "<br/>".join(
        f"{escape(c.agency)}: "
        f"{w('consent_yes') if c.consent_given else '<b>' + w('consent_no') + '</b>'}"
        f" ({w.date(c.recorded_on)})" for c in plan.consents)
    if plan.person_agrees is None:
        agreement = missing
    else:
        agreement = (w("agrees") if plan.person_agrees else f"<b>{w('does_not_agree')}</b>") \
            + f" ({w.date(plan.agreed_on)})"
    if plan.person_comments:
        agreement += f"<br/>“{escape(plan.person_comments)}”"
    rows = [(w("strengths"), strengths), (w("diversity"), diversity),
            (w("consent"), consents or missing), (w("agreement"), agreement)]
    table = Table([[Paragraph(k, s.label), Paragraph(v, s.value)] for k, v in rows],
                  colWidths=("27%", "73%"), hAlign="LEFT")
    table.setStyle(details_table_style())
    return [table]


def _contacts(h: HandoverRecord | None, s: Styles, w: _Words) -> Flowable:
    if h is None or not h.contacts:
        return Paragraph(f"<b>{w('not_contacted')}</b>", s.body)
    rows = []
    for c in h.contacts:
        if c.acknowledged_on:
            ack = w.date(c.acknowledged_on)
        elif c.needs_chase:
            ack = f"<b>{w('chase', date=w.date(c.chase_date))}</b>"
        else:
            ack = w("not_yet_by", date=w.date(c.chase_date))
        rows.append([w.date(c.contact_date), w(f"contact_method.{c.method.value}"),
                     escape(c.shared), ack, w.or_not_recorded(c.staff)])
    return _table((w("col_date"), w("col_method"), w("col_shared"), w("col_acknowledged"),
                   w("col_by")), rows, ("15%", "11%", "36%", "22%", "16%"), s)


def _deadlines(pack: HandoverPack, s: Styles, w: _Words) -> list[Flowable]:
    d = pack.deadlines.deadlines
    rows = [[w(f"deadline.{kind.value}"), w.date(d.get(kind), w("not_known"))]
            for kind in DeadlineKind if kind != DeadlineKind.SCREENING]
    parts: list[Flowable] = [_table((w("col_deadline"), w("col_date")), rows, ("50%", "50%"),
                                    s)]
    if pack.deadlines.moves:
        none = w("none_date")
        moved = [[w(f"deadline.{m.kind.value}"),
                  f"{w.date(m.old, none)} → {w.date(m.new, none)}",
                  w.date(local_date(m.changed_at))
                  + (f", {escape(m.changed_by)}" if m.changed_by else "")
                  + (f": {escape(m.reason)}" if m.reason else "")]
                 for m in pack.deadlines.moves]
        parts += [Spacer(1, 6), *heading_with(
            Paragraph(f"<b>{w('moved')}</b>", s.body),
            [_table((w("col_deadline"), w("col_moved"), w("col_why")), moved,
                    ("30%", "28%", "42%"), s)])]
    return parts
