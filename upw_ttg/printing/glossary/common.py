"""Glossary terms: dates, the service and the organisation: terms every document shares.

One ``Term`` per phrase: key, English, Welsh, and a note for the reviewer where useful.
See ``upw_ttg/printing/glossary/__init__.py`` for how to read them.
"""

from __future__ import annotations

from upw_ttg.printing.glossary.term import COMMUNITY_PAYBACK_CY, Term

TERMS: tuple[Term, ...] = (
    # --- Dates (weekdays after "ar"/"on" take the soft mutation: "ar ddydd Llun") ----------------
    *(Term(f"month.{i}", en, cy) for i, (en, cy) in enumerate((
        ("January", "Ionawr"), ("February", "Chwefror"), ("March", "Mawrth"),
        ("April", "Ebrill"), ("May", "Mai"), ("June", "Mehefin"), ("July", "Gorffennaf"),
        ("August", "Awst"), ("September", "Medi"), ("October", "Hydref"),
        ("November", "Tachwedd"), ("December", "Rhagfyr")), start=1)),
    *(Term(f"weekday.{i}", en, cy) for i, (en, cy) in enumerate((
        ("Monday", "Dydd Llun"), ("Tuesday", "Dydd Mawrth"), ("Wednesday", "Dydd Mercher"),
        ("Thursday", "Dydd Iau"), ("Friday", "Dydd Gwener"), ("Saturday", "Dydd Sadwrn"),
        ("Sunday", "Dydd Sul")))),
    *(Term(f"weekday_on.{i}", en, cy, "After 'on' / 'ar': soft mutation, lower case.")
      for i, (en, cy) in enumerate((
          ("Monday", "ddydd Llun"), ("Tuesday", "ddydd Mawrth"), ("Wednesday", "ddydd Mercher"),
          ("Thursday", "ddydd Iau"), ("Friday", "ddydd Gwener"), ("Saturday", "ddydd Sadwrn"),
          ("Sunday", "ddydd Sul")))),
    Term("date.on", en="on {date}", cy="ar {date}"),
    Term("clock.am", en="am", cy="yb", note="After a time: 9:30yb (y bore)."),
    Term("clock.pm", en="pm", cy="yp", note="After a time: 2:00yp (y prynhawn)."),
    Term("hours.hour", en="{count} hour", cy="{count} awr",
         note="Welsh keeps the singular noun after a number."),
    Term("hours.hours", en="{count} hours", cy="{count} awr"),
    Term("hours.minute", en="{count} minute", cy="{count} munud"),
    Term("hours.minutes", en="{count} minutes", cy="{count} munud"),
    # --- The service and the organisation --------------------------------------------------------
    Term("service.community_payback", en="Community Payback", cy=COMMUNITY_PAYBACK_CY,
         note="The public name of unpaid work. One Welsh form everywhere."),
    Term("service.unpaid_work_team", en="Unpaid Work team", cy="Tîm Gwaith Di-dâl"),
    Term("service.phone", en="Phone", cy="Ffôn"),
    Term("service.date", en="Date", cy="Dyddiad"),
    Term("service.email", en="Email", cy="E-bost"),
    Term("service.opening_hours", en="Open", cy="Ar agor"),
    Term("service.page", en="Page {page} of {total}", cy="Tudalen {page} o {total}"),
    Term("service.printed", en="Printed {when}", cy="Argraffwyd {when}"),
    Term("service.printed_by", en="by {who}", cy="gan {who}",
         note="Follows 'Printed {when}' in staff documents' footers."),
    Term("order.community_order", en="community order", cy="gorchymyn cymunedol"),
    Term("order.suspended_sentence_order", en="suspended sentence order",
         cy="gorchymyn dedfryd ohiriedig"),
)
