"""PySide6's scan of later imports keeps no module's source in memory."""

from __future__ import annotations

import linecache
import sys

import ui.app  # noqa: F401 - installs the scan, as the application does at start


def _feature_dict() -> dict[str, int]:
    return sys.modules["shibokensupport.feature"].pyside_feature_dict


def test_an_imported_module_leaves_no_source_in_the_line_cache(tmp_path, monkeypatch):
    (tmp_path / "plain_module_for_scan.py").write_text("VALUE = 1\n")
    (tmp_path / "qt_module_for_scan.py").write_text("import PySide6.QtCore\nVALUE = 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    # Through the import statement's own hook, as PySide6 sees imports.
    plain = __import__("plain_module_for_scan")
    qt = __import__("qt_module_for_scan")

    assert plain.__file__ not in linecache.cache
    assert qt.__file__ not in linecache.cache
    # PySide6 still learns which modules use it (its opt-in feature switches rely on it).
    assert _feature_dict()["plain_module_for_scan"] == -1
    assert _feature_dict()["qt_module_for_scan"] == 0
