"""A stub that notes each call and then answers: ``lambda x: appended(calls, x) or answer``."""

from __future__ import annotations

from typing import Literal, TypeVar

T = TypeVar("T")


def appended(log: list[T], item: T) -> Literal[False]:
    """Append ``item`` to ``log``; False, so ``or`` goes on to the stub's answer."""
    log.append(item)
    return False
