"""An OSError (ENOSPC or EIO) at every syscall of every command that changes several files.

For each command the syscalls it makes on a healthy disk are counted; then it is run once
per syscall with that one call failing (odd calls ENOSPC, even EIO). Each run must end in
one of: success (the state after), a one-line ``StoreError`` whose words are true ("intact"
means the state before; "saved, but the disk reported an error" and "recorded ... open
again to finish it" mean the state after, once the folder is opened again). The folder then
opens, passes ``check``, and holds no staging folder, journal or temp file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from psw_tui.storage import SaveFailed, StoreError
from psw_tui.storage.erase import BackupsNotReplaced
from psw_tui.storage.errors import ChangePending

from tests.unit.helpers_recovery import (
    COMMANDS,
    Case,
    Tripwire,
    assert_clean,
    command,
    expected_states,
    fresh_copy,
    open_store,
    pristine,
    pristine_encrypted,
    raise_oserror,
    state,
)

__all__ = ["pristine", "pristine_encrypted"]


def _run_with_fault(data_dir: Path, case: Case, name: str, at: int) -> tuple[BaseException | None, int, list[str]]:
    run = command(name, data_dir, case)
    store = None if name == "restore" else open_store(data_dir)
    caught: BaseException | None = None
    warnings: list[str] = []
    try:
        with Tripwire(at, raise_oserror(at)) as wire:
            try:
                run(store)
            except Exception as error:  # noqa: BLE001 - judged below
                caught = error
        if store is not None:
            warnings = [str(w) for w in store.take_disk_warnings()]
    finally:
        if store is not None:
            store.close()
    return caught, wire.count, warnings


@pytest.mark.parametrize("name", COMMANDS)
def test_a_disk_error_at_any_step_leaves_the_old_state_or_the_whole_change(
    pristine: tuple[Path, Case], tmp_path: Path, name: str
) -> None:
    _fault_every_step(pristine, tmp_path, name)


@pytest.mark.parametrize("name", ["import", "restore", "forget-member", "reflection-move"])
def test_the_same_on_an_encrypted_folder(
    pristine_encrypted: tuple[Path, Case], tmp_path: Path, name: str
) -> None:
    """Staged files are sealed like data files, and a change given up must not leave the
    versions of its staged files in the catalog's ledger: every fourth step (opening an
    encrypted folder derives its key, so every step would take too long for CI)."""
    _fault_every_step(pristine_encrypted, tmp_path, name, stride=4)


def _fault_every_step(pristine: tuple[Path, Case], tmp_path: Path, name: str, stride: int = 1) -> None:
    pristine_dir, case = pristine
    before, after, calls = expected_states(pristine_dir, case, name, tmp_path)
    assert calls >= 5, f"{name} made only {calls} syscalls: the tripwire is not in the path"
    outcomes = {"intact": 0, "done": 0, "warned": 0, "pending": 0}
    for at in range(1, calls + 1, stride):
        data_dir = fresh_copy(pristine_dir, tmp_path / "data", name, case)
        error, reached, warnings = _run_with_fault(data_dir, case, name, at)
        label = f"{name}, call {at} of {calls}"
        if reached < at:  # this run made fewer calls (paths vary a little): it just completed
            assert error is None, f"{label}: {error}"
            assert_clean(data_dir, [after], label)
            continue
        if error is None:
            allowed = [after]
            outcomes["warned" if warnings else "done"] += 1
            for warning in warnings:
                assert "disk reported an error" in warning and "\n" not in warning
        else:
            assert isinstance(error, StoreError), f"{label}: a bare {type(error).__name__}: {error}"
            message = str(error)
            assert "\n" not in message, f"{label}: the message is not one line"
            if isinstance(error, SaveFailed):
                assert "intact" in message
                allowed = [before]  # "intact" must be true
                outcomes["intact"] += 1
            elif isinstance(error, ChangePending | BackupsNotReplaced):
                allowed = [after]
                outcomes["pending"] += 1
            else:
                allowed = [before]
                outcomes["intact"] += 1
        assert_clean(data_dir, allowed, label)
    # Both ends were exercised: failures that left the old state, and late ones after the
    # change was already in place.
    assert outcomes["intact"] > 0, outcomes
    assert outcomes["done"] + outcomes["warned"] + outcomes["pending"] > 0, outcomes


def test_the_state_after_a_retried_change_is_the_state_after(pristine: tuple[Path, Case], tmp_path: Path) -> None:
    """A failed import, retried once the disk is well, imports once (no duplicates)."""
    pristine_dir, case = pristine
    _, after, calls = expected_states(pristine_dir, case, "import", tmp_path)
    data_dir = fresh_copy(pristine_dir, tmp_path / "data", "import", case)
    error, _, _ = _run_with_fault(data_dir, case, "import", calls // 2)
    assert isinstance(error, StoreError)
    if state(data_dir) != after:
        with open_store(data_dir) as store:
            command("import", data_dir, case)(store)
    assert state(data_dir) == after
