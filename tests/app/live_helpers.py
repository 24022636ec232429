"""Shared set-up for the live-session Pilot tests: a demo group, a session for 'now'."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from textual import events
from textual.app import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key  # type: ignore[attr-defined]
from textual.widgets import Digits, Input, Static

from psw_tui.app import PswApp, create_app
from psw_tui.models import Member, NoteKind, Settings
from psw_tui.screens.live import LiveScreen
from psw_tui.services.start import session_for_now
from psw_tui.services.timesource import FakeTime
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time

GROUP = "Tuesday Hearing Voices Group"


@dataclass
class LiveSetup:
    """An app, the fake clock it runs on, and the id of a planned session for now."""

    app: PswApp
    time: FakeTime
    session_id: object
    members: list[Member]


def live_setup(store: RecordStore, **settings: object) -> LiveSetup:
    """A session of the demo's Tuesday group, planned for now, not yet started."""
    time = fixed_time()
    group = next(g for g in store.groups.all() if g.name == GROUP)
    session = session_for_now(store, group.id, time)
    members = [m for m in store.members.all() if m.group_id == group.id and m.active]
    # The idle lock (tested on its own) would otherwise blank the screen whenever a test
    # moves the fake clock on by more than five minutes without a key press.
    settings = {"bell": False, "idle_lock_minutes": 0, **settings}
    app = create_app(Settings(**settings), store, time=time)  # type: ignore[arg-type]
    return LiveSetup(app, time, session.id, members)


async def open_live(pilot, setup: LiveSetup) -> LiveScreen:  # noqa: ANN001
    """Push the live screen (which starts the planned session) and wait for it."""
    screen = LiveScreen(setup.session_id)  # type: ignore[arg-type]
    await setup.app.push_screen(screen)
    await pilot.pause()
    return screen


async def advance(pilot, setup: LiveSetup, screen: LiveScreen, seconds: float) -> None:  # noqa: ANN001
    """Move the fake clock on and let the screen redraw."""
    setup.time.advance(seconds)
    screen.tick()
    await pilot.pause()


def digits(screen: LiveScreen) -> str:
    """What the big clock shows."""
    return screen.query_one("#clock-digits", Digits).value


def visible_text(app: PswApp) -> str:
    """Everything on the screen as plain text (from Textual's own SVG screenshot)."""
    svg = app.export_screenshot()
    body = svg.split("</style>")[-1]  # skip the CSS, whose class names are not on screen
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")


def text_of(screen: LiveScreen, selector: str) -> str:
    """The text of a Static."""
    return str(screen.query_one(selector, Static).content)


async def until(pilot, condition: Callable[[], bool], what: str, tries: int = 300) -> None:  # noqa: ANN001
    """Let the app run until ``condition`` holds; a failure says ``what`` never happened."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause()
    assert condition(), f"never happened: {what}"


async def settle(pilot, app: PswApp) -> None:  # noqa: ANN001
    """Wait until every key pressed so far has been handed out and handled (keys typed
    while a screen opens are held by the app and handed out one at a time)."""
    await until(pilot, lambda: not app._held_keys and app._settled(), "the keys pressed were all handled")
    await pilot.pause()


def register_snapshot(store: RecordStore, session_id: object) -> list[tuple[object, ...]]:
    """Every register row as stored: who, what kind, what status."""
    entries = store.register(session_id).all()  # type: ignore[arg-type]
    return sorted((str(e.id), e.member_id, e.display_name, e.kind, e.status) for e in entries)


def notes_of(store: RecordStore, session_id: object) -> list[tuple[NoteKind, str]]:
    """The session's notes as (kind, text), sorted."""
    return sorted((n.kind, n.text) for n in store.notes(session_id).all())  # type: ignore[arg-type]


def actions_of(store: RecordStore, session_id: object) -> list[str]:
    """The texts of the session's actions, sorted."""
    return sorted(a.text for a in store.actions(session_id).all())  # type: ignore[arg-type]


def focused_id(app: PswApp) -> str | None:
    """The id of the focused widget (None when nothing has the focus)."""
    return app.focused.id if app.focused is not None else None


def note_line(screen: LiveScreen) -> Input:
    """The live screen's note line."""
    return screen.query_one("#note-line", Input)


def burst(app: PswApp, *keys: str) -> None:
    """Queue every key at once, as a terminal delivers a burst: no waiting in between (Pilot's
    ``press`` lets the app go idle after each key). They are in the app's queue, in order,
    when this returns."""
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            char: str | None = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app.post_message(event)


async def send(pilot, app: PswApp, mode: str, *keys: str) -> None:  # noqa: ANN001
    """Press ``keys`` with no pause between them, then wait until all are handled: in one
    Pilot call (``mode`` "pilot") or all queued at once ("burst")."""
    if mode == "pilot":
        await pilot.press(*keys)
    else:
        burst(app, *keys)
    await settle(pilot, app)
