"""What a session collects: register rows, notes, actions and concerns."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Self
from uuid import UUID

from pydantic import AwareDatetime, Field, model_validator

from psw_tui.models.base import Name, OptionalText, Record, Text, utc_now
from psw_tui.models.enums import (
    ActionStatus,
    Attendance,
    ConcernKind,
    NoteKind,
    RegisterKind,
)


class RegisterEntry(Record):
    """One person's attendance at one session.

    Roster members are referenced by ``member_id`` (their name lives on the roster only);
    walk-ins and guests carry just the display name they gave. ``status`` is None until marked.
    """

    session_id: UUID
    kind: RegisterKind = RegisterKind.ROSTER
    member_id: UUID | None = None
    display_name: Name | None = None
    status: Attendance | None = None

    @model_validator(mode="after")
    def _who(self) -> Self:
        if self.kind is RegisterKind.ROSTER and self.member_id is None:
            raise ValueError("member_id: a roster entry needs the member it refers to")
        if self.kind is not RegisterKind.ROSTER and not self.display_name:
            raise ValueError("display_name: a walk-in or guest needs a name")
        return self


class AnonymousNote(Record):
    """A note said by or to the room. No author and no time of day: only the session date."""

    kind: Literal[NoteKind.CONTRIBUTION, NoteKind.THEME, NoteKind.PARKING_LOT, NoteKind.SIGNPOST]
    session_id: UUID
    session_date: date
    segment_id: UUID | None = None
    text: Text
    tags: list[Name] = Field(default_factory=list)


class FacilitatorNote(Record):
    """The facilitator's own reflection during a session (not anonymous, timestamped)."""

    kind: Literal[NoteKind.FACILITATOR_REFLECTION] = NoteKind.FACILITATOR_REFLECTION
    session_id: UUID
    session_date: date
    segment_id: UUID | None = None
    text: Text
    author: Name | None = None
    created_at: AwareDatetime = Field(default_factory=utc_now)
    # Marked to bring to supervision: listed under "For supervision" (in no session export).
    for_supervision: bool = False


Note = Annotated[AnonymousNote | FacilitatorNote, Field(discriminator="kind")]


class Action(Record):
    """Something to do, raised in a session and carried forward while open."""

    session_id: UUID
    group_id: UUID
    text: Text
    owner_id: UUID | None = None
    # A walk-in's or guest's display name, when the owner is not on the roster.
    owner_name: Name | None = None
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    raised_on: date
    closed_on: date | None = None

    @model_validator(mode="after")
    def _one_owner(self) -> Self:
        if self.owner_id is not None and self.owner_name is not None:
            raise ValueError("owner_name: an action has one owner, on the roster or not")
        return self


class Concern(Record):
    """A confidentiality limit reached: what kind, what was done, escalated to whom.

    There is deliberately no field for what was said.
    """

    session_id: UUID
    kind: ConcernKind
    action_taken: Text
    escalated_to: OptionalText = ""
    recorded_by: Name
    recorded_at: AwareDatetime = Field(default_factory=utc_now)
