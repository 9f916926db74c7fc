#!/usr/bin/env python3
"""Set-up and entry point for developers and first runs: ``python3 dev.py run|test|admin``.

Each command creates ``.venv`` and installs the project into it when they are missing or out of
date, so it works on a machine that has nothing but Python 3.11+, and is safe to run again.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".upw-ttg-installed"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
USAGE = """usage: python3 dev.py COMMAND [ARGS...]

  run [--demo] [--data-dir DIR] [--database-url URL]   start the application
  test [PYTEST ARGS...]                                 run the whole test suite
  admin COMMAND [...]                                   python -m upw_ttg (migrate, demo, check,
                                                        backup, restore, self-test)
  bench [ARGS...]                                       run the benchmarks (benchmarks/README.md)
  build                                                 build the desktop bundle (PyInstaller)
"""


def _project_digest() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(f"{sys.version_info[:3]}".encode())
    return digest.hexdigest()


def _installed() -> tuple[str, set[str]]:
    """The project digest and the extras of the last install, from the stamp file."""
    if not STAMP.exists():
        return "", set()
    digest, _, extras = STAMP.read_text().strip().partition(" ")
    return digest, set(filter(None, extras.split(",")))


def ensure_environment(extras: str = "test") -> None:
    """Create the virtual environment and install the project, only when needed."""
    if sys.version_info < (3, 11):
        sys.exit("upw-ttg needs Python 3.11 or newer; this is " + sys.version.split()[0])
    digest, installed = _installed()
    wanted = set(extras.split(","))
    if PYTHON.exists() and digest == _project_digest() and wanted <= installed:
        return
    if digest == _project_digest():
        # Installing more extras must not drop the ones already there (build keeps test).
        wanted |= installed
    extras = ",".join(sorted(wanted))
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    print(f"Installing upw-ttg and its dependencies ([{extras}]) into .venv ...", flush=True)
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    result = subprocess.run([*pip, "install", "-e", f".[{extras}]"], cwd=ROOT)
    if result.returncode != 0:
        sys.exit("Installing the dependencies failed (see above). Check the network connection "
                 "to the package index and try again.")
    STAMP.write_text(f"{_project_digest()} {extras}")


def _exec(args: list[str], env: dict[str, str] | None = None) -> int:
    return subprocess.run(args, cwd=ROOT, env=env).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        ensure_environment()
        return _exec([str(PYTHON), "-m", "ui.app", *rest])
    if command == "test":
        ensure_environment()
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        return _exec([str(PYTHON), "-m", "pytest", *rest], env)
    if command == "admin":
        ensure_environment()
        return _exec([str(PYTHON), "-m", "upw_ttg", *rest])
    if command == "bench":
        ensure_environment()
        return _exec([str(PYTHON), "-m", "benchmarks.run", *rest])
    if command == "build":
        ensure_environment("test,build")
        return _exec([str(PYTHON), "-m", "PyInstaller", "--noconfirm", "--clean", "build.spec",
                       *rest])
    print(USAGE)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
