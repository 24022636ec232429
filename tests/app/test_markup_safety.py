"""Typed text is shown literally on every screen: never read as Textual/Rich markup.

Names, titles, notes and actions holding ``[/]``, ``[b]bold[/b]``, ``[she/her]`` or
``[@click=app.quit]x[/]`` must not crash a screen, vanish, turn bold or become a clickable action.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from textual.screen import Screen

from psw_tui.app import PswApp, create_app
from psw_tui.models import (
    Action,
    AnonymousNote,
    Attendance,
    Debrief,
    FacilitatorNote,
    FreeReflection,
    GibbsReflection,
    Group,
    GroupKind,
    Member,
    MemberRole,
    NoteKind,
    RegisterEntry,
    Segment,
    SegmentKind,
    SegmentRun,
    Session,
    SessionStatus,
    Template,
)
from psw_tui.screens.agenda_editor import AgendaEditorScreen
from psw_tui.screens.archive import ArchiveScreen
from psw_tui.screens.cancel_session import CancelSessionScreen
from psw_tui.screens.close import CloseSessionScreen
from psw_tui.screens.export_dialog import ExportDialog
from psw_tui.screens.forget_member import ForgetMemberScreen
from psw_tui.screens.group_form import GroupFormScreen
from psw_tui.screens.groups import GroupListScreen
from psw_tui.screens.journal import JournalScreen
from psw_tui.screens.member_form import MemberFormScreen
from psw_tui.screens.pick import PickScreen
from psw_tui.screens.planning import PlanSessionScreen
from psw_tui.screens.reflection_editor import ReflectionEditor
from psw_tui.screens.reports import REPORTS, ReportScreen
from psw_tui.screens.retention import RetentionScreen
from psw_tui.screens.review_actions import ReviewActionsScreen
from psw_tui.screens.roster import RosterScreen
from psw_tui.screens.search import SearchScreen
from psw_tui.screens.session_record import SessionRecordScreen
from psw_tui.screens.summary import SessionPicker, SummaryScreen
from psw_tui.screens.templates import TemplateLibraryScreen
from psw_tui.storage import RecordStore
from tests.app.live_helpers import visible_text
from tests.conftest import fixed_time

GROUP = "Peers [/] [b]Tue[/b]"
SUPERVISION = "Sup [she/her] [/b]"
JO = "Jo [she/her]"
SAM = "Sam [b]bold[/b]"
AL = "Al [/] x"
CLICK = "[@click=app.quit]Quit[/]"
STAR = "Kit *star* _u_ `c` <b>"  # Markdown, not Rich markup: the summary must show it as typed
SUPERVISEE = "Pia [/i]"
TEMPLATE = "Plan [she/her] [/b]"
SEGMENT = "Seg [@click=app.quit]x[/]"
SESSION = "Met [/b] [she/her]"
PLANNED = "Next [/] [i]one[/i]"
THEME = "Hope [/] and [b]bold[/b]"
CONTRIBUTION = "Said [she/her] [@click=app.quit]x[/]"
OWN_NOTE = "Tired [/] me"
ACTION = "Book [/b] room [@click=app.quit]x[/]"
DEBRIEF = "Felt [b]ok[/b] [/]"
SIGNPOST = "Line [/] 0800 [b]x[/b]"
REFLECTION = "Refl [/] [she/her]"
REFLECTION_TEXT = "Thought [b]bold[/b] [/]"
TAG = "tag[/]"
ENDED_ON = date(2026, 11, 10)


@dataclass
class Ids:
    """What :func:`hostile_store` wrote."""

    group: UUID
    supervision: UUID
    members: dict[str, UUID]
    template: UUID
    ended: UUID
    planned: UUID
    reflection: UUID


def hostile_store(store: RecordStore) -> Ids:
    """A peer group and a supervision group whose every typed text looks like markup."""
    segment = Segment(title=SEGMENT, minutes=20, kind=SegmentKind.THEME)
    template = store.templates.save(Template(name=TEMPLATE, segments=[segment]))
    peer = Group(name=GROUP, kind=GroupKind.PEER_SUPPORT, signposting=[SIGNPOST], question_bank=["Q [/] ?"],
                 default_template_id=template.id)
    sup = Group(name=SUPERVISION, kind=GroupKind.SUPERVISION)
    store.groups.save_many([peer, sup])
    people = [Member(group_id=peer.id, display_name=name, role=MemberRole.MEMBER) for name in (JO, SAM, AL, CLICK, STAR)]
    people.append(Member(group_id=sup.id, display_name=SUPERVISEE, role=MemberRole.SUPERVISEE))
    store.members.save_many(people)
    members = {m.display_name: m.id for m in people}
    start = datetime.combine(ENDED_ON, datetime.min.time(), tzinfo=UTC) + timedelta(hours=10)
    ended = store.sessions.save(Session(
        group_id=peer.id, title=SESSION, date=ENDED_ON, status=SessionStatus.ENDED, agenda=[segment],
        runs=[SegmentRun(segment_id=segment.id, started_at=start, ended_at=start + timedelta(minutes=25))],
        started_at=start, ended_at=start + timedelta(hours=1), debrief=Debrief(how_was_it=DEBRIEF)))
    store.register(ended.id).save_many([
        RegisterEntry(session_id=ended.id, member_id=members[JO], status=Attendance.PRESENT),
        RegisterEntry(session_id=ended.id, member_id=members[SAM], status=None),
        RegisterEntry(session_id=ended.id, member_id=members[AL], status=Attendance.APOLOGIES),
        RegisterEntry(session_id=ended.id, member_id=members[CLICK], status=Attendance.PRESENT),
        RegisterEntry(session_id=ended.id, member_id=members[STAR], status=Attendance.LATE),
    ])
    notes = store.notes(ended.id)
    notes.save(AnonymousNote(kind=NoteKind.THEME, session_id=ended.id, session_date=ENDED_ON, text=THEME, tags=[TAG]))
    notes.save(AnonymousNote(kind=NoteKind.CONTRIBUTION, session_id=ended.id, session_date=ENDED_ON,
                             text=CONTRIBUTION))
    notes.save(FacilitatorNote(session_id=ended.id, session_date=ENDED_ON, text=OWN_NOTE))
    store.actions(ended.id).save(Action(session_id=ended.id, group_id=peer.id, text=ACTION, raised_on=ENDED_ON,
                                        owner_id=members[JO]))
    sup_start = start - timedelta(days=3)
    sup_session = store.sessions.save(Session(
        group_id=sup.id, title=SUPERVISION, date=sup_start.date(), status=SessionStatus.ENDED,
        started_at=sup_start, ended_at=sup_start + timedelta(hours=1)))
    store.register(sup_session.id).save(RegisterEntry(session_id=sup_session.id, member_id=members[SUPERVISEE],
                                                      status=Attendance.PRESENT))
    planned = store.sessions.save(Session(group_id=peer.id, title=PLANNED, date=date(2026, 11, 24),
                                          agenda=[segment.model_copy()]))
    reflection = store.reflections.save(GibbsReflection(
        title=REFLECTION, written_on=ENDED_ON, tags=[TAG], session_id=ended.id, description=REFLECTION_TEXT))
    store.reflections.save(FreeReflection(title="Plain one", written_on=ENDED_ON, text=REFLECTION_TEXT))
    return Ids(peer.id, sup.id, members, template.id, ended.id, planned.id, reflection.id)


@pytest.fixture
def hostile(store: RecordStore) -> tuple[RecordStore, Ids]:
    """The empty store (built-in templates only) filled by :func:`hostile_store`."""
    return store, hostile_store(store)


async def shown(app: PswApp, pilot: Any) -> str:  # noqa: ANN401 - Textual's Pilot
    """Let workers finish and the screen redraw, check the app survived, return the screen text."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.is_running, "the app stopped"
    return "\n".join(line.rstrip() for line in visible_text(app).splitlines() if line.strip())


