"""The work sheet on paper: the signature with the last row, every page headed, alerts whole."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from upw_ttg.domain.codes import Language
from upw_ttg.domain.site_alerts import site_alerts
from upw_ttg.printing import fonts
from upw_ttg.printing.documents import work_sheet
from upw_ttg.printing.documents.work_sheet import render_work_sheet
from upw_ttg.records.day_printing import WorkSheet, WorkSheetRow

from tests.pdf_support import pdf_pages

NAMES = ("Bryn Evans", "Siân Jones", "Zoë Łukasz", "Aaron Abbott", "Mohammed Al-Rashid",
         "Ŵyn Pritchard", "Kate O'Neill", "Jean-Baptiste Nkemelu-Adeyemi", "Tom Smith",
         "Ewa Nowak", "Dai Llewellyn", "Rhys ap Gwilym", "Ffion Hughes", "Owain Price")
# A typical group: most people with nothing, some with one alert, one with two.
ALERTS = ((), ("Epilepsy or loss of consciousness",), (),
          ("Allergy (Wasp stings) — Carries an adrenaline pen: use it and call 999",), (),
          ("Needs an interpreter (Polish)",), ("Mobility — No kneeling",), (),
          ("H&S not assessed: ask the office before work starts",),
          ("Pregnant or recently gave birth",
           "Medication — May be drowsy: no power tools, ladders or driving"), (), ())


def _sheet(people: int, alerts: tuple[tuple[str, ...], ...] = ALERTS) -> WorkSheet:
    rows = tuple(WorkSheetRow(i + 1, NAMES[i % len(NAMES)], f"X{100000 + i}",
                              "York office" if i % 3 else None,
                              dt.time(8, 15) if i % 3 else None, alerts[i % len(alerts)])
                 for i in range(people))
    return WorkSheet(
        sheet_id="WS-261127-00042", session_id=42, project_code="YK-0042",
        project_name="Riverside Clean-up", project_type="Group placement",
        site_address="Riverside Walk, York, YO1 6HP", beneficiary="York Rivers Trust",
        beneficiary_contact="Siân Jones", beneficiary_phone="01904 000000",
        session_date=dt.date(2026, 11, 27), start_time=dt.time(9), end_time=dt.time(16),
        break_minutes=30, supervisors=("Dafydd Supervisor",), van="Van 3 (YK21 ABC)",
        hi_vis_required=True, female_only=False, site_notes=("Heavy lifting",), rows=rows,
        printed_at=dt.datetime(2026, 11, 26, 15), printed_by="Pat Coordinator",
        office_name="York", office_phone="01904 555000")


@pytest.mark.parametrize("people", range(1, 15))
def test_the_signature_is_on_the_page_of_the_last_row_and_every_page_is_headed(people):
    """If a session has 1 to 14 people, then the supervisor's signature prints on the page
    of the last person, and every page names the session, its date and the supervisor."""
    sheet = _sheet(people)
    pages = pdf_pages(render_work_sheet(sheet), flattened=True)
    last = sheet.rows[-1].name
    [with_last] = [i for i, text in enumerate(pages) if last in text]
    assert "Supervisor's signature" in pages[with_last]
    assert all("Supervisor's signature" not in text for text in pages[:with_last])
    for number, text in enumerate(pages, start=1):
        assert "Riverside Clean-up · Friday 27 Nov 2026 09:00–16:00" in text
        assert "Supervisor: Dafydd Supervisor" in text
        assert f"Page {number} of {len(pages)}" in text


def test_twelve_people_two_spare_rows_and_the_signature_fit_one_page():
    assert len(pdf_pages(render_work_sheet(_sheet(12)), flattened=True)) == 1


def test_even_a_group_full_of_alerts_keeps_the_signature_with_its_last_row():
    heavy = (("Allergy (Wasp stings) — Carries an adrenaline pen: use it and call 999",
              "Medication — May be drowsy: no power tools, ladders or driving",
              "Mobility — " + "No kneeling or climbing; " * 6),)
    sheet = _sheet(14, heavy)
    pages = pdf_pages(render_work_sheet(sheet), flattened=True)
    assert len(pages) > 1
    assert sheet.rows[-1].name in pages[-1] and "Supervisor's signature" in pages[-1]


def test_alerts_print_whole_each_on_its_own_line():
    """If an alert is long, then it prints in full (no ellipsis), one alert per line."""
    detail = ("Cannot kneel, climb ladders or lift more than 5 kg after a knee operation; "
              "needs a seat within reach and a break every hour, and must not work on "
              "uneven ground or slopes")
    alerts = site_alerts({"hs_epilepsy": True, "hs_allergies": True,
                          "hs_allergies_detail": "Wasp stings", "hs_allergy_action": "call_999",
                          "hs_pregnancy": False, "hs_mobility": True,
                          "hs_mobility_detail": detail, "hs_medication": False}, None)
    assert f"Mobility — {detail}" in alerts
    sheet = _sheet(1, (alerts,))
    data = render_work_sheet(sheet)
    text = " ".join(pdf_pages(data, flattened=True))
    for alert in alerts:
        assert alert in text
    assert "…" not in text
    raw = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    lines = [line.strip() for line in raw.splitlines()]
    assert "Epilepsy or loss of consciousness" in lines


def test_alerts_are_black_and_at_least_nine_point():
    assert work_sheet.ALERT_SIZE >= 9


def test_the_legend_lists_only_codes_recorded_on_site():
    text = " ".join(pdf_pages(render_work_sheet(_sheet(3)), flattened=True))
    for code in ("ATTC", "AFTC", "ATSH", "ATSS"):
        assert code in text
    for code in ("UAAB", "AAME", "AASD", "RSSR"):
        assert code not in text


@pytest.mark.parametrize("language", [Language.ENGLISH, Language.WELSH])
def test_no_column_header_word_is_wider_than_its_column(language):
    fonts.register_fonts()
    for header, width in work_sheet.columns(language):
        for word in header.replace("\n", " ").split():
            used = stringWidth(word, fonts.BOLD, work_sheet.HEADER_SIZE)
            assert used + 2 * work_sheet.HEADER_PAD <= width * mm, header


def _sheet_in(language: Language, people: int) -> WorkSheet:
    """A sheet with its alerts and site notes in ``language``, as the service builds them."""
    from upw_ttg.printing import glossary

    def say(key: str, **values: object) -> str:
        return glossary.phrase(key if "." in key else f"alert.{key}", language, **values)

    answers = {"hs_epilepsy": True, "hs_allergies": True, "hs_allergies_detail": "Wasp stings",
               "hs_allergy_action": "adrenaline_pen", "hs_pregnancy": False,
               "hs_mobility": False, "hs_medication": True,
               "hs_medication_effects": ["drowsy"]}
    alerts = ((), (), site_alerts(answers, glossary.phrase("language.welsh", language), say),
              (), (), site_alerts(None, None, say))
    sheet = _sheet(people, alerts)
    return dataclasses.replace(sheet, language=language,
                               project_type=glossary.phrase("project_type.group", language),
                               site_notes=(glossary.phrase("site_tag.heavy_lifting", language),))


@pytest.mark.parametrize("people", (1, 8, 12, 14))
def test_the_welsh_sheet_keeps_the_signature_with_the_last_row_and_heads_every_page(people):
    sheet = _sheet_in(Language.WELSH, people)
    pages = pdf_pages(render_work_sheet(sheet), flattened=True)
    [with_last] = [i for i, text in enumerate(pages) if sheet.rows[-1].name in text]
    assert "Llofnod y goruchwyliwr" in pages[with_last]
    assert all("Llofnod y goruchwyliwr" not in text for text in pages[:with_last])
    for number, text in enumerate(pages, start=1):
        assert "Taflen waith: Riverside Clean-up · Dydd Gwener 27 Tachwedd 2026" in text
        assert f"Tudalen {number} o {len(pages)}" in text
    # Welsh takes no more paper than English.
    assert len(pages) == len(pdf_pages(render_work_sheet(_sheet_in(Language.ENGLISH, people)),
                                       flattened=True))
    if people == 12:  # a typical group of twelve still fits one page
        typical = dataclasses.replace(_sheet(12), language=Language.WELSH)
        assert len(pdf_pages(render_work_sheet(typical), flattened=True)) == 1


def test_the_welsh_sheet_prints_only_glossary_words_and_its_data():
    from tests.printing.glossary_support import words_not_in_glossary

    sheet = _sheet_in(Language.WELSH, 12)
    pdf = render_work_sheet(sheet)
    text = " ".join(pdf_pages(pdf, flattened=True))
    for expected in ("Epilepsi neu golli ymwybyddiaeth",
                     "Alergedd (Wasp stings) — Yn cario pen adrenalin",
                     "Meddyginiaeth — Gall fod yn gysglyd", "Angen cyfieithydd (Cymraeg)",
                     "Egwyl ddi-dâl o 30 munud", "RHAID GWISGO FESTIAU LLACHAR",
                     "Ffoniwch York: 01904 555000", "ATTC cydymffurfiodd"):
        assert expected in text, expected
    # The protective marking and the outcome codes are national codes, the same in both
    # languages.
    codes = ["OFFICIAL-SENSITIVE", "ATTC AFTC ATSH ATSS"]
    assert words_not_in_glossary(pdf, Language.WELSH, [sheet, *codes]) == set()


def _set_aside() -> tuple:
    """Three records a sheet could not print: impossible dates, a row that could not be
    worked out, and a restricted case's row as the list masks it."""
    from upw_ttg.domain.records_to_check import RecordToCheck, Subject, set_aside

    def broken(_item: str) -> str | None:  # a row it could build would be text
        raise ValueError("hours that cannot be added up")

    dates = {"bad dates": {"sentence date": dt.date(1800, 1, 1), "deadline": dt.date(2300, 1, 1)},
             "broken": {"sentence date": dt.date(2026, 1, 5), "deadline": dt.date(2027, 1, 4)}}
    people = {"bad dates": ("X200001", "Ifan Morgan"), "broken": ("X200002", "Lowri Hughes")}
    _rows, aside = set_aside(list(dates), broken, lambda item: Subject(
        *people[item], "Unpaid Work order", dates[item]))
    return (*aside, RecordToCheck("X200003", "Nia Roberts", "Restricted", "Restricted"))


