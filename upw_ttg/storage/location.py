"""Refusing a SQLite file on a network share or in a synced folder, where SQLite corrupts."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path, PurePath

from upw_ttg import paths
from upw_ttg.errors import UnsafeLocationError

# File system types (the third field of /proc/mounts) that reach another computer. Every FUSE
# file system ("fuse.*": sshfs, rclone, gocryptfs over a share, Google Drive clients...) is
# refused too, since SQLite's locking cannot be trusted through it.
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "sshfs", "9p", "afs", "ncpfs",
    "davfs", "coda", "glusterfs", "ceph", "lustre", "gpfs", "beegfs", "ocfs2", "gfs2",
    "fuse", "afpfs", "webdav",
})

# (provider, test on one folder name, already lower-cased). Each provider's client creates
# these folders: e.g. "OneDrive - Contoso", "Dropbox (Personal)", "Google Drive/My Drive",
# "~/Library/CloudStorage/Box-Box", "Nextcloud", "ownCloud", "pCloud Drive", iCloud's
# "Mobile Documents" and "iCloud Drive".
_PROVIDERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("OneDrive", re.compile(r"^onedrive([ \-_(].*)?$")),
    ("Dropbox", re.compile(r"^dropbox([ \-_(].*)?$")),
    ("Google Drive", re.compile(r"^(google ?drive|googledrive-.*|my drive|mydrive)$")),
    ("Box", re.compile(r"^(box|box sync|box-box|box drive)$")),
    ("Nextcloud", re.compile(r"^nextcloud([ \-_(].*)?$")),
    ("ownCloud", re.compile(r"^owncloud([ \-_(].*)?$")),
    ("pCloud", re.compile(r"^(pcloud ?drive|pcloud)$")),
    ("iCloud", re.compile(r"^(icloud ?drive.*|mobile documents|com~apple~clouddocs)$")),
)
_ADVICE = ("SQLite databases must be on this computer's own disk: keep it in the default data "
           "folder, {default} (start without --data-dir), or another folder that is not "
           "synced or shared. An office that shares one database should use PostgreSQL (set "
           "UPW_TTG_DATABASE_URL).")


def _provider(name: str) -> str | None:
    for provider, pattern in _PROVIDERS:
        if pattern.match(name.lower()):
            return provider
    return None


def synced_folder(path: PurePath) -> tuple[str, PurePath] | None:
    """The provider and the synced folder that holds ``path``, or None."""
    parts = path.parts
    for index, part in enumerate(parts):
        if part.lower() == "cloudstorage" and index and parts[index - 1].lower() == "library" \
                and index + 1 < len(parts):
            # macOS File Provider: every cloud client's folder lives here ("Box-Box",
            # "OneDrive-Personal", "GoogleDrive-sam@example.org").
            client = parts[index + 1]
            client_name = _provider(client) or _provider(client.split("-")[0]) \
                or "a cloud storage provider"
            return client_name, PurePath(*parts[:index + 2])
        provider = _provider(part)
        if provider is not None:
            return provider, PurePath(*parts[:index + 1])
    return None


def gvfs_mount(path: PurePath) -> PurePath | None:
    """The GNOME virtual file system mount (smb-share:, sftp:, dav:...) holding ``path``."""
    parts = path.parts
    for index, part in enumerate(parts[:-1]):
        if part in ("gvfs", ".gvfs"):
            return PurePath(*parts[:index + 2])
    return None


def mount_of(path: Path, mounts_text: str | None = None) -> tuple[str, str] | None:
    """(mount point, file system type) of the mount holding ``path`` (Linux), or None."""
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text()
        except OSError:
            return None
    best: tuple[str, str] | None = None
    resolved = str(path)
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = resolved == mount_point or resolved.startswith(mount_point.rstrip("/") + "/")
        if inside and (best is None or len(mount_point) >= len(best[0])):
            best = (mount_point, fields[2])
    return best


def is_network_filesystem(fs_type: str) -> bool:
    return fs_type in NETWORK_FILESYSTEMS or fs_type.startswith("fuse.")


def _windows_drive_is_remote(path: Path) -> bool:
    # Called on Windows only; the check also tells the type checker that ctypes.windll exists.
    if sys.platform != "win32":
        return False
    import ctypes

    drive = os.path.splitdrive(str(path))[0]
    if not drive:
        return False
    drive_remote = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_local_path(path: Path, mounts_text: str | None = None) -> None:
    """Refuse a database path on a network share or in a synced folder.

    Both the path as given and the path with every symbolic link resolved are checked, so a
    link from a local folder into Dropbox is refused like Dropbox itself.

    Raises:
        UnsafeLocationError: naming the folder and suggesting the default data folder.
    """
    advice = _ADVICE.format(default=paths.default_data_dir())
    text = str(path)
    resolved = path.resolve()
    for candidate in (path, resolved):
        shown = str(candidate)
        if shown.startswith(("\\\\", "//")):
            raise UnsafeLocationError(f"The database {text} is on a network share "
                                      f"({shown}). {advice}")
        synced = synced_folder(candidate)
        if synced is not None:
            provider, folder = synced
            raise UnsafeLocationError(
                f"The database {text} is in {folder}, a folder synced by {provider}, which "
                f"copies files while they are being written. {advice}")
        mount = gvfs_mount(candidate)
        if mount is not None:
            raise UnsafeLocationError(f"The database {text} is on a network location mounted "
                                      f"by the desktop ({mount}). {advice}")
    if sys.platform == "win32":
        if _windows_drive_is_remote(resolved):
            raise UnsafeLocationError(f"The database {text} is on a network drive. {advice}")
        return
    mounted = mount_of(_existing(resolved), mounts_text)
    if mounted is not None and is_network_filesystem(mounted[1]):
        raise UnsafeLocationError(
            f"The database {text} is on a network file system ({mounted[1]}, mounted at "
            f"{mounted[0]}). {advice}")
