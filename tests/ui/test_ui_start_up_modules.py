"""Start-up loads only what the first screens need: checked in a fresh interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = r'''
import os, sys, tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

import ui.app as app_module
from ui.dialogs.sign_in import SignInDialog

def loaded(prefixes):
    return sorted({m for m in sys.modules if m.startswith(prefixes)})

app = QApplication([])
app_module.setup_application(app)
sign_in = SignInDialog(None, "")
sign_in.show()
app.processEvents()
print("SIGN-IN", loaded(("sqlalchemy", "upw_ttg.storage", "upw_ttg.services",
                         "upw_ttg.printing", "reportlab")))

from upw_ttg.bootstrap import open_app
from upw_ttg.domain.codes import Gender, Role
from upw_ttg.records.staff import StaffMember
from upw_ttg.paths import AppLocation
from upw_ttg.security import hash_password
from upw_ttg.storage.models import Staff
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.tasks import finish_all_tasks

folder = Path(tempfile.mkdtemp())
services = open_app(AppLocation.resolve(folder))
# Written here: the tests' shared helpers load the UPW and TTG builders (and printing).
with services.db.write() as session:
    row = Staff(username="admin", full_name="Admin", role=Role.ADMINISTRATOR,
                roles=frozenset(Role), gender=Gender.NOT_STATED,
                password_hash=hash_password("x", n=1024), active=True, failed_sign_ins=0)
    session.add(row)
    session.flush()
    services.ctx.actor = StaffMember(row.id, row.username, row.full_name, row.role, row.gender,
                                     None, True, row.roles, row.version)
window = MainWindow(services, UiSettings.in_folder(folder))
window.show()
for _ in range(20):
    app.processEvents()
print("MAIN-WINDOW", loaded(("reportlab", "upw_ttg.printing", "upw_ttg.services.upw",
                             "upw_ttg.services.ttg", "upw_ttg.services.attendance",
                             "upw_ttg.services.day_printing")))
finish_all_tasks()
os._exit(0)
'''


def test_the_first_screens_load_neither_the_data_layer_nor_printing_too_early():
    """The sign-in window appears before the data layer loads; the main window (the people
    list) loads no printing and no Unpaid Work, attendance or TTG services."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", _SCRIPT], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines()
                 if line.startswith(("SIGN-IN ", "MAIN-WINDOW ")))
    assert lines.get("SIGN-IN") == "[]", result.stdout + result.stderr
    assert lines.get("MAIN-WINDOW") == "[]", result.stdout + result.stderr


_THROUGH_MAIN = r'''
import sys, tempfile

from PySide6.QtCore import QTimer

import ui.app as app_module
from ui.dialogs.sign_in import SignInDialog

HEAVY = ("sqlalchemy", "alembic", "upw_ttg.storage", "upw_ttg.services", "upw_ttg.bootstrap",
         "upw_ttg.printing", "reportlab", "ui.main_window")

def loaded(prefixes):
    return sorted({m for m in sys.modules if m.startswith(prefixes)})

class Watched(SignInDialog):
    def showEvent(self, event):
        super().showEvent(event)
        print("SHOWN", loaded(HEAVY), flush=True)
        QTimer.singleShot(0, self.reject)  # quit from the sign-in window

app_module.SignInDialog = Watched
folder = tempfile.mkdtemp()
code = app_module.main(["--data-dir", folder, "--database-url", f"sqlite+pysqlite:///{folder}/t.db"])
print("AFTER", "sqlalchemy" in sys.modules and "ui.main_window" in sys.modules, code, flush=True)
'''


def test_the_application_shows_the_sign_in_window_before_it_loads_the_data_layer():
    """Started as the user starts it (``ui.app.main``): when the sign-in window is shown, no
    database, storage, service, printing or main-window module has been imported; they load
    behind it (and quitting from it still waits for them and exits cleanly)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", _THROUGH_MAIN], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines()
                 if line.startswith(("SHOWN ", "AFTER ")))
    assert lines.get("SHOWN") == "[]", result.stdout + result.stderr
    assert lines.get("AFTER") == "True 0", result.stdout + result.stderr
