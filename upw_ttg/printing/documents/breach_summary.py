"""The breach summary for the court file: staff-facing, marked, in English or Welsh."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from upw_ttg.domain.codes import OUTCOMES_BY_CODE, Language
from upw_ttg.printing import glossary
from upw_ttg.printing.documents.letter_text import (
    hours_text,
    order_type_text,
)
from upw_ttg.printing.layout import fitted_widths, heading_with
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import Cell, data_table_style, details_table_style, get_styles
from upw_ttg.printing.text import escape
from upw_ttg.records.letters import BreachSummary

_FAILURE_COLUMNS = ("18%", "31%", "21%", "30%")
_ACTION_COLUMNS = ("17%", "28%", "16%", "22%", "17%")
_ADJUSTMENT_COLUMNS = ("18%", "26%", "32%", "24%")


def _l(key: str, language: Language) -> str:
    return glossary.phrase("service.date" if key == "date" else f"breach.{key}", language)


def build_breach_summary(summary: BreachSummary) -> list[Flowable]:
    s = get_styles()
    language = summary.language.printed

    def day(value: dt.date | None) -> str:
        return glossary.short_date(value, language) if value else "—"

    story: list[Flowable] = [
        Paragraph(_l("title", language), s.title),
        Paragraph(f"{escape(summary.name)}&nbsp;&nbsp;·&nbsp;&nbsp;CRN {escape(summary.crn)}",
                  s.subtitle),
        Paragraph(_l("for_court", language), s.note)]
    person = [("name", escape(summary.name)), ("crn", escape(summary.crn)),
              ("dob", day(summary.date_of_birth)),
              ("address", "<br/>".join(escape(x) for x in summary.address_lines) or "—"),
              ("office", escape(summary.office or "—")),
              ("coordinator", escape(summary.coordinator or "—"))]
    story += _section(_l("person", language), [_details(person, language)])
    order = [("court", escape(summary.court)), ("sentenced", day(summary.sentence_date)),
             ("type", order_type_text(summary.order_type, language).capitalize()),
             ("deadline", day(summary.deadline) if summary.deadline
              else _l("no_limit", language)),
             ("ordered", hours_text(summary.hours_ordered * 60, language)),
             ("credited", hours_text(summary.credited_minutes, language)),
             ("adjusted", _signed(summary.adjustment_minutes, language)),
             ("remaining", f"<b>{hours_text(summary.remaining_minutes, language)}</b>"),
             ("record", _l("record_text", language).format(
                 attended=summary.attended, acceptable=summary.acceptable,
                 failures=len(summary.failures))),
             ("referred", f"<b>{day(summary.referred_on)}</b>" if summary.referred_on
              else _l("not_referred", language)),
             ("lay_by", f"<b>{day(summary.breach_due)}</b>" if summary.breach_due else "—")]
    story += _section(_l("order", language), [_details(order, language)])
    if summary.adjustments:
        story += _section(_l("adjustments", language), [_adjustments(summary, language)])
    story += _section(_l("failures", language), [_failures(summary, language)])
    story += _section(_l("actions", language), [_actions(summary, language)])
    story.append(Spacer(1, 6))
    return story


def render_breach_summary(summary: BreachSummary, *, invariant: bool = False) -> bytes:
    language = summary.language.printed
    return render_pdf(build_breach_summary(summary), title=_l("title", language),
                      reference=f"BS-{summary.crn}-{summary.printed_at:%Y%m%d}",
                      printed_at=summary.printed_at, printed_by=summary.printed_by,
                      staff_only=True, invariant=invariant,
                      language=language)


def _section(title: str, content: list[Flowable]) -> list[Flowable]:
    return heading_with(Paragraph(title, get_styles().heading), content)


def _signed(minutes: int, language: Language) -> str:
    return ("−" if minutes < 0 else "+") + hours_text(abs(minutes), language)


def _adjustments(summary: BreachSummary, language: Language) -> Flowable:
    """Each approved adjustment with its date, kind and reason, then the total above."""
    s = get_styles()
    header: list[Cell] = [Paragraph(_l(k, language), s.table_header)
              for k in ("date", "kind", "reason", "change")]
    rows: list[list[Cell]] = [header]
    for a in summary.adjustments:
        rows.append([Paragraph(glossary.short_date(a.on, language), s.table_cell),
                     Paragraph(escape(_l(f"kind.{a.kind}", language)), s.table_cell),
                     Paragraph(escape(a.reason), s.table_cell),
                     Paragraph(_signed(a.minutes, language), s.table_cell_right)])
    rows.append([Paragraph(f"<b>{_l('adjustments_total', language)}</b>", s.table_cell), "",
                 "", Paragraph(f"<b>{_signed(summary.adjustment_minutes, language)}</b>",
                               s.table_cell_right)])
    table = Table(rows, colWidths=fitted_widths(rows, _ADJUSTMENT_COLUMNS), repeatRows=1,
                  hAlign="LEFT")
    table.setStyle(data_table_style())
    return table


def _details(pairs: list[tuple[str, str]], language: Language) -> Table:
    s = get_styles()
    cells: list[list[Any]] = [[Paragraph(_l(key, language), s.label), Paragraph(value, s.value)]
             for key, value in pairs]
    if len(cells) % 2:
        cells.append(["", ""])
    rows = [cells[i] + cells[i + 1] for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=fitted_widths(rows, ("20%", "30%", "20%", "30%")),
                  hAlign="LEFT")
    table.setStyle(details_table_style())
    return table


def _outcome(code: str, language: Language) -> str:
    if glossary.is_welsh(language) and f"outcome.{code}" in glossary.GLOSSARY:
        return f"{code} {glossary.phrase(f'outcome.{code}', language)}"
    outcome = OUTCOMES_BY_CODE.get(code)
    return f"{code} {outcome.description}" if outcome else code


def _failures(summary: BreachSummary, language: Language) -> Flowable:
    s = get_styles()
    if not summary.failures:
        return Paragraph(_l("none", language), s.body)
    header: list[Cell] = [Paragraph(_l(k, language), s.table_header)
              for k in ("date", "outcome", "project", "notes")]
    rows: list[list[Cell]] = [header]
    for f in summary.failures:
        notes = (f"<i>{_l('withheld', language)}</i>" if f.notes_withheld
                 else escape(f.notes or "—"))
        rows.append([Paragraph(glossary.short_date(f.on, language), s.table_cell),
                     Paragraph(escape(_outcome(f.code, language)), s.table_cell),
                     Paragraph(escape(f.project), s.table_cell),
                     Paragraph(notes, s.table_cell_small)])
    table = Table(rows, colWidths=fitted_widths(rows, _FAILURE_COLUMNS), repeatRows=1,
                  hAlign="LEFT")
    table.setStyle(data_table_style())
    return table


def _actions(summary: BreachSummary, language: Language) -> Flowable:
    s = get_styles()
    if not summary.actions:
        return Paragraph(_l("none", language), s.body)
    header: list[Cell] = [Paragraph(_l(k, language), s.table_header)
              for k in ("date", "action", "respond", "notes", "by")]
    rows: list[list[Cell]] = [header]
    for a in summary.actions:
        description = (glossary.phrase(f"action.{a.code}", language)
                       if glossary.is_welsh(language) and f"action.{a.code}" in glossary.GLOSSARY
                       else a.description)
        action = f"<b>{escape(a.code)}</b> {escape(description)}"
        respond = glossary.short_date(a.respond_by, language) if a.respond_by else "—"
        if a.overturned_on is not None:
            # Struck through, with the manager's verdict beneath: not a live decision.
            verdict = _l("overturned", language).format(
                date=glossary.short_date(a.overturned_on, language))
            why = f": {escape(a.overturned_reason)}" if a.overturned_reason else ""
            action = f"<strike>{action}</strike><br/><b>{verdict}</b>{why}"
            respond = f"<strike>{respond}</strike>" if a.respond_by else respond
        rows.append([Paragraph(glossary.short_date(a.on, language), s.table_cell),
                     Paragraph(action, s.table_cell),
                     Paragraph(respond, s.table_cell),
                     Paragraph(escape(a.text or "—"), s.table_cell_small),
                     Paragraph(escape(a.staff or "—"), s.table_cell_small)])
    table = Table(rows, colWidths=fitted_widths(rows, _ACTION_COLUMNS), repeatRows=1,
                  hAlign="LEFT")
    table.setStyle(data_table_style())
    return table
