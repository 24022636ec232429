"""User settings: what the settings file (TOML) and the settings screen hold."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from psw_tui.models.worker import SupervisionKind

# Themes offered in the settings (the high-contrast one is registered by the app).
THEMES = ("textual-dark", "textual-light", "psw-high-contrast")

# How often each kind of the worker's own supervision is due, in weeks (0: not tracked).
SUPERVISION_EVERY_WEEKS: dict[str, int] = {
    SupervisionKind.LINE_MANAGEMENT.value: 4,
    SupervisionKind.CLINICAL.value: 6,
    SupervisionKind.GROUP.value: 4,
    SupervisionKind.PEER_SUPPORT.value: 6,
    SupervisionKind.REFLECTIVE_PRACTICE.value: 8,
}
MAX_SUPERVISION_WEEKS = 52


class Settings(BaseModel):
    """How psw-tui behaves for this user.

    ``warn_at_fraction`` / ``urgent_at_fraction``: the segment clock changes colour when this
    share of the segment's time is left (0.20 = 20%). ``retention_years``: sessions older than
    this many years are offered for pruning (0 keeps everything). ``keymap``: binding id ->
    key(s), e.g. ``{"app.help": "f2"}``. ``export_folder``: where exports go by default.
    ``supervision_every_weeks``: kind of supervision -> weeks between sessions before it is
    overdue (0: not tracked); kinds left out keep their default.
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)

    idle_lock_minutes: int = Field(default=5, ge=0, le=240)
    # On an encrypted folder the privacy screen and the idle lock open with the passphrase,
    # not the privacy key alone (an unencrypted folder keeps the one key).
    lock_needs_passphrase: bool = True
    bell: bool = True
    show_overrun: bool = True
    warn_at_fraction: float = Field(default=0.20, gt=0, lt=1)
    urgent_at_fraction: float = Field(default=0.05, gt=0, lt=1)
    theme: str = "textual-dark"
    keymap: dict[str, str] = Field(default_factory=dict)
    retention_years: int = Field(default=0, ge=0, le=100)
    export_folder: str | None = None
    supervision_every_weeks: dict[str, int] = Field(default_factory=lambda: dict(SUPERVISION_EVERY_WEEKS))

    @field_validator("theme")
    @classmethod
    def _known_theme(cls, value: str) -> str:
        if value not in THEMES:
            raise ValueError(f"theme must be one of {', '.join(THEMES)}")
        return value

    @field_validator("keymap")
    @classmethod
    def _keys_given(cls, value: dict[str, str]) -> dict[str, str]:
        for binding_id, keys in value.items():
            if not binding_id.strip() or not keys.strip():
                raise ValueError("each keymap entry needs a binding id and a key")
        return value

    @field_validator("supervision_every_weeks")
    @classmethod
    def _known_kinds(cls, value: dict[str, int]) -> dict[str, int]:
        for kind, weeks in value.items():
            if kind not in SUPERVISION_EVERY_WEEKS:
                raise ValueError(f"unknown kind {kind!r} (known: {', '.join(SUPERVISION_EVERY_WEEKS)})")
            if not 0 <= weeks <= MAX_SUPERVISION_WEEKS:
                raise ValueError(f"{kind}: give weeks from 0 (not tracked) to {MAX_SUPERVISION_WEEKS}")
        return {**SUPERVISION_EVERY_WEEKS, **value}

    @field_validator("export_folder")
    @classmethod
    def _folder_or_none(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            return None
        return value

    @model_validator(mode="after")
    def _urgent_below_warning(self) -> Settings:
        if self.urgent_at_fraction >= self.warn_at_fraction:
            raise ValueError("urgent_at_fraction must be smaller than warn_at_fraction")
        return self
