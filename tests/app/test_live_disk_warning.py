"""A note whose folder fsync fails after the rename is saved: the screen says "saved, but the
disk reported an error", clears the line, and Enter again saves nothing twice."""

from __future__ import annotations

import errno

import pytest

from psw_tui.storage import RecordStore
from psw_tui.storage import durable
from tests.app.live_helpers import live_setup, open_live, settle, until


async def test_a_disk_error_after_the_save_is_a_warning_not_a_failure(
    demo_store: RecordStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_live(pilot, setup)
        real = durable.fsync_dir
        failures = iter([True])

        def flaky(path):  # noqa: ANN001, ANN202
            if next(failures, False):
                raise OSError(errno.EIO, "Input/output error")
            return real(path)

        monkeypatch.setattr(durable, "fsync_dir", flaky)
        await pilot.press(*"isolation at weekends", "enter")
        await settle(pilot, setup.app)
        await until(pilot, lambda: any("disk" in str(t.render()).lower() for t in setup.app.screen.query("Toast")),
                    "the disk warning")
        assert screen.note_bar.value == ""  # saved: the line is clear, nothing to type again
        await pilot.press("enter")
        await settle(pilot, setup.app)
    texts = [note.text for note in demo_store.notes(setup.session_id).all()]  # type: ignore[arg-type]
    assert texts == ["isolation at weekends"]
