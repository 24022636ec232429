"""Closing a session with Pilot: debrief, register check, signposting, preview, export."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Markdown, SelectionList, Static, TextArea

from psw_tui.app import create_app
from psw_tui.models import Attendance, SessionStatus
from psw_tui.screens.close import CloseSessionScreen
from psw_tui.screens.export_dialog import ExportDialog
from psw_tui.screens.summary import SessionPicker, SummaryScreen
from psw_tui.services.live import LiveSession
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time
from tests.export_helpers import GOLDEN_SESSION


def markdown_text(screen) -> str:  # noqa: ANN001 - any screen with a preview
    return screen.query_one("#summary-markdown", Markdown).source


def ended_session(store: RecordStore) -> tuple[LiveSession, list[str]]:
    """Run the next planned session of the Tuesday group: two marked, the rest not."""
    header = next(h for h in store.sessions.headers()
                  if h.status is SessionStatus.PLANNED and h.title.startswith("Tuesday Hearing"))
    live = LiveSession(store, header.id, fixed_time())
    live.start()
    rows = live.register_rows()
    live.set_attendance(rows[0].entry.id, Attendance.PRESENT)
    live.set_attendance(rows[1].entry.id, Attendance.PRESENT)
    live.end()
    return live, [row.name for row in rows[2:]]


async def test_end_of_session_flow(demo_store: RecordStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents").mkdir()
    live, unmarked = ended_session(demo_store)
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(110, 40)) as pilot:
        app.push_screen(CloseSessionScreen(live.session.id))
        await pilot.pause()
        screen = app.screen
        assert "step 1 of 4: Your debrief" in str(screen.query_one("#close-step", Static).render())
        await pilot.press(*"Tired but glad")
        screen.query_one("#debrief-self-care", TextArea).text = "A walk home"
        await pilot.press("ctrl+s")
        await pilot.pause()
        debrief = demo_store.sessions.get(live.session.id).debrief
        assert debrief is not None and debrief.how_was_it == "Tired but glad"
        assert debrief.self_care == "A walk home"

        # Register check: only the people without a status, set with one key each.
        table = screen.query_one("#close-register", DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == sorted(unmarked, key=str.casefold)
        assert "have no status yet" in str(screen.query_one("#register-hint", Static).render())
        await pilot.press("a")  # apologies for the first, cursor moves on
        await pilot.press("d")
        await pilot.pause()
        assert [str(c) for c in table.get_row_at(0)][2] == "apologies"
        assert [str(c) for c in table.get_row_at(1)][2] == "did not attend"
        fresh = LiveSession(demo_store, live.session.id)  # read anew: ``live`` keeps its own copy
        statuses = {r.name: r.entry.status for r in fresh.register_rows()}
        first, second = sorted(unmarked, key=str.casefold)[:2]
        assert statuses[first] is Attendance.APOLOGIES and statuses[second] is Attendance.DID_NOT_ATTEND
        await pilot.press("ctrl+s")
        await pilot.pause()

        # Signposting: tick one offered today, add one to the group's list.
        chooser = screen.query_one("#close-signposts", SelectionList)
        assert chooser.option_count == len(demo_store.groups.get(live.session.group_id).signposting)
        await pilot.press("space")
        screen.query_one("#signpost-new", Input).focus()
        await pilot.press(*"Men's Shed, Fridays", "enter")
        await pilot.pause()
        assert "Men's Shed, Fridays" in demo_store.groups.get(live.session.group_id).signposting
        first_signpost = demo_store.groups.get(live.session.group_id).signposting[0]
        await pilot.press("ctrl+s")
        await pilot.pause()

        # Preview: internal record, then one key to the shareable summary.
        assert "step 4 of 4: Summary" in str(screen.query_one("#close-step", Static).render())
        internal = markdown_text(screen)
        assert internal.startswith("# Session record (internal)")
        assert "Tired but glad" not in internal  # the debrief stays private
        assert first_signpost.split(":")[0] in internal
        assert any(line.startswith(f"| {first} |") and line.endswith("| apologies |")
                   for line in internal.splitlines())
        await pilot.press("s")
        await pilot.pause()
        shareable = markdown_text(screen)
        assert shareable.startswith("# Session summary (shareable)")
        assert "fewer than 5 people attended" in shareable and first not in shareable
        assert "Shareable summary" in str(screen.query_one("#summary-mode", Static).render())

        # Export from the preview: a sensible name in ~/Documents, 0600, asks before replacing.
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path = Path(dialog.query_one("#export-path", Input).value)
        assert path.parent == tmp_path / "Documents" and path.name.endswith("-shareable.md")
        dialog.action_export()
        await pilot.pause()
        assert app.screen is screen and stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.read_text().startswith("# Session summary (shareable)")
        await pilot.press("x")
        await pilot.pause()
        app.screen.action_export()
        await pilot.pause()
        assert "already exists. Press Export again" in str(app.screen.query_one("#export-error", Static).render())
        app.screen.action_export()
        await pilot.pause()
        assert app.screen is screen

        await pilot.press("ctrl+s")  # Finish
        await pilot.pause()
        assert not isinstance(app.screen, CloseSessionScreen)


async def test_summary_screen_from_the_palette(demo_store: RecordStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(110, 40)) as pilot:
        from psw_tui.palette import command_named

        command_named(app, "Summary preview").run(app)
        await pilot.pause()
        assert isinstance(app.screen, SessionPicker)
        await pilot.press("enter")  # the newest ended session
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert markdown_text(app.screen).startswith("# Session record (internal)")
        command_named(app, "Export summary").run(app)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-csv").value = True
        await pilot.pause()
        path = Path(dialog.query_one("#export-path", Input).value)
        assert path.parent == tmp_path and path.name.endswith("-register.csv")
        assert dialog.query_one("#export-shareable").disabled
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen) and not path.exists()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SummaryScreen)


async def test_an_unwritable_path_is_explained_in_the_dialog(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(110, 40)) as pilot:
        app.push_screen(SummaryScreen(GOLDEN_SESSION))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#export-path", Input).value = "/no/such/folder/summary.md"
        dialog.action_export()
        await pilot.pause()
        assert app.screen is dialog
        assert "does not exist" in str(dialog.query_one("#export-error", Static).render())


async def test_export_dialog_suggests_the_settings_folder(demo_store: RecordStore, tmp_path: Path) -> None:
    from psw_tui.models import Settings

    folder = tmp_path / "exports"
    folder.mkdir()
    app = create_app(Settings(export_folder=str(folder)), demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(ExportDialog(GOLDEN_SESSION))
        await pilot.pause()
        suggested = Path(app.screen.query_one("#export-path", Input).value)
        assert suggested.parent == folder
        assert not app.screen.query("#export-unencrypted")  # a plain store: no warning
