"""Rule UPW-15: an order's balance, worked out by one function everywhere."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import upw_ttg
from upw_ttg.domain.orders import balance_minutes

minutes = st.integers(min_value=0, max_value=1_000 * 60)
adjustments = st.integers(min_value=-300 * 60, max_value=300 * 60)


@given(minutes, adjustments, minutes)
def test_the_balance_is_what_is_owed_and_never_below_zero(ordered, adjusted, credited):
    owed = balance_minutes(ordered, adjusted, credited)
    assert owed >= 0
    assert owed == max(0, ordered + adjusted - credited)


@given(minutes, adjustments, minutes, st.integers(min_value=0, max_value=600))
def test_more_credit_never_raises_the_balance(ordered, adjusted, credited, more):
    before = balance_minutes(ordered, adjusted, credited)
    after = balance_minutes(ordered, adjusted, credited + more)
    assert after == max(0, before - more) <= before


def test_the_boundaries():
    assert balance_minutes(60 * 60, 0, 60 * 60) == 0          # completed to the minute
    assert balance_minutes(60 * 60, 0, 60 * 60 + 30) == 0     # over-credited: still 0
    assert balance_minutes(60 * 60, -10 * 60, 0) == 50 * 60   # an approved reduction
    assert balance_minutes(60 * 60, 5 * 60, 30) == 65 * 60 - 30


def test_no_other_function_in_the_core_computes_a_balance():
    """The unused copies (``crediting.balance``) are gone; the orders module holds the rule."""
    root = Path(upw_ttg.__file__).parent
    named = sorted(
        f"{path.relative_to(root)}:{node.name}"
        for path in root.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name in ("balance", "balance_minutes"))
    # OrderSums.balance is the register's running (signed) total inside one unit of work.
    assert named == ["domain/orders.py:balance_minutes", "services/attendance/ledger.py:balance"]
