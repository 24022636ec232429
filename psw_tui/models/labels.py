"""The words shown for every enum value, defined once.

Screens, summaries, exports and reports all take their labels from here, so a status or a
role reads the same everywhere. ``*_WORDS`` are the lower-case forms used inside a line of text.
"""

from __future__ import annotations

from psw_tui.models.enums import (
    ActionStatus,
    Attendance,
    FiveWay,
    GroupKind,
    MemberRole,
    RegisterKind,
    SegmentKind,
)
from psw_tui.models.group import Member
from psw_tui.models.records import RegisterEntry
from psw_tui.models.worker import ContactKind, SupervisionKind

ATTENDANCE: dict[Attendance | None, str] = {
    None: "not marked",
    Attendance.PRESENT: "present",
    Attendance.LATE: "late",
    Attendance.LEFT_EARLY: "left early",
    Attendance.APOLOGIES: "apologies",
    Attendance.DID_NOT_ATTEND: "did not attend",
}

ACTION_STATUS: dict[ActionStatus, str] = {
    ActionStatus.OPEN: "open",
    ActionStatus.DONE: "done",
    ActionStatus.DROPPED: "dropped",
}

GROUP_KIND: dict[GroupKind, str] = {
    GroupKind.PEER_SUPPORT: "Peer support",
    GroupKind.SUPERVISION: "Supervision",
    GroupKind.REFLECTIVE_PRACTICE: "Reflective practice",
    GroupKind.COURSE: "Course (e.g. Recovery College)",
}

ROLE: dict[MemberRole, str] = {
    MemberRole.MEMBER: "Member",
    MemberRole.FACILITATOR: "Facilitator",
    MemberRole.CO_FACILITATOR: "Co-facilitator",
    MemberRole.SUPERVISEE: "Supervisee",
    MemberRole.SUPERVISOR: "Supervisor",
    MemberRole.GUEST: "Guest",
}
ROLE_WORDS: dict[MemberRole, str] = {role: label.lower() for role, label in ROLE.items()}

REGISTER_KIND_WORDS: dict[RegisterKind, str] = {
    RegisterKind.ROSTER: "roster",
    RegisterKind.WALK_IN: "walk-in",
    RegisterKind.GUEST: "guest",
}

SEGMENT_KIND: dict[SegmentKind, str] = {
    SegmentKind.WELCOME: "Welcome",
    SegmentKind.AGREEMENT: "Agreement",
    SegmentKind.CHECK_IN: "Check-in",
    SegmentKind.THEME: "Theme",
    SegmentKind.BREAK: "Break",
    SegmentKind.SHARING: "Sharing",
    SegmentKind.CASE_DISCUSSION: "Case discussion",
    SegmentKind.ACTIONS_REVIEW: "Actions review",
    SegmentKind.CHECK_OUT: "Check-out",
    SegmentKind.CLOSE: "Close",
    SegmentKind.DEBRIEF: "Debrief",
}

FIVE_WAY: dict[FiveWay, str] = {
    FiveWay.CONNECT: "Connect",
    FiveWay.BE_ACTIVE: "Be active",
    FiveWay.TAKE_NOTICE: "Take notice",
    FiveWay.KEEP_LEARNING: "Keep learning",
    FiveWay.GIVE: "Give",
}

CONTACT_KIND: dict[ContactKind, str] = {
    ContactKind.ONE_TO_ONE: "One-to-one",
    ContactKind.WALK: "Walk",
    ContactKind.CALL: "Phone or video call",
    ContactKind.ACCOMPANYING: "Accompanying to an appointment",
    ContactKind.CRISIS: "Crisis one-to-one",
    ContactKind.OTHER: "Other",
}
CONTACT_KIND_SHORT: dict[ContactKind, str] = {
    ContactKind.ONE_TO_ONE: "1:1",
    ContactKind.WALK: "Walk",
    ContactKind.CALL: "Call",
    ContactKind.ACCOMPANYING: "Accomp.",
    ContactKind.CRISIS: "Crisis",
    ContactKind.OTHER: "Other",
}

SUPERVISION_KIND: dict[SupervisionKind, str] = {
    SupervisionKind.LINE_MANAGEMENT: "Line management",
    SupervisionKind.CLINICAL: "Clinical",
    SupervisionKind.PEER_SUPPORT: "Peer support",
    SupervisionKind.GROUP: "Group",
    SupervisionKind.REFLECTIVE_PRACTICE: "Reflective practice",
}

REMOVED_MEMBER = "(removed)"
"""How a register row reads once its member is forgotten (what Forget member promises)."""


def register_row_words(entry: RegisterEntry, member: Member | None) -> tuple[str, str]:
    """A register row's name and role: a roster member's name and role, else the name
    typed for the walk-in or guest and its kind. A forgotten member reads ``(removed)``."""
    if entry.kind is RegisterKind.ROSTER or entry.member_id is not None:
        if member is None:
            return REMOVED_MEMBER, ""
        return member.display_name, ROLE_WORDS[member.role]
    return entry.display_name or "", REGISTER_KIND_WORDS[entry.kind]
