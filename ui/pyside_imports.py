"""PySide6's scan of every module imported after it, made without keeping their source.

After PySide6 is imported it asks, for every module imported later, whether its source names
"PySide6" (for its opt-in ``__feature__`` switches), reading the source with
``inspect.getsource``: ``linecache`` then keeps every line of every module for the life of the
process, about 24 MB after start-up and 38 MB once every screen has been opened, and the scan
goes through ``sys.modules`` for each import. The same question is answered here by reading
the file once and keeping nothing.
"""

from __future__ import annotations

import sys
from types import ModuleType


def _names_pyside(module: ModuleType) -> bool:
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def scan_imports_without_keeping_source() -> None:
    """Replace PySide6's source scan; a PySide6 without it is left alone."""
    import shiboken6  # noqa: F401 - loads the support package whose scan is replaced

    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _names_pyside  # type: ignore[attr-defined]  # private hook
