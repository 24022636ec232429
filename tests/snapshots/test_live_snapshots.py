"""SVG snapshots of the live session: the screen, the privacy screen and the projector view."""

from __future__ import annotations

import pytest

from psw_tui.storage import RecordStore
from tests.app.live_helpers import live_setup, open_live


async def _running(pilot, setup) -> None:  # noqa: ANN001
    """Four minutes into the second segment, with a register and notes."""
    screen = await open_live(pilot, setup)
    await pilot.press(*"t: hope and connection", "enter", *"less alone than last week", "enter")
    await pilot.press("f7", "space", "down", "2", "down", "4", "escape")
    setup.time.advance(6 * 60)
    await pilot.press("f4")
    setup.time.advance(4 * 60)
    await pilot.press(*"p: benefits letter", "enter")
    screen.tick()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_live_screen(snap_compare, demo_store: RecordStore, size: tuple[int, int]) -> None:
    setup = live_setup(demo_store)
    assert snap_compare(setup.app, terminal_size=size, run_before=lambda pilot: _running(pilot, setup))


def test_privacy_screen(snap_compare, demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)

    async def before(pilot) -> None:  # noqa: ANN001
        await _running(pilot, setup)
        await pilot.press("f12")
        await pilot.pause()

    assert snap_compare(setup.app, terminal_size=(80, 24), run_before=before)


def test_projector_view(snap_compare, demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)

    async def before(pilot) -> None:  # noqa: ANN001
        await _running(pilot, setup)
        await pilot.press("f11")
        setup.app.screen.tick()
        await pilot.pause()

    assert snap_compare(setup.app, terminal_size=(120, 40), run_before=before)
