"""Pydantic models and enums for the whole vocabulary of PRODUCT.md. No I/O, no Textual."""

from psw_tui.models.base import Record, utc_now
from psw_tui.models.enums import (
    ANONYMOUS_NOTE_KINDS,
    ActionStatus,
    Attendance,
    ConcernKind,
    FiveWay,
    GroupKind,
    MemberRole,
    NoteKind,
    ReflectionModel,
    RegisterKind,
    SegmentKind,
    SessionStatus,
)
from psw_tui.models.bundle import BUNDLE_FORMAT, Bundle, SessionBundle
from psw_tui.models.group import Group, Member
from psw_tui.models.records import (
    Action,
    AnonymousNote,
    Concern,
    FacilitatorNote,
    Note,
    RegisterEntry,
)
from psw_tui.models.reflection import (
    DriscollReflection,
    FreeReflection,
    GibbsReflection,
    Reflection,
    SelfDisclosureReflection,
)
from psw_tui.models.settings import Settings
from psw_tui.models.session import (
    Debrief,
    Pause,
    RoundCount,
    ScaleTally,
    Segment,
    SegmentRun,
    Session,
    SessionHeader,
)
from psw_tui.models.template import Template

__all__ = [
    "ANONYMOUS_NOTE_KINDS",
    "BUNDLE_FORMAT",
    "Bundle",
    "SessionBundle",
    "Action",
    "ActionStatus",
    "AnonymousNote",
    "Attendance",
    "Concern",
    "ConcernKind",
    "Debrief",
    "DriscollReflection",
    "FacilitatorNote",
    "FiveWay",
    "FreeReflection",
    "GibbsReflection",
    "Group",
    "GroupKind",
    "Member",
    "MemberRole",
    "Note",
    "NoteKind",
    "Pause",
    "Record",
    "Reflection",
    "ReflectionModel",
    "RoundCount",
    "ScaleTally",
    "RegisterEntry",
    "RegisterKind",
    "Segment",
    "SegmentKind",
    "SelfDisclosureReflection",
    "SegmentRun",
    "Session",
    "SessionHeader",
    "SessionStatus",
    "Settings",
    "Template",
    "utc_now",
]
