"""One vocabulary: every enum value has its words, and a register row is worded one way."""

from __future__ import annotations

from uuid import uuid4

import pytest

from psw_tui.models import Attendance, MemberRole, RegisterKind
from psw_tui.models import labels
from psw_tui.models.enums import ActionStatus, FiveWay, GroupKind, SegmentKind
from psw_tui.models.group import Member
from psw_tui.models.records import RegisterEntry
from psw_tui.models.worker import ContactKind, SupervisionKind


@pytest.mark.parametrize(("enum", "words"), [
    (Attendance, labels.ATTENDANCE), (ActionStatus, labels.ACTION_STATUS), (GroupKind, labels.GROUP_KIND),
    (MemberRole, labels.ROLE), (MemberRole, labels.ROLE_WORDS), (RegisterKind, labels.REGISTER_KIND_WORDS),
    (SegmentKind, labels.SEGMENT_KIND), (FiveWay, labels.FIVE_WAY), (ContactKind, labels.CONTACT_KIND),
    (ContactKind, labels.CONTACT_KIND_SHORT), (SupervisionKind, labels.SUPERVISION_KIND),
])
def test_every_value_has_its_words(enum: type, words: dict) -> None:
    assert set(enum) <= set(words)
    assert all(isinstance(word, str) and word.strip() for word in words.values())


def test_a_register_row_reads_the_same_everywhere() -> None:
    group_id, session_id = uuid4(), uuid4()
    member = Member(group_id=group_id, display_name="Sam", role=MemberRole.CO_FACILITATOR)
    roster = RegisterEntry(session_id=session_id, kind=RegisterKind.ROSTER, member_id=member.id)
    walk_in = RegisterEntry(session_id=session_id, kind=RegisterKind.WALK_IN, display_name="Ash")
    assert labels.register_row_words(roster, member) == ("Sam", "co-facilitator")
    assert labels.register_row_words(roster, None) == ("(removed)", "")
    assert labels.register_row_words(walk_in, None) == ("Ash", "walk-in")
