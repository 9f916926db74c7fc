"""The handover pack for the community responsible officer: the whole plan, risk included."""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from upw_ttg.domain.codes import (
    TRAVEL_PAYMENTS,
    DiversityCategory,
    MappaLevel,
    NeedStatus,
    ReferralStatus,
    ReleaseDateType,
    Responsibility,
    RiskLevel,
)
from upw_ttg.domain.custody import RELEASE_TYPE_LABELS
from upw_ttg.domain.local_time import local_date
from upw_ttg.domain.records import CUSTODY_DATE_FIELDS
from upw_ttg.domain.resettlement import (
    ACCOMMODATION,
    DEADLINE_LABELS,
    STRENGTH_KINDS,
    DeadlineKind,
)
from upw_ttg.printing.layout import fitted_widths, heading_with
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import Styles, data_table_style, details_table_style, get_styles
from upw_ttg.printing.text import NOT_RECORDED, enum_label, escape, format_date, or_not_recorded
from upw_ttg.records.directory import REFERRAL_ROUTE_LABELS
from upw_ttg.services.ttg.records import (
    ActionRecord,
    HandoverPack,
    HandoverRecord,
    PlanRecord,
    ReferralRecord,
    ReviewRecord,
)

TITLE = "Handover pack"
NONE_RECORDED = "None recorded."
RISK_LABELS = {RiskLevel.LOW: "Low", RiskLevel.MEDIUM: "Medium", RiskLevel.HIGH: "High",
               RiskLevel.VERY_HIGH: "Very high"}
MAPPA_LABELS = {MappaLevel.NONE: "Not MAPPA", MappaLevel.LEVEL_1: "Level 1",
                MappaLevel.LEVEL_2: "Level 2", MappaLevel.LEVEL_3: "Level 3"}
NEED_LABELS = {NeedStatus.NOT_STARTED: "Not started", NeedStatus.IN_PROGRESS: "In progress",
               NeedStatus.MET: "Met", NeedStatus.NO_NEED: "No need",
               NeedStatus.DECLINED: "Declined"}
RESPONSIBILITY_LABELS = {Responsibility.PRISON: "Prison team",
                         Responsibility.COMMUNITY: "Community", Responsibility.BOTH: "Both"}
DIVERSITY_LABELS = {DiversityCategory.WELSH: "Welsh language",
                    DiversityCategory.CARE_LEAVER: "Care leaver",
                    DiversityCategory.FOREIGN_NATIONAL: "Foreign national",
                    DiversityCategory.CARING: "Pregnancy or caring role"}
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
    e, plan = pack.episode, pack.plan
    story: list[Flowable] = [
        Paragraph(TITLE, s.title),
        Paragraph(f"{escape(e.person_name)}&nbsp;&nbsp;·&nbsp;&nbsp;CRN {escape(e.crn)}"
                  f"&nbsp;&nbsp;·&nbsp;&nbsp;{escape(e.prison_number)}", s.subtitle),
        Paragraph("For the community responsible officer. Contains risk of harm "
                  "information: keep it secure and share it only with those who need it.",
                  s.note),
        Paragraph(_plan_status(plan), s.body),
    ]
    story += _section("Person and custody", [_grid(_custody(pack), s)], s)
    story += _section("Responsible officer and handover", [_grid(_officer(pack.handover),
                                                                  s)], s)
    story += _section("Risk of harm", _risk(plan, s), s)
    story += _section("Needs by pathway", [_needs(plan, s)], s)
    story += _section("If the plan falls through", [_fallbacks(plan, s)], s)
    outstanding = [a for a in (plan.actions if plan else ()) if a.outstanding]
    story += _section(f"Outstanding actions ({len(outstanding)})",
                      [_actions(outstanding, plan, s, show_done=False)], s)
    story += _section("Appointments booked", [_appointments(pack, s)], s)
    story += _section("Pre-release review", [_review(pack.review, s)], s)
    story += _section(f"Referrals ({len(pack.referrals)})", [_referrals(pack, s)], s)
    story += _section("Strengths, diversity and consent", _person_sections(plan, s), s)
    contacts = pack.handover.contacts if pack.handover else ()
    story += _section(f"Contact log ({len(contacts)})", [_contacts(pack.handover, s)], s)
    story += _section("Deadlines", _deadlines(pack, s), s)
    return story


