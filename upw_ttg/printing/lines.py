"""Lines of plain text in mixed fonts, wrapped by word: a cheap stand-in for a Paragraph.

A Paragraph parses markup and lays out fragments; a work-sheet batch has thousands of cells
whose text needs neither. These lines are measured with ``stringWidth`` and drawn with
``drawString``, and never cut short: a long line wraps onto the next.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from upw_ttg.printing.styles import INK

# (text, font name, size in points); a line is one or more segments run together.
Segment = tuple[str, str, float]
Line = Sequence[Segment]
_Placed = tuple[str, str, float, float]  # text, font, size, x


def wrap_line(line: Line, width: float) -> list[list[_Placed]]:
    """``line`` broken at spaces into rows no wider than ``width`` (a single word wider than
    that keeps a row of its own)."""
    placed = []
    x = 0.0
    for text, font, size in line:
        used = stringWidth(text, font, size)
        placed.append((text, font, size, x))
        x += used
    if x <= width:
        return [placed]
    rows: list[list[_Placed]] = [[]]
    x = 0.0
    for text, font, size in line:
        words = text.split(" ")
        for index, word in enumerate(words):
            piece = word if index == 0 else " " + word
            used = stringWidth(piece, font, size)
            if x + used > width and rows[-1]:
                rows.append([])
                x = 0.0
                piece = piece.lstrip(" ")
                used = stringWidth(piece, font, size)
            last = rows[-1][-1] if rows[-1] else None
            if last is not None and last[1] == font and last[2] == size:
                rows[-1][-1] = (last[0] + piece, font, size, last[3])
            else:
                rows[-1].append((piece, font, size, x))
            x += used
    return rows


class TextLines(Flowable):
    """Plain text lines, each of one or more segments in their own font, wrapped to the space
    given. Every character of every line is drawn."""

    def __init__(self, lines: Sequence[Line], *, leading: float = 1.15,
                 color: Color = INK) -> None:
        super().__init__()
        self._lines = lines
        self._leading = leading
        self._color = color
        self._rows: list[list[_Placed]] = []
        self._for_width: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width != self._for_width:
            self._rows = [row for line in self._lines for row in wrap_line(line, avail_width)]
            self._for_width = avail_width
            self.height = sum(self._row_height(row) for row in self._rows)
        self.width = avail_width
        return self.width, self.height

    def _row_height(self, row: list[_Placed]) -> float:
        return max((size for _t, _f, size, _x in row), default=0) * self._leading

    def draw(self) -> None:
        # One text object for every line: each drawString would begin and end its own.
        text_object = self.canv.beginText()
        text_object.setFillColor(self._color)
        top = self.height
        for row in self._rows:
            top -= self._row_height(row)
            baseline = top + max((size for _t, _f, size, _x in row), default=0) * 0.2
            for text, font, size, x in row:
                text_object.setFont(font, size)
                text_object.setTextOrigin(x, baseline)
                text_object.textOut(text)
        self.canv.drawText(text_object)
