"""Finding every public service method and making hostile arguments from its annotations."""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import datetime as dt
import enum
import inspect
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import event, func, select
from sqlalchemy.orm import DeclarativeBase, Session

from upw_ttg.bootstrap import AppServices
from upw_ttg.storage.database import Database
from upw_ttg.storage.models import Base

# Attributes of the application (and of its service groups) that are not services.
NOT_SERVICES = AppServices.HOUSEKEEPING
HOSTILE_TEXTS = (
    "", " ", "x" * 61, "x" * 201, "y" * 4001, "z" * 70_000, "nul\x00inside", "bell\x07",
    "line\nbreak\ttab", "escape\x1b[31m", "lone \ud800 surrogate", "\udfff", "\u202eright-to-left",
    "'; DROP TABLE person; --", "=HYPERLINK(\"x\")", "\ufeffbom", "é" * 300, "🙂" * 100,
)
HOSTILE_INTS = (-1, 0, -(2**31) - 1, 2**31, 2**31 - 1, 2**63, -(2**63) - 1, 2**64, 10**30)
NEAR_TODAY = dt.date(2026, 11, 26)


@dataclass(frozen=True)
class WalkedMethod:
    """One public service method: ``path`` like ``upw.sessions.generate``, found by walking."""

    path: str
    owner_path: tuple[str, ...]
    name: str

    def bind(self, app: Any) -> Callable[..., Any]:
        owner = app
        for part in self.owner_path:
            owner = getattr(owner, part)
        return getattr(owner, self.name)


def _is_service(value: Any) -> bool:
    return type(value).__module__.startswith("upw_ttg.services")


def walk_methods(app: Any) -> list[WalkedMethod]:
    """Every public bound method reachable from the application's services, sorted by path.

    Methods that take a database session or an ORM row are helpers that services pass to
    one another, not something a screen can call, so they are left out.
    """
    found: list[WalkedMethod] = []
    seen: set[int] = set()

    def visit(obj: Any, owner_path: tuple[str, ...]) -> None:
        for name in dir(obj):
            if name.startswith("_") or name in NOT_SERVICES:
                continue
            value = getattr(obj, name)
            if inspect.ismethod(value):
                if not _takes_internal_objects(value):
                    found.append(WalkedMethod(".".join((*owner_path, name)), owner_path, name))
            elif _is_service(value) and id(value) not in seen:
                seen.add(id(value))
                visit(value, (*owner_path, name))

    visit(app, ())
    return sorted(found, key=lambda method: method.path)


def _takes_internal_objects(method: Callable[..., Any]) -> bool:
    for hint in typing.get_type_hints(method).values():
        for part in _flatten(hint):
            if isinstance(part, type) and (issubclass(part, (Session, DeclarativeBase))):
                return True
    return False


def _flatten(hint: Any) -> Iterator[Any]:
    yield hint
    for arg in typing.get_args(hint):
        yield from _flatten(arg)