def render_handover_pack(pack: HandoverPack, *, invariant: bool = False) -> bytes:
    return render_pdf(build_handover_pack(pack), title=f"{TITLE}: {pack.episode.crn}",
                      reference=document_reference(pack), printed_at=pack.printed_at,
                      printed_by=pack.printed_by, staff_only=True, invariant=invariant)


def _section(title: str, content: list[Flowable], s: Styles) -> list[Flowable]:
    return heading_with(Paragraph(escape(title), s.heading), content)



def _grid(pairs: list[tuple[str, str]], s: Styles) -> Table:
    cells = [[Paragraph(escape(k), s.label), Paragraph(v, s.value)] for k, v in pairs]
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


def _when(at: dt.datetime | None) -> str:
    return f"{format_date(at.date())} {at:%H:%M}" if at else NOT_RECORDED


def _plan_status(plan: PlanRecord | None) -> str:
    if plan is None:
        return "<b>No resettlement plan has been started.</b>"
    if plan.completed_on:
        by = f" by {escape(plan.completed_by)}" if plan.completed_by else ""
        return f"Plan completed {format_date(plan.completed_on)}{by}."
    missing = plan.missing_for_completion
    state = (f"<b>Plan reopened {format_date(plan.reopened_on)}</b> (it was complete; a "
             "required section is no longer answered)" if plan.reopened else
             "<b>Plan in draft</b>")
    return (f"{state} (due {format_date(plan.due_date)}); still missing: "
            + escape(" ".join(missing)) if missing else f"{state}, ready to complete.")


def _custody(pack: HandoverPack) -> list[tuple[str, str]]:
    e = pack.episode
    release = "Not known"
    if e.expected_release_date:
        kind = RELEASE_TYPE_LABELS.get(e.expected_release_type, "") \
            if e.expected_release_type else ""
        release = f"<b>{format_date(e.expected_release_date)}</b><br/>{escape(kind)}"
    pairs = [("Name", escape(e.person_name)), ("Date of birth", format_date(e.date_of_birth)),
             ("Prison", f"{escape(e.prison_name)} ({escape(e.prison_code)})"),
             ("Prison number", escape(e.prison_number)),
             ("Reception", format_date(e.reception_date)), ("Expected release", release),
             ("Released", format_date(e.released_on, "Not yet")),
             ("Resettlement worker", or_not_recorded(e.worker_name))]
    shown = _RELEASE_FIELD.get(e.expected_release_type) if e.expected_release_type else None
    pairs += [(label, format_date(e.dates[field])) for field, label in CUSTODY_DATE_FIELDS
              if e.dates.get(field) and field != shown]
    return pairs


def _officer(h: HandoverRecord | None) -> list[tuple[str, str]]:
    if h is None:
        return [("Responsible officer", "<b>Not recorded</b>"), ("Contacts", "None")]
    shared = (f"Yes, on {format_date(h.risk_info_shared_on)}" if h.risk_info_shared
              else "<b>Not yet</b>")
    meeting = _when(h.meeting_at)
    if h.meeting_notes:
        meeting += f"<br/>{escape(h.meeting_notes)}"
    return [("Responsible officer", or_not_recorded(h.ro_name)),
            ("Organisation", or_not_recorded(h.ro_organisation)),
            ("Team", or_not_recorded(h.ro_team)), ("Email", or_not_recorded(h.ro_email)),
            ("Phone", or_not_recorded(h.ro_phone)), ("Risk information shared", shared),
            ("Handover meeting", meeting)]


def _check(requested: dt.date | None, received: dt.date | None, outcome: str | None) -> str:
    if requested is None:
        return "<b>Not requested</b>"
    text = f"Requested {format_date(requested)}"
    text += f"; received {format_date(received)}" if received else "; <b>awaited</b>"
    if outcome:
        text += f"<br/>{escape(outcome)}"
    return text


