"""Keys pressed with no pause between them (issue 10): a fast typist on a busy laptop.

Each test presses its keys in one Pilot call ("pilot") and, where it matters most, also
queues them all at once before the app handles any ("burst"): keys typed after ctrl+p, Begin
or a dialog key go to the screen they were typed for, even while it is still opening.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.command import CommandPalette
from textual.dom import NoScreen
from textual.widgets import DataTable, Input

from psw_tui.app import create_app
from psw_tui.models import Attendance, NoteKind, SessionStatus, Settings
from psw_tui.screens.confirm import ConfirmScreen
from psw_tui.screens.live import LiveScreen
from psw_tui.screens.live_dialogs import WalkInScreen
from psw_tui.screens.live_forms import ConcernScreen
from psw_tui.screens.privacy import PrivacyScreen
from psw_tui.services.setup import seed_demo
from psw_tui.services.timesource import FakeTime
from psw_tui.storage import RecordStore
from tests.app.live_helpers import (
    actions_of,
    burst,
    focused_id,
    live_setup,
    note_line,
    notes_of,
    open_live,
    register_snapshot,
    send,
    settle,
    until,
)
from tests.conftest import fixed_time

SIZE = (80, 24)
QUIET = {"bell": False, "idle_lock_minutes": 0}
MODES = pytest.mark.parametrize("mode", ["pilot", "burst"])


@MODES
async def test_palette_then_typing_then_escape_saves_nothing(demo_store: RecordStore, mode: str) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, setup)
        await settle(pilot, setup.app)
        await send(pilot, setup.app, mode, "ctrl+p", *"End session", "escape")
        assert setup.app.screen is screen
        assert note_line(screen).value == ""
        assert focused_id(setup.app) == "note-line"
        assert notes_of(demo_store, setup.session_id) == [] and actions_of(demo_store, setup.session_id) == []
        assert demo_store.sessions.get(setup.session_id).status is SessionStatus.RUNNING  # type: ignore[arg-type]


@MODES
async def test_note_enter_and_privacy_key_save_then_blank(demo_store: RecordStore, mode: str) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, setup)
        await settle(pilot, setup.app)
        await send(pilot, setup.app, mode, *"left early for a bus", "enter", "f12")
        assert notes_of(demo_store, setup.session_id) == [(NoteKind.CONTRIBUTION, "left early for a bus")]
        assert isinstance(setup.app.screen, PrivacyScreen)
        await send(pilot, setup.app, mode, "f12", *"back", "enter")
        assert setup.app.screen is screen and focused_id(setup.app) == "note-line"
        assert (NoteKind.CONTRIBUTION, "back") in notes_of(demo_store, setup.session_id)


@MODES
async def test_begin_from_home_and_a_note_in_one_burst(tmp_path: Path, demo_raw: Any, mode: str) -> None:
    now = fixed_time().now()
    store = RecordStore.open(tmp_path / "data")
    try:
        bundle = seed_demo(store, demo_raw, now=now)
        [today] = [p.session for p in bundle.sessions if p.session.date == now.date()]
        app = create_app(Settings(**QUIET), store, time=FakeTime(now))  # type: ignore[arg-type]
        async with app.run_test(size=SIZE) as pilot:
            sessions = app.screen.query_one("#sessions", DataTable)
            await until(pilot, lambda: sessions.row_count > 0 and app.focused is sessions, "home listed sessions")
            assert sessions.coordinate_to_cell_key(sessions.cursor_coordinate).row_key.value == str(today.id)
            await send(pilot, app, mode, "enter", "enter", *"s: Samaritans 116 123", "enter")
            await until(pilot, lambda: bool(notes_of(store, today.id)), "the note was saved")
            assert store.sessions.get(today.id).status is SessionStatus.RUNNING
            assert notes_of(store, today.id) == [(NoteKind.SIGNPOST, "Samaritans 116 123")]
            assert isinstance(app.screen, LiveScreen) and focused_id(app) == "note-line"
            assert note_line(app.screen).value == ""
    finally:
        store.close()


async def test_walk_in_then_a_note_in_one_burst(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, setup)
        await settle(pilot, setup.app)
        before = register_snapshot(demo_store, setup.session_id)
        await send(pilot, setup.app, "pilot", "f8", *"Quinn", "enter", *"t: new here and nervous", "enter")
        after = register_snapshot(demo_store, setup.session_id)
        added = [row for row in after if row not in before]
        assert [(row[2], row[4]) for row in added] == [("Quinn", Attendance.PRESENT)]
        assert notes_of(demo_store, setup.session_id) == [(NoteKind.THEME, "new here and nervous")]
        assert setup.app.screen is screen and focused_id(setup.app) == "note-line"


@pytest.mark.parametrize(
    "mode",
    [
        "pilot",
        "burst",
    ],
)
async def test_end_session_from_the_palette_then_enter_keeps_going(demo_store: RecordStore, mode: str) -> None:
    """The End question opens with "Keep going" focused, even when it opens under a burst."""
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, setup)
        await settle(pilot, setup.app)
        await send(pilot, setup.app, mode, "ctrl+p", *"End session", "enter", "enter")
        assert demo_store.sessions.get(setup.session_id).status is SessionStatus.RUNNING  # type: ignore[arg-type]
        assert setup.app.screen is screen and focused_id(setup.app) == "note-line"
        assert note_line(screen).value == "" and notes_of(demo_store, setup.session_id) == []


async def test_walk_in_and_concern_dialogs_take_the_keys_typed_as_they_open(demo_store: RecordStore) -> None:
    """A dialog's first keys are its own, even while it mounts: none reaches the note line."""
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, setup)
        await settle(pilot, setup.app)
        burst(setup.app, "f8", *"Sky")
        await settle(pilot, setup.app)
        assert isinstance(setup.app.screen, WalkInScreen)
        assert setup.app.screen.query_one("#walkin-name", Input).value == "Sky"
        await pilot.press("enter")
        await settle(pilot, setup.app)
        assert setup.app.screen is screen
        assert any(row[2] == "Sky" for row in register_snapshot(demo_store, setup.session_id))
        burst(setup.app, "f9", "escape", *"ok")
        await settle(pilot, setup.app)
        assert setup.app.screen is screen and not isinstance(setup.app.screen, ConcernScreen)
        assert note_line(screen).value == "ok"


