"""The layering rules: the core never loads Qt, the UI never reaches into storage."""

from __future__ import annotations

import ast
import dataclasses
import enum
import importlib
import inspect
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


def test_the_plan_screens_state_and_host_import_without_loading_qt():
    """What the plan's pages share with the screen is plain Python, tested without Qt."""
    code = ("import importlib, sys\n"
            "for name in ('ui.views.ttg.plan_state', 'ui.views.ttg.host'):\n"
            "    importlib.import_module(name)\n"
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == ""
    for name in ("plan_state", "host"):
        imported = _imports(ROOT / "ui" / "views" / "ttg" / f"{name}.py")
        assert not {n for n in imported if n.split(".")[0] == "PySide6"}, name


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


def _ui_layer_offenders(layers: tuple[str, ...], forbidden: str) -> list[str]:
    """Modules under ``ui/<layer>`` that import ``forbidden`` (a package), at any depth and
    however spelt: ``import ui.views.x``, ``from ui.views import x``, ``from ui import views``."""
    offenders = []
    for layer in layers:
        for path in sorted((ROOT / "ui" / layer).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
                else:
                    continue
                if any(n == forbidden or n.startswith(forbidden + ".") for n in names):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return offenders


def test_dialogs_widgets_and_models_never_import_the_views():
    """A dialog or a shared widget takes what it shares with a page from ``ui/widgets`` or the
    top of ``ui``, so the pages sit on top and nothing below reaches up into them."""
    assert _ui_layer_offenders(("dialogs", "widgets", "models"), "ui.views") == []


def test_widgets_and_models_never_import_the_dialogs():
    assert _ui_layer_offenders(("widgets", "models"), "ui.dialogs") == []


def test_no_ui_module_reaches_a_database_object():
    """The screens ask the services; they never hold the database (``services.db``, ``ctx.db``)."""
    offenders = []
    for path in (ROOT / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in {"db", "_db", "engine"}:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_ui_takes_its_data_objects_from_records_not_services():
    """The screens call services, but the plain data objects they hold live in ``records``."""
    offenders = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.module
                    and node.module.startswith("upw_ttg.services")):
                continue
            module = importlib.import_module(node.module)
            for alias in node.names:
                found = getattr(module, alias.name, None)
                if isinstance(found, type) and (dataclasses.is_dataclass(found)
                                                or issubclass(found, enum.Enum)):
                    offenders.append(f"{path.relative_to(ROOT)} (line {node.lineno}) imports "
                                     f"{alias.name} from {node.module}")
    assert offenders == [], "\n".join(offenders)


def _service_data_types() -> set[str]:
    """Names of the plain data objects (dataclasses, named tuples, enums) defined in services."""
    names: set[str] = set()
    for name in _core_modules():
        if not name.startswith("upw_ttg.services"):
            continue
        module = importlib.import_module(name)
        for value in vars(module).values():
            if not isinstance(value, type) or value.__module__ != name:
                continue
            if (dataclasses.is_dataclass(value) or issubclass(value, enum.Enum)
                    or (issubclass(value, tuple) and hasattr(value, "_fields"))):
                names.add(value.__name__)
    return names


def _returned_by_services(inside: set[str]) -> list[str]:
    """Where a service hands one of the named types out: a public method of a service class
    returns it, or a service function the screens, the command line or printing call does."""
    offenders = []
    for path in sorted((ROOT / "upw_ttg" / "services").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            # Every class that serves callers; a data object's own methods may name its kind.
            if (not isinstance(node, ast.ClassDef) or node.name.startswith("_")
                    or node.name in inside):
                continue
            for method in node.body:
                if (not isinstance(method, ast.FunctionDef) or method.name.startswith("_")
                        or method.returns is None):
                    continue
                named = {n.id for n in ast.walk(method.returns) if isinstance(n, ast.Name)}
                named |= {n.attr for n in ast.walk(method.returns)
                          if isinstance(n, ast.Attribute)}
                for name in sorted(named & inside):
                    offenders.append(f"{path.relative_to(ROOT)}: {node.name}.{method.name} "
                                     f"returns {name}")
    # Functions of a service module the screens, the command line or printing call.
    for path in sorted([*(ROOT / "ui").rglob("*.py"), *(ROOT / "upw_ttg" / "cli").rglob("*.py"),
                        *(ROOT / "upw_ttg" / "printing").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.module
                    and node.module.startswith("upw_ttg.services")):
                continue
            module = importlib.import_module(node.module)
            for alias in node.names:
                found = getattr(module, alias.name, None)
                returns = getattr(found, "__annotations__", {}).get("return") \
                    if inspect.isfunction(found) else None
                if not isinstance(returns, str):
                    continue
                named = {n.id for n in ast.walk(ast.parse(returns, mode="eval"))
                         if isinstance(n, ast.Name)}
                for name in sorted(named & inside):
                    offenders.append(f"{path.relative_to(ROOT)} calls {node.module}."
                                     f"{alias.name}, which returns {name}")
    return offenders


def test_services_hand_out_data_objects_from_records_not_their_own():
    """What a service's public method returns (to the screens, the command line or printing)
    is a record type: a data object defined in a service stays inside the services."""
    offenders = _returned_by_services(_service_data_types())
    assert offenders == [], "\n".join(offenders)


def _domain_dataclasses() -> dict[str, str]:
    """Each dataclass defined in the domain, by name, with the module it is defined in."""
    found: dict[str, str] = {}
    for name in _core_modules():
        if not name.startswith("upw_ttg.domain"):
            continue
        for value in vars(importlib.import_module(name)).values():
            if isinstance(value, type) and value.__module__ == name \
                    and dataclasses.is_dataclass(value):
                found[value.__name__] = name
    return found


# Domain data objects a service may still hand out: what the domain's own rules compute or
# take is theirs to define (a rule cannot import records): a placement decision, the deadline
# settings and a deadline's move. Nothing is added here.
DOMAIN_TYPES_SERVICES_RETURN = frozenset({"Decision", "DeadlineMove", "DeadlineSettings"})


def test_services_hand_out_no_new_domain_data_objects():
    """A data object a service hands to the screens, the command line or printing is a record
    (``upw_ttg.records``), not a domain dataclass, beyond the listed ones still to move; and
    the list only shrinks: a listed type no service returns any more is struck off it."""
    domain = _domain_dataclasses()
    offenders = _returned_by_services(set(domain) - DOMAIN_TYPES_SERVICES_RETURN)
    assert offenders == [], "\n".join(offenders)
    still = {line.rsplit(" ", 1)[1]
             for line in _returned_by_services(set(domain) & DOMAIN_TYPES_SERVICES_RETURN)}
    assert sorted(DOMAIN_TYPES_SERVICES_RETURN - still) == []


# Printing's own dataclasses: the page's styles, a document section, a glossary term.
PRINTING_LAYOUT_MODULES = frozenset({"upw_ttg.printing.styles", "upw_ttg.printing.template",
                                     "upw_ttg.printing.glossary.term"})
# A domain value that printing is handed directly: built by the domain's own rule (set_aside).
DOMAIN_TYPES_PRINTING_TAKES = frozenset({"upw_ttg.domain.records_to_check.RecordToCheck"})


def _printing_modules() -> list[str]:
    return [name for name in _core_modules() if name.startswith("upw_ttg.printing")]


def test_printing_defines_no_data_objects_only_layout_helpers():
    """The documents print data handed to them: every dataclass printing defines is a layout
    helper in its layout modules, or private to the module that lays it out."""
    offenders = []
    for name in _printing_modules():
        for value in vars(importlib.import_module(name)).values():
            if (isinstance(value, type) and value.__module__ == name
                    and dataclasses.is_dataclass(value) and not value.__name__.startswith("_")
                    and name not in PRINTING_LAYOUT_MODULES):
                offenders.append(f"{name}.{value.__name__}")
    assert offenders == [], "\n".join(offenders)


def test_printing_takes_its_data_from_records():
    """Every dataclass a public printing function takes (a document's data above all) is a
    record: defined in ``upw_ttg.records``, or one of printing's layout helpers."""
    offenders = []
    for name in _printing_modules():
        module = importlib.import_module(name)
        for function_name, function in vars(module).items():
            if (not inspect.isfunction(function) or function.__module__ != name
                    or function_name.startswith("_")):
                continue
            for parameter, annotation in function.__annotations__.items():
                if parameter == "return" or not isinstance(annotation, str):
                    continue
                for node in ast.walk(ast.parse(annotation, mode="eval")):
                    found = getattr(module, node.id, None) if isinstance(node, ast.Name) else None
                    if not (isinstance(found, type) and dataclasses.is_dataclass(found)):
                        continue
                    where = f"{found.__module__}.{found.__name__}"
                    if not (found.__module__.startswith("upw_ttg.records.")
                            or found.__module__ in PRINTING_LAYOUT_MODULES
                            or where in DOMAIN_TYPES_PRINTING_TAKES):
                        offenders.append(f"{name}.{function_name}({parameter}: {where})")
    assert offenders == [], "\n".join(offenders)


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


# ---- The core's layers, read from the sources ---------------------------------------------

# Top-level modules every layer may use: they import nothing above the domain.
SHARED = frozenset({"upw_ttg", "upw_ttg.errors", "upw_ttg.paths", "upw_ttg.progress",
                    "upw_ttg.time_text", "upw_ttg.collector", "upw_ttg.files"})


def _core_sources() -> dict[str, Path]:
    """Every module of the core by its dotted name, migrations aside."""
    sources = {}
    for path in (ROOT / "upw_ttg").rglob("*.py"):
        if "versions" in path.parts:
            continue
        parts = path.relative_to(ROOT).with_suffix("").parts
        sources[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return sources


def _core_imports(path: Path, known: dict[str, Path]) -> list[tuple[int, str]]:
    """The core modules a file imports, anywhere in it (inside functions too), with the line;
    ``from upw_ttg.records import ttg`` counts as importing ``upw_ttg.records.ttg``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names
                      if f"{node.module}.{alias.name}" in known]
    return [(line, name) for line, name in found if name.split(".")[0] == "upw_ttg"]


def _layer(module: str) -> str:
    """``upw_ttg.services.ttg.plans`` is in ``upw_ttg.services``; ``upw_ttg`` is its own."""
    return ".".join(module.split(".")[:2])


def _imports_outside(layer: str, allowed: frozenset[str]) -> list[str]:
    """Each import of a module in ``layer`` that reaches a layer not in ``allowed``."""
    sources = _core_sources()
    offenders = []
    for module, path in sorted(sources.items()):
        if _layer(module) != layer:
            continue
        for line, name in _core_imports(path, sources):
            if _layer(name) not in allowed | {layer}:
                offenders.append(f"{module} (line {line}) imports {name}")
    return offenders


def test_printing_imports_only_records_domain_and_its_own_helpers():
    """Documents are pure functions of plain data: printing never reaches services or storage."""
    allowed = SHARED | {"upw_ttg.records", "upw_ttg.domain"}
    offenders = _imports_outside("upw_ttg.printing", allowed)
    assert offenders == [], "\n".join(offenders)


def test_records_import_only_the_domain():
    offenders = _imports_outside("upw_ttg.records", SHARED | {"upw_ttg.domain"})
    assert offenders == [], "\n".join(offenders)


def test_domain_imports_nothing_of_records_storage_services_or_printing():
    """The domain is the bottom layer: the records and everything above are built on it."""
    offenders = _imports_outside("upw_ttg.domain", SHARED)
    assert offenders == [], "\n".join(offenders)


def test_shared_helpers_import_nothing_above_the_domain():
    """Every layer may use them, so they must not lead back up to storage, services or printing."""
    sources = _core_sources()
    offenders = [f"{module} (line {line}) imports {name}"
                 for module in sorted(SHARED - {"upw_ttg"})
                 for line, name in _core_imports(sources[module], sources)
                 if _layer(name) not in SHARED | {"upw_ttg.domain"}]
    assert offenders == [], "\n".join(offenders)


def test_storage_imports_nothing_of_services_or_printing():
    offenders = _imports_outside("upw_ttg.storage", SHARED | {"upw_ttg.domain", "upw_ttg.records"})
    assert offenders == [], "\n".join(offenders)


def test_no_import_cycle_between_the_core_packages():
    """The packages of the core (``upw_ttg.domain``, ``records``, ``storage``, ``services``,
    ``printing``, ``demo``, ``cli``) import one another in one direction only."""
    sources = _core_sources()
    packages = {_layer(m) for m, p in sources.items() if p.name == "__init__.py" and m != "upw_ttg"}
    edges: dict[str, dict[str, str]] = {package: {} for package in packages}
    for module, path in sorted(sources.items()):
        for line, name in _core_imports(path, sources):
            source, target = _layer(module), _layer(name)
            if source in packages and target in packages and source != target:
                edges[source].setdefault(target, f"{module} (line {line}) imports {name}")
    cycles = []

    def visit(package: str, trail: list[str]) -> None:
        for target in sorted(edges[package]):
            if target in trail:
                loop = [*trail[trail.index(target):], target]
                cycles.append(" -> ".join(loop) + ": " + "; ".join(
                    edges[a][b] for a, b in zip(loop, loop[1:], strict=False)))
            elif target not in finished:
                visit(target, [*trail, target])
        finished.add(package)

    finished: set[str] = set()
    for package in sorted(packages):
        if package not in finished:
            visit(package, [package])
    assert len(packages) >= 6
    assert cycles == [], "\n".join(cycles)
