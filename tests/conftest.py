"""Shared fixtures: temp data folders, the demo data set, a fixed 'today'."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from datetime import time as dt_time
from pathlib import Path
from typing import Any

import pytest

from psw_tui.resources import demo_fixture
from psw_tui.services.timesource import FakeTime
from psw_tui.storage import RecordStore

# Times are shown in local time: make that the same everywhere the tests run.
os.environ["TZ"] = "UTC"
time.tzset()
# Draw for a true-colour terminal whatever TERM the tests run under: on a 16-colour one the
# app swaps in its 16-colour theme (tests/app/test_colour_rendering.py sets that up itself).
os.environ["COLORTERM"] = "truecolor"
os.environ.pop("NO_COLOR", None)

# The demo fixture's own anchor: with this as 'today' no dates are shifted.
FIXED_TODAY = date(2026, 11, 20)


def fixed_time(hour: int = 18, minute: int = 0) -> FakeTime:
    """A fake clock on FIXED_TODAY at the given UTC time."""
    return FakeTime(datetime.combine(FIXED_TODAY, dt_time(hour, minute), tzinfo=UTC))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder path that does not exist yet."""
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[RecordStore]:
    """An open, empty store with the built-in templates."""
    from psw_tui.services.setup import ensure_builtin_templates

    opened = RecordStore.open(data_dir)
    ensure_builtin_templates(opened)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_raw() -> Any:
    """The demo fixture as parsed JSON."""
    return json.loads(demo_fixture().read_text(encoding="utf-8"))


@pytest.fixture
def demo_store(data_dir: Path, demo_raw: Any) -> Iterator[RecordStore]:
    """An open store holding the demo data, dated as of FIXED_TODAY."""
    from psw_tui.services.setup import seed_demo

    opened = RecordStore.open(data_dir)
    seed_demo(opened, demo_raw, today=FIXED_TODAY)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Pilot and snapshot test runs with the text cursor steady: a blinking cursor
    caught mid-blink made snapshots fail at random."""
    from textual.widgets import Input, TextArea

    for widget in (Input, TextArea):
        monkeypatch.setattr(widget.__dict__["cursor_blink"], "_default", False)
