"""Rolling backups of a data folder: zip files of every data file, newest kept."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from psw_tui.storage.crypto import PLAIN, Codec
from psw_tui.storage.durable import atomic_write, decode_tables, ensure_private_dir
from psw_tui.storage.errors import StoreCorrupt
from psw_tui.storage.limits import (
    MAX_ARCHIVE_BYTES,
    MAX_ARCHIVE_MEMBERS,
    MAX_MEMBER_BYTES,
    LimitExceeded,
    check_size,
)
from psw_tui.storage.migrations import APP_MARK
from psw_tui.storage.paths import WELLNESS_FILE_NAME, DataPaths

BACKUP_PREFIX = "psw-tui-backup-"
GENERATIONS = 7
KEY_MEMBER = "encryption.json"  # an encrypted folder's key file travels with its backups


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and when it was taken."""

    path: Path
    taken_at: datetime


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S-%f")


def list_backups(paths: DataPaths) -> list[BackupInfo]:
    """Backups in the folder's ``backups/``, newest first."""
    if not paths.backups.is_dir():
        return []
    found = []
    for path in paths.backups.glob(f"{BACKUP_PREFIX}*.zip"):
        try:
            stamp = path.stem.removeprefix(BACKUP_PREFIX)
            found.append(BackupInfo(path, datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f")))
        except ValueError:
            continue
    return sorted(found, key=lambda info: info.taken_at, reverse=True)


def build_archive(paths: DataPaths) -> bytes:
    """A zip of every data file as it is on disk (damaged files included, unvalidated).

    In an encrypted folder the files are copied still encrypted, with the key file.
    """
    files = list(paths.data_files())
    if paths.key_file.exists():
        files.insert(0, paths.key_file)
    return pack({file.relative_to(paths.root).as_posix(): file.read_bytes() for file in files})


def pack(members: dict[str, bytes]) -> bytes:
    """A backup archive holding ``members`` (name -> bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, raw in members.items():
            archive.writestr(name, raw)
    return buffer.getvalue()


def check_archive(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse (StoreCorrupt) an archive whose declared sizes are beyond what psw-tui writes,
    before anything is inflated. Reading a member never yields more than its declared size
    (a member that lies fails its CRC check), so these bounds hold for what is read too."""
    infos = archive.infolist()
    try:
        if len(infos) > MAX_ARCHIVE_MEMBERS:
            raise LimitExceeded(f"it holds {len(infos):,} files, more than a psw-tui backup ever does")
        for info in infos:
            try:
                check_size(info.file_size, MAX_MEMBER_BYTES)
            except LimitExceeded as error:
                raise LimitExceeded(f"its member {info.filename!r}: {error}") from None
        check_size(sum(info.file_size for info in infos), MAX_ARCHIVE_BYTES)
    except LimitExceeded as error:
        raise StoreCorrupt(path, f"it is not a backup psw-tui can read safely ({error})") from None


def read_members(path: Path, names: set[str] | None = None) -> dict[str, bytes]:
    """Every member (or those in ``names``) of a backup archive, unverified; StoreCorrupt if
    it is no zip or is larger than psw-tui ever writes."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(path, archive)
            wanted = [n for n in archive.namelist() if names is None or n in names]
            return {name: archive.read(name) for name in wanted}
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as error:
        raise StoreCorrupt(path, f"it is not a readable backup ({error})") from None


def member_names(path: Path) -> list[str]:
    """The names of the files in a backup archive (nothing is inflated)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.namelist()
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as error:
        raise StoreCorrupt(path, f"it is not a readable backup ({error})") from None


def write_backup(paths: DataPaths, target: Path) -> Path:
    """Write a backup archive to ``target`` (atomically, 0600)."""
    atomic_write(target, build_archive(paths))
    return target


def take_backup(paths: DataPaths, now: datetime | None = None, keep: int = GENERATIONS) -> Path:
    """Add a backup to ``backups/`` and drop the oldest beyond ``keep`` generations."""
    now = now or datetime.now()
    ensure_private_dir(paths.backups)
    target = paths.backups / f"{BACKUP_PREFIX}{_stamp(now)}.zip"
    write_backup(paths, target)
    older = [info for info in list_backups(paths) if info.path != target]
    for old in older[max(keep - 1, 0):]:
        old.path.unlink(missing_ok=True)
    return target


def verify_backup(path: Path, codec: Codec = PLAIN) -> dict[str, bytes]:
    """Read a backup and check every file in it; return its members, or raise StoreCorrupt.

    An encrypted backup's files are opened with ``codec`` (the data key of its folder).
    """
    members = read_members(path)
    if "catalog.json" not in members:
        raise StoreCorrupt(path, "it holds no catalog.json")
    if KEY_MEMBER in members and not codec.encrypted:
        raise StoreCorrupt(path, "it is encrypted, and no key was given to open it")
    if KEY_MEMBER not in members and codec.encrypted:
        codec = PLAIN  # a backup taken before the folder was encrypted
    for name, raw in members.items():
        if not _safe_member(name):
            raise StoreCorrupt(path, f"it holds an unexpected file {name!r}")
        if name != KEY_MEMBER:
            decode_tables(codec.unseal(raw, path / name), path / name)
    catalog = codec.unseal(members["catalog.json"], path / "catalog.json")
    meta = decode_tables(catalog, path / "catalog.json").get("meta", {})
    schema = meta.get("schema", {})
    if schema.get("app") != APP_MARK:
        raise StoreCorrupt(path, "it is not a psw-tui backup")
    return members


def _safe_member(name: str) -> bool:
    parts = name.split("/")
    if name in {"catalog.json", KEY_MEMBER}:
        return True
    return (
        len(parts) == 2
        and parts[0] in {"sessions", "reflections"}
        and parts[1].endswith(".json")
        and not parts[1].startswith(".")
    )


def newest_good_backup(paths: DataPaths) -> Path | None:
    """The newest backup that reads back whole, if any."""
    for info in list_backups(paths):
        try:
            verify_backup(info.path, paths.codec)
        except StoreCorrupt:
            continue
        return info.path
    return None


def good_copy(backup: Path, name: str, codec: Codec = PLAIN) -> bytes | None:
    """The plain bytes of data file ``name`` (``sessions/<id>.json``) in ``backup`` if the
    backup holds a copy that reads back whole, else None."""
    try:
        members = read_members(backup, {name, KEY_MEMBER})
        if name not in members:
            return None
        if KEY_MEMBER not in members:
            codec = PLAIN  # taken before the folder was encrypted
        elif not codec.encrypted:
            return None
        plain = codec.unseal(members[name], backup / name)
        tables = decode_tables(plain, backup / name)
    except StoreCorrupt:
        return None
    return plain if _has_its_shape(name, tables) else None


def _has_its_shape(name: str, tables: dict[str, dict[str, object]]) -> bool:
    """Whether a data file's tables look like what psw-tui writes at ``name``."""
    if name.startswith("sessions/"):
        return len(tables.get("session", {})) == 1
    if name == f"reflections/{WELLNESS_FILE_NAME}":
        return set(tables) <= {"versions"}
    if name.startswith("reflections/"):
        return set(tables) == {"reflections"}
    return "meta" in tables


def newest_backup_with(paths: DataPaths, name: str) -> Path | None:
    """The newest backup holding a good copy of data file ``name`` (relative to the root)."""
    for info in list_backups(paths):
        if good_copy(info.path, name, paths.codec) is not None:
            return info.path
    return None
