"""Changes to several files that happen whole or not at all: a small redo journal.

A multi-file change (import, restore, prune, forget a member, a reflection moving between
year files, setting a damaged file aside) is made in three steps:

1. **Stage.** Every new file is written, fsynced, into a staging folder beside the data
   (``.txn-<random>/``, mirroring the data layout); files to delete or move are listed.
   The data itself is not touched, so a kill or a disk error here leaves the previous state;
   the next open removes the staging folder ("undid an interrupted import").
2. **Commit.** The list of steps is written atomically to ``.journal`` with state
   ``committed``. This single rename is the moment the change happens.
3. **Apply.** Each staged file is renamed over its target, deletions and moves are done,
   the folders are fsynced, the staging folder is removed and then the journal. Every step
   can be repeated: a staged file that is gone was already renamed. A kill here is
   finished on the next open ("finished an interrupted import").

``.journal`` holds only file names (no personal data), so it is plain even in an encrypted
folder; the staged files are sealed like any data file. Every change creates and removes
entries in the data folder itself, so readers without the lock (read-only commands) compare
the folder's modification time before and after reading to see whether one happened.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from psw_tui.storage import durable
from psw_tui.storage.durable import FILE_MODE, atomic_write, ensure_private_dir, fsync_dir
from psw_tui.storage.errors import ChangePending, SavedWithDiskError, SaveFailed, StoreError

JOURNAL = ".journal"
STAGING_PREFIX = ".txn-"
LEGACY_STAGING_PREFIX = ".restore-"  # staging folders of restores before the journal existed
LABEL_FILE = ".label"
COMMITTED = "committed"


def _write_new(path: Path, data: bytes) -> None:
    """Write a staged file (never a data file: no rename needed, the commit comes later)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


