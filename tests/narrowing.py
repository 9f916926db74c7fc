"""Optional values a test has made present (an opened dialog, a found row), failing otherwise."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def present(value: T | None) -> T:
    """``value``, failing the test where it is None (a dialog not opened, a row not found)."""
    assert value is not None, "expected a value, got None"
    return value


def shown(value: object, kind: type[T]) -> T:
    """``value`` as a ``kind`` (such as the dialog a page has just opened of several it may)."""
    assert isinstance(value, kind), f"expected a {kind.__name__}, got {value!r}"
    return value