Opener = Callable[[Ids], Screen]
SCREENS: list[tuple[str, Opener, tuple[str, ...]]] = [
    ("groups", lambda ids: GroupListScreen(), (GROUP, SUPERVISION)),
    ("roster", lambda ids: RosterScreen(ids.group), (f"Roster: {GROUP}", JO, SAM, AL, CLICK, STAR)),
    ("member form", lambda ids: MemberFormScreen(ids.group, ids.members[SAM]), (SAM,)),
    ("group form", lambda ids: GroupFormScreen(ids.group), (GROUP,)),
    ("template library", lambda ids: TemplateLibraryScreen(), (TEMPLATE,)),
    ("template agenda", lambda ids: AgendaEditorScreen(template_id=ids.template), (f"Template: {TEMPLATE}", SEGMENT)),
    ("session agenda", lambda ids: AgendaEditorScreen(session_id=ids.planned), (f"Agenda: {PLANNED}", SEGMENT)),
    ("plan session", lambda ids: PlanSessionScreen(group_id=ids.group), (GROUP, TEMPLATE)),
    ("edit planned session", lambda ids: PlanSessionScreen(session_id=ids.planned), (GROUP, PLANNED)),
    ("cancel session", lambda ids: CancelSessionScreen(ids.planned), (f"Cancel {PLANNED}",)),
    ("review actions", lambda ids: ReviewActionsScreen(ids.planned), (ACTION, JO)),
    ("archive", lambda ids: ArchiveScreen(ids.group), (GROUP, SUPERVISION, SESSION)),
    ("session record", lambda ids: SessionRecordScreen(ids.ended),
     (f"{SESSION} (read-only)", GROUP, SEGMENT, JO, SAM, AL, CLICK, STAR, THEME, CONTRIBUTION, ACTION, DEBRIEF,
      OWN_NOTE, "[open]")),
    ("summary", lambda ids: SummaryScreen(ids.ended), (SESSION, GROUP, SEGMENT, JO, SAM, CLICK, STAR, THEME,
                                                       CONTRIBUTION, ACTION)),
    ("close session", lambda ids: CloseSessionScreen(ids.ended), (DEBRIEF,)),
    ("export dialog", lambda ids: ExportDialog(ids.ended), ("Export summary",)),
    ("session picker", lambda ids: SessionPicker("Preview which session?"), (f"{GROUP}: {SESSION}",)),
    ("pick a group", lambda ids: PickScreen("Which [/] group?", [(str(ids.group), GROUP)]),
     ("Which [/] group?", GROUP)),
    ("forget member", lambda ids: ForgetMemberScreen(ids.members[JO]),
     (f"Forget {JO}", f"This erases {JO} for good", f"roster of {GROUP}", "[name removed]")),
    ("search", lambda ids: SearchScreen("bold"), (THEME, REFLECTION_TEXT, GROUP)),
    ("search a title", lambda ids: SearchScreen("Met"), (SESSION,)),
    ("journal", lambda ids: JournalScreen(), (REFLECTION, TAG)),
]