class Transaction:
    """One multi-file change being staged under a data folder ``root`` (see module doc).

    Use :func:`transaction`; writes through the store's repositories are staged
    automatically while it is open, and :meth:`stage_write`, :meth:`delete` and
    :meth:`move` stage file-level steps directly.
    """

    def __init__(self, root: Path, label: str) -> None:
        self.root = root
        self.label = label
        self.dir = root / f"{STAGING_PREFIX}{secrets.token_hex(6)}"
        self._writes: dict[Path, Path] = {}  # target -> staged file
        self._deletes: set[Path] = set()
        self._moves: list[tuple[Path, Path]] = []
        self._folders: set[Path] = set()

    # -- staging ---------------------------------------------------------------------------

    def _staged_path(self, target: Path) -> Path:
        staged = self.dir / target.relative_to(self.root)
        if not self.dir.exists():
            ensure_private_dir(self.dir)
            _write_new(self.dir / LABEL_FILE, self.label.encode())
            self._folders.add(self.dir)
        if staged.parent not in self._folders:
            ensure_private_dir(staged.parent)
            self._folders.add(staged.parent)
        return staged

    def stage_write(self, target: Path, data: bytes) -> None:
        """Stage ``target`` to become ``data`` (raises :class:`SaveFailed` naming it)."""
        try:
            staged = self._staged_path(target)
            if staged.exists():
                staged.unlink()  # written twice in one change: the last version wins
            _write_new(staged, data)
        except OSError as error:
            raise SaveFailed(target, error) from error
        self._deletes.discard(target)
        self._writes[target] = staged

    def delete(self, target: Path) -> None:
        """Stage the removal of ``target`` (missing is fine)."""
        staged = self._writes.pop(target, None)
        if staged is not None:
            with suppress(FileNotFoundError):
                staged.unlink()
        self._deletes.add(target)

    def move(self, source: Path, target: Path) -> None:
        """Stage renaming ``source`` to ``target`` (e.g. setting a damaged file aside)."""
        self._moves.append((source, target))

    def source(self, target: Path) -> Path | None:
        """Where ``target``'s content is now, as this change sees it (None: deleted)."""
        if target in self._deletes:
            return None
        return self._writes.get(target, target)

    def stat(self, target: Path) -> os.stat_result:
        """``os.stat`` of ``target`` as it will be once the change is applied (a rename keeps
        the staged file's inode, size and mtime)."""
        return os.stat(self.source(target) or target)

    @property
    def empty(self) -> bool:
        """Whether nothing was staged."""
        return not (self._writes or self._deletes or self._moves)

    # -- commit ----------------------------------------------------------------------------

    def _record(self, seq: int) -> dict[str, Any]:
        def rel(path: Path) -> str:
            return path.relative_to(self.root).as_posix()

        # Data files are renamed in before the catalog that lists them.
        writes = sorted(self._writes, key=lambda p: p == self.root / "catalog.json")
        ops: list[dict[str, str]] = [
            {"op": "write", "target": rel(t), "staged": rel(self._writes[t])} for t in writes
        ]
        ops += [{"op": "move", "source": rel(s), "target": rel(t)} for s, t in self._moves]
        ops += [{"op": "delete", "target": rel(t)} for t in sorted(self._deletes)]
        return {"seq": seq, "state": COMMITTED, "label": self.label, "staging": self.dir.name, "ops": ops}

    def commit(self) -> None:
        """Make the staged change happen (see module doc); the staging folder is removed.

        Raises :class:`SaveFailed` when the change could not be recorded (the data is as
        before), or :class:`ChangePending` when it was recorded but could not be applied
        even on a second try (it is finished on the next open; writes stop until then). A
        disk error that a second try got past is reported as a warning
        (:class:`SavedWithDiskError`), since the change is complete.
        """
        if self.empty:
            self.abort()
            return
        try:
            for folder in sorted(self._folders, key=lambda p: len(p.parts), reverse=True):
                fsync_dir(folder)
            record = self._record(1)
            atomic_write(self.root / JOURNAL, durable.encode(record))
        except (OSError, SaveFailed) as error:
            self.abort()
            cause = error.error if isinstance(error, SaveFailed) else error
            raise SaveFailed(self.root / JOURNAL, cause, what=f"the {self.label}") from error
        try:
            apply(self.root, record)
        except OSError as first:
            try:
                apply(self.root, record)
            except OSError as error:
                pending = ChangePending(self.label, self.root, error)
                durable.stop_writes(self.root, pending)
                raise pending from error
            durable.report_disk_warning(SavedWithDiskError(self.root, first, what=f"the {self.label}"))

    def abort(self) -> None:
        """Throw the staged files away (best effort: the next open removes any leftover)."""
        shutil.rmtree(self.dir, ignore_errors=True)


# -- applying and recovering -------------------------------------------------------------


def read_state(root: Path) -> dict[str, Any]:
    """The journal record (``{}`` when the folder never had a multi-file change).

    Raises ``ValueError`` for a journal that cannot be parsed.
    """
    try:
        raw = (root / JOURNAL).read_bytes()
    except FileNotFoundError:
        return {}
    record = json.loads(raw.decode("utf-8"))
    if not isinstance(record, dict) or not isinstance(record.get("seq"), int):
        raise ValueError("not a psw-tui journal")
    return record


def apply(root: Path, record: dict[str, Any]) -> None:
    """Carry out a committed record's steps (each is safe to repeat), then mark it done."""
    staging = root / record["staging"]
    touched: set[Path] = set()
    for op in record["ops"]:
        target = root / op["target"]
        if op["op"] == "write":
            staged = root / op["staged"]
            if os.path.lexists(staged):  # else it was renamed in by an earlier try
                ensure_private_dir(target.parent)
                os.replace(staged, target)
        elif op["op"] == "move":
            source = root / op["source"]
            if os.path.lexists(source):
                ensure_private_dir(target.parent)
                os.replace(source, target)
                touched.add(source.parent)
        else:
            with suppress(FileNotFoundError):
                os.unlink(target)
        touched.add(target.parent)
    for folder in sorted(touched):
        if folder.is_dir():
            fsync_dir(folder)
    # The staging folder goes first: a leftover one with no journal means "never happened".
    shutil.rmtree(staging, ignore_errors=True)
    if staging.exists():
        raise OSError(f"could not remove {staging.name}")
    with suppress(FileNotFoundError):
        os.unlink(root / JOURNAL)
    fsync_dir(root)


