"""What a 16-colour terminal and a NO_COLOR one are sent, screen by screen.

16 colours (TERM=xterm): every character of text on screen, drawn in the default (dark) or
the high-contrast theme and rounded to the 16 colours as Textual does, has a contrast of at
least 4.5:1 under both the xterm and the VGA palette. NO_COLOR=1: the escape codes sent carry no colour at all.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from rich.color import ColorSystem, ColorType

from psw_tui.app import PswApp, create_app
from psw_tui.models import Settings
from psw_tui.screens.export_dialog import ExportDialog
from psw_tui.screens.group_form import GroupFormScreen
from psw_tui.screens.live_forms import ConcernScreen
from psw_tui.screens.reflection_editor import ReflectionEditor
from psw_tui.screens.search import SearchScreen
from psw_tui.storage import RecordStore
from psw_tui.terminal_colours import MIN_CONTRAST, PALETTES, contrast
from tests.app.live_helpers import live_setup, open_live
from tests.conftest import fixed_time

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def sixteen(color: Any) -> int | None:  # noqa: ANN401 - a Rich colour or None
    """The index of the 16 colours sent for ``color`` (None: the terminal's default)."""
    if color is None:
        return None
    downgraded = color.downgrade(ColorSystem.STANDARD)
    return None if downgraded.type is ColorType.DEFAULT else downgraded.number


def is_text(char: str) -> bool:
    """Letters, digits, punctuation: not spaces, box lines or block shapes (borders, bars)."""
    return not char.isspace() and not 0x2500 <= ord(char) <= 0x25FF


def unreadable(app: PswApp) -> list[str]:
    """Every run of text on screen below 4.5:1 in either palette, described."""
    found = []
    for row, strip in enumerate(app.screen._compositor.render_strips()):
        for segment in strip:
            style = segment.style
            if style is None or not any(is_text(c) for c in segment.text):
                continue
            fg, bg = sixteen(style.color), sixteen(style.bgcolor)
            if style.reverse:
                fg, bg = bg, fg
            if fg == bg:
                continue  # drawn in its background's colour to be unseen, like an unticked box
            if fg is None or bg is None:
                found.append(f"row {row} {segment.text.strip()!r}: default colour ({fg} on {bg})")
                continue
            for name, palette in PALETTES.items():
                ratio = contrast(palette[fg], palette[bg])
                if ratio < MIN_CONTRAST:
                    found.append(f"row {row} {segment.text.strip()!r}: {fg} on {bg}, {ratio:.1f}:1 in {name}")
    return found


async def settle(app: PswApp, pilot: Any) -> None:  # noqa: ANN401 - Textual's Pilot
    for _ in range(2):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


Step = Callable[[PswApp, Any], Awaitable[None]]


async def home(app: PswApp, pilot: Any) -> None:  # noqa: ANN401
    pass


async def help_screen(app: PswApp, pilot: Any) -> None:  # noqa: ANN401
    await pilot.press("f1")


async def group_form_with_errors(app: PswApp, pilot: Any) -> None:  # noqa: ANN401
    await app.push_screen(GroupFormScreen())
    await pilot.press("ctrl+s")


async def search_results(app: PswApp, pilot: Any) -> None:  # noqa: ANN401
    await app.push_screen(SearchScreen("boundaries"))
    await settle(app, pilot)
    await pilot.press("down")


async def export_dialog(app: PswApp, pilot: Any) -> None:  # noqa: ANN401
    ended = next(h for h in app.store.sessions.headers() if h.status.value == "ended")
    await app.push_screen(ExportDialog(ended.id))


async def reflection_with_error(app: PswApp, pilot: Any) -> None:  # noqa: ANN401
    await app.push_screen(ReflectionEditor())
    await pilot.press("ctrl+s")


SCREENS: list[tuple[str, Step]] = [
    ("home", home),
    ("help", help_screen),
    ("group form with errors", group_form_with_errors),
    ("search results", search_results),
    ("export dialog", export_dialog),
    ("reflection with an error", reflection_with_error),
]


@pytest.fixture
def sixteen_colours(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal of 16 colours, as TERM=xterm says (no COLORTERM)."""
    monkeypatch.setenv("TERM", "xterm")
    for name in ("COLORTERM", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("theme", ["textual-dark", "psw-high-contrast"])
@pytest.mark.parametrize("step", [pytest.param(step, id=name) for name, step in SCREENS])
async def test_themes_are_readable_in_sixteen_colours(
    sixteen_colours: None, demo_store: RecordStore, step: Step, theme: str
) -> None:
    app = create_app(Settings(theme=theme), demo_store, time=fixed_time())
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.console.color_system == "standard"
        await settle(app, pilot)
        await step(app, pilot)
        await settle(app, pilot)
        assert unreadable(app) == []


async def test_live_screen_is_readable_in_sixteen_colours(sixteen_colours: None, demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(80, 24)) as pilot:
        await open_live(pilot, setup)
        await pilot.press("enter")  # begin, past the group agreement
        await settle(setup.app, pilot)
        assert unreadable(setup.app) == []
        await pilot.press("f7", "space")  # the register, its selected row
        await settle(setup.app, pilot)
        assert unreadable(setup.app) == []
        setup.app.push_screen(ConcernScreen("Sam"))
        await settle(setup.app, pilot)
        await pilot.press("ctrl+s")
        await settle(setup.app, pilot)
        assert unreadable(setup.app) == []


def colour_codes(escapes: str) -> list[str]:
    """The SGR parameters in ``escapes`` that set a colour (39 and 49, "default", do not)."""
    found = []
    for match in SGR.finditer(escapes):
        params = [int(p) for p in match.group(1).split(";") if p]
        index = 0
        while index < len(params):
            code = params[index]
            if code in (38, 48):
                step = 3 if index + 1 < len(params) and params[index + 1] == 5 else 5
                found.append(match.group(0))
                index += step
                continue
            if 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                found.append(match.group(0))
            index += 1
    return found


def test_colour_codes_are_recognised() -> None:
    assert colour_codes("\x1b[1;7mSave\x1b[0m\x1b[39;49m") == []
    assert colour_codes("\x1b[38;2;1;2;3mx\x1b[1;48;5;16my\x1b[91mz") == [
        "\x1b[38;2;1;2;3m", "\x1b[1;48;5;16m", "\x1b[91m"]


@pytest.mark.parametrize("step", [pytest.param(step, id=name) for name, step in SCREENS])
async def test_no_color_sends_no_colour_codes(monkeypatch: pytest.MonkeyPatch, demo_store: RecordStore,
                                              step: Step) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = create_app(Settings(), demo_store, time=fixed_time())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await step(app, pilot)
        await settle(app, pilot)
        sent = app.screen._compositor.render_full_update().render_segments(app.console)
        assert "\x1b[" in sent  # it did draw, with styles
        assert colour_codes(sent) == []
        assert "7" in {p for m in SGR.finditer(sent) for p in m.group(1).split(";")}  # reverse shows focus
