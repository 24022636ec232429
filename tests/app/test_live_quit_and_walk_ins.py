"""Quitting safely, beginning at once, walk-ins (issue 10), from the facilitator's side:
ctrl+q during a session asks with the safe answer focused, Enter on the group agreement
begins, a walk-in cannot share a name already on the register, and walk-ins and guests can
own actions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Select

from psw_tui.app import PswApp, create_app
from psw_tui.models import SessionStatus, Settings
from psw_tui.screens.confirm import ConfirmScreen
from psw_tui.screens.live import LiveScreen
from psw_tui.screens.live_dialogs import AgreementScreen
from psw_tui.screens.live_forms import ActionScreen
from psw_tui.services.setup import seed_demo
from psw_tui.services.timesource import FakeTime
from psw_tui.storage import RecordStore
from tests.app.live_helpers import (
    focused_id,
    live_setup,
    note_line,
    open_live,
    register_snapshot,
    settle,
    until,
)
from tests.conftest import fixed_time

SIZE = (80, 24)
QUIET = {"bell": False, "idle_lock_minutes": 0}


@pytest.mark.parametrize(("demo", "words"), [(False, "keeps running"), (True, "thrown away")], ids=["real", "demo"])
async def test_quit_in_a_live_session_asks_with_keep_going_focused(
    demo_store: RecordStore, demo: bool, words: str
) -> None:
    setup = live_setup(demo_store)
    setup.app = create_app(Settings(**QUIET), demo_store, time=setup.time, demo=demo)  # type: ignore[arg-type]
    async with setup.app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, setup)
        await settle(pilot, setup.app)
        await pilot.press(*"half a thought", "ctrl+q")
        await settle(pilot, setup.app)
        dialog = setup.app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert words in str(dialog.query_one("#confirm-question").render())
        assert focused_id(setup.app) == "confirm-no"
        assert "Keep going" in str(dialog.query_one("#confirm-no").render())
        await pilot.press("enter")  # the safe answer
        await settle(pilot, setup.app)
        assert setup.app.is_running and setup.app.screen is screen
        assert focused_id(setup.app) == "note-line"
        assert note_line(screen).value == "half a thought"  # nothing typed is lost
        assert demo_store.sessions.get(setup.session_id).status is SessionStatus.RUNNING  # type: ignore[arg-type]
        await pilot.press("ctrl+q", "y")
        await until(pilot, lambda: not setup.app.is_running, "the app quit on yes")
    assert demo_store.sessions.get(setup.session_id).status is SessionStatus.RUNNING  # type: ignore[arg-type]


async def _home_with_todays_session(pilot, app: PswApp) -> DataTable:  # noqa: ANN001
    sessions = app.screen.query_one("#sessions", DataTable)
    await until(pilot, lambda: sessions.row_count > 0 and app.focused is sessions, "home listed sessions")
    return sessions


async def test_enter_on_the_agreement_begins_and_not_yet_does_not(tmp_path: Path, demo_raw: Any) -> None:
    now = fixed_time().now()
    store = RecordStore.open(tmp_path / "data")
    try:
        bundle = seed_demo(store, demo_raw, now=now)
        [today] = [p.session for p in bundle.sessions if p.session.date == now.date()]
        app = create_app(Settings(**QUIET), store, time=FakeTime(now))  # type: ignore[arg-type]
        async with app.run_test(size=SIZE) as pilot:
            home = app.screen
            await _home_with_todays_session(pilot, app)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, AgreementScreen), "the agreement opened")
            await settle(pilot, app)
            await pilot.press("tab", "enter")  # "Not yet"
            await settle(pilot, app)
            assert app.screen is home and len(app.screen_stack) == 1
            assert store.sessions.get(today.id).status is SessionStatus.PLANNED
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, AgreementScreen), "the agreement opened again")
            await settle(pilot, app)
            await pilot.press("enter")
            await settle(pilot, app)
            assert isinstance(app.screen, LiveScreen)
            assert store.sessions.get(today.id).status is SessionStatus.RUNNING
            assert focused_id(app) == "note-line"
    finally:
        store.close()


def _spelled_differently(name: str) -> str:
    """The same name in other case, with spaces around and doubled inside."""
    return "  " + "  ".join(name.swapcase().split(" ")) + " "


async def test_a_walk_in_with_a_name_already_on_the_register_is_refused(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, setup)
        await pilot.press("f8", *"Orla Beck", "enter")
        await settle(pilot, setup.app)
        before = register_snapshot(demo_store, setup.session_id)
        for taken in (setup.members[0].display_name, "Orla Beck"):
            setup.app.clear_notifications()
            await pilot.press("f8", *_spelled_differently(taken), "enter")
            await settle(pilot, setup.app)
            assert register_snapshot(demo_store, setup.session_id) == before, f"{taken!r} added twice"
            messages = [n.message.casefold() for n in setup.app._notifications]
            assert any("already on this register" in m and taken.casefold() in m for m in messages), messages
            assert setup.app.screen is screen and focused_id(setup.app) == "note-line"


async def test_walk_ins_and_guests_can_own_an_action(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, setup)
        await pilot.press("f8", *"Kai", "tab", "space", "ctrl+s")  # a guest
        await settle(pilot, setup.app)
        await pilot.press("f8", *"Orla", "enter", *"a: send Orla the leaflet", "ctrl+o")
        await settle(pilot, setup.app)
        form = setup.app.screen
        assert isinstance(form, ActionScreen)
        assert form.query_one("#action-text", Input).value == "send Orla the leaflet"
        owner = form.query_one("#action-owner", Select)
        offered = {str(label): value for label, value in owner._options}
        assert offered.get("Orla (today)") == "visitor:Orla", offered
        assert offered.get("Kai (today)") == "visitor:Kai", offered
        assert setup.members[0].display_name in offered  # the roster is still offered
        owner.value = offered["Orla (today)"]
        await pilot.press("ctrl+s")
        await settle(pilot, setup.app)
        [action] = demo_store.actions(setup.session_id).all()  # type: ignore[arg-type]
        assert (action.text, action.owner_name, action.owner_id) == ("send Orla the leaflet", "Orla", None)
        assert setup.app.screen is screen and focused_id(setup.app) == "note-line"
        assert note_line(screen).value == ""


async def test_the_refusal_names_the_person_as_written(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=SIZE) as pilot:
        await open_live(pilot, setup)
        await pilot.press("f8", *"Orla Beck", "enter", "f8", *"Orla Beck", "enter")
        await settle(pilot, setup.app)
        messages = [n.message for n in setup.app._notifications]
        assert any(m.startswith("Orla Beck is already on this register") for m in messages), messages


async def test_quit_asks_even_over_another_question(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, setup)
        for _ in range(len(demo_store.sessions.get(setup.session_id).agenda)):  # type: ignore[arg-type]
            await pilot.press("f4")
        await settle(pilot, setup.app)
        assert "End the session now?" in str(setup.app.screen.query_one("#confirm-question").render())
        await pilot.press("ctrl+q")
        await settle(pilot, setup.app)
        assert setup.app.is_running, "quit without asking"
        question = setup.app.screen
        assert isinstance(question, ConfirmScreen) and focused_id(setup.app) == "confirm-no"
        assert "keeps running" in str(question.query_one("#confirm-question").render())
        await pilot.press("enter", "escape")  # keep going, then keep going with the session
        await settle(pilot, setup.app)
        assert setup.app.screen is screen
