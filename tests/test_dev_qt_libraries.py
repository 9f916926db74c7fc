"""dev.py run: missing Qt X11 libraries are found before Qt starts, with one install command."""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess

import pytest

import dev

from tests.call_log import appended

EVERYTHING = set(dev.QT_XCB_LIBRARIES)
DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n'
UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n'
FEDORA = 'NAME="Fedora Linux"\nID=fedora\nVERSION_ID=41\n'
ROCKY = 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\n'
ARCH = 'NAME="Arch Linux"\nID=arch\n'
MANJARO = 'NAME="Manjaro Linux"\nID=manjaro\nID_LIKE=arch\n'
OPENSUSE = 'NAME="openSUSE Leap"\nID="opensuse-leap"\nID_LIKE="suse opensuse"\n'
UNKNOWN = 'NAME="Somewhere OS"\nID=somewhere\n'


def test_nothing_is_missing_when_every_library_is_known():
    assert dev.missing_qt_libraries(EVERYTHING | {"libc.so.6"}) == []


def test_the_missing_libraries_are_named_in_table_order():
    available = EVERYTHING - {"libxcb-keysyms.so.1", "libxcb-cursor.so.0"}
    assert dev.missing_qt_libraries(available) == ["libxcb-cursor.so.0", "libxcb-keysyms.so.1"]


def test_ldconfig_listing_is_parsed(monkeypatch):
    listing = ("3 libs found in cache `/etc/ld.so.cache'\n"
               "\tlibxcb-cursor.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-cursor.so.0\n"
               "\tlibGL.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libGL.so.1\n")

    class Done:
        stdout = listing

    monkeypatch.setattr(shutil, "which", lambda name: "/sbin/ldconfig")
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: Done())
    assert dev.installed_libraries() == {"libxcb-cursor.so.0", "libGL.so.1"}
    missing = dev.missing_qt_libraries()
    assert "libxcb-cursor.so.0" not in missing and "libxcb-icccm.so.4" in missing


def test_without_ldconfig_the_library_search_by_name_is_used(monkeypatch):
    monkeypatch.setattr(dev, "installed_libraries", lambda: None)
    asked: list[str] = []
    monkeypatch.setattr(ctypes.util, "find_library",
                        lambda stem: appended(asked, stem) or (None if stem == "xcb-icccm"
                                                            else f"lib{stem}.so"))
    assert dev.missing_qt_libraries() == ["libxcb-icccm.so.4"]
    assert "xcb-cursor" in asked and "xkbcommon-x11" in asked and "EGL" in asked


@pytest.mark.parametrize(("os_release", "manager"), [
    (DEBIAN, "apt"), (UBUNTU, "apt"), (FEDORA, "dnf"), (ROCKY, "dnf"), (ARCH, "pacman"),
    (MANJARO, "pacman"), (OPENSUSE, "zypper"), (UNKNOWN, None), ("", None),
])
def test_the_package_manager_comes_from_os_release(os_release, manager):
    assert dev.package_manager(os_release) == manager


@pytest.mark.parametrize(("os_release", "command"), [
    (UBUNTU, "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"),
    (FEDORA, "sudo dnf install -y xcb-util-cursor xcb-util-keysyms xcb-util-wm"),
    (ARCH, "sudo pacman -S --needed xcb-util-cursor xcb-util-keysyms xcb-util-wm"),
    (OPENSUSE, "sudo zypper install -y libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"),
])
def test_the_advice_is_one_install_command_for_the_distribution(os_release, command):
    missing = ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    advice = dev.install_advice(missing, os_release)
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4, libxcb-keysyms.so.1" in advice
    assert [line.strip() for line in advice.splitlines()][-1] == command


def test_shared_packages_are_named_once():
    advice = dev.install_advice(["libxcb-randr.so.0", "libxcb-shape.so.0"], FEDORA)
    assert advice.splitlines()[-1].strip() == "sudo dnf install -y libxcb"


def test_an_unknown_distribution_still_gets_the_library_names():
    advice = dev.install_advice(["libEGL.so.1"], UNKNOWN)
    assert "libEGL.so.1" in advice and "package manager" in advice


@pytest.mark.parametrize(("environ", "platform", "needed"), [
    ({}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"QT_QPA_PLATFORM": "minimal"}, "linux", False),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({}, "win32", False),
    ({}, "darwin", False),
])
def test_the_check_is_only_for_qt_on_x11(environ, platform, needed):
    assert dev.needs_x11_libraries(environ, platform) is needed


def test_run_stops_before_starting_qt_and_prints_the_command(monkeypatch, capsys):
    started: list[list[str]] = []
    monkeypatch.setattr(dev, "ensure_environment", lambda extras="test": None)
    monkeypatch.setattr(dev, "_exec", lambda args, env=None: appended(started, args) or 0)
    monkeypatch.setattr(dev, "needs_x11_libraries", lambda: True)
    monkeypatch.setattr(dev, "missing_qt_libraries", lambda: ["libxcb-cursor.so.0"])
    assert dev.main(["run"]) == 1
    assert started == []
    assert "libxcb-cursor.so.0" in capsys.readouterr().err
    assert dev.main(["run", "--self-test"]) == 0
    assert len(started) == 1


def test_run_starts_the_application_when_nothing_is_missing(monkeypatch):
    started: list[list[str]] = []
    monkeypatch.setattr(dev, "ensure_environment", lambda extras="test": None)
    monkeypatch.setattr(dev, "_exec", lambda args, env=None: appended(started, args) or 0)
    monkeypatch.setattr(dev, "needs_x11_libraries", lambda: True)
    monkeypatch.setattr(dev, "missing_qt_libraries", list)
    assert dev.main(["run", "--demo"]) == 0
    assert started and started[0][-1] == "--demo"
