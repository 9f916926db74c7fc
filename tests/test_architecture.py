"""The layering rules: the core never loads Qt, the UI never reaches into storage."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import upw_ttg

ROOT = Path(__file__).resolve().parent.parent


def _core_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(upw_ttg.__path__, "upw_ttg.")
                  if ".migrations" not in m.name and m.name != "upw_ttg.__main__")


def test_every_core_module_imports_without_loading_qt():
    """Importing all of upw_ttg in a fresh interpreter loads no PySide6 module."""
    modules = _core_modules()
    assert len(modules) > 20
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name)\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'ui'))\n"
            "print(','.join(loaded))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == ""


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_ui_module_imports_storage():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py")
                 if any(n == "upw_ttg.storage" or n.startswith("upw_ttg.storage.")
                        for n in _imports(p))]
    assert offenders == []


def test_no_ui_module_reaches_a_database_object():
    """The screens ask the services; they never hold the database (``services.db``, ``ctx.db``)."""
    offenders = []
    for path in (ROOT / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in {"db", "_db", "engine"}:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_every_module_has_a_docstring_and_stays_small():
    problems = []
    for package in ("upw_ttg", "ui"):
        for path in (ROOT / package).rglob("*.py"):
            if "versions" in path.parts:
                continue
            source = path.read_text(encoding="utf-8")
            if ast.get_docstring(ast.parse(source)) is None:
                problems.append(f"{path.relative_to(ROOT)} has no module docstring")
            if source.count("\n") > 650:
                problems.append(f"{path.relative_to(ROOT)} is over 650 lines")
    assert problems == []