def _label_of(staging: Path) -> str:
    try:
        return (staging / LABEL_FILE).read_text(encoding="utf-8").strip()[:40] or "change"
    except (OSError, UnicodeDecodeError):
        return "restore" if staging.name.startswith(LEGACY_STAGING_PREFIX) else "change"


def staging_folders(root: Path) -> list[Path]:
    """Staging folders under ``root`` (of changes under way, or left by a kill)."""
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.iterdir()
        if p.name.startswith((STAGING_PREFIX, LEGACY_STAGING_PREFIX)) and p.is_dir()
    )


def pending(root: Path) -> bool:
    """Whether an interrupted change (or one under way elsewhere) is waiting in ``root``."""
    try:
        if read_state(root).get("state") == COMMITTED:
            return True
    except ValueError:
        return True
    return bool(staging_folders(root))


def recover(root: Path) -> list[str]:
    """Finish a committed change or undo an uncommitted one (call with the lock held).

    Returns what was done, in words (empty when there was nothing to do).
    """
    done: list[str] = []
    try:
        record = read_state(root)
    except (ValueError, UnicodeDecodeError):
        # Never guess with a damaged journal: keep it and the staged files for a person.
        aside = root / f"{JOURNAL}-damaged-{secrets.token_hex(3)}"
        os.replace(root / JOURNAL, aside)
        return [f"the record of an interrupted change was damaged and kept as {aside.name}"]
    if record.get("state") == COMMITTED:
        apply(root, record)
        done.append(f"finished an interrupted {record.get('label', 'change')}")
    for staging in staging_folders(root):
        label = _label_of(staging)
        shutil.rmtree(staging)
        if staging.name.startswith(LEGACY_STAGING_PREFIX):
            # Left by an older psw-tui, whose restore was not journaled: say only what we did.
            done.append(f"removed {staging.name}, left by a restore that was cut off")
        else:
            done.append(f"undid an interrupted {label} (none of it had been saved)")
    if done:
        fsync_dir(root)
    durable.stop_writes(root, None)  # a change this process left is now finished
    return done


def change_token(root: Path) -> tuple[int, int] | None:
    """A token that changes whenever a multi-file change starts or ends (the data folder's
    own modification and change times), or None while one is committed but not applied.

    A reader without the lock compares the token before and after reading: the same token
    means no multi-file change happened in between.
    """
    before = os.stat(root)
    if os.path.lexists(root / JOURNAL):
        return None
    return (before.st_mtime_ns, before.st_ctime_ns)


@contextmanager
def transaction(
    root: Path, label: str, on_abort: Callable[[], None] | None = None
) -> Iterator[Transaction]:
    """Stage every write to data files under ``root`` made inside the block, then commit.

    ``label`` names the change in messages ("import", "prune"...). Inside another
    transaction on the same folder this joins it. ``on_abort`` runs when nothing was
    changed after all (to drop in-memory copies of what was staged) and when the change
    is left to the next open.
    """
    outer = durable._ACTIVE.get(root)
    if outer is not None:
        assert isinstance(outer, Transaction)
        yield outer
        return
    stopped = durable._STOPPED.get(root)
    if stopped is not None:
        raise stopped
    tx = Transaction(root, label)
    durable._ACTIVE[root] = tx
    try:
        yield tx
    except BaseException:
        durable._ACTIVE.pop(root, None)
        tx.abort()
        if on_abort is not None:
            on_abort()
        raise
    durable._ACTIVE.pop(root, None)
    try:
        tx.commit()
    except StoreError:
        if on_abort is not None:
            on_abort()
        raise
