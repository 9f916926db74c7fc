"""Reading a spreadsheet extract (CSV or Excel) into header names and rows of text cells.

Extracts from the national systems arrive as whatever the exporting office's software wrote:
UTF-8 with or without a byte-order mark, Windows-1252 from older tools, commas, semicolons or
tabs, Windows line endings, and Excel workbooks whose cells are numbers and dates rather than
text. Everything here turns that into one shape, :class:`Extract`, so the rules that follow read
plain text and never guess at encodings.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from upw_ttg.errors import ValidationError

# The most rows one extract may hold: a national service holds about 100,000 live cases.
MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELL = 4000
_FORMULA_START = ("=", "+", "-", "@")


@dataclass(frozen=True, slots=True)
class Extract:
    """An extract as read: the header names, the rows as text, and the file's SHA-256."""

    file_name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    sha256: str

    @property
    def layout_key(self) -> str:
        """The same columns in the same order give the same key, whatever their case."""
        return layout_key(self.headers)


def layout_key(headers: tuple[str, ...] | list[str]) -> str:
    joined = "\x1f".join(header_key(h) for h in headers)
    return hashlib.sha256(joined.encode()).hexdigest()[:32]


def header_key(header: str) -> str:
    """A header name compared without case, spaces or punctuation: "Date of Birth" = "DOB "."""
    return re.sub(r"[^a-z0-9]", "", header.lower())


def read_extract(data: bytes, file_name: str) -> Extract:
    """The extract in ``data``; a workbook when ``file_name`` ends .xlsx, otherwise CSV text.

    Raises ValidationError (field ``file``) in plain words for an empty, unreadable or oversized
    file.
    """
    digest = hashlib.sha256(data).hexdigest()
    suffix = Path(file_name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        table = _workbook_rows(data)
    elif suffix == ".xls":
        raise ValidationError({"file": "This is an old-style Excel file (.xls). Open it in Excel "
                                       "and save it as .xlsx or as CSV, then import that."})
    else:
        table = _csv_rows(data)
    table = [row for row in table if any(cell for cell in row)]
    if not table:
        raise ValidationError({"file": "The file holds no rows. Choose the extract itself, with "
                                       "a header row naming its columns."})
    headers = tuple(cell.strip() for cell in table[0])
    if len(headers) > MAX_COLUMNS:
        raise ValidationError({"file": f"The file has {len(headers)} columns; an extract has at "
                                       f"most {MAX_COLUMNS}. Check that it is the right file."})
    if sum(1 for h in headers if h) < 2:
        raise ValidationError({"file": "The first row must name the columns (CRN, Surname, ...). "
                                       "Add a header row and try again."})
    if len(table) - 1 > MAX_ROWS:
        raise ValidationError({"file": f"The file has {len(table) - 1:,} rows; split it into "
                                       f"files of at most {MAX_ROWS:,} rows."})
    width = len(headers)
    rows = tuple(tuple((list(row) + [""] * width)[:width]) for row in table[1:])
    return Extract(file_name=Path(file_name).name, headers=headers, rows=rows, sha256=digest)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Older Windows tools write Windows-1252 ("Siân" as a single byte).
        return data.decode("cp1252", errors="replace")


def _csv_rows(data: bytes) -> list[list[str]]:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError({"file": "This is not a text or CSV file. Export the extract as "
                                       "CSV or .xlsx and import that."})
    text = _decode(data)
    sample = text[:20_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        return [[_clean_cell(c) for c in row]
                for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as exc:
        raise ValidationError({"file": f"The file could not be read as CSV ({exc}). Open it in "
                                       "a spreadsheet and save it again as CSV."}) from None


def _workbook_rows(data: bytes) -> list[list[str]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError):
        raise ValidationError({"file": "The file is not a readable Excel workbook. Open it in "
                                       "Excel and save it again, or export it as CSV."}) from None
    try:
        sheet = book.worksheets[0]
        return [[_workbook_cell(value) for value in row]
                for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _workbook_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _clean_cell(str(value))


def _clean_cell(text: str) -> str:
    return text.replace("\r\n", "\n").strip()[:MAX_CELL + 1]


# --- cells to values ------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_DMONY = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*[ -](\d{4})$")


def cell_date(text: str) -> dt.date | None:
    """A date written as 31/12/1990, 31-12-1990, 31.12.90, 1990-12-31 or 31 Dec 1990.

    Day first, as in England and Wales; two-digit years are this century up to the current
    year's last two digits and the last century above them. Raises ValueError in plain words.
    """
    text = text.strip()
    if not text:
        return None
    try:
        if match := _ISO.match(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DMY.match(text):
            year = int(match[3])
            if len(match[3]) == 2:
                pivot = dt.date.today().year % 100
                year += 2000 if year <= pivot else 1900
            return dt.date(year, int(match[2]), int(match[1]))
        if (match := _DMONY.match(text)) and match[2].lower() in _MONTHS:
            return dt.date(int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    except ValueError:
        raise ValueError(f"“{text}” is not a real date") from None
    raise ValueError(f"“{text}” is not a date; write it as dd/mm/yyyy")


def cell_whole_number(text: str) -> int | None:
    """A whole number, allowing "120", "120.0", "120 hours" and "1,200"."""
    text = text.strip().lower().replace(",", "")
    if not text:
        return None
    text = re.sub(r"\s*(hours?|hrs?|h)$", "", text)
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"“{text}” is not a number") from None
    if not value.is_integer() or abs(value) > 10**9:
        raise ValueError(f"“{text}” is not a whole number")
    return int(value)


_YES = {"y", "yes", "true", "1", "standalone", "stand alone", "stand-alone"}
_NO = {"n", "no", "false", "0", "combined", "with other requirements"}


def cell_yes_no(text: str) -> bool | None:
    """Yes or no as extracts write it (Y/N, Yes/No, True/False, 1/0)."""
    value = text.strip().lower()
    if not value:
        return None
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueError(f"“{text.strip()}” is neither yes nor no")


def looks_like_formula(text: str) -> bool:
    """A cell a spreadsheet would run as a formula if written back out unchanged."""
    return text.startswith(_FORMULA_START) and not re.fullmatch(r"[+-]?\d[\d .]*", text)
