"""Print run-sheet from the palette: offered where a planned or running session is, writes the
file chosen at 80x24."""

from __future__ import annotations

import stat
from pathlib import Path
from uuid import UUID

import html5lib
import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, Static

from psw_tui.app import create_app
from psw_tui.palette import command_named
from psw_tui.palette.sessions import runsheet_session
from psw_tui.screens.agenda_editor import AgendaEditorScreen
from psw_tui.screens.home import HomeScreen
from psw_tui.screens.runsheet_dialog import RunsheetDialog
from psw_tui.screens.summary import SummaryScreen
from psw_tui.storage import RecordStore
from tests.app.live_helpers import live_setup, open_live, until
from tests.conftest import fixed_time
from tests.export_helpers import GOLDEN_SESSION, contains_word

PLANNED = UUID("8dedd76c-cf79-4167-b522-d6c29ecc391e")  # the first of the next two weeks
COMMAND = "Print run-sheet"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the dialog suggests writing: no Documents folder, so the current folder."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def highlight_tuesday(pilot, app) -> None:  # noqa: ANN001
    """On home, move down the session list (today's reflective practice first) to the
    Tuesday group's session."""
    def table() -> DataTable | None:
        focused = app.screen.focused if isinstance(app.screen, HomeScreen) else None
        return focused if isinstance(focused, DataTable) and focused.id == "sessions" else None

    await until(pilot, lambda: table() is not None, "home with its session list focused")
    await pilot.press("down")
    await until(pilot, lambda: table().cursor_row == 1, "the second session highlighted")  # type: ignore[union-attr]


async def open_from_palette(pilot, app) -> RunsheetDialog:  # noqa: ANN001
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette opens")
    await pilot.press(*COMMAND)
    palette = app.screen

    def offered() -> bool:
        options = palette.query_one("CommandList")
        return options.option_count > 0 and COMMAND in str(options.get_option_at_index(0).prompt)

    await until(pilot, offered, "the palette offers Print run-sheet")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, RunsheetDialog), "the run-sheet dialog opens")
    return app.screen  # type: ignore[return-value]


async def test_the_palette_command_writes_the_highlighted_sessions_pocket_card(
    demo_store: RecordStore, folder: Path
) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(80, 24)) as pilot:
        await highlight_tuesday(pilot, app)
        dialog = await open_from_palette(pilot, app)
        assert dialog.session_id == PLANNED
        suggested = Path(dialog.query_one("#runsheet-path", Input).value)
        assert suggested == folder / "2026-11-24-tuesday-hearing-voices-group-runsheet.html"
        assert "Tuesday Hearing Voices Group" in str(dialog.query_one("#runsheet-session", Static).content)

        await pilot.press("down", "enter")  # the pocket card
        await until(pilot, lambda: dialog.choice[1], "the pocket card is chosen")
        target = folder / "2026-11-24-tuesday-hearing-voices-group-pocket.html"
        assert Path(dialog.query_one("#runsheet-path", Input).value) == target
        assert "No member names" in str(dialog.query_one("#runsheet-contents", Static).content)
        assert dialog.query_one("#runsheet-save").region.bottom <= 24  # Write is on screen at 80x24

        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, RunsheetDialog), "the dialog closes")
        assert isinstance(app.screen, HomeScreen)
    text = target.read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(text)
    assert "size: A6" in text and "Samaritans: 116 123" in text and "14:00 to 14:05" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    names = [m.display_name for m in demo_store.members.all()]
    assert not [n for n in names if contains_word(text, n)]


async def test_the_register_names_the_roster_and_an_existing_file_is_replaced_on_the_second_press(
    demo_store: RecordStore, folder: Path
) -> None:
    target = folder / "plan.md"
    target.write_text("an older plan\n", encoding="utf-8")
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(80, 24)) as pilot:
        await highlight_tuesday(pilot, app)
        dialog = await open_from_palette(pilot, app)
        await pilot.press("down", "down", "enter")  # Markdown
        await pilot.press("tab", "space")  # the register
        await until(pilot, lambda: dialog.with_register, "the register is asked for")
        assert "keep the printout private" in str(dialog.query_one("#runsheet-contents", Static).content)
        dialog.query_one("#runsheet-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "already exists" in str(dialog.query_one("#runsheet-error", Static).content),
                    "asked before replacing")
        assert target.read_text(encoding="utf-8") == "an older plan\n"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, RunsheetDialog), "the dialog closes")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Run-sheet: Tuesday Hearing Voices Group") and "## Register" in text
    roster = [m.display_name for m in demo_store.members.all()
              if m.group_id == demo_store.sessions.get(PLANNED).group_id and m.active]
    assert roster and all(contains_word(text, name) for name in roster)


async def test_a_bad_path_is_explained_and_escape_writes_nothing(demo_store: RecordStore, folder: Path) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.focused is not None, "home")
        dialog = await open_from_palette(pilot, app)
        dialog.query_one("#runsheet-path", Input).value = str(folder / "no" / "such" / "plan.html")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "does not exist" in str(dialog.query_one("#runsheet-error", Static).content),
                    "the bad folder is explained")
        assert app.screen is dialog
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "back home")
    assert not any(folder.glob("*.html"))


async def test_offered_only_where_a_planned_or_running_session_is(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    app = setup.app
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        home = app.screen
        await until(pilot, lambda: isinstance(home.focused, DataTable), "a table is focused")
        home.query_one("#groups", DataTable).focus()
        await pilot.pause()
        assert runsheet_session(app) is None  # a group, not a session, is highlighted
        sessions = home.query_one("#sessions", DataTable)
        sessions.focus()
        await pilot.pause()
        highlighted = sessions.coordinate_to_cell_key(sessions.cursor_coordinate).row_key.value
        assert runsheet_session(app) == UUID(str(highlighted))

        app.push_screen(SummaryScreen(GOLDEN_SESSION))  # an ended session
        await pilot.pause()
        assert runsheet_session(app) is None and not command_named(app, COMMAND).is_available(app)
        app.pop_screen()
        app.push_screen(AgendaEditorScreen(session_id=PLANNED))  # a planned session open
        await pilot.pause()
        assert runsheet_session(app) == PLANNED
        app.pop_screen()
        await pilot.pause()

        live = await open_live(pilot, setup)  # the session planned for now, started
        await until(pilot, lambda: live.session_running, "the session runs")
        assert runsheet_session(app) == setup.session_id
        dialog = await open_from_palette(pilot, app)
        assert dialog.session_id == setup.session_id
        assert dialog.query_one("#runsheet-error", Static).content == ""