class ArgumentMaker:
    """Builds a hypothesis strategy for each parameter from its annotation and name."""

    def __init__(self, known_texts: list[str], tmp_dir: Path):
        self.known_texts = sorted(set(known_texts)) or ["A"]
        self.tmp_dir = tmp_dir

    def text(self) -> st.SearchStrategy[str]:
        return st.one_of(st.sampled_from(self.known_texts), st.sampled_from(HOSTILE_TEXTS),
                         st.text(max_size=12))

    def integer(self, name: str = "") -> st.SearchStrategy[int]:
        small = st.integers(min_value=1, max_value=12)
        if name in {"minutes", "days"}:
            small = st.integers(min_value=-600, max_value=600)
        if name in {"limit", "offset"}:
            small = st.integers(min_value=0, max_value=100)
        return st.one_of(small, st.sampled_from(HOSTILE_INTS))

    def date(self) -> st.SearchStrategy[dt.date]:
        near = st.dates(min_value=NEAR_TODAY - dt.timedelta(days=400),
                        max_value=NEAR_TODAY + dt.timedelta(days=400))
        edges = st.sampled_from((dt.date.min, dt.date.max, dt.date(1, 1, 2), dt.date(9999, 12, 30),
                                 dt.date(1899, 12, 31), dt.date(2101, 1, 1),
                                 dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
        return st.one_of(near, edges, st.dates())

    def datetime(self) -> st.SearchStrategy[dt.datetime]:
        return st.builds(dt.datetime.combine, self.date(), st.times())

    def for_hint(self, hint: Any, name: str = "") -> st.SearchStrategy[Any]:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if hint is type(None) or hint is None:
            return st.none()
        if origin in (typing.Union, types.UnionType):
            return st.one_of(*(self.for_hint(arg, name) for arg in args))
        if hint is typing.Any:
            return st.one_of(st.none(), self.integer(), self.text())
        if hint is types.EllipsisType or hint is type(Ellipsis):
            return st.just(Ellipsis)
        if origin is typing.Literal:
            return st.sampled_from(args)
        if origin in (list, cabc.Sequence, cabc.Iterable, cabc.Collection):
            return st.lists(self.for_hint(args[0] if args else Any, name), max_size=3)
        if origin in (set, frozenset, cabc.Set):
            return st.frozensets(self.for_hint(args[0], name), max_size=3).map(origin or set)
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return st.lists(self.for_hint(args[0], name), max_size=3).map(tuple)
            return st.tuples(*(self.for_hint(arg, name) for arg in args))
        if origin in (dict, cabc.Mapping):
            return st.dictionaries(self.for_hint(args[0], name), self.for_hint(args[1], name),
                                   max_size=2)
        if origin is cabc.Callable or hint is cabc.Callable:
            returns = args[-1] if args else None
            return st.just(_falsy_callable if returns is bool else _quiet_callable)
        if not isinstance(hint, type):
            raise TypeError(f"No hostile inputs for {hint!r}; teach ArgumentMaker about it.")
        if issubclass(hint, bool):
            return st.booleans()
        if issubclass(hint, enum.Enum):
            return st.sampled_from(list(hint))
        if issubclass(hint, int):
            return self.integer(name)
        if issubclass(hint, str):
            return self.text()
        if issubclass(hint, Decimal):
            return st.one_of(st.decimals(min_value=-1000, max_value=1000, places=2),
                             st.sampled_from([Decimal("NaN"), Decimal("Infinity"),
                                              Decimal("1e40"), Decimal("-0.001")]))
        if issubclass(hint, float):
            return st.one_of(st.floats(min_value=-1000, max_value=1000),
                             st.sampled_from([float("nan"), float("inf"), 1e300]))
        if issubclass(hint, dt.datetime):
            return self.datetime()
        if issubclass(hint, dt.date):
            return self.date()
        if issubclass(hint, dt.time):
            return st.times()
        if issubclass(hint, dt.timedelta):
            return st.timedeltas(min_value=dt.timedelta(days=-3), max_value=dt.timedelta(days=3))
        if issubclass(hint, bytes):
            return st.binary(max_size=20)
        if issubclass(hint, Path):
            return st.just(self.tmp_dir / "out.pdf")
        if dataclasses.is_dataclass(hint):
            return self.for_dataclass(hint)
        raise TypeError(f"No hostile inputs for {hint!r}; teach ArgumentMaker about it.")

    def for_dataclass(self, cls: type) -> st.SearchStrategy[Any]:
        """A form's record: any field may also be left empty (None), as a form can send it."""
        hints = typing.get_type_hints(cls)

        def empty_or(hint: Any, name: str) -> st.SearchStrategy[Any]:
            return st.deferred(lambda: self.for_hint(hint, name) | st.none())

        fields = {field.name: empty_or(hints[field.name], field.name)
                  for field in dataclasses.fields(cls) if field.init}
        return st.builds(cls, **fields)

    def for_method(self, method: Callable[..., Any]) -> st.SearchStrategy[dict[str, Any]]:
        """Keyword arguments for every parameter, required or not."""
        hints = typing.get_type_hints(method)
        signature = inspect.signature(method)
        return st.fixed_dictionaries({name: self.for_hint(hints.get(name, Any), name)
                                      for name in signature.parameters})


def _quiet_callable(*_args: Any) -> None:
    return None


def _falsy_callable(*_args: Any) -> bool:
    return False


def known_texts(db: Database) -> list[str]:
    """Short texts already in the database (codes, keys, names): plausible inputs that reach
    deeper than a refusal of an unknown code."""
    texts: list[str] = []
    with db.read() as session:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if column.name in {"code", "key", "username", "language"} or \
                        column.name.endswith("_code"):
                    rows = session.execute(select(column).distinct().limit(20)).scalars()
                    texts.extend(str(value) for value in rows if value is not None)
    return texts


def row_counts(db: Database) -> dict[str, int]:
    """Rows in every table, in one query."""
    tables = Base.metadata.sorted_tables
    query = select(*(select(func.count()).select_from(table).scalar_subquery().label(table.name)
                     for table in tables))
    with db.read() as session:
        row = session.execute(query).one()
    return dict(zip((table.name for table in tables), row, strict=True))


class CommitCounter:
    """Counts committed transactions that changed at least one row (an empty write
    transaction commits too, but saves nothing)."""

    _CHANGED = "hostile_walk_changed_rows"

    def __init__(self, db: Database):
        self.count = 0
        event.listen(db.engine, "after_cursor_execute", self._after_execute)
        event.listen(db.engine, "commit", self._on_commit)
        event.listen(db.engine, "rollback", self._on_rollback)

    def _after_execute(self, connection: Any, cursor: Any, _statement: str, _parameters: Any,
                       context: Any, _executemany: bool) -> None:
        if context is not None and (context.isinsert or context.isupdate or context.isdelete) \
                and cursor.rowcount != 0:
            connection.info[self._CHANGED] = True

    def _on_commit(self, connection: Any) -> None:
        if connection.info.pop(self._CHANGED, False):
            self.count += 1

    def _on_rollback(self, connection: Any) -> None:
        connection.info.pop(self._CHANGED, None)
