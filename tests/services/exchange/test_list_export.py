"""Every list to CSV or Excel as shown: access-checked, logged, never run as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from upw_ttg.domain.codes import Role
from upw_ttg.domain.spreadsheet import cell_text, csv_bytes, xlsx_bytes
from upw_ttg.errors import CapabilityDeniedError, ValidationError
from upw_ttg.services.exchange.list_export import EXPORTABLE_LISTS
from upw_ttg.storage.models import AccessEvent

from tests.narrowing import present

HEADERS = ("Name", "CRN", "Due", "Hours")
ROWS = [("Siân Jones", "X123456", dt.date(2026, 12, 1), 12),
        ("=HYPERLINK(\"http://evil\")", "X654321", None, 0),
        ("Tom\x00 Hughes\ud800", "-2+3", dt.date(2026, 12, 2), 7.5)]


def test_formula_like_text_is_made_harmless_and_dates_are_day_first():
    assert cell_text("=SUM(A1)") == "'=SUM(A1)"
    assert cell_text("@cmd") == "'@cmd"
    assert cell_text("-12") == "-12"                     # a number stays a number
    assert cell_text(dt.date(2026, 1, 31)) == "31/01/2026"
    assert cell_text(True) == "Yes" and cell_text(None) == ""


def test_csv_opens_in_excel_as_written():
    data = csv_bytes(HEADERS, ROWS)
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(HEADERS)
    assert rows[1] == ["Siân Jones", "X123456", "01/12/2026", "12"]
    assert rows[2][0] == "'=HYPERLINK(\"http://evil\")"


def test_a_workbook_keeps_dates_as_dates_and_runs_nothing():
    book = load_workbook(io.BytesIO(xlsx_bytes("People", HEADERS, ROWS, caption="Unit YNY")))
    sheet = present(book.active)
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Unit YNY"
    assert values[2] == HEADERS
    assert values[3][2] == dt.datetime(2026, 12, 1)
    assert values[4][0] == "'=HYPERLINK(\"http://evil\")"
    assert values[5][0] == "Tom Hughes"                  # control characters dropped
    assert sheet.freeze_panes == "A4"


def test_a_list_export_is_logged_once_per_person_listed(app):
    exported = app.list_export.export("waiting_list", HEADERS, ROWS, caption="YNY, week of "
                                      "30 Nov", spreadsheet=True, person_ids=[5, 7, 7])
    assert exported.file_name == f"waiting-to-be-placed-{app.ctx.today():%Y-%m-%d}.xlsx"
    assert exported.rows == 3
    with app.db.read() as session:
        logged = session.execute(select(AccessEvent.person_id, AccessEvent.document,
                                        AccessEvent.recipient, AccessEvent.action)).all()
    assert sorted(r.person_id for r in logged) == [5, 7]
    assert {(r.document, r.recipient, r.action.value) for r in logged} == \
        {("list_waiting_list", "spreadsheet", "export")}


def test_an_unknown_list_is_refused_in_plain_words(app):
    with pytest.raises(ValidationError) as caught:
        app.list_export.export("secret_things", HEADERS, ROWS)
    assert "not a list that can be exported" in str(caught.value)


@pytest.mark.parametrize("list_name", sorted(EXPORTABLE_LISTS))
def test_each_list_is_exported_only_by_those_who_read_it(signed_in_as, list_name):
    from upw_ttg.domain.permissions import allows

    capability = EXPORTABLE_LISTS[list_name][1]
    for role in Role:
        services = signed_in_as(role, username=f"{role.value}_{list_name}")
        if allows([role], capability):
            assert services.list_export.export(list_name, HEADERS, ROWS).rows == 3
        else:
            with pytest.raises(CapabilityDeniedError):
                services.list_export.export(list_name, HEADERS, ROWS)
