"""The internal record and the shareable summary: what each shows, and what it never shows."""

from __future__ import annotations

from psw_tui.models import Attendance, Debrief, NoteKind
from psw_tui.services import closing
from psw_tui.services.exports import render_summary
from psw_tui.services.live import LiveSession
from psw_tui.services.summary import build_summary, count_words, summarise
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time
from tests.export_helpers import (
    GOLDEN_NAMES,
    GOLDEN_SESSION,
    TIME_PATTERN,
    UUID_PATTERN,
    contains_word,
    small_session,
)

P = Attendance.PRESENT
NOTES = [
    (NoteKind.CONTRIBUTION, "zebra crossing felt safer"),
    (NoteKind.THEME, "Hope"),
    (NoteKind.CONTRIBUTION, "Apples in the garden"),
    (NoteKind.PARKING_LOT, "room booking"),
    (NoteKind.SIGNPOST, "Samaritans: 116 123"),
]


def test_internal_record_of_the_demo_session(demo_store: RecordStore) -> None:
    summary = build_summary(demo_store, GOLDEN_SESSION, shareable=False)
    assert summary.group_name == "Tuesday Hearing Voices Group"
    assert summary.facilitators == ("Juniper", "Rowan")
    assert {line.name for line in summary.register} == set(GOLDEN_NAMES)
    assert summary.attendance == "10 people attended"
    statuses = {line.name: line.status for line in summary.register}
    assert statuses["Moss"] == "apologies" and statuses["Ash"] == "late"
    assert [line.role for line in summary.register][-2:] == ["walk-in", "guest"]
    assert summary.concerns == "1 concern recorded and escalated."
    assert summary.actions[0].owner == "Wren"
    theme = next(line for line in summary.agenda if line.title == "Theme: Sleep and rest")
    assert (theme.planned_minutes, theme.actual_minutes, theme.difference_minutes) == (25, 23, -2)
    assert (summary.planned_minutes, summary.actual_minutes) == (90, 96)


def test_shareable_summary_of_the_demo_session_names_nobody(demo_store: RecordStore) -> None:
    summary = build_summary(demo_store, GOLDEN_SESSION, shareable=True)
    assert summary.register == () and summary.facilitators == ()
    assert summary.concerns is None and summary.session_id is None and summary.start_time is None
    assert summary.actions[0].owner is None
    for fmt in ("md", "txt", "html"):
        text = render_summary(summary, fmt)
        for name in GOLDEN_NAMES:
            assert not contains_word(text, name), (fmt, name)
        assert not UUID_PATTERN.search(text)
        assert not TIME_PATTERN.search(text)
        assert "concern" not in text.lower()
        assert "Swim after work" not in text  # the debrief


def test_small_attendance_is_suppressed_only_when_shareable() -> None:
    assert count_words(4, shareable=True) == "fewer than 5 people attended"
    assert count_words(0, shareable=True) == "fewer than 5 people attended"
    assert count_words(5, shareable=True) == "5 people attended"
    assert count_words(1, shareable=False) == "1 person attended"
    part, group, members = small_session(["Kit", "Lou", "Max"], [P, P, Attendance.APOLOGIES], NOTES)
    assert summarise(part, group, members, shareable=True).attendance == "fewer than 5 people attended"
    assert summarise(part, group, members, shareable=False).attendance == "2 people attended"


def test_notes_are_sorted_by_kind_then_text_whatever_the_entry_order() -> None:
    part, group, members = small_session(["Kit"], [P], NOTES)
    summary = summarise(part, group, members, shareable=False)
    assert [(s.title, s.texts) for s in summary.notes] == [
        ("Themes", ("Hope",)),
        ("Contributions", ("Apples in the garden", "zebra crossing felt safer")),
        ("Parking lot", ("room booking",)),
        ("Signposting offered", ("Samaritans: 116 123",)),
    ]
    reversed_part, _, _ = small_session(["Kit"], [P], list(reversed(NOTES)))
    reversed_part = reversed_part.model_copy(update={"session": part.session})
    again = summarise(reversed_part, group, members, shareable=False)
    assert again.notes == summary.notes


def test_private_things_are_in_neither_summary() -> None:
    part, group, members = small_session(["Kit", "Lou"], [P, P], NOTES, concerns=2)
    for shareable in (False, True):
        for fmt in ("md", "txt", "html"):
            text = render_summary(summarise(part, group, members, shareable=shareable), fmt)
            assert "PRIVATE-DEBRIEF" not in text and "PRIVATE-REFLECTION" not in text
            assert "Crisis team" not in text and "duty team" not in text
    internal = render_summary(summarise(part, group, members, shareable=False), "md")
    assert "2 concerns recorded and escalated." in internal


def test_dropped_and_unreached_segments_are_said_in_words() -> None:
    part, group, members = small_session(["Kit"], [P], NOTES)
    summary = summarise(part, group, members, shareable=False)
    check_in, sharing, dropped = summary.agenda
    assert (check_in.actual_minutes, check_in.difference_minutes) == (12, 2)
    assert dropped.dropped and dropped.originally_minutes == 10
    text = render_summary(summary, "txt")
    assert "Break: planned 0 min (was 10), actual -, dropped" in text
    assert "Planned 40 min; took 41 min (1 min over)." in text


def test_closing_saves_debrief_signposting_and_offered_signposts(demo_store: RecordStore) -> None:
    session = demo_store.sessions.get(GOLDEN_SESSION)
    saved = closing.save_debrief(demo_store, GOLDEN_SESSION, Debrief(how_was_it="Calm", self_care="Tea"))
    assert demo_store.sessions.get(GOLDEN_SESSION).debrief == saved.debrief
    group = closing.save_signposting(demo_store, session.group_id, [" Shout  85258 ", "shout 85258", "", "NHS 111"])
    assert group.signposting == ["Shout 85258", "NHS 111"]
    assert demo_store.groups.get(session.group_id).signposting == ["Shout 85258", "NHS 111"]
    assert closing.record_signposts(demo_store, GOLDEN_SESSION, ["NHS 111", "Citizens Advice for help with benefits forms."]) == 1
    assert closing.record_signposts(demo_store, GOLDEN_SESSION, ["nhs 111"]) == 0
    offered = build_summary(demo_store, GOLDEN_SESSION, shareable=True).notes[-1]
    assert offered.title == "Signposting offered" and "NHS 111" in offered.texts


def test_unmarked_lists_people_without_a_status(demo_store: RecordStore) -> None:
    planned = next(h for h in demo_store.sessions.headers() if h.status.value == "planned")
    live = LiveSession(demo_store, planned.id, fixed_time())
    live.start()
    live.add_walk_in("Zed")
    waiting = closing.unmarked(demo_store, planned.id)
    assert waiting and all(role for _, _, role in waiting)
    assert "Zed" not in [name for _, name, _ in waiting]  # walk-ins come in marked present
    first_id = waiting[0][0]
    live.set_attendance(first_id, Attendance.PRESENT)
    assert first_id not in [entry_id for entry_id, _, _ in closing.unmarked(demo_store, planned.id)]
