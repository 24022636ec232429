"""Co-facilitation (a lead per segment, a private debrief part per co-facilitator) and courses
(learners counted when they are not on a roster)."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from psw_tui.models import Attendance, GroupKind, MemberRole
from psw_tui.screens.close import CloseSessionScreen
from psw_tui.services.exports import ExportFormat, export_session
from psw_tui.services.live import LiveSession
from psw_tui.storage import RecordStore
from tests.app.live_helpers import live_setup, open_live, settle, text_of, until


def _facilitators(setup) -> list:  # noqa: ANN001
    return [m for m in setup.members if m.role in (MemberRole.FACILITATOR, MemberRole.CO_FACILITATOR)]


def _lead_first_segment(store: RecordStore, setup) -> str:  # noqa: ANN001
    lead = _facilitators(setup)[-1]
    session = store.sessions.get(setup.session_id)
    agenda = [s.model_copy(update={"lead_id": lead.id}) if i == 0 else s for i, s in enumerate(session.agenda)]
    store.sessions.save(session.model_copy(update={"agenda": agenda}))
    return lead.display_name


async def test_the_lead_shows_live_and_in_the_internal_record_only(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    name = _lead_first_segment(demo_store, setup)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        assert f"lead: {name}" in text_of(screen, "#clock-segment")
    internal = export_session(demo_store, setup.session_id, ExportFormat.MD, shareable=False).data
    shareable = export_session(demo_store, setup.session_id, ExportFormat.MD, shareable=True).data
    assert f"(lead: {name})" in internal.decode()
    assert "lead:" not in shareable.decode()


async def test_each_co_facilitator_has_a_private_part_of_the_debrief(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    live = LiveSession(demo_store, setup.session_id, setup.time)
    live.start()
    for row in live.register_rows():
        live.set_attendance(row.entry.id, Attendance.PRESENT)
    live.end()
    facilitators = sorted(_facilitators(setup), key=lambda m: m.display_name.casefold())
    assert len(facilitators) >= 2
    async with setup.app.run_test(size=(120, 40)) as pilot:
        await setup.app.push_screen(CloseSessionScreen(setup.session_id))  # type: ignore[arg-type]
        await settle(pilot, setup.app)
        part = setup.app.screen.query_one(f"#co-debrief-{facilitators[1].id}", TextArea)
        part.text = "Co-facilitating went well; I want to lead the theme next time"
        await pilot.press("ctrl+s")
        await settle(pilot, setup.app)
    saved = demo_store.sessions.get(setup.session_id)  # type: ignore[arg-type]
    assert saved.co_debriefs[facilitators[1].id].how_was_it.startswith("Co-facilitating went well")
    for shareable in (False, True):
        text = export_session(demo_store, setup.session_id, ExportFormat.MD, shareable=shareable).data.decode()
        assert "Co-facilitating went well" not in text


async def test_a_course_counts_its_learners(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    session = demo_store.sessions.get(setup.session_id)  # type: ignore[arg-type]
    group = demo_store.groups.get(session.group_id)
    demo_store.groups.save(group.model_copy(update={"kind": GroupKind.COURSE}))
    live = LiveSession(demo_store, setup.session_id, setup.time)
    live.start()
    live.end()
    async with setup.app.run_test(size=(120, 40)) as pilot:
        await setup.app.push_screen(CloseSessionScreen(setup.session_id))  # type: ignore[arg-type]
        await settle(pilot, setup.app)
        await pilot.press("ctrl+s")  # debrief -> register check
        await until(pilot, lambda: bool(setup.app.screen.query("#learner-count")), "the learner count")
        setup.app.screen.query_one("#learner-count", Input).value = "12"
        await pilot.press("ctrl+s")
        await settle(pilot, setup.app)
    assert demo_store.sessions.get(setup.session_id).learner_count == 12  # type: ignore[arg-type]
    shareable = export_session(demo_store, setup.session_id, ExportFormat.MD, shareable=True).data.decode()
    assert "12 people attended" in shareable
    from psw_tui.services.reports import attendance

    row = next(r for r in attendance(demo_store, group.id) if r.session_id == setup.session_id)
    assert row.learners == 12 and row.head_count == 12  # course attendance in the report


async def test_the_agenda_editor_sets_a_segment_lead(demo_store: RecordStore) -> None:
    from psw_tui.screens.agenda_editor import AgendaEditorScreen

    setup = live_setup(demo_store)
    facilitators = sorted(_facilitators(setup), key=lambda m: m.display_name.casefold())
    async with setup.app.run_test(size=(120, 40)) as pilot:
        await setup.app.push_screen(AgendaEditorScreen(session_id=setup.session_id))  # type: ignore[arg-type]
        await settle(pilot, setup.app)
        await pilot.press("l")  # the first facilitator
        await settle(pilot, setup.app)
        assert facilitators[0].display_name in str(setup.app.screen.query_one("#agenda-table").get_row_at(0))
        await pilot.press("ctrl+s")
        await settle(pilot, setup.app)
    saved = demo_store.sessions.get(setup.session_id)  # type: ignore[arg-type]
    assert saved.agenda[0].lead_id == facilitators[0].id
