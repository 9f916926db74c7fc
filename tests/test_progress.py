"""One protocol for long work: progress in three parts, one error when cancelled."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import upw_ttg
from upw_ttg.errors import Cancelled, UpwError
from upw_ttg.progress import never_cancelled, noop_progress, stop_if_cancelled


def test_cancelling_raises_the_one_project_error_with_its_message():
    with pytest.raises(Cancelled, match=r"^Cancelled; nothing was changed\.$"):
        stop_if_cancelled(lambda: True)
    with pytest.raises(Cancelled, match=r"^Demo stopped\.$"):
        stop_if_cancelled(lambda: True, "Demo stopped.")
    # A cancel is something the user did: screens show it as such, never as a crash.
    assert issubclass(Cancelled, UpwError)


def test_nothing_happens_until_the_user_asks():
    stop_if_cancelled(None)
    stop_if_cancelled(never_cancelled)
    noop_progress(1, 2, "Working")  # takes the report and does nothing with it


def test_the_core_has_no_other_cancelled_error():
    root = Path(upw_ttg.__file__).parent
    others = sorted(
        f"{path.relative_to(root)}:{node.name}"
        for path in root.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and "Cancel" in node.name
        and path.name != "errors.py")
    assert others == []
