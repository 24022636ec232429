"""Every export format of a fixed demo session against golden files, and the file writer.

Regenerate the golden files after an intended change with
``PSW_UPDATE_GOLDEN=1 pytest tests/unit/test_exports.py`` and read the diff.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import stat
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from psw_tui.models import Attendance, NoteKind
from psw_tui.services.bundles import parse_bundle
from psw_tui.services.exports import ExportFormat, NotShareable, export_session
from psw_tui.services.live import LiveSession
from psw_tui.storage import RecordStore
from psw_tui.storage.export_files import ExportExists, ExportFailed, write_batch, write_export
from tests.conftest import fixed_time
from tests.export_helpers import GOLDEN_SESSION

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CASES = [
    ("md", False), ("md", True), ("txt", False), ("txt", True),
    ("html", False), ("html", True), ("csv", False), ("json", False),
]


@pytest.mark.parametrize(("fmt", "shareable"), CASES)
def test_golden(demo_store: RecordStore, fmt: str, shareable: bool) -> None:
    export = export_session(demo_store, GOLDEN_SESSION, fmt, shareable=shareable)
    golden = GOLDEN / f"sleep-and-rest.{'shareable' if shareable else 'internal'}.{fmt}"
    if os.environ.get("PSW_UPDATE_GOLDEN"):
        golden.write_bytes(export.data)
    assert export.data == golden.read_bytes()


def test_file_names_say_what_is_inside(demo_store: RecordStore) -> None:
    names = {export_session(demo_store, GOLDEN_SESSION, f, shareable=s).filename for f, s in CASES}
    assert names == {
        "2026-10-13-tuesday-hearing-voices-group-internal.md",
        "2026-10-13-tuesday-hearing-voices-group-shareable.md",
        "2026-10-13-tuesday-hearing-voices-group-internal.txt",
        "2026-10-13-tuesday-hearing-voices-group-shareable.txt",
        "2026-10-13-tuesday-hearing-voices-group-internal.html",
        "2026-10-13-tuesday-hearing-voices-group-shareable.html",
        "2026-10-13-tuesday-hearing-voices-group-register.csv",
        "2026-10-13-tuesday-hearing-voices-group.json",
    }


def test_csv_and_json_cannot_be_shareable(demo_store: RecordStore) -> None:
    for fmt in ("csv", "json"):
        with pytest.raises(NotShareable, match="cannot be shareable"):
            export_session(demo_store, GOLDEN_SESSION, fmt, shareable=True)


def test_json_round_trip_is_byte_identical(demo_store: RecordStore, tmp_path: Path) -> None:
    first = export_session(demo_store, GOLDEN_SESSION, ExportFormat.JSON).data
    bundle = parse_bundle(json.loads(first))
    assert bundle.reflections == [] and len(bundle.sessions) == 1
    assert bundle.sessions[0].session.debrief is not None  # complete: the debrief too
    with RecordStore.open(tmp_path / "empty") as empty:
        empty.import_bundle(bundle)
        second = export_session(empty, GOLDEN_SESSION, ExportFormat.JSON).data
    assert second == first


@pytest.fixture
def hostile(demo_store: RecordStore) -> RecordStore:
    """The golden session with a walk-in and notes that try to be formulas or markup."""
    live = LiveSession(demo_store, GOLDEN_SESSION, fixed_time())
    live.add_walk_in("=HYPERLINK(\"http://x\",\"Zoë\")")
    live.add_walk_in("@SUM(A1)")
    live.add_note(NoteKind.CONTRIBUTION, "<script>alert('x')</script> & \"quotes\"")
    live.add_note(NoteKind.THEME, "# not a heading")
    live.add_note(NoteKind.CONTRIBUTION, "- not a list | nor a *table*")
    return demo_store


def test_csv_opens_in_a_spreadsheet_and_never_runs_a_formula(hostile: RecordStore) -> None:
    data = export_session(hostile, GOLDEN_SESSION, "csv").data
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Date", "Group", "Session", "Name", "Role", "Register", "Attendance"]
    names = [row[3] for row in rows[1:]]
    assert "'=HYPERLINK(\"http://x\",\"Zoë\")" in names and "'@SUM(A1)" in names
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_html_is_self_contained_and_escapes_everything(hostile: RecordStore) -> None:
    page = export_session(hostile, GOLDEN_SESSION, "html").text
    assert "<script" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quotes&quot;" in page
    for external in ("src=", "href=", "<link", "url(", "@import", "<iframe", "<img"):
        assert external not in page  # nothing loaded from anywhere: self-contained
    assert "@page { size: A4" in page and "default-src &#x27;none&#x27;" in page


def test_markdown_keeps_user_text_as_text(hostile: RecordStore) -> None:
    text = export_session(hostile, GOLDEN_SESSION, "md").text
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "# not a heading" not in headings and "not a heading" not in headings
    inline = " ".join(t.content for t in tokens if t.type == "inline")
    assert "\\# not a heading" in inline and "\\- not a list \\| nor a \\*table\\*" in inline
    assert not any(t.type in ("html_block", "html_inline") for t in tokens)


def test_plain_text_is_wrapped_and_plain(demo_store: RecordStore) -> None:
    LiveSession(demo_store, GOLDEN_SESSION, fixed_time()).add_note(
        NoteKind.PARKING_LOT, "“Curly” quotes – dashes… and a very long line " * 4
    )
    text = export_session(demo_store, GOLDEN_SESSION, "txt").text
    assert max(len(line) for line in text.splitlines()) <= 72
    assert '"Curly" quotes - dashes...' in text and "“" not in text


# -- writing files ------------------------------------------------------------------------


def test_write_export_is_private_and_never_overwrites_by_accident(tmp_path: Path) -> None:
    target = write_export(tmp_path / "summary.md", b"first")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(ExportExists, match="already exists; use --force"):
        write_export(target, b"second")
    assert target.read_bytes() == b"first"
    write_export(target, b"second", force=True)
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.md"]


def test_write_export_explains_a_bad_path(tmp_path: Path) -> None:
    with pytest.raises(ExportFailed, match="the folder .* does not exist"):
        write_export(tmp_path / "nope" / "summary.md", b"x")
    with pytest.raises(ExportFailed, match="it is a folder"):
        write_export(tmp_path, b"x")


def test_a_full_disk_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(ExportFailed) as caught:
        write_export(tmp_path / "summary.md", b"x" * 100)
    assert str(caught.value).endswith("the disk is full. Nothing was written.")
    assert list(tmp_path.iterdir()) == []


def test_a_batch_checks_every_name_before_writing(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    written = write_batch(folder, {"a.md": b"a", "b.md": b"b"})
    assert [p.name for p in written] == ["a.md", "b.md"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (folder / "a.md").unlink()
    with pytest.raises(ExportExists):
        write_batch(folder, {"a.md": b"new", "b.md": b"new"})
    assert not (folder / "a.md").exists() and (folder / "b.md").read_bytes() == b"b"


def test_register_statuses_changed_after_the_session_show_in_the_export(demo_store: RecordStore) -> None:
    live = LiveSession(demo_store, GOLDEN_SESSION, fixed_time())
    moss = next(row for row in live.register_rows() if row.name == "Moss")
    live.set_attendance(moss.entry.id, Attendance.PRESENT)
    text = export_session(demo_store, GOLDEN_SESSION, "md").text
    assert "| Moss | member | present |" in text and "11 people attended." in text
