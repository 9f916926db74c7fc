"""The subject access export, for reading: every table's rows, the audit trail and access log."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table

from upw_ttg.domain.access import ACTION_LABELS, RECIPIENT_LABELS, RECORD_LABELS
from upw_ttg.printing.render import render_pdf
from upw_ttg.printing.styles import Styles, data_table_style, get_styles
from upw_ttg.printing.text import escape
from upw_ttg.printing.words import Words
from upw_ttg.records.subject_access import AccessLine, SubjectAccessData, TableRows

TITLE = "Subject access export"
NONE_HELD = "Nothing held."
# A change longer than this is cut short in the PDF; the JSON file holds it whole.
_CHANGE_CHARS = 600
_ROW_COLUMNS = ("7%", "93%")
_TRAIL_COLUMNS = ("17%", "17%", "22%", "44%")
_ACCESS_COLUMNS = ("17%", "20%", "35%", "28%")
# Welsh months are written in full: the "When" column holds "30 Gorffennaf 2026 14:05".
_TRAIL_COLUMNS_CY = ("20%", "16%", "22%", "42%")
_ACCESS_COLUMNS_CY = ("20%", "19%", "34%", "27%")
_SECTION_START_ROOM = 40 * mm
# The access log's words by their English, so a Welsh export can say them in Welsh.
_ACTION_CODES = {label: code.value for code, label in ACTION_LABELS.items()}
_RECORD_CODES = {label: code.value for code, label in RECORD_LABELS.items()}
_RECIPIENT_CODES = {label: code.value for code, label in RECIPIENT_LABELS.items()}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def document_reference(data: SubjectAccessData) -> str:
    """The reference on every page: the person's id (not their CRN) and the export time."""
    return f"SAR-{data.person_id}-{data.exported_at:%Y%m%d-%H%M}"


def _words(data: SubjectAccessData) -> Words:
    return Words(data.language, "subject_access")


def build_subject_access(data: SubjectAccessData) -> list[Flowable]:
    """The export's story; pure, so it can be tested without a database."""
    s = get_styles()
    w = _words(data)
    held = [t for t in data.tables if t.rows]
    intro = w("intro", who=data.exported_by, when=w.when(data.exported_at), held=len(held),
              total=len(data.tables))
    if w.welsh:
        intro += " " + w("field_names")
    story: list[Flowable] = [
        Paragraph(w("title"), s.title),
        Paragraph(f"{escape(data.person_name)}&nbsp;&nbsp;·&nbsp;&nbsp;{w('crn')} "
                  f"{escape(data.crn)}", s.subtitle),
        Paragraph(intro, s.note),
    ]
    for rows in held:
        story += _section(w("section", kind=_kind(rows, w), count=len(rows.rows)),
                          _rows_content(rows, s, w), s)
    empty = [_kind(t, w) for t in data.tables if not t.rows]
    if empty:
        story += _section(w("nothing_held_kinds"),
                          [Paragraph(escape(", ".join(empty)) + ".", s.body)], s)
    story += _section(w("trail", count=len(data.audit)), _trail_content(data, s, w), s)
    story += _section(w("access", count=len(data.access)), _access_content(data, s, w), s)
    # Nothing after the last table: a trailing space that does not fit would start a blank
    # page of its own.
    return story


def render_subject_access(data: SubjectAccessData, *, invariant: bool = False) -> bytes:
    """The export as PDF bytes, marked for staff only until it is handed over."""
    w = _words(data)
    return render_pdf(build_subject_access(data), title=w.text("title"),
                      reference=document_reference(data), printed_at=data.exported_at,
                      printed_by=data.exported_by, staff_only=True, invariant=invariant,
                      language=w.language)


def _section(title: str, content: list[Flowable], s: Styles) -> list[Flowable]:
    """``title`` is already escaped (it comes from the glossary through ``Words``)."""
    return [CondPageBreak(_SECTION_START_ROOM), Paragraph(title, s.heading), *content]


def _kind(rows: TableRows, w: Words) -> str:
    """A kind of record in words, unescaped; a table the glossary lacks by its own name."""
    key = f"subject_access.table.{rows.table}"
    return w.text(key) if w.has(key) else rows.label


def _entity(entity: str, w: Words) -> str:
    key = f"subject_access.table.{entity}"
    return w.text(key) if w.has(key) else entity.replace("_", " ")


def _value(value: object, w: Words) -> str:
    if isinstance(value, bool):
        return w("yes") if value else w("no")
    return escape(str(value))


