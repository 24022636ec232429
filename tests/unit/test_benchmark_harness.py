"""The benchmark harness's own pieces: what it reads off a terminal or a frame, its registry,
the optional modules it wires in, and the busy process it must never leave behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks import optional
from benchmarks.first_key import visible_text
from benchmarks.harness import REGISTRY, QUICK, Context, busy_process, percentile
from benchmarks.run import load_measurements
from benchmarks.ui import status_changed


def test_percentile_interpolates_like_numpy() -> None:
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([10], 95) == 10
    assert percentile(range(101), 95) == 95


def test_terminal_text_survives_colours_cursor_moves_and_titles() -> None:
    raw = (b"\x1b[?1049h\x1b]0;psw-tui\x07\x1b[3;5H\x1b[38;2;120;120;120;48;2;0;0;0m"
           b"\xf0\x9f\x94\x8e Search for commands\xe2\x80\xa6\x1b[0m\x1b[?25l")
    text = visible_text(raw)
    assert "Search for commands…" in text
    assert "psw-tui" not in text  # the window title is not on the screen


def test_register_change_pattern_needs_a_different_status_for_that_name() -> None:
    changed = status_changed("Sam", "• to mark")
    assert changed.search("│ Sam            present        │")
    assert not changed.search("│ Sam            • to mark      │")
    assert not changed.search("│ Samira         present        │")
    assert status_changed("Wren", "present").search("Wren   late ")
    assert not status_changed("Wren", "present").search("Wren   present ")


def test_every_key_is_declared_once_and_every_target_is_a_key() -> None:
    load_measurements()
    names = [m.name for m in REGISTRY]
    assert len(names) == len(set(names))
    keys = [key for m in REGISTRY for key in m.keys]
    assert len(keys) == len(set(keys))
    for m in REGISTRY:
        assert set(m.targets) <= set(m.keys), m.name
    with_load = {key for m in REGISTRY for key in m.load_keys}
    for key in ("begin_to_live_ms", "end_to_debrief_ms", "palette_open_ms_p95", "first_key_ms",
                "bare_textual_first_key_ms", "first_key_ratio", "live_keypress_ms_p95",
                "live_keypress_ms_p95_loaded"):
        assert key in with_load  # each issue 10 figure has its load average beside it


def test_a_missing_module_is_reported_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(optional, "OPTIONAL", {"nothing": ("benchmarks.not_written_yet", ("nothing_ms",), {})})
    registry: list = []
    monkeypatch.setattr(optional, "REGISTRY", registry)
    optional.register_optional()
    ctx = Context(QUICK, 1, tmp_path, log=lambda _: None)
    assert registry[0].run(ctx) == {}
    assert ctx.missing == [("nothing_ms", "benchmarks/not_written_yet.py is not there yet")]


def test_the_busy_process_is_killed_when_the_measurement_fails() -> None:
    with pytest.raises(RuntimeError), busy_process() as process:
        pid = process.pid
        raise RuntimeError("a measurement failed")
    assert process.returncode is not None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
