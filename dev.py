#!/usr/bin/env python3
"""Set-up and entry point for developers and first runs: ``python3 dev.py run|test|admin``.

Each command creates ``.venv`` and installs the project into it when they are missing or out of
date, so it works on a machine that has nothing but Python 3.11+, and is safe to run again.
"""

from __future__ import annotations

import ctypes.util
import hashlib
import os
import re
import shutil
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
                                                        backup, restore, import, export,
                                                        export-person, self-test)
  bench [ARGS...]                                       run the benchmarks (benchmarks/README.md)
  lint                                                  check the code with ruff and mypy
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
    # dev.py is run by whatever python3 the machine has, so the floor is checked at run time.
    if sys.version_info < (3, 11):  # noqa: UP036
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


# The system libraries Qt's X11 (xcb) platform plugin loads, with the package holding each
# one on Debian/Ubuntu, Fedora, Arch and openSUSE. pip installs Qt but cannot install these.
QT_XCB_LIBRARIES: dict[str, dict[str, str]] = {
    "libxcb-cursor.so.0": {"apt": "libxcb-cursor0", "dnf": "xcb-util-cursor",
                           "pacman": "xcb-util-cursor", "zypper": "libxcb-cursor0"},
    "libxcb-icccm.so.4": {"apt": "libxcb-icccm4", "dnf": "xcb-util-wm",
                          "pacman": "xcb-util-wm", "zypper": "libxcb-icccm4"},
    "libxcb-keysyms.so.1": {"apt": "libxcb-keysyms1", "dnf": "xcb-util-keysyms",
                            "pacman": "xcb-util-keysyms", "zypper": "libxcb-keysyms1"},
    "libxcb-image.so.0": {"apt": "libxcb-image0", "dnf": "xcb-util-image",
                          "pacman": "xcb-util-image", "zypper": "libxcb-image0"},
    "libxcb-render-util.so.0": {"apt": "libxcb-render-util0", "dnf": "xcb-util-renderutil",
                                "pacman": "xcb-util-renderutil",
                                "zypper": "libxcb-render-util0"},
    "libxcb-randr.so.0": {"apt": "libxcb-randr0", "dnf": "libxcb", "pacman": "libxcb",
                          "zypper": "libxcb-randr0"},
    "libxcb-shape.so.0": {"apt": "libxcb-shape0", "dnf": "libxcb", "pacman": "libxcb",
                          "zypper": "libxcb-shape0"},
    "libxcb-xinerama.so.0": {"apt": "libxcb-xinerama0", "dnf": "libxcb", "pacman": "libxcb",
                             "zypper": "libxcb-xinerama0"},
    "libxcb-xkb.so.1": {"apt": "libxcb-xkb1", "dnf": "libxcb", "pacman": "libxcb",
                        "zypper": "libxcb-xkb1"},
    "libxkbcommon-x11.so.0": {"apt": "libxkbcommon-x11-0", "dnf": "libxkbcommon-x11",
                              "pacman": "libxkbcommon-x11", "zypper": "libxkbcommon-x11-0"},
    "libX11-xcb.so.1": {"apt": "libx11-xcb1", "dnf": "libX11-xcb", "pacman": "libx11",
                        "zypper": "libX11-xcb1"},
    "libEGL.so.1": {"apt": "libegl1", "dnf": "libglvnd-egl", "pacman": "libglvnd",
                    "zypper": "libEGL1"},
    "libGL.so.1": {"apt": "libgl1", "dnf": "libglvnd-glx", "pacman": "libglvnd",
                   "zypper": "libGL1"},
    "libfontconfig.so.1": {"apt": "libfontconfig1", "dnf": "fontconfig",
                           "pacman": "fontconfig", "zypper": "libfontconfig1"},
    "libdbus-1.so.3": {"apt": "libdbus-1-3", "dnf": "dbus-libs", "pacman": "dbus",
                       "zypper": "libdbus-1-3"},
}
INSTALL_COMMANDS = {"apt": "sudo apt-get install -y", "dnf": "sudo dnf install -y",
                    "pacman": "sudo pacman -S --needed", "zypper": "sudo zypper install -y"}
