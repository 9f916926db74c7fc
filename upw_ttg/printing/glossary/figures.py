"""Glossary terms: the figures summary for managers and inspectors (no person is named).

One ``Term`` per phrase: key, English, Welsh, and a note for the reviewer where useful.
See ``upw_ttg/printing/glossary/__init__.py`` for how to read them. The figures' names are
the application's own list (``upw_ttg/domain/figures.py``); only the Welsh is written here,
beside that English. The numbers of the inspection's questions (4.1.2 …) are the same in
both languages.
"""

from __future__ import annotations

from upw_ttg.domain.figures import DEFINITIONS
from upw_ttg.printing.glossary.term import Term

_FIGURES_CY = {
    "first_session": "Sesiwn gyntaf o fewn y nifer penodol o ddiwrnodau gwaith ar ôl dedfrydu",
    "weekly_offer": "Misoedd pan gynigiwyd yr oriau wythnosol",
    "outcomes_keyed": "Canlyniadau a gofnodwyd o fewn 2 ddiwrnod gwaith",
    "enforcement_on_time": "Penderfyniadau gorfodi mewn pryd",
    "warning_then_referral": "Methiannau ar ôl rhybudd a atgyfeiriwyd am dorri gorchymyn",
    "hs_answered": "Asesiadau ag iechyd, diogelwch a bregusrwydd wedi'u hateb",
    "completion": "Gorchmynion a ddaeth i ben ac a gwblhawyd",
    "hours_completed": "Oriau a gwblhawyd",
    "extension_needed": "Gorchmynion yr oedd angen estyniad iddynt yn yr ail adolygiad",
    "plans_on_time": "Cynlluniau a gwblhawyd mewn pryd",
    "plans_strengths": "Cynlluniau â chryfderau a ffactorau amddiffynnol",
    "plans_diversity": "Cynlluniau a ystyriodd anghenion amrywiaeth",
    "plans_risk": "Cynlluniau a ystyriodd risg o niwed",
    "referrals_closed": "Atgyfeiriadau a gaewyd gyda chanlyniad",
    "reviews_on_time": "Adolygiadau cyn rhyddhau mewn pryd",
    "handover_before_release": "Cysylltu â'r swyddog cyfrifol cyn rhyddhau",
    "risk_shared": "Gwybodaeth am risg o niwed wedi'i rhannu cyn rhyddhau",
}

TERMS: tuple[Term, ...] = (
    # --- The heading and what the page covers -------------------------------------------------
    Term("figures.title.upw", en="Unpaid Work figures", cy="Ffigurau Gwaith Di-dâl"),
    Term("figures.title.ttg", en="Through the Gate figures", cy="Ffigurau Drwy'r Giât",
         note="Through the Gate: the resettlement service for people leaving prison."),
    Term("figures.period",
         en="{scope}: the 12 months from {first} to {last} (this month to {today}).",
         cy="{scope}: y 12 mis {first} – {last} (y mis hwn hyd at {today}).",
         note=("{first} and {last} are a month and year, {today} a day and month. A dash, not "
               "'o … tan', as a month's name after 'o' or 'tan' would need its soft mutation "
               "('o Ragfyr'), which is not worked out while printing.")),
    Term("figures.whole_service", en="Whole service", cy="Y gwasanaeth cyfan"),
    Term("figures.unknown", en="Unknown", cy="Anhysbys",
         note="A unit or worker no longer on record."),
    # --- The table of figures ------------------------------------------------------------------
    Term("figures.col_figure", en="Figure", cy="Ffigur"),
    Term("figures.col_question", en="Q.", cy="C.",
         note="The inspection question's number. C.: the short form of Cwestiwn."),
    Term("figures.col_cases", en="Cases", cy="Achosion"),
    Term("figures.col_year", en="12 months", cy="12 mis"),
    Term("figures.fewer_is_better", en=" (fewer is better)", cy=" (gorau po leiaf)"),
    Term("figures.hours", en="{count} hours", cy="{count} awr",
         note="Welsh keeps the singular 'awr' after a number."),
    Term("figures.count_of", en="{count} of {total}", cy="{count} o {total}"),
    Term("figures.by_unit.upw", en="By delivery unit, over the 12 months",
         cy="Fesul uned gyflawni, dros y 12 mis"),
    Term("figures.by_unit.ttg", en="By prison, over the 12 months",
         cy="Fesul carchar, dros y 12 mis"),
    Term("figures.how_to_read",
         en=("Each figure is the share of cases that met the standard, counted in the month "
             "its deadline fell (see docs/rules.md, FIG-1 to FIG-15); a case not yet due is "
             "not counted. Q. is the inspection question. The screen lists the cases behind "
             "every number."),
         cy=("Mae pob ffigur yn dangos cyfran yr achosion a gyrhaeddodd y safon, wedi'u "
             "cyfrif yn y mis y daeth eu terfyn amser (gweler docs/rules.md, FIG-1 i FIG-15); "
             "ni chyfrifir achos nad yw'n ddyledus eto. C. yw cwestiwn yr arolygiad. Mae'r "
             "sgrin yn rhestru'r achosion y tu ôl i bob rhif.")),
    # --- The figures -----------------------------------------------------------------------
    *(Term(f"figure.{d.key}", d.label, _FIGURES_CY[d.key]) for d in DEFINITIONS),
)
