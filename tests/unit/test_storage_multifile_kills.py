"""SIGKILL at random steps of every command that changes several files.

A forked child opens the store and runs the command with a tripwire that SIGKILLs it at a
chosen syscall (just before it, or just after it returned), chosen at random among all the
syscalls the command makes. The child says "done" only after the command returned. The
parent then opens the folder as the next start would: it must show the state after the
command if "done" was said, and otherwise the state before or the state after, never a
mix; ``check`` passes with nothing beyond what opening repaired; no staging folder,
journal or temp file is left; no session or reflection is there twice.

At least 30 kills per command run in CI; every syscall, before and after (about 500 kills,
a minute and a half), runs with ``PSW_TUI_EXHAUSTIVE=1``.
"""

from __future__ import annotations

import os
import random
import signal
import time
import zlib
from pathlib import Path

import pytest

from tests.unit.helpers_recovery import (
    COMMANDS,
    Case,
    Tripwire,
    assert_clean,
    command,
    expected_states,
    fresh_copy,
    open_store,
    kill_now,
    pristine,
    pristine_encrypted,
)

__all__ = ["pristine", "pristine_encrypted"]

TRIALS = 32
SEED = 20261126


def _kill_child(data_dir: Path, case: Case, name: str, at: int, after: bool) -> tuple[bool, bool]:
    """Run the command in a forked child killed at call ``at``: (was killed, said done)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            os.close(read_end)
            run = command(name, data_dir, case)
            store = None if name == "restore" else open_store(data_dir)
            with Tripwire(at, kill_now, after):
                run(store)
            os.write(write_end, b"done")
        except BaseException:  # noqa: BLE001 - reported through the exit code
            code = 3
        finally:
            os._exit(code)
    os.close(write_end)
    deadline = time.monotonic() + 30
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.002)
    said = os.read(read_end, 16) == b"done"
    os.close(read_end)
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert killed or (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0), (
        f"{name}: the child failed (status {status}) instead of being killed or finishing"
    )
    return killed, said


def _trials(name: str, calls: int, every: bool) -> list[tuple[int, bool]]:
    points = [(at, after) for at in range(1, calls + 1) for after in (False, True)]
    if every:
        return points
    rng = random.Random(SEED + zlib.crc32(name.encode()))
    return rng.sample(points, min(TRIALS, len(points)))


def _run(pristine: tuple[Path, Case], tmp_path: Path, name: str, every: bool, count: int = TRIALS) -> None:
    pristine_dir, case = pristine
    before, after, calls = expected_states(pristine_dir, case, name, tmp_path)
    trials = _trials(name, calls, every)[:count]
    assert len(trials) >= min(count, 2 * calls)
    seen_before = seen_after = killed_count = 0
    for at, after_call in trials:
        data_dir = fresh_copy(pristine_dir, tmp_path / "data", name, case)
        killed, said = _kill_child(data_dir, case, name, at, after_call)
        killed_count += killed
        label = f"{name}, killed {'after' if after_call else 'before'} call {at} of {calls}"
        seen = assert_clean(data_dir, [after] if said else [before, after], label)
        seen_before += seen == before
        seen_after += seen == after
    assert killed_count >= len(trials) // 2, "too few trials were really killed"
    # Kills landed on both sides of the commit point.
    assert seen_before and seen_after, (seen_before, seen_after)


@pytest.mark.parametrize("name", COMMANDS)
def test_a_kill_at_random_steps_leaves_the_old_state_or_the_whole_change(
    pristine: tuple[Path, Case], tmp_path: Path, name: str
) -> None:
    _run(pristine, tmp_path, name, every=False)


@pytest.mark.parametrize("name", ["import", "restore", "forget-member"])
def test_the_same_on_an_encrypted_folder(
    pristine_encrypted: tuple[Path, Case], tmp_path: Path, name: str
) -> None:
    """Staged files and the catalog's version ledger switch in together (10 kills each:
    opening an encrypted folder derives its key, which is slow by design)."""
    _run(pristine_encrypted, tmp_path, name, every=False, count=10)


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("PSW_TUI_EXHAUSTIVE"),
    reason="every step of every command takes minutes: set PSW_TUI_EXHAUSTIVE=1",
)
@pytest.mark.parametrize("name", COMMANDS)
def test_a_kill_at_every_step_leaves_the_old_state_or_the_whole_change(
    pristine: tuple[Path, Case], tmp_path: Path, name: str
) -> None:
    _run(pristine, tmp_path, name, every=True, count=1_000_000)  # every step, not the first TRIALS
