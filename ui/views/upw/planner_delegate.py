"""Painting planner cells: the fill in bold, then marks, then warnings in dark red."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.models.upw.planner_model import CellsRole, cell_lines

PAD_X, PAD_Y, GAP = 6, 4, 6
DEFAULT_WIDTH = 140
TEXT = QColor("#1d2530")
MUTED = QColor("#4d5b68")
WARNING = QColor("#8c1d18")
_WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
Index = QModelIndex | QPersistentModelIndex


def _blocks(index: Index) -> list[list[str]]:
    """The cell's lines, one block per session (or the project's name and details)."""
    cells = index.data(CellsRole)
    if cells is not None:
        return [cell_lines(cell) for cell in cells]
    text = index.data(Qt.ItemDataRole.DisplayRole) or ""
    return [text.split("\n")] if text else []


def _height(metrics: QFontMetrics, text: str, width: int) -> int:
    """The height ``text`` takes when wrapped at ``width`` pixels."""
    return metrics.boundingRect(QRect(0, 0, max(width, 10), 10_000), _WRAP, text).height()


class PlannerCellDelegate(QStyledItemDelegate):
    """Draws each session of a cell as a small block of wrapped lines; the model's text stays
    the same for screen readers and tooltips."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter,
                                opt.widget)
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.save()
        painter.setClipRect(opt.rect)
        y = opt.rect.top() + PAD_Y
        width = opt.rect.width() - 2 * PAD_X
        project = index.column() == 0
        for number, block in enumerate(_blocks(index)):
            if number:
                y += GAP // 2
                painter.setPen(QColor("#c5cfd8"))
                painter.drawLine(opt.rect.left() + PAD_X, y, opt.rect.right() - PAD_X, y)
                y += GAP // 2
            for line_number, line in enumerate(block):
                painter.setFont(bold if line_number == 0 else opt.font)
                if line.startswith("⚠"):
                    painter.setPen(WARNING)
                elif line_number and project:
                    painter.setPen(MUTED)
                else:
                    painter.setPen(TEXT)
                height = _height(painter.fontMetrics(), line, width)
                painter.drawText(QRect(opt.rect.left() + PAD_X, y, width, height), _WRAP, line)
                y += height
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        blocks = _blocks(index)
        metrics = QFontMetrics(option.font)
        bold = QFont(option.font)
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        width = (option.rect.width() if option.rect.width() > 40 else DEFAULT_WIDTH) - 2 * PAD_X
        height = 2 * PAD_Y + GAP * max(0, len(blocks) - 1)
        height += sum(_height(bold_metrics if i == 0 else metrics, line, width)
                      for block in blocks for i, line in enumerate(block))
        if not blocks:
            height += metrics.height()
        widths = [(bold_metrics if i == 0 else metrics).horizontalAdvance(line)
                  for block in blocks for i, line in enumerate(block)]
        return QSize(min(max(widths, default=40) + 2 * PAD_X + 2, 320), height)
