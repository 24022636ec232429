"""The live session's transitions, timed as a facilitator meets them (child mode ``flows``).

In one app process on a fresh copy of the ten-year store, with a session planned for today:

1. **Begin**: Enter on that session on home, then Enter on the group agreement (timed) to the
   first frame of the live screen with its clock running.
2. **Palette**: ``opens`` times, ctrl+p on the live screen (timed) to the first frame with
   the palette's input drawn, then Escape back to the note line.
3. **End**: ctrl+p, "End session", Enter: the confirm dialog; then ``y`` (timed) to the
   first frame of the debrief screen.
"""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path
from typing import Any

from benchmarks.pilot_tools import (
    DEBRIEF_DRAWN,
    PALETTE_DRAWN,
    FrameProbe,
    back_to_live,
    begin,
    drive_app,
    lines_match,
    to_agreement,
    type_keys,
    typed,
    wait_until,
)


async def open_palette(pilot: Any, probe: FrameProbe) -> float:
    """ctrl+p on the live screen: milliseconds to the palette drawn."""
    from textual.command import CommandPalette

    return await probe.time_key(pilot, "ctrl+p", lines_match(PALETTE_DRAWN, on_top=CommandPalette),
                                "the command palette")


def palette_offers(app: Any, title: str) -> bool:
    """Whether the palette is on top with ``title`` as its highlighted command."""
    from textual.command import CommandList, CommandPalette

    screen = app.screen
    if not isinstance(screen, CommandPalette):
        return False
    commands = screen.query_one(CommandList)
    highlighted = commands.highlighted
    if highlighted is None or not commands.option_count:
        return False
    return str(commands.get_option_at_index(highlighted).prompt).startswith(title)


async def end_session(pilot: Any, probe: FrameProbe) -> float:
    """The palette's "End session", then ``y`` on the confirm dialog (timed) to the debrief."""
    from psw_tui.screens.close import CloseSessionScreen
    from psw_tui.screens.confirm import ConfirmScreen

    app = pilot.app
    await pilot.press("ctrl+p")
    await type_keys(pilot, typed("End session"))
    await wait_until(pilot, lambda: palette_offers(app, "End session"), "the palette offering End session")
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the End session question")
    await pilot.pause()
    return await probe.time_key(pilot, "y", lines_match(DEBRIEF_DRAWN, on_top=CloseSessionScreen),
                                "the debrief screen")


async def _flows(pilot: Any, probe: FrameProbe, session_id: str, opens: int) -> dict[str, Any]:
    await to_agreement(pilot, session_id)
    gc.collect()
    begin_ms = await begin(pilot, probe)
    palette_ms = []
    for _ in range(opens):
        palette_ms.append(await open_palette(pilot, probe))
        await back_to_live(pilot)
    end_ms = await end_session(pilot, probe)
    return {"begin_ms": begin_ms, "palette_ms": palette_ms, "end_ms": end_ms}


def child_flows(folder: Path, opens: int) -> dict[str, Any]:
    """Begin a session, open the palette ``opens`` times, end it; the timings in ms."""

    async def body(pilot: Any, probe: FrameProbe, session_id: str) -> dict[str, Any]:
        return await _flows(pilot, probe, session_id, opens)

    return asyncio.run(drive_app(folder, body))
