"""An anonymous note that names someone of the session asks once before it is saved."""

from __future__ import annotations

from psw_tui.screens.confirm import ConfirmScreen
from psw_tui.screens.live import LiveScreen
from psw_tui.storage import RecordStore
from tests.app.live_helpers import live_setup, open_live, settle, visible_text


def _notes(store: RecordStore, session_id: object) -> list[str]:
    return sorted(note.text for note in store.notes(session_id).all())  # type: ignore[arg-type]


async def test_a_note_naming_someone_asks_keep_or_edit(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    name = setup.members[0].display_name
    typed = f"t: {name.upper()}'s news about housing"
    async with setup.app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(pilot, setup)
        await pilot.press(*typed, "enter")
        await settle(pilot, setup.app)
        assert isinstance(setup.app.screen, ConfirmScreen)
        assert name in visible_text(setup.app)
        await pilot.press("enter")  # "Edit" has the focus: nothing saved, the text kept
        await settle(pilot, setup.app)
        assert isinstance(setup.app.screen, LiveScreen)
        assert screen.note_bar.value == typed
        assert _notes(demo_store, setup.session_id) == []
        await pilot.press("enter", "y")  # asked again; this time keep it as typed
        await settle(pilot, setup.app)
        assert _notes(demo_store, setup.session_id) == [typed.removeprefix("t: ")]
        assert screen.note_bar.value == ""


async def test_a_note_without_names_saves_at_once(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(pilot, setup)
        await pilot.press(*"isolation at weekends", "enter")
        await settle(pilot, setup.app)
        assert setup.app.screen is screen
        assert _notes(demo_store, setup.session_id) == ["isolation at weekends"]


async def test_a_walk_in_named_in_a_note_is_found(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(80, 24)) as pilot:
        await open_live(pilot, setup)
        await pilot.press("f8", *"Zoë", "enter")
        await settle(pilot, setup.app)
        await pilot.press(*"zoe\u0308 said it helped", "enter")  # decomposed, lower case
        await settle(pilot, setup.app)
        assert isinstance(setup.app.screen, ConfirmScreen)
