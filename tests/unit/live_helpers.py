"""A small group, roster, template and planned session for the live-session service tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from psw_tui.models import Group, Member, MemberRole, Segment, SegmentKind, Session, Template
from psw_tui.services.timesource import FakeTime
from psw_tui.storage import RecordStore

SESSION_DATE = date(2026, 11, 20)

# (title, minutes, kind, optional): 90 minutes in all.
AGENDA = (
    ("Welcome", 10, SegmentKind.WELCOME, False),
    ("Check-in", 20, SegmentKind.CHECK_IN, False),
    ("Theme", 40, SegmentKind.THEME, False),
    ("Break", 10, SegmentKind.BREAK, True),
    ("Check-out", 10, SegmentKind.CHECK_OUT, False),
)


@dataclass
class Planned:
    """What :func:`plan_group` put in the store."""

    group: Group
    members: dict[str, Member]  # by display name; Cleo is inactive
    outsider: Member  # on another group's roster
    template: Template


def plan_group(store: RecordStore) -> Planned:
    """Save a group with Asha, Ben, Cleo (inactive) and Dev (facilitator), another group with
    Eve, and a five-segment template."""
    group = Group(name="Tuesday Hearing Voices Group", agreement="What is said here stays here.")
    other = Group(name="Walk and talk")
    members = {
        "Asha": Member(group_id=group.id, display_name="Asha"),
        "Ben": Member(group_id=group.id, display_name="Ben"),
        "Cleo": Member(group_id=group.id, display_name="Cleo", active=False),
        "Dev": Member(group_id=group.id, display_name="Dev", role=MemberRole.FACILITATOR),
    }
    outsider = Member(group_id=other.id, display_name="Eve")
    template = Template(
        name="Tuesday evening",
        segments=[
            Segment(title=title, minutes=minutes, kind=kind, optional=optional,
                    prompts=[f"{title}: what would you like to share?"])
            for title, minutes, kind, optional in AGENDA
        ],
    )
    store.groups.save_many([group, other])
    store.members.save_many([*members.values(), outsider])
    store.templates.save(template)
    return Planned(group, members, outsider, template)


def plan_session(store: RecordStore, planned: Planned) -> Session:
    """Save a planned session whose agenda is a copy of the template (fresh segment ids)."""
    agenda = [Segment(**s.model_dump(exclude={"id"})) for s in planned.template.segments]
    session = Session(
        group_id=planned.group.id,
        title="Tuesday Hearing Voices Group",
        date=SESSION_DATE,
        template_id=planned.template.id,
        agenda=agenda,
    )
    return store.sessions.save(session)


def fake_time() -> FakeTime:
    """18:07:33 UTC on the session date: a time of day easy to look for in stored files."""
    return FakeTime(datetime(2026, 11, 20, 18, 7, 33, tzinfo=UTC))
