"""User settings: what the settings file (TOML) and the settings screen hold."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# Themes offered in the settings (the high-contrast one is registered by the app).
THEMES = ("textual-dark", "textual-light", "psw-high-contrast")


class Settings(BaseModel):
    """How psw-tui behaves for this user.

    ``warn_at_fraction`` / ``urgent_at_fraction``: the segment clock changes colour when this
    share of the segment's time is left (0.20 = 20%). ``retention_years``: sessions older than
    this many years are offered for pruning (0 keeps everything). ``keymap``: binding id ->
    key(s), e.g. ``{"app.help": "f2"}``. ``export_folder``: where exports go by default.
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
