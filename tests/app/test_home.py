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


async def test_dashboard_flags_actions_absences_and_overdue_supervision(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one("#home-alerts", Static).content)
        assert "13 open actions" in text
        assert "3 members not seen for 3+ sessions" in text
        assert "2 supervisees overdue for supervision" in text


async def test_upcoming_sessions_are_listed_soonest_first(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = cell_texts(app.screen.query_one("#sessions", DataTable))
        assert rows and all(row[1] == "planned" for row in rows)
        assert rows[0][0] == "today 13:00"  # the demo plans one session for today: it comes first
        assert rows[1][0].startswith("Tue 24 Nov")


async def test_start_now_shows_the_agreement_and_creates_nothing_until_begin(demo_store: RecordStore) -> None:
    from psw_tui.screens.live import LiveScreen
    from psw_tui.screens.live_dialogs import AgreementScreen

    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = len(demo_store.sessions.headers())
        app.screen.query_one("#groups", DataTable).focus()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, AgreementScreen)
        agreement = str(app.screen.query_one("#agreement-text").query_one(Static).content)
        assert "risk" in agreement  # the limits of confidentiality are read out first
        await pilot.press("escape")
        await pilot.pause()
        assert len(demo_store.sessions.headers()) == before
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert len(demo_store.sessions.headers()) == before + 1
        assert isinstance(app.screen, LiveScreen) or isinstance(app.screen_stack[-2], LiveScreen)
