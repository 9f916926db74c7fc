"""The register being keyed: one editable row per person, in work-sheet order, with problems."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Q_ARG, QAbstractTableModel, QMetaObject, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QStyle

from upw_ttg.domain.codes import OUTCOMES_BY_CODE, Rating
from upw_ttg.domain.crediting import credit_minutes, is_attended
from upw_ttg.records.attendance import Register, RegisterEntry, RegisterRow
from upw_ttg.services.access import RESTRICTED_MESSAGE, RESTRICTED_TEXT, is_masked
from upw_ttg.time_text import format_minutes, format_time, parse_time

from ui.models.roles import RowRole
from ui.models.table_model import Index

_ERROR_BRUSH = QBrush(QColor("#fde2e0"))
_CHANGED_BRUSH = QBrush(QColor("#fff4cc"))
_MUTED_BRUSH = QBrush(QColor("#8a96a3"))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
YES_NO = ("Yes", "No")
RATING_TEXT = {r: r.value.capitalize() for r in Rating}



def outcome_text(code: str | None) -> str:
    """``ATTC`` -> 'ATTC Attended – complied' (an unknown code as typed)."""
    if not code:
        return ""
    outcome = OUTCOMES_BY_CODE.get(code)
    return f"{code} {outcome.description}" if outcome else code


@dataclass(frozen=True)
class RegisterColumn:
    header: str
    field: str | None
    tooltip: str
    numeric: bool = False


class RegisterTableModel(QAbstractTableModel):
    """Draft entries over a loaded ``Register``; nothing is saved until the page says so.

    Text that cannot be read (a time such as 25:00) is kept as typed and marked, so a
    mistake never throws the user's input away. Problems from the service are keyed
    ``"{appointment_id}:{field}"`` and shown on their cells until the cell is edited.
    """

    (ROW, NAME, CRN, OUTCOME, START, END, PENALTY, QUALITY, BEHAVIOUR, HI_VIS, NOTES,
     SENSITIVE, CREDIT) = range(13)
    COLUMNS = (
        RegisterColumn("Row", None, "Row number on the printed work sheet", True),
        RegisterColumn("Name", "appointment_id", "The person booked on this session"),
        RegisterColumn("CRN", None, "Case reference number"),
        RegisterColumn("Outcome", "outcome_code",
                       "Outcome code: type the first letters, e.g. AT for ATTC"),
        RegisterColumn("Start", "start_time", "Time the person started (24-hour clock)"),
        RegisterColumn("End", "end_time", "Time the person finished (24-hour clock)"),
        RegisterColumn("Penalty", "penalty_minutes", "Penalty minutes (lateness, long breaks)",
                       True),
        RegisterColumn("Quality", "work_quality", "Work quality: E, G, S, P or U"),
        RegisterColumn("Behaviour", "behaviour", "Behaviour: E, G, S, P or U"),
        RegisterColumn("Hi-vis", "hi_vis_worn", "Hi-vis worn: Y or N"),
        RegisterColumn("Notes", "notes", "Notes about this session"),
        RegisterColumn("Sensitive", "notes_sensitive",
                       "Y marks the notes sensitive; once saved it cannot be cleared"),
        RegisterColumn("Credit", None, "Hours credited (hours:minutes); an estimate until saved",
                       True),
    )
    ATTENDED_ONLY = frozenset({START, END, PENALTY, QUALITY, BEHAVIOUR, HI_VIS})
    FIELD_COLUMNS = {c.field: n for n, c in enumerate(COLUMNS) if c.field}

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.register: Register | None = None
        self._entries: list[RegisterEntry] = []
        self._raw: dict[tuple[int, int], str] = {}
        self._errors: dict[tuple[int, int], str] = {}
        self._warning_icon = QApplication.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning)

    # Contents ----------------------------------------------------------------------------

    def set_register(self, register: Register | None) -> None:
        """Show ``register`` as loaded; drafts, typed text and problems are cleared."""
        self.beginResetModel()
        self.register = register
        self._entries = register.entries() if register else []
        self._raw.clear()
        self._errors.clear()
        self.endResetModel()

    def entries(self) -> list[RegisterEntry]:
        return [replace(e) for e in self._entries]

    def row_at(self, row: int) -> RegisterRow:
        assert self.register is not None
        return self.register.rows[row]

    def entry_at(self, row: int) -> RegisterEntry:
        return self._entries[row]

    def has_unsaved_changes(self) -> bool:
        return bool(self._raw) or (self.register is not None
                                   and self._entries != self.register.entries())

    def outcome_codes(self) -> tuple[str, ...]:
        """The codes the rules allow on this register now, most used first."""
        return tuple(o.code for o in self.register.outcome_choices) if self.register else ()

    # Problems ----------------------------------------------------------------------------

    def typing_problems(self) -> dict[tuple[int, int], str]:
        """Cells whose text could not be read; they must be corrected before saving."""
        return {key: self._errors[key] for key in self._raw if key in self._errors}

    def set_errors(self, errors: dict[str, str]) -> list[str]:
        """Mark the cells named ``"{appointment_id}:{field}"``; returns the other messages."""
        leftover = []
        rows = {e.appointment_id: n for n, e in enumerate(self._entries)}
        for key, message in errors.items():
            aid, _, field = key.partition(":")
            row = rows.get(int(aid)) if aid.isdigit() else None
            column = self.FIELD_COLUMNS.get(field)
            if row is None or column is None:
                leftover.append(message)
                continue
            self._errors[(row, column)] = message
        self._emit_all()
        return leftover

    def clear_service_errors(self) -> None:
        """Forget the service's problems; unreadable typed text stays marked."""
        self._errors = {key: msg for key, msg in self._errors.items() if key in self._raw}
        self._emit_all()

    def problems(self) -> list[tuple[int, int, str]]:
        """``(row, column, message)`` in sheet order."""
        return sorted((row, column, message) for (row, column), message in self._errors.items())

    # Editing -----------------------------------------------------------------------------

    def is_applicable(self, row: int, column: int) -> bool:
        """Times, penalty, ratings and hi-vis apply only to an attended outcome."""
        if column in self.ATTENDED_ONLY:
            return is_attended(self._entries[row].outcome_code)
        return True

    def apply_outcome(self, rows: list[int], code: str) -> None:
        """One outcome for several rows, as the service's bulk update does."""
        for row in rows:
            if self.flags(self.index(row, self.OUTCOME)) & Qt.ItemFlag.ItemIsEditable:
                self._set_outcome(row, code)
        self._emit_all()

    def _set_outcome(self, row: int, code: str | None) -> None:
        assert self.register is not None
        entry = self._entries[row]
        self._clear_cell(row, self.OUTCOME)
        entry.outcome_code = code
        if code and code not in self.outcome_codes():
            self._raw[(row, self.OUTCOME)] = code
            self._errors[(row, self.OUTCOME)] = self._unknown_code(row, code)
        if is_attended(code):
            entry.start_time = entry.start_time or self.register.start_time
            entry.end_time = entry.end_time or self.register.end_time
        else:
            # As the service's bulk update: a penalty only applies to someone who attended.
            entry.penalty_minutes = 0
            for column in self.ATTENDED_ONLY:
                self._clear_cell(row, column)

    def _unknown_code(self, row: int, code: str) -> str:
        name = self._label(row)
        if code in OUTCOMES_BY_CODE:
            return (f"{name}: before the session only an acceptable absence or a reschedule "
                    "can be recorded.")
        return f"{name}: {code} is not an outcome code."

    def _label(self, row: int) -> str:
        data = self.register.rows[row] if self.register else None
        return f"Row {data.row_number}, {data.name}" if data else f"Row {row + 1}"

    def _clear_cell(self, row: int, column: int) -> None:
        self._raw.pop((row, column), None)
        self._errors.pop((row, column), None)

    def setData(self, index: Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() \
                or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row, column = index.row(), index.column()
        text = "" if value is None else str(value).strip()
        entry = self._entries[row]
        if column == self.OUTCOME:
            self._set_outcome(row, text.upper() or None)
            self._emit_row(row)
            return True
        self._clear_cell(row, column)
        try:
            self._assign(entry, column, text)
        except ValueError as exc:
            self._raw[(row, column)] = text
            self._errors[(row, column)] = f"{self._label(row)}: {exc}"
        self._emit_row(row)
        return True

    def _assign(self, entry: RegisterEntry, column: int, text: str) -> None:
        if column in (self.START, self.END):
            value = parse_time(text)
            if column == self.START:
                entry.start_time = value
            else:
                entry.end_time = value
        elif column == self.PENALTY:
            if text and not text.isdigit():
                raise ValueError("penalty minutes must be a whole number, 0 or more.")
            entry.penalty_minutes = int(text or 0)
        elif column in (self.QUALITY, self.BEHAVIOUR):
            rating = match_choice(text, list(RATING_TEXT.values()))
            if text and rating is None:
                raise ValueError(f"{text} is not a rating. Type E, G, S, P or U.")
            value = next((r for r, t in RATING_TEXT.items() if t == rating), None)
            if column == self.QUALITY:
                entry.work_quality = value
            else:
                entry.behaviour = value
        elif column == self.HI_VIS:
            entry.hi_vis_worn = self._yes_no(text, allow_blank=True)
        elif column == self.NOTES:
            entry.notes = text or None
        elif column == self.SENSITIVE:
            entry.notes_sensitive = bool(self._yes_no(text, allow_blank=True))

    @staticmethod
    def _yes_no(text: str, *, allow_blank: bool) -> bool | None:
        choice = match_choice(text, list(YES_NO))
        if choice is None:
            if text or not allow_blank:
                raise ValueError(f"{text} is not yes or no. Type Y or N.")
            return None
        return choice == "Yes"

    def _emit_row(self, row: int) -> None:
        emit_data_changed(self, self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def _emit_all(self) -> None:
        if self._entries:
            emit_data_changed(self, self.index(0, 0),
                              self.index(len(self._entries) - 1, len(self.COLUMNS) - 1))

    # Showing -----------------------------------------------------------------------------

    def credit_estimate(self, row: int) -> int:
        """Rule UPW-12 on the draft; the saved figure when the row is unchanged."""
        assert self.register is not None
        saved = self.register.rows[row]
        entry = self._entries[row]
        if entry == saved.to_entry():
            return saved.minutes_credited
        return credit_minutes(outcome_code=entry.outcome_code, start=entry.start_time,
                              end=entry.end_time, penalty_minutes=entry.penalty_minutes,
                              break_minutes=self.register.break_minutes,
                              owed_minutes=saved.minutes_owed)

    def _text(self, row: int, column: int) -> str:
        if (row, column) in self._raw:
            return self._raw[(row, column)]
        data, entry = self._shown().rows[row], self._entries[row]
        if column == self.ROW:
            return str(data.row_number)
        if column == self.NAME:
            return data.name
        if column == self.CRN:
            return data.crn
        if column == self.OUTCOME:
            return entry.outcome_code or ""
        if not self.is_applicable(row, column):
            return ""
        if column == self.START:
            return format_time(entry.start_time)
        if column == self.END:
            return format_time(entry.end_time)
        if column == self.PENALTY:
            return str(entry.penalty_minutes) if entry.penalty_minutes else ""
        if column == self.QUALITY:
            return RATING_TEXT.get(entry.work_quality, "") if entry.work_quality else ""
        if column == self.BEHAVIOUR:
            return RATING_TEXT.get(entry.behaviour, "") if entry.behaviour else ""
        if column == self.HI_VIS:
            return "" if entry.hi_vis_worn is None else YES_NO[0 if entry.hi_vis_worn else 1]
        if column == self.NOTES:
            return entry.notes or ""
        if column == self.SENSITIVE:
            return "Yes" if entry.notes_sensitive else ""
        if column == self.CREDIT:
            return format_minutes(self.credit_estimate(row)) if is_attended(
                entry.outcome_code) else ""
        return ""

    def _changed(self, row: int, column: int) -> bool:
        field = self.COLUMNS[column].field
        if field is None or field == "appointment_id":
            return False
        saved = self._shown().rows[row]
        return (row, column) in self._raw or getattr(self._entries[row], field) != getattr(
            saved, field)

    def _tooltip(self, row: int, column: int) -> str | None:
        if (row, column) in self._errors:
            return self._errors[(row, column)]
        data, entry = self._shown().rows[row], self._entries[row]
        if column == self.OUTCOME:
            if data.decided:
                return ("A warning or breach referral is recorded for this failure, so its "
                        "outcome cannot change.")
            return outcome_text(entry.outcome_code) or self.COLUMNS[column].tooltip
        if column == self.NAME:
            return f"{data.name} ({data.crn})" + (f", picked up at {data.pickup}"
                                                  if data.pickup else "")
        if column == self.NOTES and entry.notes:
            return entry.notes
        if column == self.SENSITIVE and data.notes_sensitive:
            return "These notes were saved as sensitive; that cannot be undone."
        if column in self.ATTENDED_ONLY and not self.is_applicable(row, column):
            return "Only for someone who attended."
        if column == self.CREDIT and is_attended(entry.outcome_code):
            owed = format_minutes(data.minutes_owed)
            return (f"Credited (hours:minutes). The order still owed {owed} before this "
                    "session." + ("" if not self._row_changed(row)
                                  else " An estimate until the register is saved."))
        return self.COLUMNS[column].tooltip

    def _shown(self) -> Register:
        """The register shown: its cells are only asked for once there is one."""
        assert self.register is not None
        return self.register

    def _row_changed(self, row: int) -> bool:
        return self._entries[row] != self._shown().rows[row].to_entry()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.register is None or index.row() >= len(self._entries) \
                or index.column() >= len(self.COLUMNS):
            return None
        row, column = index.row(), index.column()
        if is_masked(self.register.rows[row]) and role in (
                Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                Qt.ItemDataRole.ToolTipRole) and column not in (self.ROW, self.NAME, self.CRN):
            # A restricted case this member is not named on (rule ACC-2): not theirs to key.
            if role == Qt.ItemDataRole.ToolTipRole:
                return RESTRICTED_MESSAGE
            return RESTRICTED_TEXT if column == self.OUTCOME else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column)
        if role == RowRole:
            return self.register.rows[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self._errors.get((row, column))
        if role == Qt.ItemDataRole.BackgroundRole:
            if (row, column) in self._errors:
                return _ERROR_BRUSH
            return _CHANGED_BRUSH if self._changed(row, column) else None
        if role == Qt.ItemDataRole.DecorationRole and (row, column) in self._errors:
            return self._warning_icon
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.ROW, self.CRN):
            return _MUTED_BRUSH
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self.COLUMNS[column].numeric:
                return _RIGHT
            if column in (self.START, self.END, self.HI_VIS, self.SENSITIVE):
                return _CENTRE
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.COLUMNS[section].header
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.COLUMNS[section].tooltip
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _RIGHT if self.COLUMNS[section].numeric else int(
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole \
                and self.register is not None and 0 <= section < len(self._entries):
            return self.register.rows[section].row_number
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or self.register is None:
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row, column = index.row(), index.column()
        data = self.register.rows[row]
        if is_masked(data):
            return base
        editable = column in (self.OUTCOME, self.NOTES, self.SENSITIVE) \
            or (column in self.ATTENDED_ONLY and self.is_applicable(row, column))
        if column == self.OUTCOME and data.decided:
            editable = False
        if column == self.SENSITIVE and data.notes_sensitive:
            editable = False
        return base | Qt.ItemFlag.ItemIsEditable if editable else base

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)


def emit_data_changed(model: QAbstractTableModel, top_left: QModelIndex,
                      bottom_right: QModelIndex) -> None:
    """Emit ``model.dataChanged`` through Qt's meta-object system.

    PySide6 6.12.0's ``SignalInstance.emit()`` drops a reference to ``True`` on each call;
    on Python 3.11 enough of them abort the interpreter ("bool_dealloc"). Keying a register
    changes data on every keystroke, so this signal is not emitted from Python.
    """
    QMetaObject.invokeMethod(model, "dataChanged", Qt.ConnectionType.DirectConnection,
                             Q_ARG(QModelIndex, top_left), Q_ARG(QModelIndex, bottom_right),
                             Q_ARG("QList<int>", []))


def match_choice(text: str, choices: list[str]) -> str | None:
    """The choice ``text`` names: an exact match, else the first starting with it."""
    wanted = text.strip().casefold()
    if not wanted:
        return None
    for choice in choices:
        if choice.casefold() == wanted:
            return choice
    return next((c for c in choices if c.casefold().startswith(wanted)), None)