def test_the_welsh_sheet_gives_what_to_check_in_welsh():
    """The reasons a record was set aside are glossary phrases: in Welsh with the dates named
    and written in Welsh; English as the application words them."""
    from tests.printing.glossary_support import words_not_in_glossary

    aside = _set_aside()
    sheet = dataclasses.replace(_sheet_in(Language.WELSH, 4), to_check=aside)
    pdf = render_work_sheet(sheet)
    text = " ".join(pdf_pages(pdf, flattened=True))
    for expected in ("Cofnodion i'w gwirio", "Gorchymyn gwaith di-dâl",
                     "Gwiriwch: dyddiad dedfrydu (1 Ionawr 1800); terfyn amser (1 Ionawr 2300). "
                     "Rhaid i ddyddiadau cofnod fod rhwng 1900 a 2100.",
                     "Nid oedd modd ei gyfrifo o'r hyn sydd ar gofnod", "Cyfyngedig"):
        assert expected in text, expected
    for english in ("Check the", "Unpaid Work order", "could not be worked out", "Restricted"):
        assert english not in text, english
    # What is printed as data: the people's names and CRNs, never the reasons' words.
    people = [(record.crn, record.name) for record in aside]
    codes = ["OFFICIAL-SENSITIVE", "ATTC AFTC ATSH ATSS", sheet.sheet_id]
    assert words_not_in_glossary(pdf, Language.WELSH, [dataclasses.replace(sheet, to_check=()),
                                                       people, *codes]) == set()
    english = " ".join(pdf_pages(render_work_sheet(dataclasses.replace(_sheet(4), to_check=aside)),
                                 flattened=True))
    assert ("Check the sentence date (1 Jan 1800) and deadline (1 Jan 2300): dates of record "
            "fall between 1900 and 2100.") in english
    assert "It could not be worked out from what is on record" in english
