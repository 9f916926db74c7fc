"""A staff account written straight into a SQLite file, for backups with someone in them."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def add_account(path: Path) -> None:
    """One staff account written straight into a SQLite file: a backup with someone in it."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT INTO staff (username, full_name, role, gender, password_hash, active, "
            "failed_sign_ins, version) VALUES ('ada', 'Ada Admin', 'administrator', "
            "'not_stated', 'scrypt$x', 1, 0, 1)")
    connection.close()
