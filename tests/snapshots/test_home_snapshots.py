"""SVG snapshots of the home screen (fixed data and date)."""

from __future__ import annotations

import pytest

from psw_tui.app import create_app
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_home_with_demo_data(snap_compare, demo_store: RecordStore, size: tuple[int, int]) -> None:
    app = create_app(None, demo_store, time=fixed_time())

    async def counted(pilot) -> None:  # noqa: ANN001 - the alert counts come from a worker
        await app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=counted)


def test_home_empty(snap_compare, store: RecordStore) -> None:
    assert snap_compare(create_app(None, store), terminal_size=(80, 24))
