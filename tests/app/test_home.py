"""The home screen, help and the command palette, driven with Pilot."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from psw_tui.app import create_app
from psw_tui.screens.help import HelpScreen
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time


def cell_texts(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_home_lists_groups_with_last_and_next_session(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#groups", DataTable)
        rows = cell_texts(table)
        names = [row[0] for row in rows]
        assert names == sorted(names, key=str.casefold)
        assert "PSW group supervision" in names and len(rows) >= 4
        for row in rows:
            assert row[3] != "—", f"{row[0]} has no last session"
            assert row[4] != "—", f"{row[0]} has no next session"
        supervision = rows[names.index("PSW group supervision")]
        assert supervision[1] == "Supervision"


async def test_empty_store_explains_how_to_start(store: RecordStore) -> None:
    app = create_app(None, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#groups").display
        text = str(app.screen.query_one("#home-empty", Static).render())
        assert "No groups yet" in text and "--demo" in text


async def test_help_lists_the_keymap_and_closes(store: RecordStore) -> None:
    app = create_app(None, store)
    async with app.run_test() as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#help-keys", Static).render())
        assert "Help" in keys and "Quit" in keys and "ctrl+p" in keys
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_palette_has_no_screenshot_command(store: RecordStore) -> None:
    app = create_app(None, store)
    async with app.run_test() as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles
        assert "Quit the application" in " ".join(c.help for c in app.get_system_commands(app.screen)) or "Quit" in titles
