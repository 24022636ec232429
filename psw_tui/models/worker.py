"""The worker's own records, beyond groups: one-to-one contacts (content-free), their own
supervision of every kind, and their private WRAP-style wellness plan."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated
from uuid import UUID, uuid4

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from psw_tui.models.base import OptionalText, Record, utc_now
from psw_tui.models.enums import ActionStatus
from psw_tui.models.session import Debrief


class ContactKind(StrEnum):
    """What kind of one-to-one support a contact was."""

    ONE_TO_ONE = "one_to_one"
    WALK = "walk"
    CALL = "call"  # phone or video
    ACCOMPANYING = "accompanying"  # to an appointment
    CRISIS = "crisis"
    OTHER = "other"


class SupervisionKind(StrEnum):
    """The five kinds of support for the worker themself."""

    LINE_MANAGEMENT = "line_management"
    CLINICAL = "clinical"
    PEER_SUPPORT = "peer_support"
    GROUP = "group"
    REFLECTIVE_PRACTICE = "reflective_practice"


LABEL_MAX = 20
_DATE_LIKE = re.compile(r"\d{1,4}\s*[/.\-]\s*\d{1,2}")


def check_label(value: str) -> str:
    """A pseudonymous label: initials or a nickname, short, on one line, with a letter in it
    and no more than two digits (so no identifier, phone number or date of birth fits)."""
    value = " ".join(value.split())
    if not value:
        raise ValueError("a label cannot be blank (leave it out instead)")
    if len(value) > LABEL_MAX:
        raise ValueError(f"keep a label to {LABEL_MAX} characters: initials or a nickname")
    if not any(char.isalpha() for char in value):
        raise ValueError("a label needs a letter: initials or a nickname, not a number")
    if sum(char.isdigit() for char in value) > 2 or _DATE_LIKE.search(value):
        raise ValueError("no numbers, dates or identifiers in a label: initials or a nickname")
    if not value.isprintable():
        raise ValueError("a label is plain text: initials or a nickname")
    if "@" in value:
        raise ValueError("no email addresses in a label: initials or a nickname")
    return value


Label = Annotated[str, AfterValidator(check_label)]
ActionLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)]


class Contact(Record):
    """One piece of one-to-one support: when, what kind, how long, and an optional
    pseudonymous label. Deliberately no field for what was said. ``debrief`` holds the
    worker's own private debrief when one was needed."""

    date: date
    kind: ContactKind
    minutes: int = Field(ge=1, le=24 * 60)
    label: Label | None = None
    debrief_needed: bool = False
    debrief: Debrief | None = None


class SupervisionAction(BaseModel):
    """An action agreed in supervision (one line), open until done or dropped."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    id: UUID = Field(default_factory=uuid4)
    text: ActionLine
    status: ActionStatus = ActionStatus.OPEN
    raised_on: date
    due: date | None = None
    closed_on: date | None = None


class SupervisionRecord(Record):
    """One supervision the worker had, of any kind."""

    date: date
    kind: SupervisionKind
    supervisor: DisplayName = ""
    minutes: int = Field(ge=1, le=12 * 60)
    actions: list[SupervisionAction] = Field(default_factory=list)


WELLNESS_FIELDS = (
    "daily",
    "triggers",
    "early_signs",
    "getting_worse",
    "who_to_contact",
    "after",
)


class WellnessPlan(Record):
    """One saved version of the worker's WRAP-style wellness plan (each save adds one)."""

    version: int = Field(ge=1)
    saved_at: AwareDatetime = Field(default_factory=utc_now)
    daily: OptionalText = ""  # what keeps me well day to day
    triggers: OptionalText = ""  # triggers and what helps
    early_signs: OptionalText = ""  # early warning signs
    getting_worse: OptionalText = ""  # when things are getting worse
    who_to_contact: OptionalText = ""  # who to contact and how
    after: OptionalText = ""  # what helps after

    def is_blank(self) -> bool:
        """Whether every section is empty."""
        return not any(getattr(self, name).strip() for name in WELLNESS_FIELDS)
