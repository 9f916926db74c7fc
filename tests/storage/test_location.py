"""Synced folders, desktop network mounts and network file systems are refused, links resolved."""

from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath

import pytest

from upw_ttg import paths
from upw_ttg.errors import UnsafeLocationError
from upw_ttg.storage.database import Database, sqlite_url
from upw_ttg.storage.location import check_local_path, mount_of, synced_folder

LOCAL_MOUNTS = "/dev/sda1 / ext4 rw 0 0\ntmpfs /tmp tmpfs rw 0 0\n"
needs_symlinks = pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges")


@pytest.mark.parametrize(("folder", "provider"), [
    ("/home/sam/OneDrive", "OneDrive"),
    ("/home/sam/OneDrive - Kent Probation", "OneDrive"),
    ("/home/sam/Dropbox", "Dropbox"),
    ("/home/sam/Dropbox (Personal)", "Dropbox"),
    ("/home/sam/Google Drive", "Google Drive"),
    ("/Volumes/GoogleDrive", "Google Drive"),
    ("/mnt/g/My Drive", "Google Drive"),
    ("/home/sam/Box", "Box"),
    ("/home/sam/Box Sync", "Box"),
    ("/home/sam/Nextcloud", "Nextcloud"),
    ("/home/sam/ownCloud", "ownCloud"),
    ("/home/sam/pCloudDrive", "pCloud"),
    ("/home/sam/pCloud Drive", "pCloud"),
    ("/Users/sam/Library/Mobile Documents", "iCloud"),
    ("/Users/sam/iCloud Drive", "iCloud"),
    ("/Users/sam/Library/CloudStorage/Box-Box", "Box"),
])
def test_every_common_provider_is_recognised(folder, provider):
    found = synced_folder(PurePosixPath(folder) / "upw" / "upw-ttg.db")
    assert found is not None
    assert found[0] == provider
    assert found[1] == PurePosixPath(folder)


@pytest.mark.parametrize("folder", ["/home/sam/.local/share/upw-ttg", "/home/sam/boxes",
                                    "/home/sam/dropboxing-notes", "/srv/data/cloud"])
def test_ordinary_folders_are_not_taken_for_synced_ones(folder):
    assert synced_folder(PurePosixPath(folder) / "upw-ttg.db") is None


def test_the_refusal_names_the_folder_and_suggests_the_default(tmp_path):
    folder = tmp_path / "Nextcloud"
    with pytest.raises(UnsafeLocationError) as caught:
        check_local_path(folder / "upw-ttg.db", LOCAL_MOUNTS)
    message = str(caught.value)
    assert f"in {folder}, a folder synced by Nextcloud" in message
    assert str(paths.default_data_dir()) in message and "PostgreSQL" in message


@needs_symlinks
def test_a_symlink_into_a_synced_folder_is_refused(tmp_path):
    synced = tmp_path / "Dropbox" / "work"
    synced.mkdir(parents=True)
    link = tmp_path / "data"
    link.symlink_to(synced, target_is_directory=True)
    with pytest.raises(UnsafeLocationError, match="Dropbox"):
        check_local_path(link / "upw-ttg.db", LOCAL_MOUNTS)
    with pytest.raises(UnsafeLocationError, match="Dropbox"):
        Database(sqlite_url(link / "upw-ttg.db"))


@needs_symlinks
def test_a_symlinked_database_file_into_a_synced_folder_is_refused(tmp_path):
    synced = tmp_path / "OneDrive - Probation"
    synced.mkdir()
    (synced / "upw-ttg.db").write_bytes(b"")
    link = tmp_path / "upw-ttg.db"
    link.symlink_to(synced / "upw-ttg.db")
    with pytest.raises(UnsafeLocationError, match="OneDrive"):
        check_local_path(link, LOCAL_MOUNTS)


@needs_symlinks
def test_a_symlink_to_a_local_folder_is_accepted(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    check_local_path(link / "upw-ttg.db", LOCAL_MOUNTS)


@needs_symlinks
def test_a_symlink_into_a_gnome_smb_mount_is_refused(tmp_path):
    share = tmp_path / "run" / "user" / "1000" / "gvfs" / "smb-share:server=nas,share=probation"
    share.mkdir(parents=True)
    link = tmp_path / "upw"
    link.symlink_to(share, target_is_directory=True)
    with pytest.raises(UnsafeLocationError, match="smb-share:server=nas"):
        check_local_path(link / "upw-ttg.db", LOCAL_MOUNTS)


@pytest.mark.parametrize("fs_type", ["nfs", "nfs4", "cifs", "smb3", "fuse.sshfs",
                                     "fuse.rclone", "fuse.gvfsd-fuse", "9p"])
def test_network_and_fuse_file_systems_from_proc_mounts_are_refused(tmp_path, fs_type):
    mounts = LOCAL_MOUNTS + f"server:/export {tmp_path} {fs_type} rw 0 0\n"
    with pytest.raises(UnsafeLocationError, match=f"{fs_type}, mounted at {tmp_path}"):
        check_local_path(tmp_path / "new" / "upw-ttg.db", mounts)


@needs_symlinks
def test_a_symlink_onto_a_network_mount_is_refused(tmp_path):
    share = tmp_path / "mnt" / "nas"
    share.mkdir(parents=True)
    link = tmp_path / "home" / "data"
    link.parent.mkdir()
    link.symlink_to(share, target_is_directory=True)
    mounts = LOCAL_MOUNTS + f"//nas/probation {share} cifs rw 0 0\n"
    with pytest.raises(UnsafeLocationError, match="cifs"):
        check_local_path(link / "upw-ttg.db", mounts)


def test_local_block_devices_are_accepted(tmp_path):
    mounts = LOCAL_MOUNTS + f"/dev/sdb1 {tmp_path} fuseblk rw 0 0\n"
    check_local_path(tmp_path / "upw-ttg.db", mounts)


def test_the_deepest_mount_wins_and_escaped_spaces_are_read():
    mounts = ("/dev/sda1 / ext4 rw 0 0\n"
              "//nas/share /mnt/office\\040share cifs rw 0 0\n")
    assert mount_of(Path("/mnt/office share/upw.db"), mounts) == ("/mnt/office share", "cifs")
    assert mount_of(Path("/mnt/office"), mounts) == ("/", "ext4")


def test_without_proc_mounts_only_the_names_are_checked(tmp_path, monkeypatch):
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: (_ for _ in ()).throw(
        OSError("no /proc")))
    assert mount_of(tmp_path) is None
