"""Pages of a list: the screen asks for the rows it shows and fetches more as the user scrolls."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, TypeVarTuple

from upw_ttg.errors import ValidationError

if TYPE_CHECKING:  # the screens import PAGE_ROWS before the data layer has loaded
    from sqlalchemy import Select

_T = TypeVar("_T")
_Ts = TypeVarTuple("_Ts")

# Rows a list screen asks for at a time: more than a tall window shows, few enough to be quick.
PAGE_ROWS = 200
# No page is larger: a caller that wants everything leaves the limit out.
MOST_ROWS = 100_000


def check_page(limit: int | None, offset: int) -> None:
    """Refuse a page that cannot be meant (a negative offset, an empty or enormous page)."""
    problems = {}
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)
                              or not 1 <= limit <= MOST_ROWS):
        problems["limit"] = f"A page holds from 1 to {MOST_ROWS:,} rows."
    if isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= 2**31:
        problems["offset"] = "A page starts at row 0 or later."
    if problems:
        raise ValidationError(problems)


def paged(query: Select[*_Ts], limit: int | None, offset: int = 0) -> Select[*_Ts]:
    """``query`` (which must have a total order) cut to one page; the whole list if no limit."""
    check_page(limit, offset)
    if limit is not None:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    return query


def page_of(rows: list[_T], limit: int | None, offset: int = 0) -> list[_T]:
    """One page of a list already worked out in full (its order is computed, not stored)."""
    check_page(limit, offset)
    return rows[offset:] if limit is None else rows[offset:offset + limit]