def _risk(plan: PlanRecord | None, s: Styles) -> list[Flowable]:
    if plan is None:
        return [Paragraph(NONE_RECORDED, s.body)]
    r = plan.risk
    pairs = [("Risk of harm", f"<b>{RISK_LABELS.get(r.level, NOT_RECORDED)}</b>"
              if r.level else "<b>Not recorded</b>"),
             ("MAPPA", MAPPA_LABELS.get(r.mappa_level, NOT_RECORDED)
              if r.mappa_level else "<b>Not recorded</b>"),
             ("Domestic abuse check", _check(r.da_check_requested, r.da_check_received,
                                             r.da_check_outcome)),
             ("Child safeguarding check", _check(r.cs_check_requested, r.cs_check_received,
                                                 r.cs_check_outcome))]
    managing = [a for a in plan.actions if a.manages_risk]
    # Each label stays with what it labels, so no heading is stranded at a page foot.
    return [_grid(pairs, s), Spacer(1, 4),
            *heading_with(Paragraph("<b>Summary</b>", s.body),
                          [Paragraph(or_not_recorded(r.summary), s.body)]),
            *heading_with(Paragraph(f"<b>Actions that manage the risk ({len(managing)})</b>",
                                    s.body),
                          [_actions(managing, plan, s) if managing
                           else Paragraph(NONE_RECORDED, s.body)])]


def _needs(plan: PlanRecord | None, s: Styles) -> Flowable:
    if plan is None or not plan.needs:
        return Paragraph(NONE_RECORDED, s.body)
    rows = []
    for n in plan.needs:
        words = f"“{escape(n.own_words)}”" if n.own_words else NOT_RECORDED
        if n.progress:
            last = n.progress[-1]
            words += (f"<br/><font size='{s.table_cell_small.fontSize}'>Latest progress "
                      f"{format_date(last.entry_date)}: {escape(last.entry)}</font>")
        rows.append([f"<b>{escape(n.pathway_name)}</b>", words, NEED_LABELS[n.status],
                     RESPONSIBILITY_LABELS.get(n.responsibility, "Not agreed")
                     if n.responsibility else "Not agreed",
                     "Yes" if n.linked_to_offending else "No"])
    return _table(("Pathway", "In their own words", "Status", "Responsible",
                   "Linked to offending"), rows, ("20%", "38%", "13%", "15%", "14%"), s)


def _fallbacks(plan: PlanRecord | None, s: Styles) -> Flowable:
    """Rule TTG-FALLBACK: the day of release's fallback and each need's, in full (the
    officer's copy; the person's sheet has only those on their copy)."""
    if plan is None:
        return Paragraph(NONE_RECORDED, s.body)
    rows = [["<b>Day of release</b>", or_not_recorded(plan.release_fallback_plan),
             or_not_recorded(plan.release_fallback_contact),
             plan.release_fallback_by.strftime("%H:%M on the day")
             if plan.release_fallback_by else NOT_RECORDED]]
    for n in plan.needs:
        if n.has_fallback or n.pathway_code == ACCOMMODATION:
            rows.append([f"<b>{escape(n.pathway_name)}</b>", or_not_recorded(n.fallback_plan),
                         or_not_recorded(n.fallback_contact),
                         format_date(n.fallback_by, NOT_RECORDED)])
    return _table(("For", "What happens", "Who to call", "By when"), rows,
                  ("20%", "38%", "26%", "16%"), s)


def _actions(actions: list[ActionRecord], plan: PlanRecord | None, s: Styles, *,
             show_done: bool = True) -> Flowable:
    if not actions:
        return Paragraph(NONE_RECORDED, s.body)
    names = {n.id: n.pathway_name for n in plan.needs} if plan else {}
    rows = []
    for a in actions:
        what = escape(a.description) + (" <b>[manages risk]</b>" if a.manages_risk else "")
        row = [what, escape(names.get(a.need_id, "General")) if a.need_id else "General",
               escape(a.owner), format_date(a.due_date, "No date")]
        rows.append(row + [format_date(a.done_on, "Outstanding")] if show_done else row)
    if show_done:
        return _table(("Action", "Pathway", "Owner", "Due", "Done"), rows,
                      ("34%", "17%", "19%", "15%", "15%"), s)
    return _table(("Action", "Pathway", "Owner", "Due"), rows, ("44%", "19%", "22%", "15%"), s)


