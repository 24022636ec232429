"""Every keystroke lands where the facilitator meant (issue 10): any note typed from any
focus state of the live screen is saved exactly, and no register row changes.

The property test puts the live screen in each state a facilitator can leave it in (after
marking, a walk-in, each dialog, Tab), types any note (letters, digits, spaces, punctuation,
any prefix) and Enter, and checks the store: exactly that note, nothing else changed.
"""

from __future__ import annotations

import asyncio
import functools
import json
import string
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from psw_tui.app import PswApp
from psw_tui.resources import demo_fixture
from psw_tui.screens.confirm import ConfirmScreen
from psw_tui.screens.live import LiveScreen
from psw_tui.screens.live_dialogs import NoteEditScreen, RebalanceScreen
from psw_tui.screens.live_forms import ActionScreen
from psw_tui.services.note_entry import PREFIXES, parse_entry
from psw_tui.services.setup import seed_demo
from psw_tui.storage import RecordStore
from tests.app.live_helpers import (
    LiveSetup,
    actions_of,
    focused_id,
    live_setup,
    note_line,
    notes_of,
    open_live,
    register_snapshot,
    settle,
    until,
    visible_text,
)
from tests.conftest import FIXED_TODAY

SIZE = (80, 24)


@functools.cache
def _demo_raw() -> Any:
    """The demo data set, read once (not a fixture: hypothesis would print all of it)."""
    return json.loads(demo_fixture().read_text(encoding="utf-8"))


# -- the property: any note, from any focus state -------------------------------------------

STATES = (
    "default",
    "marked_then_done",  # F7, a mark, then Escape, Enter or Tab
    "marking",  # F7, a mark, then the note (its first letter ends marking)
    "walk_in",  # F8, a name, Enter
    "action_saved",  # ctrl+o, text, Enter
    "action_cancelled",  # ctrl+o, Escape
    "concern_cancelled",  # F9, Escape
    "note_edit_cancelled",  # Tab to the notes list, Enter on a note, Escape
    "rebalance_chosen",  # behind schedule, F10, Enter on the first offer
    "rebalance_declined",  # behind schedule, F10, Escape
    "end_cancelled",  # Next on the last segment asks; Escape keeps going
    "notes_list",  # Tab: the notes list has the focus
    "tab_mid_note",  # half the note typed, Tab (to the notes list), the rest typed there
)
MARKS = ("space", "1", "2", "3", "4", "5", "0")
DONE_KEYS = ("escape", "enter", "tab")
NOTE_CHARACTERS = string.ascii_letters + string.digits + " " + string.punctuation

_plain = st.text(NOTE_CHARACTERS, min_size=1, max_size=18)
_prefixed = st.builds(
    lambda letter, space, rest: f"{letter}:{space}{rest}",
    st.sampled_from(sorted(PREFIXES) + [p.upper() for p in PREFIXES]),
    st.sampled_from(["", " "]),
    _plain,
)
_any_note = st.one_of(_plain, _prefixed).filter(lambda text: bool(parse_entry(text).text))
_letter_first = st.one_of(
    _prefixed, st.builds(lambda a, b: a + b, st.sampled_from(string.ascii_letters), _plain)
).filter(lambda text: bool(parse_entry(text).text))


@st.composite
def _steps(draw: Any) -> tuple[str, tuple[str, str], str]:
    """A focus state, the keys that mark the register in it (a mark, then the key that ends
    marking), and the note typed from it."""
    state = draw(st.sampled_from(STATES))
    text = draw(_letter_first if state == "marking" else _any_note)
    if state == "tab_mid_note":
        text = draw(_any_note.filter(lambda t: len(t) > 1))
    return state, (draw(st.sampled_from(MARKS)), draw(st.sampled_from(DONE_KEYS))), text


