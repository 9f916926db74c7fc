"""Writing files whole (readers see the old or the new, never half) and owner-only on POSIX."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Write ``data`` to ``path`` so readers see the old file or the whole new one, never half.

    The temporary file sits in the destination folder because ``os.replace`` is only atomic
    within one file system.

    Returns:
        The path written.

    Raises:
        OSError: The folder is missing, read-only or full; nothing is left behind.
    """
    target = Path(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                     dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    return target


# Personal data: on POSIX only the owner may read the data folder and the files in it. Windows
# keeps the data folder inside the user's profile, which only that user (and administrators)
# can open, so there is nothing to set there.
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
_POSIX = os.name == "posix"


def private_umask() -> int | None:
    """Make every file this process creates owner-only from now on; returns the old umask."""
    if not _POSIX:
        return None
    return os.umask(0o077)


def restore_umask(previous: int | None) -> None:
    if previous is not None:
        os.umask(previous)


def make_private_folder(path: str | os.PathLike[str], *, tighten: bool = False) -> Path:
    """Create ``path`` (and its parents) owner-only; ``tighten`` also fixes an existing one.

    Only the application's own folders are tightened: a folder a user pointed a backup at
    keeps the permissions it had.
    """
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
    if _POSIX and tighten:
        os.chmod(folder, PRIVATE_FOLDER_MODE)
    return folder


def make_private_file(path: str | os.PathLike[str]) -> Path:
    """Create ``path`` empty and owner-only if it is missing; make an existing one owner-only."""
    target = Path(path)
    if not _POSIX:
        return target
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        # Someone else's file: opening it reports the real problem.
        with contextlib.suppress(PermissionError):
            os.chmod(target, PRIVATE_FILE_MODE)
    else:
        os.close(fd)
    return target


def keep_private(*paths: str | os.PathLike[str]) -> None:
    """Make each existing file in ``paths`` owner-only (files a library created for us)."""
    if not _POSIX:
        return
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, PRIVATE_FILE_MODE)
