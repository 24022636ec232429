"""The JSON bundle: a complete, re-importable set of records (demo data, imports, exports)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from psw_tui.models.group import Group, Member
from psw_tui.models.records import Action, Concern, Note, RegisterEntry
from psw_tui.models.reflection import Reflection
from psw_tui.models.session import Session
from psw_tui.models.template import Template

BUNDLE_FORMAT = "psw-tui-bundle"


class SessionBundle(BaseModel):
    """One session with everything recorded in it."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    session: Session
    register_entries: list[RegisterEntry] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    concerns: list[Concern] = Field(default_factory=list)


class Bundle(BaseModel):
    """Groups, rosters, templates, sessions and reflections, as one document."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    format: Literal["psw-tui-bundle"] = BUNDLE_FORMAT
    schema_version: int = 1
    exported_at: datetime | None = None
    anchor_date: date | None = Field(
        default=None,
        description="Demo data only: every date is shifted by whole weeks so this one lands "
        "in the current week.",
    )
    groups: list[Group] = Field(default_factory=list)
    members: list[Member] = Field(default_factory=list)
    templates: list[Template] = Field(default_factory=list)
    sessions: list[SessionBundle] = Field(default_factory=list)
    reflections: list[Reflection] = Field(default_factory=list)
