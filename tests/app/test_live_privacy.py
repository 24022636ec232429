"""Privacy key, idle lock, projector view and the palette commands of the live session."""

from __future__ import annotations

import pytest

from psw_tui.app import PswApp
from psw_tui.palette import app_commands, command_named
from psw_tui.models import SessionStatus
from psw_tui.screens.live import LiveScreen
from psw_tui.screens.privacy import PrivacyScreen
from psw_tui.storage import RecordStore
from tests.app.live_helpers import advance, digits, live_setup, open_live, text_of
from tests.app.live_helpers import visible_text as _visible

NOTE = "wedding was hard"


async def _with_names_and_notes(pilot, setup) -> LiveScreen:  # noqa: ANN001
    screen = await open_live(pilot, setup)
    await pilot.press(*NOTE, "enter")
    await pilot.pause()
    screenshot = _visible(setup.app)
    assert NOTE in screenshot and setup.members[0].display_name in screenshot
    return screen


async def test_privacy_key_blanks_everything_and_brings_it_back(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await _with_names_and_notes(pilot, setup)
        clock_before = digits(screen)
        await pilot.press("f12")
        assert isinstance(setup.app.screen, PrivacyScreen)
        shown = _visible(setup.app)
        assert "Session paused" in shown
        for member in setup.members:
            assert member.display_name not in shown
        assert NOTE not in shown and clock_before not in shown
        await pilot.press("ctrl+p")  # the palette (which can search notes) stays shut
        assert isinstance(setup.app.screen, PrivacyScreen)
        await pilot.press(*"abc", "enter")  # stray keys from the room reveal nothing
        assert isinstance(setup.app.screen, PrivacyScreen)
        await pilot.press("ctrl+l")
        assert setup.app.screen is screen


async def test_idle_lock_after_the_configured_minutes(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store, idle_lock_minutes=2)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        await _with_names_and_notes(pilot, setup)
        setup.time.advance(119)
        setup.app.check_idle_lock()
        await pilot.pause()
        assert not isinstance(setup.app.screen, PrivacyScreen)
        await pilot.press("x")  # activity resets the idle timer
        setup.time.advance(119)
        setup.app.check_idle_lock()
        assert not isinstance(setup.app.screen, PrivacyScreen)
        setup.time.advance(2)
        setup.app.check_idle_lock()
        await pilot.pause()
        assert isinstance(setup.app.screen, PrivacyScreen)
        shown = _visible(setup.app)
        assert NOTE not in shown and all(m.display_name not in shown for m in setup.members)
        await pilot.press("f12")
        assert isinstance(setup.app.screen, LiveScreen)


async def test_idle_lock_can_be_turned_off(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store, idle_lock_minutes=0)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        await open_live(pilot, setup)
        setup.time.advance(3600)
        setup.app.check_idle_lock()
        assert isinstance(setup.app.screen, LiveScreen)


async def test_projector_view_shows_only_clock_segment_and_prompt(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await _with_names_and_notes(pilot, setup)
        first = demo_store.sessions.get(setup.session_id).agenda[0]
        await pilot.press("f11")
        await pilot.pause()
        shown = _visible(setup.app)
        assert first.title in shown and first.prompts[0][:30] in shown
        assert NOTE not in shown and all(m.display_name not in shown for m in setup.members)
        assert "Register" not in shown and "Agenda" not in shown
        await pilot.press("f7", "f8", "f9")  # private actions are not offered here
        assert setup.app.screen is screen
        await pilot.press("f4")  # the clock keys still work
        second = demo_store.sessions.get(setup.session_id).agenda[1]
        await advance(pilot, setup, screen, 0)
        assert second.title in _visible(setup.app)
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert "Register" in _visible(setup.app)


LIVE_COMMANDS = [
    "Pause timer", "Next segment", "Previous segment", "Add a minute", "Take a minute off",
    "Rebalance agenda", "Mark attendance", "Add walk-in", "Add note", "Add action",
    "Record concern", "Privacy screen", "Projector view", "End session",
]


def test_every_live_command_is_registered() -> None:
    for name in [*LIVE_COMMANDS, "Resume timer", "Start session"]:
        assert name in {command.name for command in app_commands(PswApp)}, name


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("Pause timer", lambda s, st: st.sessions.get(s.session_id).runs[-1].pauses),
        ("Next segment", lambda s, st: len(st.sessions.get(s.session_id).runs) == 2),
        ("Add a minute", lambda s, st: st.sessions.get(s.session_id).runs[-1].extra_seconds == 60),
        ("Take a minute off", lambda s, st: st.sessions.get(s.session_id).runs[-1].extra_seconds == -60),
        ("Mark attendance", lambda s, st: s.app.focused is not None and s.app.focused.id == "register"),
        ("Add walk-in", lambda s, st: type(s.app.screen).__name__ == "WalkInScreen"),
        ("Add action", lambda s, st: type(s.app.screen).__name__ == "ActionScreen"),
        ("Record concern", lambda s, st: type(s.app.screen).__name__ == "ConcernScreen"),
        ("Privacy screen", lambda s, st: type(s.app.screen).__name__ == "PrivacyScreen"),
        ("Projector view", lambda s, st: s.app.screen.has_class("-projector")),
        ("End session", lambda s, st: type(s.app.screen).__name__ == "ConfirmScreen"),
    ],
)
async def test_palette_commands_work(demo_store: RecordStore, name: str, check) -> None:  # noqa: ANN001
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        await open_live(pilot, setup)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*name)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert check(setup, demo_store), name


async def test_resume_timer_is_offered_only_when_paused(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        await open_live(pilot, setup)
        assert command_named(setup.app, "Pause timer").is_available(setup.app)
        assert not command_named(setup.app, "Resume timer").is_available(setup.app)
        await pilot.press("f2")
        assert command_named(setup.app, "Resume timer").is_available(setup.app)
        command_named(setup.app, "Resume timer").run(setup.app)
        await pilot.pause()
        assert not demo_store.sessions.get(setup.session_id).runs[-1].pauses[-1].ended_at is None
        assert demo_store.sessions.get(setup.session_id).status is SessionStatus.RUNNING
        assert text_of(setup.app.screen, "#clock-state") == ""
