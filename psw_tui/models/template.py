"""Reusable agendas and their timed segments."""

from __future__ import annotations

from uuid import UUID

from pydantic import Field, field_validator

from psw_tui.models.base import Name, OptionalText, Record, Text
from psw_tui.models.enums import FiveWay, GroupKind, SegmentKind


class Segment(Record):
    """One timed block of an agenda."""

    title: Name
    minutes: int = Field(ge=0, le=480)
    kind: SegmentKind
    optional: bool = False
    # Rebalancing never shortens or drops a protected segment (agreement, grounding, close).
    protected: bool = False
    # Who leads this segment (a facilitator or co-facilitator of the group); set on a
    # session's own agenda, never on a template (templates are shared between groups).
    lead_id: UUID | None = None
    prompts: list[Text] = Field(default_factory=list)
    # Five Ways to Wellbeing tags, in the order of FiveWay (the Five Ways balance report).
    five_ways: list[FiveWay] = Field(default_factory=list)

    @field_validator("five_ways")
    @classmethod
    def _each_way_once(cls, ways: list[FiveWay]) -> list[FiveWay]:
        # A way tagged twice would count the segment's minutes twice in the balance.
        return [way for way in FiveWay if way in ways]


class Template(Record):
    """A named, reusable agenda."""

    name: Name
    group_kind: GroupKind = GroupKind.PEER_SUPPORT
    description: OptionalText = ""
    builtin: bool = False
    segments: list[Segment] = Field(default_factory=list)

    @property
    def total_minutes(self) -> int:
        """Planned length of the whole agenda."""
        return sum(segment.minutes for segment in self.segments)