class Room:
    """One app on its own demo store, with the session for now already running."""

    def __init__(self, folder: Path, demo_raw: Any) -> None:
        self.store = RecordStore.open(folder)
        seed_demo(self.store, demo_raw, today=FIXED_TODAY)
        self.setup: LiveSetup = live_setup(self.store)
        self.walk_ins = 0

    @property
    def app(self) -> PswApp:
        return self.setup.app

    @property
    def session_id(self) -> object:
        return self.setup.session_id

    async def enter(  # noqa: C901, PLR0912
        self, pilot, screen: LiveScreen, state: str, marking: tuple[str, str]  # noqa: ANN001
    ) -> None:
        """Put the live screen in ``state`` the way a facilitator would, keys in bursts."""
        app = self.app
        mark, done = marking
        if state == "marked_then_done":
            await pilot.press("f7", mark, done)
        elif state == "marking":
            await pilot.press("f7", mark)
        elif state == "walk_in":
            self.walk_ins += 1
            name = f"Zed Visitor {self.walk_ins}"
            before = len(register_snapshot(self.store, self.session_id))
            await pilot.press("f8", *name, "enter")
            await until(pilot, lambda: len(register_snapshot(self.store, self.session_id)) == before + 1,
                        f"walk-in {name} added")
        elif state == "action_saved":
            before = len(actions_of(self.store, self.session_id))
            await pilot.press("ctrl+o", *"ring the venue", "enter")
            await until(pilot, lambda: len(actions_of(self.store, self.session_id)) == before + 1, "action saved")
        elif state == "action_cancelled":
            await pilot.press("ctrl+o")
            await until(pilot, lambda: isinstance(app.screen, ActionScreen), "the action form opened")
            await pilot.press("escape")
        elif state == "concern_cancelled":
            await pilot.press("f9", "escape")
        elif state == "note_edit_cancelled":
            if not notes_of(self.store, self.session_id):
                await pilot.press(*"said at the door", "enter")
                await until(pilot, lambda: bool(notes_of(self.store, self.session_id)), "a note to edit")
            await settle(pilot, app)
            await pilot.press("tab", "home", "enter")
            await until(pilot, lambda: isinstance(app.screen, NoteEditScreen), "the note editor opened")
            await pilot.press("escape")
        elif state in ("rebalance_chosen", "rebalance_declined"):
            reading = screen._live().reading()
            assert reading.current is not None
            self.setup.time.advance(max(reading.current.remaining_seconds, 0) + 5 * 60)
            screen.tick()
            opens = bool(screen._live().rebalance_options())
            await pilot.press("f10")
            if opens:
                await until(pilot, lambda: isinstance(app.screen, RebalanceScreen), "the rebalance offer opened")
            await pilot.press("enter" if state == "rebalance_chosen" else "escape")
        elif state == "end_cancelled":
            for _ in range(len(screen._live().session.agenda) + 1):
                await pilot.press("f4")
                await settle(pilot, app)
                if isinstance(app.screen, ConfirmScreen):
                    break
            assert isinstance(app.screen, ConfirmScreen), "Next on the last segment did not ask"
            await pilot.press("escape")
        elif state == "notes_list":
            await pilot.press("tab")
        await settle(pilot, app)
        assert app.screen is screen, f"{state}: a dialog is still open ({type(app.screen).__name__})"
        expected = {"marking": "register", "notes_list": "notes"}.get(state, "note-line")
        assert focused_id(app) == expected, f"{state}: focus on {focused_id(app)}, not {expected}"
        assert note_line(screen).value == ""

    async def type_note(self, pilot, screen: LiveScreen, state: str, text: str) -> None:  # noqa: ANN001
        """Type ``text`` and Enter: exactly that note is saved, no register row changes."""
        store, session_id = self.store, self.session_id
        register = register_snapshot(store, session_id)
        notes, actions = notes_of(store, session_id), actions_of(store, session_id)
        agenda = [(s.id, s.minutes) for s in store.sessions.get(session_id).agenda]  # type: ignore[arg-type]
        if state == "tab_mid_note":
            half = len(text) // 2
            await pilot.press(*text[:half], "tab", *text[half:], "enter")
        else:
            await pilot.press(*text, "enter")
        entry = parse_entry(text)
        if entry.is_action:
            expected_notes, expected_actions = notes, sorted([*actions, entry.text])
        else:
            expected_notes, expected_actions = sorted([*notes, (entry.kind, entry.text)]), actions
        await until(
            pilot,
            lambda: (notes_of(store, session_id), actions_of(store, session_id)) != (notes, actions),
            f"{text!r} typed after {state} was saved",
        )
        await settle(pilot, self.app)
        assert notes_of(store, session_id) == expected_notes, f"after {state}, typing {text!r}"
        assert actions_of(store, session_id) == expected_actions, f"after {state}, typing {text!r}"
        assert register_snapshot(store, session_id) == register, f"after {state}, {text!r} changed the register"
        assert [(s.id, s.minutes) for s in store.sessions.get(session_id).agenda] == agenda  # type: ignore[arg-type]
        assert self.app.screen is screen and focused_id(self.app) == "note-line"
        assert note_line(screen).value == ""


async def _type_from_states(folder: Path, steps: list[tuple[str, tuple[str, str], str]]) -> None:
    room = Room(folder, _demo_raw())
    try:
        async with room.app.run_test(size=SIZE) as pilot:
            screen = await open_live(pilot, room.setup)
            await settle(pilot, room.app)
            for state, marking, text in steps:
                await room.enter(pilot, screen, state, marking)
                await room.type_note(pilot, screen, state, text)
    finally:
        room.store.close()


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(_steps(), min_size=1, max_size=3))
@example(steps=[(state, ("space", "escape"), "t: isolation at weekends") for state in STATES[:-1]])
@example(
    steps=[
        ("marking", ("1", "escape"), "feels 1 of 3 people"),
        ("marked_then_done", ("4", "tab"), "2 said: me too"),
        ("marked_then_done", ("space", "enter"), "s: GP, 111 or A&E"),
        ("notes_list", ("space", "escape"), " p: benefits, 2 forms!"),
        ("tab_mid_note", ("space", "escape"), "t: isolation at the weekends"),
    ]
)
def test_any_note_typed_from_any_focus_state_is_saved_exactly(
    tmp_path: Path, steps: list[tuple[str, tuple[str, str], str]]
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path)) / "data"
    asyncio.run(_type_from_states(folder, steps))


# -- Tab, the marking banner --------------------------------------------------------------


async def test_tab_goes_between_the_note_line_and_the_notes_list_only(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=SIZE) as pilot:
        await open_live(pilot, setup)
        await pilot.press(*"first", "enter")
        focus = []
        for key in ("tab", "tab", "tab", "shift+tab", "shift+tab"):
            await pilot.press(key)
            await settle(pilot, setup.app)
            focus.append(focused_id(setup.app))
        assert focus == ["notes", "note-line", "notes", "note-line", "notes"]


async def test_the_banner_shows_exactly_while_marking(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, setup)
        banner = screen.query_one("#register-banner")
        assert not banner.display or not banner.visible or not banner.region.area
        await pilot.press("f7")
        await settle(pilot, setup.app)
        assert "Marking: Space cycles" in visible_text(setup.app)
        await pilot.press("x")
        await settle(pilot, setup.app)
        assert "Marking:" not in visible_text(setup.app)
        assert focused_id(setup.app) == "note-line" and note_line(screen).value == "x"


async def test_a_space_typed_in_the_notes_list_is_kept(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, setup)
        await pilot.press(*"hello", "tab", *" world")
        await settle(pilot, setup.app)
        assert note_line(screen).value == "hello world"