def _appointments(pack: HandoverPack, s: Styles) -> Flowable:
    rows = []
    if pack.review:
        first = pack.review.first_appointment
        if any((first.with_whom, first.at, first.where, first.phone)):
            rows.append(["First appointment after release", or_not_recorded(first.with_whom),
                         _when(first.at), or_not_recorded(first.where),
                         or_not_recorded(first.phone)])
    if pack.handover and pack.handover.meeting_at:
        rows.append(["Handover meeting", or_not_recorded(pack.handover.ro_name),
                     _when(pack.handover.meeting_at), escape(pack.episode.prison_name), ""])
    if not rows:
        return Paragraph("<b>No appointments booked.</b>", s.body)
    return _table(("Appointment", "With", "When", "Where", "Phone"), rows,
                  ("22%", "17%", "18%", "26%", "17%"), s)


def _review(review: ReviewRecord | None, s: Styles) -> Flowable:
    if review is None:
        return Paragraph("<b>No pre-release review recorded.</b>", s.body)
    if review.accommodation_found:
        home = escape(review.accommodation_address or "Found; address not recorded")
    elif review.accommodation_found is False:
        home = "<b>None: no address for release</b>"
    else:
        home = NOT_RECORDED
    gp = {True: "Registered", False: "<b>Not registered</b>"}.get(review.gp_registered,
                                                                   NOT_RECORDED)
    if review.gp_details:
        gp += f"<br/>{escape(review.gp_details)}"
    return _grid([("Review date", format_date(review.review_date)),
                  ("Due", format_date(review.due_date)), ("Accommodation", home),
                  ("ID", or_not_recorded(review.id_status)),
                  ("Bank account", or_not_recorded(review.bank_account_status)),
                  ("Benefits", or_not_recorded(review.benefits_status)), ("GP", gp),
                  ("Prescription on the day", _prescription(review)),
                  ("Travel to the first appointment", _travel(review))],
                 s)


def _prescription(review: ReviewRecord) -> str:
    arranged = {True: "Arranged", False: "<b>Not arranged</b>"}.get(
        review.prescriptions_arranged, NOT_RECORDED)
    parts = [arranged]
    if review.prescriptions_collect_from:
        parts.append(f"collect from {escape(review.prescriptions_collect_from)}")
    text = ", ".join(parts)
    if review.prescriptions_on_day:
        text += f"<br/>{escape(review.prescriptions_on_day)}"
    return text


def _travel(review: ReviewRecord) -> str:
    paid = dict(TRAVEL_PAYMENTS).get(review.travel_payment) if review.travel_payment else None
    parts = [escape(x) for x in (review.travel_route, paid) if x]
    return "<br/>".join(parts) or NOT_RECORDED


def _referrals(pack: HandoverPack, s: Styles) -> Flowable:
    if not pack.referrals:
        return Paragraph(NONE_RECORDED, s.body)
    rows = []
    for r in pack.referrals:
        status = enum_label(r.status)
        if r.overdue:
            status = f"<b>{status}: answer overdue</b>"
        elif r.status == ReferralStatus.WITHDRAWN and r.withdrawn_reason:
            status += f"<br/>{escape(r.withdrawn_reason)}"
        rows.append([_provider(r), escape(r.pathway_name), format_date(r.sent_on),
                     status, format_date(r.response_expected_by, ""), or_not_recorded(r.outcome)
                     if r.outcome else ""])
    return _table(("Provider", "Pathway", "Sent", "Status", "Answer due", "Outcome"), rows,
                  ("26%", "14%", "12%", "14%", "12%", "22%"), s)


def _provider(r: ReferralRecord) -> str:
    """The provider's name and, from the directory as it is now, how to reach it and how it
    takes referrals, so the responsible officer can follow it up (rule TTG-DIR4)."""
    text = f"<b>{escape(r.provider)}</b>"
    c = r.contact
    if c is None:
        return text
    lines = [escape(x) for x in (c.phone, c.email, c.address, c.opening_hours) if x]
    if c.referral_route is not None:
        how = REFERRAL_ROUTE_LABELS[c.referral_route]
        lines.append(f"Refer by: {escape(how)}"
                     + (f". {escape(c.referral_how)}" if c.referral_how else ""))
    return text + "".join(f"<br/>{line}" for line in lines)