async def test_a_form_typed_into_as_it_opens_asks_before_discarding(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=SIZE) as pilot:
        await open_live(pilot, setup)
        await settle(pilot, setup.app)
        burst(setup.app, "f8", "S")
        await settle(pilot, setup.app)
        assert setup.app.screen.query_one("#walkin-name", Input).value == "S"
        await pilot.press("escape")
        await settle(pilot, setup.app)
        assert isinstance(setup.app.screen, ConfirmScreen), "the typed name was discarded unasked"


async def test_a_key_whose_widget_is_gone_is_dropped_not_a_crash(demo_store: RecordStore) -> None:
    """What a burst of ctrl+p, a command and Enter does about one time in ten, made certain: the
    Enter reaches the app after the palette (and the input it was typed into) has gone."""
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, setup)
        await settle(pilot, setup.app)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(setup.app.screen, CommandPalette), "the palette opened")
        await settle(pilot, setup.app)
        typed_into = setup.app.focused
        assert typed_into is not None
        enter = events.Key("enter", "\r")
        setup.app._key_targets[id(enter)] = typed_into  # handed out to the palette's input
        await pilot.press("escape")
        await settle(pilot, setup.app)
        assert setup.app.screen is screen and not typed_into.is_attached
        await setup.app._on_key(enter)  # ...and back at the app, on its way up, after the palette went
        assert setup.app.screen is screen
