"""The register grid: type-ahead code editors, and Tab or Enter moving cell by cell, row by row."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
)
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from upw_ttg.domain.validation import MAX_LONG_TEXT

from ui.models.attendance.register_model import (
    RATING_TEXT,
    YES_NO,
    RegisterTableModel,
    match_choice,
    outcome_text,
)

_M = RegisterTableModel


class CompletingEdit(QLineEdit):
    """A line edit that completes what is typed from a short list, in place.

    Typing ``at`` shows ``ATTC`` with ``TC`` selected, so Tab or Enter takes it and another
    letter narrows it (``ats`` -> ``ATSH``). Deleting never re-completes.
    """

    def __init__(self, choices: Sequence[str] = (), *, upper: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._choices = list(choices)
        self._upper = upper
        self._previous = ""
        self.textEdited.connect(self._on_text_edited)

    def set_choices(self, choices: Sequence[str]) -> None:
        self._choices = list(choices)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # What the user has typed so far: the completed (selected) part does not count.
        text, start = self.text(), self.selectionStart()
        if self.hasSelectedText() and start >= 0:
            text = text[:start] + text[start + len(self.selectedText()):]
        self._previous = text
        super().keyPressEvent(event)

    def _on_text_edited(self, text: str) -> None:
        typed = text.upper() if self._upper else text
        growing = len(typed) > len(self._previous)
        if not growing or not typed.strip():
            if typed != text:
                self.setText(typed)
            return
        choice = next((c for c in self._choices if c.casefold().startswith(typed.casefold())),
                      None)
        if choice is None:
            if typed != text:
                self.setText(typed)
            return
        self.setText(choice)
        self.setSelection(len(typed), len(choice) - len(typed))

    def chosen(self) -> str:
        """The text, as the choice it names when it names one."""
        return match_choice(self.text(), self._choices) or self.text().strip()


class RegisterDelegate(QStyledItemDelegate):
    """Editors for each register column; Enter commits and moves on like Tab.

    ``on_editor_text(text)`` is told, as the user types an outcome, what the code means.
    It is a plain callback, and Enter is handled by Qt's own Tab handling, so that typing
    emits no signal from Python (see ``emit_data_changed`` for why).
    """

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.active_editor: QLineEdit | None = None
        self.on_editor_text: Callable[[str], None] | None = None

    def _describe(self, codes: Sequence[str], text: str) -> None:
        if self.on_editor_text is not None:
            self.on_editor_text(outcome_text(match_choice(text, list(codes)) or text.upper()))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        """A cell with a problem stays red when selected, outlined in the selection colour."""
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if not (selected and index.data(Qt.ItemDataRole.AccessibleDescriptionRole)):
            super().paint(painter, option, index)
            return
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, index)
        painter.save()
        painter.setPen(QPen(QColor("#1f5f8b"), 2))
        painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
        painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        model = index.model()
        column = index.column()
        if column == _M.OUTCOME:
            codes = model.outcome_codes() if isinstance(model, RegisterTableModel) else ()
            editor: QLineEdit = CompletingEdit(codes, upper=True, parent=parent)
            editor.setMaxLength(4)
            editor.textChanged.connect(lambda text: self._describe(codes, text))
        elif column in (_M.QUALITY, _M.BEHAVIOUR):
            editor = CompletingEdit(list(RATING_TEXT.values()), parent=parent)
        elif column in (_M.HI_VIS, _M.SENSITIVE):
            editor = CompletingEdit(YES_NO, parent=parent)
        elif column == _M.PENALTY:
            editor = QLineEdit(parent)
            # Empty is acceptable (no penalty), so Tab and Enter can always move on.
            editor.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,3}"),
                                                            editor))
        elif column in (_M.START, _M.END):
            editor = QLineEdit(parent)
            editor.setMaxLength(5)
        else:
            editor = QLineEdit(parent)
            editor.setMaxLength(MAX_LONG_TEXT)
        header = model.headerData(column, Qt.Orientation.Horizontal)
        number = model.headerData(index.row(), Qt.Orientation.Vertical)
        editor.setAccessibleName(f"{header}, row {number}")
        editor.setFrame(False)
        self.active_editor = editor
        editor.destroyed.connect(self._on_editor_destroyed)
        return editor

    def _on_editor_destroyed(self, _obj: QObject | None = None) -> None:
        self.active_editor = None

    def setEditorData(self, editor: QWidget,
                      index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)  # the only editor this delegate makes
        text = editor.chosen() if isinstance(editor, CompletingEdit) else editor.text()
        model.setData(index, text, Qt.ItemDataRole.EditRole)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QLineEdit) and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            tab = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
            return super().eventFilter(watched, tab)
        return super().eventFilter(watched, event)


class RegisterTableView(QTableView):
    """Moves only between cells that can be typed in, left to right, then the next row."""

    def __init__(self, model: RegisterTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.register_delegate = RegisterDelegate(self)
        self.setItemDelegate(self.register_delegate)
        self.setAccessibleName("Register: one row per person, in work-sheet order")
        self.setTabKeyNavigation(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)

    @property
    def register_model(self) -> RegisterTableModel:
        model = self.model()
        assert isinstance(model, RegisterTableModel)
        return model

    def editable_cells(self) -> list[tuple[int, int]]:
        model = self.register_model
        return [(row, column) for row in range(model.rowCount())
                for column in range(model.columnCount())
                if model.flags(model.index(row, column)) & Qt.ItemFlag.ItemIsEditable]

    def step(self, forward: bool = True) -> QModelIndex:
        """The next (or previous) cell that can be typed in, in reading order."""
        model = self.register_model
        current = self.currentIndex()
        here = (current.row(), current.column()) if current.isValid() else None
        cells = self.editable_cells()
        if not forward:
            cells.reverse()
        for cell in cells:
            if here is None or (cell > here if forward else cell < here):
                return model.index(*cell)
        return QModelIndex()

    def moveCursor(self, cursor_action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        if cursor_action == QAbstractItemView.CursorAction.MoveNext:
            return self.step(True)
        if cursor_action == QAbstractItemView.CursorAction.MovePrevious:
            return self.step(False)
        return super().moveCursor(cursor_action, modifiers)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and self.state() != QAbstractItemView.State.EditingState:
            target = self.step(not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if target.isValid():
                self.setCurrentIndex(target)
            event.accept()
            return
        super().keyPressEvent(event)

    def commit_editor(self) -> None:
        """Take what is in the open editor, if any (before saving)."""
        editor = self.register_delegate.active_editor
        if editor is not None and self.state() == QAbstractItemView.State.EditingState:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def selected_rows(self) -> list[int]:
        model = self.selectionModel()
        rows = {index.row() for index in model.selectedIndexes()} if model else set()
        if not rows and self.currentIndex().isValid():
            rows = {self.currentIndex().row()}
        return sorted(rows)

    def go_to(self, row: int, column: int = _M.OUTCOME) -> None:
        index = self.register_model.index(row, column)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)
            self.setFocus(Qt.FocusReason.OtherFocusReason)
