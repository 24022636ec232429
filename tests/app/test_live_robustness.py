"""What a reviewer broke once: markup in user text, damaged records, keys over the privacy
screen, an archived group's running session, the projector view taking typing."""

from __future__ import annotations

import json

from textual.widgets import DataTable

from psw_tui.app import create_app
from psw_tui.models import SessionStatus
from psw_tui.screens.help import HelpScreen
from psw_tui.screens.live import LiveScreen
from psw_tui.screens.privacy import PrivacyScreen
from psw_tui.storage import RecordStore
from tests.app.live_helpers import live_setup, open_live, visible_text
from tests.conftest import fixed_time

TRICKY_NOTE = "odd [/] [b]day[/b]"
TRICKY_NAME = "Jo [she/her]"


async def test_user_text_is_shown_literally_and_never_crashes(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        await open_live(pilot, setup)
        await pilot.press(*TRICKY_NOTE, "enter", "f8", *TRICKY_NAME, "enter")
        await pilot.pause()
        shown = visible_text(setup.app)
        assert TRICKY_NOTE in shown and TRICKY_NAME in shown
        assert setup.app.is_running
    # ...and the saved text does not stop the session from being resumed.
    again = create_app(None, demo_store, time=setup.time)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # "Resume session"
        await pilot.pause()
        assert isinstance(again.screen, LiveScreen)
        assert TRICKY_NAME in visible_text(again)


async def test_a_damaged_record_is_reported_not_raised(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        await open_live(pilot, setup)
    path = demo_store.paths.session_file(setup.session_id)  # type: ignore[arg-type]
    tables = json.loads(path.read_text())
    tables.setdefault("notes", {})["0b9d7f9e-0000-4000-8000-000000000000"] = {"kind": "bogus"}
    path.write_text(json.dumps(tables))
    demo_store.reload()
    again = create_app(None, demo_store, time=fixed_time())
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # "Resume session"
        await pilot.pause()
        assert again.is_running and not isinstance(again.screen, LiveScreen)
        assert any("cannot be read" in n.message for n in again._notifications)


async def test_help_is_not_offered_over_the_privacy_screen(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        await pilot.press("f12", "f1", "question_mark")
        assert isinstance(setup.app.screen, PrivacyScreen)
        assert not any(isinstance(s, HelpScreen) for s in setup.app.screen_stack)
        await pilot.press("f12")
        assert setup.app.screen is screen


async def test_ending_asks_with_keep_going_focused(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        await open_live(pilot, setup)
        for _ in range(len(demo_store.sessions.get(setup.session_id).agenda)):
            await pilot.press("f4")
        await pilot.press("enter")  # Enter meant for a note must not end the session
        await pilot.pause()
        assert demo_store.sessions.get(setup.session_id).status is SessionStatus.RUNNING


async def test_projector_view_takes_no_typing_no_palette_and_no_idle_lock(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store, idle_lock_minutes=1)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        await pilot.press("f11", "escape", *"secret", "enter", "ctrl+p")
        await pilot.pause()
        assert setup.app.screen is screen
        assert demo_store.notes(setup.session_id).all() == []  # type: ignore[arg-type]
        setup.time.advance(600)
        setup.app.check_idle_lock()
        assert setup.app.screen is screen  # the room's clock is never blanked by the idle lock


async def test_running_session_of_an_archived_group_stays_on_home(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        await open_live(pilot, setup)
    group_id = demo_store.sessions.get(setup.session_id).group_id
    group = demo_store.groups.get(group_id)
    demo_store.groups.save(group.model_copy(update={"archived": True}))
    again = create_app(None, demo_store, time=setup.time)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # "Not now"
        await pilot.pause()
        table = again.screen.query_one("#sessions", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][1] == "running now" and rows[0][2] == group.name
