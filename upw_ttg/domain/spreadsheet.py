"""Writing a table to CSV or Excel so that a spreadsheet shows it and never runs it.

A cell that begins with ``=``, ``+``, ``-`` or ``@`` is run as a formula by Excel and LibreOffice
(CSV injection, OWASP); such text is written with a leading apostrophe, which spreadsheets show as
text. Dates are written as dates and whole numbers as numbers in a workbook, as dd/mm/yyyy in CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence

from upw_ttg.domain.extract import looks_like_formula

Cell = str | int | float | bool | dt.date | dt.time | None
# What no workbook stores: C0 controls but tab and line breaks, and lone surrogates.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def cell_text(value: Cell) -> str:
    """A cell as CSV text: dates day first, yes/no, formula-like text made harmless."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    text = str(value)
    return "'" + text if looks_like_formula(text) else text


def _storable(text: str) -> str:
    """Text a workbook can hold: control characters and lone surrogates dropped."""
    return _UNSTORABLE.sub("", text)


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a byte-order mark and Windows line endings, as Excel opens it correctly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([cell_text(h) for h in headers])
    for row in rows:
        writer.writerow([cell_text(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig", errors="replace")


def xlsx_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]],
               *, caption: str | None = None) -> bytes:
    """One sheet named ``title`` (cut to Excel's 31 characters), the header row bold and frozen,
    and ``caption`` (what was shown: filters, date) above the table when given."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=False)
    sheet = book.create_sheet(index=0)
    book.remove(book.worksheets[1])  # the default empty sheet
    sheet.title = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"
    if caption:
        sheet.append([_xlsx_cell(caption)])
        sheet.append([])
    sheet.append([_xlsx_cell(h) for h in headers])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    widths = [len(str(h)) for h in headers]
    for row in rows:
        values = [_xlsx_cell(v) for v in row]
        sheet.append(values)
        for index, value in enumerate(values[:len(widths)]):
            widths[index] = max(widths[index], min(60, len(cell_text(value))))
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
        for (cell,) in sheet.iter_rows(min_row=header_row + 1, min_col=index, max_col=index):
            if isinstance(cell.value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    sheet.freeze_panes = f"A{header_row + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(value: object) -> Cell:
    if value is not None and not isinstance(value, (str, int, float, dt.date, dt.time)):
        value = str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) \
            and not -1e15 < value < 1e15:
        value = str(value)
    if isinstance(value, dt.date) and not 1900 <= value.year <= 9999:
        value = cell_text(value)
    if isinstance(value, str):
        value = _storable(value)
        # openpyxl writes a string that starts with "=" as a formula; the apostrophe keeps it
        # text, the same value the CSV shows.
        return "'" + value if looks_like_formula(value) else value
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return value
