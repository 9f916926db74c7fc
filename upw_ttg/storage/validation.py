"""The last check before the database: every value sent in a statement fits its column.

One guard on the engine sees every statement (ORM flushes, bulk inserts and queries alike), so
SQLite and PostgreSQL refuse the same values with the same plain-words ValidationError, where
otherwise SQLite would store a too-long text that PostgreSQL rejects, or the driver would fail
on a lone surrogate or a number beyond 64 bits. Services check their own rules first; this
catches what they did not think of, including code written later.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from functools import cache
from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Engine,
    Integer,
    SmallInteger,
    String,
    Table,
    Text,
    event,
)
from sqlalchemy.engine import ExecutionContext
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.sql.compiler import SQLCompiler

from upw_ttg.domain.validation import (
    control_character_problem,
    date_of_record_problem,
    field_label,
    number_problem,
)
from upw_ttg.errors import ValidationError

INT16 = 2**15
INT32 = 2**31
INT64 = 2**63
# Texts this long or longer are notes and reasons typed in a multi-line box.
MULTI_LINE_LENGTH = 200
_BIND_SUFFIX = re.compile(r"_\d+$")
# A statement sent in batches (insertmanyvalues) passes the guard once per batch, with the
# parameters of every row each time: check them the first time only.
_CHECKED: weakref.WeakSet[ExecutionContext] = weakref.WeakSet()
# What each parameter name of a compiled statement is, kept while SQLAlchemy keeps the compiled
# statement cached: a query run again (with an IN list of hundreds) is not worked out again.
_RESOLVED: weakref.WeakKeyDictionary[SQLCompiler, dict[str, tuple[Any, ...]]] = (
    weakref.WeakKeyDictionary())

__all__ = ["guard_engine"]


def _integer_limit(column_type: Any) -> int:
    """The size of a whole number the type holds; 64 bits when the type is not an integer."""
    if isinstance(column_type, SmallInteger):
        return INT16
    if isinstance(column_type, BigInteger):
        return INT64
    if isinstance(column_type, Integer):
        return INT32
    return INT64


def _allows_line_breaks(column_type: Any) -> bool:
    if isinstance(column_type, Text):
        return True
    length = getattr(column_type, "length", None)
    return length is None or length >= MULTI_LINE_LENGTH


@cache
def _column_kind(column: Any) -> tuple[str, int | None, bool, int]:
    """(kind of value, text length, line breaks allowed, whole-number limit) of a column,
    worked out once per column: the guard runs on every value of every bulk insert."""
    column_type = column.type
    if isinstance(column_type, String):
        return "text", column_type.length, _allows_line_breaks(column_type), 0
    if isinstance(column_type, Integer):
        return "number", None, False, _integer_limit(column_type)
    if isinstance(column_type, (Date, DateTime)):
        return "date", None, False, 0
    return "other", None, False, 0


def _stored_value_problem(label: str, value: Any, column: Any) -> str | None:
    """What is wrong with ``value`` for a column it is about to be written to."""
    if value is None:
        if not column.nullable and not column.primary_key:
            return f"Enter the {label}."
        return None
    kind, length, line_breaks, limit = _column_kind(column)
    if kind == "text" and isinstance(value, str):
        if length is not None and len(value) > length:
            return f"The {label} is too long: at most {length} characters."
        return control_character_problem(label, value, line_breaks=line_breaks)
    if kind == "number" and isinstance(value, int) and not isinstance(value, bool):
        return number_problem(label, value, limit=limit)
    if kind == "date" and isinstance(value, dt.date):
        return date_of_record_problem(label, value)
    return None


def _query_value_problem(label: str, value: Any, bind_type: Any) -> str | None:
    """What the database cannot compare with: text it cannot store, and a number beyond the
    column's size (PostgreSQL casts the parameter to the column's type, and fails)."""
    if isinstance(value, str):
        return control_character_problem(label, value, line_breaks=True)
    if isinstance(value, int) and not isinstance(value, bool):
        return number_problem(label, value, limit=_integer_limit(bind_type))
    return None


def _written_table(context: ExecutionContext) -> Table | None:
    if not (context.isinsert or context.isupdate):
        return None
    table = getattr(getattr(context.compiled, "statement", None), "table", None)
    return table if isinstance(table, Table) else None


def _resolve(name: str, table: Table | None, binds: dict[str, Any]) -> tuple[Any, ...]:
    """(field, label, column written, bind type, whole-number limit) for one parameter name
    of a statement."""
    field = _BIND_SUFFIX.sub("", name)
    # An expanded IN (...) list names its members after the list: id_1_1, id_1_2...
    bind = binds.get(name)
    if bind is None:
        bind = binds.get(field)
    column = table.columns.get(name) if table is not None else None
    bind_type = bind.type if bind is not None else None
    return field, field_label(name), column, bind_type, _integer_limit(bind_type)


def _check_parameters(context: ExecutionContext) -> None:
    compiled = context.compiled
    if not isinstance(compiled, SQLCompiler) or context in _CHECKED:
        return  # a raw string or DDL (migrations): nothing typed by a user
    _CHECKED.add(context)
    table = _written_table(context)
    binds = compiled.binds
    # Names are the same in every row of a batch: work out what each one is only once.
    resolved = _RESOLVED.get(compiled)
    if resolved is None:
        resolved = _RESOLVED[compiled] = {}
    problems: dict[str, str] = {}
    # The default execution context (every dialect's) keeps each row's parameters.
    for parameters in cast(DefaultExecutionContext, context).compiled_parameters:
        for name, value in parameters.items():
            target = resolved.get(name)
            if target is None:
                target = resolved[name] = _resolve(name, table, binds)
            field, label, column, bind_type, limit = target
            if column is not None:
                if value is None and column.nullable:
                    continue
                problem = _stored_value_problem(label, value, column)
            elif value is None or isinstance(value, bool):
                continue
            elif type(value) is int:
                # The common case (a reference in a query), checked without the general path.
                problem = None if -limit <= value < limit else number_problem(
                    label, value, limit=limit)
            elif isinstance(value, (list, tuple)):
                # An IN (...) list: each member must be a value the database can compare.
                problem = next(filter(None, (_query_value_problem(label, item, bind_type)
                                             for item in value)), None)
            else:
                problem = _query_value_problem(label, value, bind_type)
            if problem and field not in problems:
                problems[field] = problem
    if problems:
        raise ValidationError(problems)


def guard_engine(engine: Engine) -> None:
    """Refuse, before the driver sees them, values the database would reject or mangle."""

    @event.listens_for(engine, "before_cursor_execute")
    def _before_cursor_execute(_connection: Any, _cursor: Any, statement: str,
                               parameters: Any, context: ExecutionContext | None,
                               _executemany: bool) -> None:
        if context is not None:
            _check_parameters(context)
