"""Driving the app as a user does, and timing a key to the frame that shows its effect.

Used by the app measurements' child processes (``benchmarks/ui.py``, ``benchmarks/flows.py``).
Keys go through Pilot (the same driver queue a terminal's keys go through); waits are on
what the user would see: the screen on top, a table's rows, the lines of a drawn frame.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

SIZE = (120, 40)  # a laptop terminal
FRAME_TIMEOUT_S = 5.0
WAIT_TIMEOUT_S = 20.0
# The live screen's clock line while a segment runs, e.g. "Group agreement  (1 of 8)".
CLOCK_RUNNING = re.compile(r"\(\d+ of \d+\)")
PALETTE_DRAWN = re.compile(r"for commands")  # the palette's input placeholder
DEBRIEF_DRAWN = re.compile(r"Your debrief|How was it for you\?")

Check = Callable[[Any, list[str]], bool]  # (app, lines redrawn by a frame) -> shown?


def update_lines(renderable: Any) -> list[str]:
    """The text of each line a compositor update redraws."""
    from textual._compositor import ChopsUpdate, LayoutUpdate

    if isinstance(renderable, LayoutUpdate):
        return ["".join(strip.text for strip in line) for line in renderable.strips]
    if isinstance(renderable, ChopsUpdate):
        return ["".join(strip.text for _, strip in sorted(renderable.chops[y].items()) if strip is not None)
                for y, _, _ in renderable.spans]
    return []


def lines_match(pattern: re.Pattern[str], on_top: type | None = None, anywhere: type | None = None) -> Check:
    """A check: a frame redraws a line matching ``pattern`` while a screen of type
    ``on_top`` is on top, or one of type ``anywhere`` is on the stack (under a dialog)."""

    def check(app: Any, lines: list[str]) -> bool:
        if on_top is not None and not isinstance(app.screen, on_top):
            return False
        if anywhere is not None and not any(isinstance(screen, anywhere) for screen in app.screen_stack):
            return False
        return any(pattern.search(line) for line in lines)

    return check


class FrameProbe:
    """Patches ``App._display`` to stamp the first frame for which a check holds.

    The stamp is taken as the frame reaches the terminal driver (headless: composed and
    rendered, not encoded), before the lines are read, so reading them costs nothing measured.
    """

    def __init__(self) -> None:
        from textual.app import App

        self.check: Check | None = None
        self.shown_at = 0.0
        self.shown = asyncio.Event()
        original = App._display
        probe = self

        def display(app: App, screen: Any, renderable: Any) -> None:
            original(app, screen, renderable)
            if probe.check is None or renderable is None or app._batch_count:
                return
            stamp = time.perf_counter()
            if probe.check(app, update_lines(renderable)):
                probe.check = None
                probe.shown_at = stamp
                probe.shown.set()

        App._display = display  # type: ignore[method-assign]

    async def time_key(self, pilot: Any, key: str, check: Check, what: str) -> float:
        """Milliseconds from pressing ``key`` to the first frame for which ``check`` holds."""
        self.shown.clear()
        self.check = check
        started = time.perf_counter()
        await pilot.press(key)
        try:
            await asyncio.wait_for(self.shown.wait(), FRAME_TIMEOUT_S)
        except TimeoutError:
            self.check = None
            raise RuntimeError(f"no frame showed {what} within {FRAME_TIMEOUT_S:g} s of {key!r} "
                               f"(on top: {type(pilot.app.screen).__name__})") from None
        return (self.shown_at - started) * 1000


async def wait_until(pilot: Any, condition: Callable[[], bool], what: str,
                     timeout: float = WAIT_TIMEOUT_S) -> None:
    """Let the app run until ``condition()`` holds (checked after each idle moment)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"waited {timeout:g} s for {what} (on top: {type(pilot.app.screen).__name__})")
        await pilot.pause(0.01)


async def type_keys(pilot: Any, keys: list[tuple[str, str | None]]) -> None:
    """Send key events as a terminal would deliver fast typing (Pilot's ``press`` waits for
    the process to go idle after every key), then wait for the app to settle. Untimed."""
    from textual import events

    for key, character in keys:
        event = events.Key(key, character)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)
    await pilot.pause()


