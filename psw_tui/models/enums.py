"""The closed vocabularies of PRODUCT.md."""

from enum import StrEnum


class GroupKind(StrEnum):
    """What a group is for."""

    PEER_SUPPORT = "peer_support"
    SUPERVISION = "supervision"
    REFLECTIVE_PRACTICE = "reflective_practice"
    COURSE = "course"  # e.g. a Recovery College course: co-delivered, learners counted


class MemberRole(StrEnum):
    """A person's role on a roster."""

    MEMBER = "member"
    FACILITATOR = "facilitator"
    CO_FACILITATOR = "co_facilitator"
    SUPERVISEE = "supervisee"
    SUPERVISOR = "supervisor"
    GUEST = "guest"


class SegmentKind(StrEnum):
    """What happens in one timed block of an agenda."""

    WELCOME = "welcome"
    AGREEMENT = "agreement"
    CHECK_IN = "check_in"
    THEME = "theme"
    BREAK = "break"
    SHARING = "sharing"
    CASE_DISCUSSION = "case_discussion"
    ACTIONS_REVIEW = "actions_review"
    CHECK_OUT = "check_out"
    CLOSE = "close"
    DEBRIEF = "debrief"


class FiveWay(StrEnum):
    """The Five Ways to Wellbeing a segment can serve (tags on agenda segments)."""

    CONNECT = "connect"
    BE_ACTIVE = "be_active"
    TAKE_NOTICE = "take_notice"
    KEEP_LEARNING = "keep_learning"
    GIVE = "give"


class SessionStatus(StrEnum):
    """Where a session is in its life: planned -> running -> ended (or cancelled)."""

    PLANNED = "planned"
    RUNNING = "running"
    ENDED = "ended"
    CANCELLED = "cancelled"


class Attendance(StrEnum):
    """A register status, in the order a keystroke cycles through them."""

    PRESENT = "present"
    LATE = "late"
    LEFT_EARLY = "left_early"
    APOLOGIES = "apologies"
    DID_NOT_ATTEND = "did_not_attend"


class RegisterKind(StrEnum):
    """How a person came to be on a session's register."""

    ROSTER = "roster"
    WALK_IN = "walk_in"
    GUEST = "guest"


class NoteKind(StrEnum):
    """Kinds of note captured in a session."""

    CONTRIBUTION = "contribution"
    THEME = "theme"
    PARKING_LOT = "parking_lot"
    SIGNPOST = "signpost"
    FACILITATOR_REFLECTION = "facilitator_reflection"


# Kinds said by or to the room: stored with no author and no time of day.
ANONYMOUS_NOTE_KINDS = frozenset(
    {NoteKind.CONTRIBUTION, NoteKind.THEME, NoteKind.PARKING_LOT, NoteKind.SIGNPOST}
)


class ActionStatus(StrEnum):
    """Where an action stands."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class ConcernKind(StrEnum):
    """Which limit of confidentiality was reached."""

    RISK_TO_SELF = "risk_to_self"
    RISK_TO_OTHERS = "risk_to_others"
    SAFEGUARDING_CHILD = "safeguarding_child"
    SAFEGUARDING_ADULT = "safeguarding_adult"


class ReflectionModel(StrEnum):
    """The reflective model a reflection follows."""

    GIBBS = "gibbs"
    DRISCOLL = "driscoll"
    FREE = "free"
    SELF_DISCLOSURE = "self_disclosure"
