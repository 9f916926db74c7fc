"""reportlab (about 10 MB) is loaded when something is printed, not by the services' screens."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = r'''
import importlib, pkgutil, sys
import upw_ttg.services as services
import upw_ttg.bootstrap  # noqa: F401
for module in pkgutil.walk_packages(services.__path__, "upw_ttg.services."):
    importlib.import_module(module.name)
print("LOADED", "reportlab" in sys.modules)
from upw_ttg.printing.text import plain
from upw_ttg.printing.styles import get_styles
print("PRINTED", type(plain("<b>Ann & Co</b>", get_styles().body)).__name__)
'''


def test_every_service_imports_without_reportlab_and_printing_still_loads_it():
    result = subprocess.run([sys.executable, "-c", _SCRIPT], cwd=ROOT, capture_output=True,
                            text=True, check=False, timeout=120)
    assert "LOADED False" in result.stdout, result.stdout + result.stderr
    assert "PRINTED Paragraph" in result.stdout, result.stdout + result.stderr
