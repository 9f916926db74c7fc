"""Writing files so that readers see the old contents or the whole new ones, never half."""

from __future__ import annotations

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
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    return target
