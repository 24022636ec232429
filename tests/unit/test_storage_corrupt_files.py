"""A damaged data file is reported, named, kept byte for byte, and a good backup is offered.

ENGINEERING.md: "a corrupt or unreadable file is never overwritten or silently replaced by an
empty store: keep it, say what is wrong, offer the newest good backup".
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from psw_tui.storage import RecordStore, StoreCorrupt, StoreTooNew, restore_backup
from psw_tui.storage.backups import list_backups

from tests.unit.helpers_storage import (
    Sample,
    data_paths,
    file_contents,
    file_hashes,
    make_store,
    read_snapshot,
    snapshot,
)

# -- ways a file gets damaged --------------------------------------------------------------


def _edit_json(edit: Callable[[Any], Any]) -> Callable[[bytes], bytes]:
    def corrupt(raw: bytes) -> bytes:
        return json.dumps(edit(json.loads(raw))).encode()

    return corrupt


def _first_record(tables: dict[str, Any], table: str) -> dict[str, Any]:
    return next(iter(tables[table].values()))


def _empty_group_name(tables: dict[str, Any]) -> dict[str, Any]:
    _first_record(tables, "groups")["name"] = ""
    return tables


def _bad_session_status(tables: dict[str, Any]) -> dict[str, Any]:
    _first_record(tables, "session")["status"] = "paused-forever"
    return tables


def _blank_note(tables: dict[str, Any]) -> dict[str, Any]:
    _first_record(tables, "notes")["text"] = "   "
    return tables


def _blank_reflection_title(tables: dict[str, Any]) -> dict[str, Any]:
    _first_record(tables, "reflections")["title"] = ""
    return tables


COMMON: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda raw: raw[: len(raw) // 2],
    "empty": lambda raw: b"",
    "all-nul": lambda raw: b"\x00" * len(raw),
    "nul-run-inside": lambda raw: raw[:40] + b"\x00" * 32 + raw[72:],
    "trailing-garbage": lambda raw: raw + b"\n}garbage",
    "second-document": lambda raw: raw + raw,
    "utf16": lambda raw: raw.decode().encode("utf-16"),
    "a-list": lambda raw: json.dumps(list(json.loads(raw).values())).encode(),
    "dict-of-strings": _edit_json(lambda tables: {name: "x" for name in tables}),
    "records-are-strings": _edit_json(
        lambda tables: {name: {k: "x" for k in table} for name, table in tables.items()}
    ),
    "foreign-settings": lambda raw: b'{"editor.fontSize": 14, "files.autoSave": "off"}',
    "foreign-tinydb": lambda raw: b'{"_default": {"1": {"name": "milk", "qty": 2}}}',
    "json-null": lambda raw: b"null",
}

CATALOG = {
    **COMMON,
    "invalid-record": _edit_json(_empty_group_name),
    "schema-version-text": _edit_json(
        lambda t: {**t, "meta": {"schema": {**t["meta"]["schema"], "schema_version": "one"}}}
    ),
    "no-meta": _edit_json(lambda t: {k: v for k, v in t.items() if k != "meta"}),
}
SESSION = {
    **COMMON,
    "invalid-session": _edit_json(_bad_session_status),
    "invalid-note": _edit_json(_blank_note),
    "unknown-table": _edit_json(lambda t: {**t, "passwords": {}}),
}
REFLECTIONS = {
    "truncated": COMMON["truncated"],
    "all-nul": COMMON["all-nul"],
    "trailing-garbage": COMMON["trailing-garbage"],
    "a-list": COMMON["a-list"],
    "invalid-record": _edit_json(_blank_reflection_title),
}


def _target(sample: Sample, data_dir: Path, kind: str) -> Path:
    paths = data_paths(data_dir)
    return {
        "catalog": paths.catalog,
        "session": paths.session_file(sample.session.id),
        "reflections": paths.reflection_file(2025),
    }[kind]


def read_everything(data_dir: Path) -> None:
    """What the app does over a working day: open, list, open every session, the journal."""
    store = RecordStore.open(data_dir)
    try:
        snapshot(store)
    finally:
        store.close()


CASES = (
    [("catalog", name) for name in CATALOG]
    + [("session", name) for name in SESSION]
    + [("reflections", name) for name in REFLECTIONS]
)
CORRUPTIONS = {"catalog": CATALOG, "session": SESSION, "reflections": REFLECTIONS}


@pytest.mark.parametrize("with_backup", [False, True], ids=["no-backup", "backup"])
@pytest.mark.parametrize(("kind", "how"), CASES)
def test_corrupt_file_is_named_kept_and_backup_offered(
    tmp_path: Path, kind: str, how: str, with_backup: bool
) -> None:
    data_dir = tmp_path / "data"
    sample = make_store(data_dir, backup=with_backup)
    target = _target(sample, data_dir, kind).resolve()
    target.write_bytes(CORRUPTIONS[kind][how](target.read_bytes()))
    before = file_contents(data_dir)
    damaged = file_hashes(data_dir)[target.relative_to(data_dir.resolve()).as_posix()]
    backup = list_backups(data_paths(data_dir))[0].path if with_backup else None

    if kind == "reflections":
        # A damaged year file blocks only itself: the journal shows the other years.
        with RecordStore.open(data_dir) as store:
            shown = {r.id for r in store.reflections.all()}
            assert shown == {r.id for r in sample.reflections if r.written_on.year != 2025}
            error = store.reflections.damaged[2025]
    else:
        with pytest.raises(StoreCorrupt) as caught:
            read_everything(data_dir)
        error = caught.value
    assert error.path == target, f"the error names {error.path}, not the damaged file"
    assert str(target) in str(error) and error.reason
    assert "\n" not in str(error)
    assert file_hashes(data_dir)[target.relative_to(data_dir.resolve()).as_posix()] == damaged
    assert file_contents(data_dir) == before, "a file was changed, added or removed"
    assert error.backup == backup, "the newest good backup was not offered"
    if backup is None:
        # No backup: say so, and give the next step.
        assert "No backup holds a good copy" in str(error) and "psw-tui check --repair" in str(error)
    else:
        assert str(backup) in str(error)
        assert "No backup" not in str(error)
    # The lock was given back: trying again gives the same answer, not "already open".
    if kind != "reflections":
        with pytest.raises(StoreCorrupt):
            read_everything(data_dir)
    assert file_contents(data_dir) == before


def test_corrupt_session_that_kept_its_fingerprint_is_caught_when_read(tmp_path: Path) -> None:
    """Damage that keeps size and mtime (bit rot) passes the open, then fails on reading."""
    data_dir = tmp_path / "data"
    sample = make_store(data_dir, backup=True)
    path = data_paths(data_dir).session_file(sample.session.id)
    raw = path.read_bytes()
    stat = path.stat()
    path.write_bytes(raw[:10] + b"\x00" * (len(raw) - 10))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    before = file_hashes(data_dir)
    assert (path.stat().st_mtime_ns, path.stat().st_size) == (stat.st_mtime_ns, stat.st_size)
    with RecordStore.open(data_dir) as store:
        headers = store.sessions.headers()
        assert len(headers) == 2  # the list still shows it
        with pytest.raises(StoreCorrupt) as caught:
            store.sessions.get(sample.session.id)
        # Saving into the damaged session refuses too, rather than overwriting it.
        with pytest.raises(StoreCorrupt):
            store.notes(sample.session.id).save(sample.notes[sample.session.id][0])
        # The other session is unaffected.
        assert store.sessions.get(sample.sessions[1].id) == sample.sessions[1]
    assert caught.value.path == path
    assert caught.value.backup == list_backups(data_paths(data_dir))[0].path
    assert file_hashes(data_dir) == before


def test_missing_catalog_is_not_replaced_by_an_empty_store(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    make_store(data_dir, backup=True)
    paths = data_paths(data_dir)
    paths.catalog.unlink()
    before = file_hashes(data_dir)
    with pytest.raises(StoreCorrupt) as caught:
        RecordStore.open(data_dir)
    assert caught.value.path == paths.catalog
    assert caught.value.backup == list_backups(paths)[0].path
    assert not paths.catalog.exists()
    assert file_hashes(data_dir) == before


def test_damaged_newest_backup_is_skipped_for_an_older_good_one(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    make_store(data_dir, backup=True)
    paths = data_paths(data_dir)
    with RecordStore.open(data_dir) as store:
        store.backup()
    newest, older = (info.path for info in list_backups(paths)[:2])
    newest.write_bytes(newest.read_bytes()[:100])
    paths.catalog.write_bytes(b"\x00" * 64)
    with pytest.raises(StoreCorrupt) as caught:
        RecordStore.open(data_dir)
    assert caught.value.backup == older


def test_offered_backup_brings_the_data_back(tmp_path: Path) -> None:
    """The whole recovery journey: damaged catalog -> error names backup -> restore -> data."""
    data_dir = tmp_path / "data"
    make_store(data_dir, backup=True)
    good = read_snapshot(data_dir)
    paths = data_paths(data_dir)
    damaged = b'{"meta": {"schema": {"app": "psw-tui", "schema_ver'
    paths.catalog.write_bytes(damaged)
    with pytest.raises(StoreCorrupt) as caught:
        RecordStore.open(data_dir)
    assert caught.value.backup is not None
    saved = restore_backup(data_dir, caught.value.backup)
    assert read_snapshot(data_dir) == good
    # The damaged file was kept, in the backup taken just before restoring.
    with zipfile.ZipFile(saved) as archive:
        assert archive.read("catalog.json") == damaged


# -- fuzzing -------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _nodes(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _nodes(child, (*path, index))
    return found


def _structural(data: st.DataObject, raw: bytes) -> bytes:
    """Replace, drop or rename one node of the JSON document."""
    doc = json.loads(raw)
    nodes = _nodes(doc)[1:]
    path = data.draw(st.sampled_from(nodes), label="node")
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    action = data.draw(st.sampled_from(["replace", "drop", "rename"]), label="action")
    key = path[-1]
    if action == "replace" or isinstance(parent, list):
        parent[key] = data.draw(JSON_VALUES, label="value")
    elif action == "drop":
        del parent[key]
    else:
        parent[data.draw(st.text(max_size=8), label="new key")] = parent.pop(key)
    return json.dumps(doc, ensure_ascii=data.draw(st.booleans(), label="ascii")).encode()


def _bytewise(data: st.DataObject, raw: bytes) -> bytes:
    """Truncate, overwrite, insert, delete or duplicate bytes."""
    size = len(raw)
    pos = data.draw(st.integers(0, size), label="pos")
    action = data.draw(
        st.sampled_from(["truncate", "overwrite", "insert", "delete", "duplicate"]), label="action"
    )
    if action == "truncate":
        return raw[:pos]
    if action == "overwrite":
        junk = data.draw(st.binary(min_size=1, max_size=16), label="junk")
        return raw[:pos] + junk + raw[pos + len(junk) :]
    if action == "insert":
        junk = data.draw(
            st.binary(min_size=1, max_size=16) | st.sampled_from([b"\x00", b",", b"}", b'"', b"1"]),
            label="junk",
        )
        return raw[:pos] + junk + raw[pos:]
    if action == "delete":
        length = data.draw(st.integers(1, 32), label="length")
        return raw[:pos] + raw[pos + length :]
    length = data.draw(st.integers(1, 64), label="length")
    return raw[:pos] + raw[pos : pos + length] + raw[pos:]


def _mutate(data: st.DataObject, raw: bytes) -> bytes:
    for _ in range(data.draw(st.integers(1, 2), label="mutations")):
        try:
            json.loads(raw)
            structural = data.draw(st.booleans(), label="structural")
        except ValueError:
            structural = False
        raw = _structural(data, raw) if structural else _bytewise(data, raw)
    return raw


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Sample]:
    """A valid, closed store to copy for every fuzz example."""
    data_dir = tmp_path_factory.mktemp("pristine") / "data"
    sample = make_store(data_dir)
    return data_dir, sample


def _fuzz_one(pristine_dir: Path, relative: str, data: st.DataObject, expected: tuple[type, ...]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch) / "data"
        shutil.copytree(pristine_dir, data_dir, ignore=shutil.ignore_patterns(".lock"))
        target = data_dir / relative
        mutated = _mutate(data, target.read_bytes())
        target.write_bytes(mutated)
        before = file_contents(data_dir)
        try:
            read_everything(data_dir)
            event("opened and read fine")
        except expected as error:
            event(type(error).__name__)
            assert target.read_bytes() == mutated, "the damaged file was changed"
            assert file_contents(data_dir) == before, f"{type(error).__name__} but a file changed"
            if isinstance(error, StoreCorrupt):
                assert error.path.resolve().parent in (
                    data_dir.resolve(),
                    (data_dir / "sessions").resolve(),
                )
        # Any other exception fails the test (hypothesis shows the mutation).


FUZZ = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(data=st.data())
def test_fuzzed_catalog_opens_or_is_reported_corrupt(pristine: tuple[Path, Sample], data: st.DataObject) -> None:
    # A mutated version number may read as "written by a newer psw-tui"; also a clean error.
    _fuzz_one(pristine[0], "catalog.json", data, (StoreCorrupt, StoreTooNew))


@FUZZ
@given(data=st.data())
def test_fuzzed_session_file_opens_or_is_reported_corrupt(
    pristine: tuple[Path, Sample], data: st.DataObject
) -> None:
    session_id = pristine[1].session.id
    _fuzz_one(pristine[0], f"sessions/{session_id}.json", data, (StoreCorrupt,))
