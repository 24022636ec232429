"""Where everything lives: the data folder and its layout, the settings file and the state
folder for crash reports. Every path psw-tui uses is defined here, each overridable."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from uuid import UUID

from platformdirs import user_config_path, user_data_path, user_state_path

from psw_tui.storage.crypto import PLAIN, Codec

APP_NAME = "psw-tui"
DATA_DIR_ENV = "PSW_TUI_DATA_DIR"
CONFIG_ENV = "PSW_TUI_CONFIG"
STATE_DIR_ENV = "PSW_TUI_STATE_DIR"
SETTINGS_FILE_NAME = "settings.toml"
WELLNESS_FILE_NAME = "wellness-plan.json"


def default_data_dir() -> Path:
    """``PSW_TUI_DATA_DIR`` if set, else the platform's user data folder for psw-tui."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return user_data_path(APP_NAME, appauthor=False)


def settings_path() -> Path:
    """``PSW_TUI_CONFIG`` if set, else ``settings.toml`` in the platform's config folder."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return user_config_path(APP_NAME, appauthor=False) / SETTINGS_FILE_NAME


def crash_dir() -> Path:
    """Where crash reports are written: ``crash-reports/`` in ``PSW_TUI_STATE_DIR`` if set,
    else in the platform's state folder."""
    override = os.environ.get(STATE_DIR_ENV)
    base = Path(override).expanduser() if override else user_state_path(APP_NAME, appauthor=False)
    return base / "crash-reports"


@dataclass(frozen=True)
class DataPaths:
    """The layout of one data folder.

    ``catalog.json`` holds groups, rosters, templates and a small index of sessions; each
    session has its own file under ``sessions/`` so a save during a live session rewrites
    only that session, never the whole history; reflections are kept one file per year.
    ``codec`` says how the data files' bytes are stored: as they are, or encrypted (the
    folder then also holds ``encryption.json``, the passphrase-wrapped data key).
    """

    root: Path
    codec: Codec = field(default=PLAIN, compare=False, repr=False)

    @property
    def encrypted(self) -> bool:
        """Whether this folder's data files are encrypted."""
        return self.codec.encrypted

    @property
    def key_file(self) -> Path:
        return self.root / "encryption.json"

    @property
    def catalog(self) -> Path:
        return self.root / "catalog.json"

    @property
    def sessions(self) -> Path:
        return self.root / "sessions"

    @property
    def reflections(self) -> Path:
        return self.root / "reflections"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def lock(self) -> Path:
        return self.root / ".lock"

    def session_file(self, session_id: UUID) -> Path:
        return self.sessions / f"{session_id}.json"

    def reflection_file(self, year: int) -> Path:
        return self.reflections / f"{year:04d}.json"

    @property
    def wellness_file(self) -> Path:
        """The worker's wellness plan, every saved version. It lives beside the reflection
        year files (private writing, sealed, backed up and converted like them); its name has
        no year, so the reflection repository passes it by."""
        return self.reflections / WELLNESS_FILE_NAME

    def data_files(self) -> list[Path]:
        """Every data file (not backups or the lock), catalog first."""
        files = [self.catalog] if self.catalog.exists() else []
        for folder in (self.sessions, self.reflections):
            if folder.is_dir():
                files.extend(sorted(p for p in folder.glob("*.json") if not p.name.startswith(".")))
        return files

    def has_data(self) -> bool:
        """Whether the folder holds any psw-tui data file."""
        return bool(self.data_files())
