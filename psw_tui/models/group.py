"""Groups and the people on their rosters."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from pydantic import Field

from psw_tui.models.base import Name, OptionalText, Record, Text
from psw_tui.models.enums import GroupKind, MemberRole


DEFAULT_SCALE_WORDS = ("stormy", "rough", "mixed", "settled", "calm")


class Group(Record):
    """A recurring gathering with its own roster, agreement and default agenda."""

    name: Name
    kind: GroupKind = GroupKind.PEER_SUPPORT
    agreement: OptionalText = ""
    default_template_id: UUID | None = None
    slot_minutes: int = Field(default=90, ge=5, le=480)
    archived: bool = False
    signposting: list[Text] = Field(default_factory=list)
    question_bank: list[Text] = Field(default_factory=list)
    created_on: date = Field(default_factory=date.today)
    # The five words of the arrive / leave scale, from 1 to 5 (a group can rename them).
    scale_words: list[Name] = Field(
        default_factory=lambda: list(DEFAULT_SCALE_WORDS), min_length=5, max_length=5
    )
    # Where the group meets (shown in calendar exports); "" when not set.
    location: str = Field(default="", max_length=200)


class Member(Record):
    """A person on a group's roster. Data minimisation: a display name and a role, nothing else."""

    group_id: UUID
    display_name: Name
    role: MemberRole = MemberRole.MEMBER
    active: bool = True
