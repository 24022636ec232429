"""A newcomer on --demo: the first Enter on home opens the group agreement for today's
session, and Enter again starts it live (demo data laid out around a fixed 'now')."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from psw_tui.app import create_app
from psw_tui.models import SessionStatus, Settings
from psw_tui.screens.live import LiveScreen
from psw_tui.screens.live_dialogs import AgreementScreen
from psw_tui.services.setup import seed_demo
from psw_tui.services.timesource import FakeTime
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time


async def until(pilot, condition: Callable[[], bool], tries: int = 100) -> None:  # noqa: ANN001
    """Let the app run until ``condition`` holds (a failure names what never happened)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause()
    assert condition(), "the app never reached the expected state"


@pytest.mark.parametrize(
    "now",
    [
        fixed_time().now(),  # the anchor Friday, 18:00: a session brought forward to today
        datetime(2026, 11, 24, 9, 30, tzinfo=UTC),  # a Tuesday morning: the Tuesday group
        datetime(2026, 11, 26, 0, 5, tzinfo=UTC),  # just after midnight on a Thursday
    ],
    ids=["friday-evening", "tuesday-morning", "thursday-after-midnight"],
)
async def test_first_enter_opens_the_agreement_and_enter_again_starts_live(
    tmp_path: Path, demo_raw: Any, now: datetime
) -> None:
    store = RecordStore.open(tmp_path / "data")
    try:
        bundle = seed_demo(store, demo_raw, now=now)
        todays = [p.session for p in bundle.sessions if p.session.date == now.date()]
        assert len(todays) == 1
        session = todays[0]
        group = next(g for g in bundle.groups if g.id == session.group_id)
        app = create_app(Settings(bell=False, idle_lock_minutes=0), store, time=FakeTime(now), demo=True)
        async with app.run_test(size=(80, 24)) as pilot:
            sessions = app.screen.query_one("#sessions", DataTable)
            await until(pilot, lambda: sessions.row_count > 0 and app.focused is sessions)
            first = sessions.coordinate_to_cell_key(sessions.cursor_coordinate).row_key.value
            assert first == str(session.id)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, AgreementScreen))
            assert group.name in app.screen.query_one(".title").render().plain  # type: ignore[attr-defined]
            assert store.sessions.get(session.id).status is SessionStatus.PLANNED  # nothing yet
            await pilot.press("enter")
            await until(pilot, lambda: any(isinstance(s, LiveScreen) for s in app.screen_stack))
            await until(pilot, lambda: store.sessions.get(session.id).status is SessionStatus.RUNNING)
            live = next(s for s in app.screen_stack if isinstance(s, LiveScreen))
            assert live.session_id == session.id
            started = store.sessions.get(session.id).started_at
            assert started == now
    finally:
        store.close()