def _person_sections(plan: PlanRecord | None, s: Styles) -> list[Flowable]:
    if plan is None:
        return [Paragraph(NONE_RECORDED, s.body)]
    if plan.strengths:
        strengths = "<br/>".join(f"{STRENGTH_KINDS.get(x.kind, 'Strength')}: "
                                 f"{escape(x.description)}" for x in plan.strengths)
    elif plan.strengths_none_identified:
        strengths = f"None identified: {or_not_recorded(plan.strengths_none_reason)}"
    else:
        strengths = "<b>Not recorded</b>"
    if plan.diversity_needs:
        diversity = "<br/>".join(
            f"<b>{DIVERSITY_LABELS.get(d.category, enum_label(d.category))}</b>: "
            f"{escape(d.description)}. Adjustment: {escape(d.adjustment)}"
            for d in plan.diversity_needs)
    else:
        diversity = "Considered: none found" if plan.diversity_considered \
            else "<b>Not considered</b>"
    consents = "<br/>".join(f"{escape(c.agency)}: {'yes' if c.consent_given else '<b>no</b>'}"
                            f" ({format_date(c.recorded_on)})" for c in plan.consents)
    if plan.person_agrees is None:
        agreement = "<b>Not recorded</b>"
    else:
        agreement = ("Agrees" if plan.person_agrees else "<b>Does not agree</b>") + \
            f" ({format_date(plan.agreed_on)})"
    if plan.person_comments:
        agreement += f"<br/>“{escape(plan.person_comments)}”"
    rows = [("Strengths and protective factors", strengths),
            ("Diversity and accessibility", diversity),
            ("Consent to share", consents or "<b>Not recorded</b>"),
            ("The person's agreement", agreement)]
    table = Table([[Paragraph(escape(k), s.label), Paragraph(v, s.value)] for k, v in rows],
                  colWidths=("27%", "73%"), hAlign="LEFT")
    table.setStyle(details_table_style())
    return [table]


def _contacts(h: HandoverRecord | None, s: Styles) -> Flowable:
    if h is None or not h.contacts:
        return Paragraph("<b>The responsible officer has not been contacted.</b>", s.body)
    rows = []
    for c in h.contacts:
        if c.acknowledged_on:
            ack = format_date(c.acknowledged_on)
        elif c.needs_chase:
            ack = f"<b>No: chase (due {format_date(c.chase_date)})</b>"
        else:
            ack = f"Not yet (by {format_date(c.chase_date)})"
        rows.append([format_date(c.contact_date), enum_label(c.method), escape(c.shared),
                     ack, or_not_recorded(c.staff)])
    return _table(("Date", "Method", "What was shared", "Acknowledged", "By"), rows,
                  ("15%", "11%", "36%", "22%", "16%"), s)


def _deadlines(pack: HandoverPack, s: Styles) -> list[Flowable]:
    d = pack.deadlines.deadlines
    rows = [[escape(DEADLINE_LABELS[kind]), format_date(d.get(kind), "Not known")]
            for kind in DeadlineKind if kind != DeadlineKind.SCREENING]
    parts: list[Flowable] = [_table(("Deadline", "Date"), rows, ("50%", "50%"), s)]
    if pack.deadlines.moves:
        moved = [[escape(m.label), f"{format_date(m.old, 'none')} → {format_date(m.new, 'none')}",
                  f"{format_date(local_date(m.changed_at))}"
                  + (f", {escape(m.changed_by)}" if m.changed_by else "")
                  + (f": {escape(m.reason)}" if m.reason else "")]
                 for m in pack.deadlines.moves]
        parts += [Spacer(1, 6), *heading_with(
            Paragraph("<b>Deadlines moved by date changes</b>", s.body),
            [_table(("Deadline", "Moved", "When, by whom and why"), moved,
                    ("30%", "28%", "42%"), s)])]
    return parts
