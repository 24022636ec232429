"""Rolling backups of a data folder: zip files of every data file, newest kept."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from psw_tui.storage.durable import atomic_write, decode_tables, ensure_private_dir
from psw_tui.storage.errors import StoreCorrupt
from psw_tui.storage.migrations import APP_MARK
from psw_tui.storage.paths import DataPaths

BACKUP_PREFIX = "psw-tui-backup-"
GENERATIONS = 7


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
    """A zip of every data file as it is on disk (damaged files included, unvalidated)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for file in paths.data_files():
            archive.write(file, file.relative_to(paths.root).as_posix())
    return buffer.getvalue()


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


def verify_backup(path: Path) -> dict[str, bytes]:
    """Read a backup and check every file in it; return its members, or raise StoreCorrupt."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = {name: archive.read(name) for name in archive.namelist()}
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as error:
        raise StoreCorrupt(path, f"it is not a readable backup ({error})") from None
    if "catalog.json" not in members:
        raise StoreCorrupt(path, "it holds no catalog.json")
    for name, raw in members.items():
        if not _safe_member(name):
            raise StoreCorrupt(path, f"it holds an unexpected file {name!r}")
        decode_tables(raw, path / name)
    meta = decode_tables(members["catalog.json"], path / "catalog.json").get("meta", {})
    schema = meta.get("schema", {})
    if schema.get("app") != APP_MARK:
        raise StoreCorrupt(path, "it is not a psw-tui backup")
    return members


def _safe_member(name: str) -> bool:
    parts = name.split("/")
    if name == "catalog.json":
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
            verify_backup(info.path)
        except StoreCorrupt:
            continue
        return info.path
    return None