def _field(name: str, w: Words) -> str:
    """A field's name, escaped: as the JSON file names it; in Welsh, its Welsh name first
    where the glossary has one."""
    json_name = name.replace("_", " ")
    key = f"subject_access.field.{name}"
    if not w.welsh or not w.has(key):
        return escape(json_name)
    welsh = w.text(key)
    return escape(welsh) if welsh.lower() == json_name else w("field", name=welsh,
                                                                  json=json_name)


def _rows_content(rows: TableRows, s: Styles, w: Words) -> list[Flowable]:
    body = [[Paragraph(w("col_number"), s.table_header),
             Paragraph(w("col_recorded"), s.table_header)]]
    for number, row in enumerate(rows.as_dicts(), start=1):
        parts = [f"<b>{_field(name, w)}</b>: {_value(value, w)}"
                 for name, value in row.items() if value is not None and value != ""]
        body.append([Paragraph(str(number), s.table_cell),
                     Paragraph("; ".join(parts), s.table_cell)])
    return [_table(body, _ROW_COLUMNS)]


def shortened(change: str, limit: int = _CHANGE_CHARS) -> str:
    """A change as the printed trail shows it: whole up to ``limit`` characters, else cut at
    the last space before it, never inside a word (the JSON file holds it whole)."""
    if len(change) <= limit:
        return change
    cut = change.rfind(" ", 0, limit)
    return change[:cut if cut > 0 else limit] + " …"


def _trail_content(data: SubjectAccessData, s: Styles, w: Words) -> list[Flowable]:
    if not data.audit:
        return [Paragraph(w("nothing_held"), s.body)]
    body = [[Paragraph(w(f"col_{h}"), s.table_header) for h in ("when", "by", "what",
                                                                 "change")]]
    for line in data.audit:
        change = "" if line.changes is None else json.dumps(line.changes, ensure_ascii=False,
                                                            sort_keys=True)
        change = shortened(change)
        if w.welsh:
            key = f"subject_access.audit.{line.action}"
            action = w.text(key) if w.has(key) else line.action.replace("_", " ")
            what = f"{action}: {_entity(line.entity, w)}"
        else:
            what = f"{line.action.replace('_', ' ')} {line.entity.replace('_', ' ')}"
        body.append([Paragraph(w.when(line.occurred_at), s.table_cell),
                     Paragraph(escape(line.staff) if line.staff else w("the_system"),
                               s.table_cell),
                     Paragraph(escape(f"{what} {line.entity_id or ''}".strip()), s.table_cell),
                     Paragraph(escape(change), s.table_cell_small)])
    return [_table(body, _TRAIL_COLUMNS_CY if w.welsh else _TRAIL_COLUMNS)]


def _said(w: Words, group: str, codes: dict[str, str], label: str | None) -> str:
    """An access-log word (given in English) in the export's language, unescaped."""
    if not label:
        return ""
    code = codes.get(label)
    return w.text(f"subject_access.{group}.{code}") if code is not None and w.welsh else label


def _document(line: AccessLine, w: Words) -> str:
    """What was opened or printed, unescaped: in Welsh, a document the glossary names in
    Welsh (with a van manifest's date in Welsh too)."""
    if not w.welsh or not line.document:
        return _said(w, "record", _RECORD_CODES, line.record)
    key = "subject_access.document." + re.sub(r"[^a-z]+", "_", line.document.lower()).strip("_")
    if not w.has(key):
        return line.record
    day = _ISO_DATE.search(line.document)
    name = w.text(key)
    return f"{name} {w.date(dt.date.fromisoformat(day.group()))}" if day else name


def _access_content(data: SubjectAccessData, s: Styles, w: Words) -> list[Flowable]:
    if not data.access:
        return [Paragraph(w("nothing_held"), s.body)]
    body = [[Paragraph(w(f"col_{h}"), s.table_header) for h in ("when", "by", "what", "for")]]
    for line in data.access:
        action = _said(w, "access_action", _ACTION_CODES, line.action)
        body.append([Paragraph(w.when(line.occurred_at), s.table_cell),
                     Paragraph(escape(line.staff) if line.staff else w("the_system"),
                               s.table_cell),
                     Paragraph(escape(f"{action}: {_document(line, w)}"), s.table_cell),
                     Paragraph(escape(_said(w, "recipient", _RECIPIENT_CODES,
                                            line.recipient)), s.table_cell)])
    return [_table(body, _ACCESS_COLUMNS_CY if w.welsh else _ACCESS_COLUMNS)]


def _table(body: Sequence[list[Any]], widths: tuple[str, ...]) -> Table:
    table = Table(body, colWidths=list(widths), repeatRows=1)
    table.setStyle(data_table_style())
    return table
