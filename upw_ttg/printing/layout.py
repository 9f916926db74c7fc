"""Staff documents on A4: headings kept with what they head, columns wide enough for words."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Table

from upw_ttg.printing import fonts, styles

# The body of a portrait page, where the staff packs are laid out.
FRAME_WIDTH = A4[0] - 2 * styles.MARGIN_SIDE
# A heading keeps at least a table's header and this many rows beneath it on its page.
_ROWS_WITH_HEADING = 2
# Of anything else, this much (about four lines of text) must fit under the heading.
_START_OF_TEXT = 48
_TAG = re.compile(r"<[^>]+>")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&nbsp;": " ", "&quot;": '"'}


def start_height(content: Sequence[Flowable], width: float = FRAME_WIDTH) -> float:
    """How much of ``content`` must share a page with its heading: a table's header and first
    rows, or the first few lines of anything else, never the whole of a long table."""
    needed = 0.0
    for flowable in content:
        _width, height = flowable.wrap(width, 10**6)
        if isinstance(flowable, Table):
            rows: list[float] = list(getattr(flowable, "_rowHeights", ()) or [height])
            return needed + sum(rows[:flowable.repeatRows + _ROWS_WITH_HEADING])
        if height >= _START_OF_TEXT:
            return needed + _START_OF_TEXT
        needed += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return needed


def heading_with(heading: Flowable, content: Sequence[Flowable],
                 width: float = FRAME_WIDTH) -> list[Flowable]:
    """``heading`` then ``content``, moved to a new page together if the heading and the
    start of the content would not fit: a heading is never the last thing on a page, and an
    empty section (a heading and one line) needs only the room it takes."""
    _width, height = heading.wrap(width, 10**6)
    room = height + heading.getSpaceBefore() + heading.getSpaceAfter()
    return [CondPageBreak(room + start_height(content, width)), heading, *content]


def _words(cell: object) -> list[str]:
    """The words of a plain-string or paragraph cell (markup removed); none for other
    flowables, such as a table nested in a cell, which wrap on their own."""
    if isinstance(cell, Flowable):
        source = getattr(cell, "text", None)
        if not isinstance(source, str):
            return []
        cell = source
    text = _TAG.sub(" ", str(cell))
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return text.split()


def fitted_widths(rows: Sequence[Sequence[object]], preferred: Sequence[float | str],
                  width: float = FRAME_WIDTH, *, size: float = styles.TABLE_SIZE,
                  padding: float = 2 * styles.CELL_PADDING + 2) -> list[float]:
    """Column widths in points, as close to ``preferred`` (fractions of ``width``, or
    percentages such as ``"20%"``) as they
    can be while every column is wide enough for its longest word, so no word is split.

    Words are measured in bold, the widest face a cell uses. A column that needs more takes
    it from the others in proportion to the room they have to spare; when the words cannot
    all fit, the preferred widths are kept.
    """
    fonts.register_fonts()
    wanted = [(float(p.rstrip("%")) / 100 if isinstance(p, str) else p) * width
              for p in preferred]
    least = [0.0] * len(wanted)
    for row in rows:
        for index, cell in enumerate(row[:len(wanted)]):
            for word in _words(cell):
                least[index] = max(least[index], stringWidth(word, fonts.BOLD, size) + padding)
    if sum(least) > width:
        return wanted
    short = sum(max(0.0, need - have) for need, have in zip(least, wanted, strict=True))
    spare = [max(0.0, have - need) for need, have in zip(least, wanted, strict=True)]
    if not short:
        return wanted
    share = short / sum(spare)
    return [max(need, have - s * share) if have > need else need
            for need, have, s in zip(least, wanted, spare, strict=True)]