# /etc/os-release ID (or ID_LIKE) -> package manager
_DISTRIBUTIONS = {"debian": "apt", "ubuntu": "apt", "linuxmint": "apt", "pop": "apt",
                  "raspbian": "apt", "fedora": "dnf", "rhel": "dnf", "centos": "dnf",
                  "rocky": "dnf", "almalinux": "dnf", "arch": "pacman", "manjaro": "pacman",
                  "endeavouros": "pacman", "opensuse": "zypper", "suse": "zypper",
                  "sles": "zypper"}


def installed_libraries() -> set[str] | None:
    """Shared-library names the dynamic linker knows (``ldconfig -p``), or None if unknown."""
    for ldconfig in ("ldconfig", "/sbin/ldconfig", "/usr/sbin/ldconfig"):
        program = shutil.which(ldconfig) or (ldconfig if Path(ldconfig).exists() else None)
        if program is None:
            continue
        try:
            listing = subprocess.run([program, "-p"], capture_output=True, text=True,
                                     timeout=20).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        names = {line.split()[0] for line in listing.splitlines()[1:] if line.strip()}
        if names:
            return names
    return None


def _found_by_name(soname: str) -> bool:
    stem = re.sub(r"^lib|\.so(\.\d+)*$", "", soname)
    return ctypes.util.find_library(stem) is not None


def missing_qt_libraries(available: set[str] | None = None) -> list[str]:
    """The libraries of ``QT_XCB_LIBRARIES`` this system lacks (sonames, in table order).

    Args:
        available: The known library names; by default from ``ldconfig -p``, falling back to
            ``ctypes.util.find_library`` where that cannot be run.
    """
    if available is None:
        available = installed_libraries()
    if available is None:
        return [soname for soname in QT_XCB_LIBRARIES if not _found_by_name(soname)]
    return [soname for soname in QT_XCB_LIBRARIES if soname not in available]


def package_manager(os_release: str) -> str | None:
    """apt, dnf, pacman or zypper for the distribution described by /etc/os-release's text."""
    fields = dict(re.findall(r'^([A-Z_]+)="?([^"\n]*)"?$', os_release, re.MULTILINE))
    for name in [fields.get("ID", ""), *fields.get("ID_LIKE", "").split()]:
        name = name.lower()
        for key, manager in _DISTRIBUTIONS.items():
            if name == key or name.startswith((key + "-", key + "_")):
                return manager
    return None


def install_advice(missing: list[str], os_release: str) -> str:
    """What to tell the user: the libraries missing, and the one command that installs them."""
    manager = package_manager(os_release)
    lines = ["Qt needs system libraries that are not installed: " + ", ".join(missing) + "."]
    if manager is None:
        lines.append("Install them with your distribution's package manager, then run "
                     "python3 dev.py run again.")
    else:
        packages = sorted({QT_XCB_LIBRARIES[soname][manager] for soname in missing})
        lines.append("Install them with this command, then run python3 dev.py run again:")
        lines.append(f"    {INSTALL_COMMANDS[manager]} {' '.join(packages)}")
    return "\n".join(lines)


def needs_x11_libraries(environ: dict[str, str] | os._Environ[str] = os.environ,
                        platform: str = sys.platform) -> bool:
    """True when Qt would start its X11 platform plugin (not offscreen, Wayland or Windows)."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip().lower()
    if chosen:
        return chosen == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def check_qt_libraries() -> bool:
    """Before starting Qt on Linux: print the install command if libraries are missing."""
    if not needs_x11_libraries():
        return True
    missing = missing_qt_libraries()
    if not missing:
        return True
    try:
        os_release = Path("/etc/os-release").read_text(encoding="utf-8")
    except OSError:
        os_release = ""
    print(install_advice(missing, os_release), file=sys.stderr)
    return False


def _exec(args: list[str], env: dict[str, str] | None = None) -> int:
    return subprocess.run(args, cwd=ROOT, env=env).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        ensure_environment()
        # --self-test and --version never start Qt's windowing, so they need no X11 libraries.
        if not {"--self-test", "--version"} & set(rest) and not check_qt_libraries():
            return 1
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
    if command == "lint":
        ensure_environment("test,lint")
        if rest:
            return _exec([str(PYTHON), "-m", "ruff", "check", *rest])
        return (_exec([str(PYTHON), "-m", "ruff", "check", "."])
                or _exec([str(PYTHON), "-m", "mypy"]))
    if command == "build":
        ensure_environment("test,build")
        return _exec([str(PYTHON), "-m", "PyInstaller", "--noconfirm", "--clean", "build.spec",
                       *rest])
    print(USAGE)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