def typed(text: str) -> list[tuple[str, str | None]]:
    """The key events for typing ``text``."""
    from textual.keys import _character_to_key

    return [(_character_to_key(character), character) for character in text]


def plan_for_today(folder: Path) -> tuple[Any, str]:
    """Open the store and plan a session for today, now, for the first peer support group
    (by name), as "Plan session" would. Returns the open store and the session's id."""
    from psw_tui.models import GroupKind
    from psw_tui.services.start import session_for_now
    from psw_tui.services.timesource import SystemTime
    from psw_tui.storage import RecordStore

    store = RecordStore.open(folder, create=False)
    group = min((g for g in store.groups.all() if g.kind is GroupKind.PEER_SUPPORT and not g.archived),
                key=lambda g: g.name)
    return store, str(session_for_now(store, group.id, SystemTime()).id)


async def to_agreement(pilot: Any, session_id: str) -> None:
    """On home, once it lists the session planned for today: wait for the app to be at rest
    (a facilitator reads home before pressing a key), move to that row and press Enter, then
    wait for the group agreement dialog."""
    from textual.widgets import DataTable

    from psw_tui.screens.home import HomeScreen
    from psw_tui.screens.live_dialogs import AgreementScreen

    app = pilot.app

    def listed() -> bool:
        if not isinstance(app.screen, HomeScreen):
            return False
        table = app.screen.query_one("#sessions", DataTable)
        return any(str(key.value) == session_id for key in table.rows)

    await wait_until(pilot, listed, "home listing the session planned for today")
    try:
        await asyncio.wait_for(app.workers.wait_for_complete(), WAIT_TIMEOUT_S)
    except TimeoutError:
        running = ", ".join(worker.name or repr(worker) for worker in app.workers if not worker.is_finished)
        raise RuntimeError(f"home's background work still running after {WAIT_TIMEOUT_S:g} s: {running}") from None
    await pilot.pause()
    table = app.screen.query_one("#sessions", DataTable)
    row = table.get_row_index(session_id)
    while table.cursor_row != row:
        await pilot.press("down" if table.cursor_row < row else "up")
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, AgreementScreen), "the group agreement")
    await pilot.pause()


async def begin(pilot: Any, probe: FrameProbe) -> float:
    """Enter on the group agreement; milliseconds to the first frame of the live screen with
    the clock running. Then finish the review of carried actions if it opens (Escape), and
    wait for the live screen on top with the note line focused."""
    from psw_tui.screens.live import LiveScreen

    took = await probe.time_key(pilot, "enter", lines_match(CLOCK_RUNNING, anywhere=LiveScreen),
                                "the live screen's clock running")
    await back_to_live(pilot)
    return took


async def back_to_live(pilot: Any) -> None:
    """Close whatever is over the live screen (Escape) until the note line has the focus."""
    from psw_tui.screens.live import LiveScreen

    app = pilot.app
    await pilot.pause()
    deadline = time.monotonic() + WAIT_TIMEOUT_S
    while not (isinstance(app.screen, LiveScreen) and getattr(app.focused, "id", None) == "note-line"):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the live screen's note line never got the focus "
                               f"(on top: {type(app.screen).__name__})")
        if not isinstance(app.screen, LiveScreen):
            await pilot.press("escape")
        await pilot.pause(0.01)


Runner = Callable[[Any, FrameProbe, str], Awaitable[dict[str, Any]]]


async def drive_app(folder: Path, body: Runner) -> dict[str, Any]:
    """Plan a session for today in ``folder``, run the app headless at :data:`SIZE` with
    Pilot and call ``body(pilot, probe, session_id)``; returns what it returns."""
    from psw_tui.app import create_app
    from psw_tui.models import Settings
    from psw_tui.services.timesource import SystemTime

    store, session_id = plan_for_today(folder)
    app = create_app(Settings(bell=False, idle_lock_minutes=0), store, time=SystemTime())
    probe = FrameProbe()
    try:
        async with app.run_test(size=SIZE) as pilot:
            result = await body(pilot, probe, session_id)
    finally:
        store.close()
    return result