@pytest.mark.parametrize(("opener", "expected"), [pytest.param(o, e, id=name) for name, o, e in SCREENS])
async def test_each_screen_shows_typed_text_literally(hostile: tuple[RecordStore, Ids], opener: Opener,
                                                      expected: tuple[str, ...]) -> None:
    store, ids = hostile
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(220, 70), notifications=True) as pilot:
        await app.push_screen(opener(ids))
        text = await shown(app, pilot)
        for literal in expected:
            assert literal in text, f"{literal!r} is not on screen:\n{text}"


REPORT_TEXT = {
    "attendance": (GROUP, SESSION),
    "not_seen": (GROUP, AL),
    "compliance": (SUPERVISEE, SUPERVISION),
    "proctor": ("Proctor balance",),
    "themes": ("Frequent themes", TAG),
    "actions": (GROUP, ACTION, JO),
    "five_ways": (GROUP,),
    "arrive_leave": (GROUP,),
}


@pytest.mark.parametrize("kind", list(REPORTS))
async def test_reports_show_names_literally(hostile: tuple[RecordStore, Ids], kind: str) -> None:
    store, ids = hostile
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(220, 70), notifications=True) as pilot:
        await app.push_screen(ReportScreen(kind))
        text = await shown(app, pilot)
        if kind == "not_seen":  # Al gave apologies for the one session: "1 session" lists them
            app.screen.query_one("#report-sessions").value = "1"  # type: ignore[attr-defined]
            text = await shown(app, pilot)
        for literal in REPORT_TEXT[kind]:
            assert literal in text, f"{literal!r} is not on the {kind} report:\n{text}"


