"""User settings (the settings file and screen come with the privacy issue; defaults here)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    """How psw-tui behaves for this user."""

    model_config = ConfigDict(extra="forbid")

    idle_lock_minutes: int = Field(default=5, ge=0, le=240)
    bell: bool = True
    show_overrun: bool = True
    warn_at_fraction: float = Field(default=0.20, gt=0, lt=1)
    urgent_at_fraction: float = Field(default=0.05, gt=0, lt=1)
    theme: str = "textual-dark"
    keymap: dict[str, str] = Field(default_factory=dict)
