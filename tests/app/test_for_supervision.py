"""Bring to supervision, and the self-disclosure reflection offered at the debrief."""

from __future__ import annotations

from pathlib import Path

from psw_tui.models import Debrief, FacilitatorNote, NoteKind, ReflectionModel
from psw_tui.screens.close import CloseSessionScreen
from psw_tui.screens.for_supervision import ForSupervisionScreen
from psw_tui.screens.reflection_editor import ReflectionEditor
from psw_tui.services import closing
from psw_tui.services.exports import ExportFormat, export_session
from psw_tui.services.for_supervision import supervision_items, write_supervision_list
from psw_tui.services.live import LiveSession
from psw_tui.storage import RecordStore
from tests.app.live_helpers import live_setup, settle, until, visible_text

MARKED = "I felt out of my depth when the talk turned to housing"
UNMARKED = "ran five minutes over and it was fine"
DEBRIEF = "Heavy session; I held the group but need to talk about boundaries"


def _ended_session_with_marks(store: RecordStore, setup) -> None:  # noqa: ANN001
    live = LiveSession(store, setup.session_id, setup.time)
    live.start()
    marked = live.add_note(NoteKind.FACILITATOR_REFLECTION, MARKED)
    live.add_note(NoteKind.FACILITATOR_REFLECTION, UNMARKED)
    live.edit_note(marked.id, MARKED, for_supervision=True)
    live.end()
    closing.save_debrief(store, setup.session_id, Debrief(how_was_it=DEBRIEF, bring_to_supervision=True))


def test_the_list_holds_what_was_marked_and_no_session_export_lists_it(demo_store: RecordStore, tmp_path: Path) -> None:
    setup = live_setup(demo_store)
    _ended_session_with_marks(demo_store, setup)
    items = supervision_items(demo_store)
    words = "\n".join(line for item in items for line in item.lines)
    assert MARKED in words and DEBRIEF in words and UNMARKED not in words
    assert {item.kind for item in items} == {"Debrief", "Reflection in the session"}
    out = tmp_path / "for-supervision.md"
    assert write_supervision_list(demo_store, out) == 2
    assert MARKED in out.read_text() and oct(out.stat().st_mode & 0o777) == "0o600"
    for fmt in (ExportFormat.MD, ExportFormat.TXT, ExportFormat.HTML):
        for shareable in (False, True):
            data = export_session(demo_store, setup.session_id, fmt, shareable=shareable).data
            text = data.decode() if isinstance(data, bytes) else data
            assert "For supervision" not in text


async def test_the_screen_lists_them(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    _ended_session_with_marks(demo_store, setup)
    async with setup.app.run_test(size=(80, 24)) as pilot:
        await setup.app.push_screen(ForSupervisionScreen())
        await settle(pilot, setup.app)
        shown = visible_text(setup.app)
        assert "out of my depth" in shown and UNMARKED[:20] not in shown


async def test_a_reflection_note_is_marked_from_its_edit_dialog(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(80, 24)) as pilot:
        from tests.app.live_helpers import open_live

        await open_live(pilot, setup)
        await pilot.press(*f"r: {MARKED}", "enter", "tab", "enter")
        await settle(pilot, setup.app)
        await pilot.click("#note-edit-supervision")
        await pilot.press("ctrl+s")
        await settle(pilot, setup.app)
    notes = demo_store.notes(setup.session_id).all()  # type: ignore[arg-type]
    assert [n.for_supervision for n in notes if isinstance(n, FacilitatorNote)] == [True]


async def test_ticking_i_shared_offers_a_self_disclosure_reflection(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    live = LiveSession(demo_store, setup.session_id, setup.time)
    live.start()
    live.end()
    async with setup.app.run_test(size=(120, 40)) as pilot:
        await setup.app.push_screen(CloseSessionScreen(setup.session_id))  # type: ignore[arg-type]
        await settle(pilot, setup.app)
        await pilot.click("#debrief-shared")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(setup.app.screen, ReflectionEditor), "the reflection editor")
        editor = setup.app.screen
        assert editor.model is ReflectionModel.SELF_DISCLOSURE
        assert "What I shared" in visible_text(setup.app)
    saved = demo_store.sessions.get(setup.session_id)  # type: ignore[arg-type]
    assert saved.debrief is not None and saved.debrief.shared_own_experience