async def test_reflection_editor_and_delete_question(hostile: tuple[RecordStore, Ids]) -> None:
    store, ids = hostile
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(220, 70), notifications=True) as pilot:
        await app.push_screen(ReflectionEditor(store.reflections.get(ids.reflection)))
        text = await shown(app, pilot)
        assert REFLECTION in text and REFLECTION_TEXT in text and TAG in text
        app.screen.query_one("#reflection-session").scroll_visible(animate=False)
        text = await shown(app, pilot)
        assert f"{GROUP} · {SESSION}" in text  # the linked session, in its Select
        await pilot.press("escape")
        await app.push_screen(JournalScreen())
        await shown(app, pilot)
        table = app.screen.query_one("#journal-list")
        table.move_cursor(row=table.get_row_index(str(ids.reflection)))  # type: ignore[attr-defined]
        await pilot.press("d")
        text = await shown(app, pilot)
        assert f"Delete the reflection “{REFLECTION}”?" in text
        await pilot.press("y")
        text = await shown(app, pilot)
        assert f"Deleted: {REFLECTION}" in text  # the notification
        assert store.reflections.get(ids.reflection) is None


async def test_notifications_and_questions_with_names(hostile: tuple[RecordStore, Ids]) -> None:
    store, ids = hostile
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(220, 70), notifications=True) as pilot:
        await app.push_screen(RosterScreen(ids.group))
        await shown(app, pilot)
        table = app.screen.query_one("#roster-table")
        table.move_cursor(row=table.get_row_index(str(ids.members[CLICK])))  # type: ignore[attr-defined]
        await pilot.press("d")
        text = await shown(app, pilot)
        assert f"{CLICK} marked inactive" in text
        await pilot.press("escape")
        await app.push_screen(GroupListScreen())
        await shown(app, pilot)
        await pilot.press("a")
        text = await shown(app, pilot)
        assert f"Archive {GROUP}?" in text
        await pilot.press("y")
        text = await shown(app, pilot)
        assert f"{GROUP} archived." in text


async def test_close_session_register_and_signposting(hostile: tuple[RecordStore, Ids]) -> None:
    store, ids = hostile
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(220, 70), notifications=True) as pilot:
        await app.push_screen(CloseSessionScreen(ids.ended))
        await shown(app, pilot)
        await pilot.press("ctrl+s")
        text = await shown(app, pilot)
        assert SAM in text  # the one person without a status
        await pilot.press("ctrl+s")
        text = await shown(app, pilot)
        assert SIGNPOST in text
        app.screen.query_one("#signpost-new").value = "Extra [/] line"  # type: ignore[attr-defined]
        app.screen.query_one("#signpost-new").focus()
        await pilot.press("enter")
        text = await shown(app, pilot)
        assert "Added to the group's list: Extra [/] line" in text
        await pilot.press("ctrl+s")
        text = await shown(app, pilot)
        assert SESSION in text and THEME in text


async def test_retention_preview_lists_titles_literally(hostile: tuple[RecordStore, Ids]) -> None:
    store, _ = hostile
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(220, 70), notifications=True) as pilot:
        await app.push_screen(RetentionScreen())
        await shown(app, pilot)
        app.screen.query_one("#before").value = "2026-11-15"  # type: ignore[attr-defined]
        await pilot.click("#preview")
        text = await shown(app, pilot)
        assert SESSION in text and SUPERVISION in text
