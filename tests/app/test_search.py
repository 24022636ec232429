"""Search screen with Pilot: results as you type, filters, opening a session or reflection."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Select, Static

from psw_tui.app import create_app
from psw_tui.screens.reflection_editor import ReflectionEditor
from psw_tui.screens.search import SearchScreen
from psw_tui.screens.session_record import SessionRecordScreen
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def results(screen: SearchScreen) -> list[str]:
    listing = screen.query_one("#search-results", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_results_appear_as_you_type_and_narrow(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(SearchScreen())
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen) and screen.index is not None
        assert results(screen) == []
        await pilot.press(*"bound")
        await settle(app, pilot)
        first = results(screen)
        assert first and all("bound" in r.lower() for r in first)
        status = str(screen.query_one("#search-status", Static).render())
        assert f"{len(first)} result" in status
        await pilot.press(*"aries friend")
        await settle(app, pilot)
        narrowed = results(screen)
        assert 0 < len(narrowed) < len(first)
        assert all("friend" in r.lower() for r in narrowed)


async def test_accents_filters_and_opening_a_session(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(SearchScreen("CAFE"))
        await settle(app, pilot)
        screen = app.screen
        found = results(screen)
        assert any("café" in r for r in found)
        kind = screen.query_one("#search-kind", Select)
        kind.value = "session"
        await settle(app, pilot)
        sessions = results(screen)
        assert sessions and all(r.startswith("Session · Walk and talk") for r in sessions)
        screen.query_one("#search-results", OptionList).focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionRecordScreen)
        title = str(app.screen.query_one("#record-title", Static).render())
        assert "café" in title and "read-only" in title


async def test_bad_date_filter_is_explained(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(SearchScreen("hope"))
        await settle(app, pilot)
        app.screen.query_one("#search-from", Input).value = "next tuesday"
        await settle(app, pilot)
        status = str(app.screen.query_one("#search-status", Static).render())
        assert "Dates from: Use a date like 2026-11-20." in status


async def test_opening_a_reflection_result(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(SearchScreen("appraisal"))
        await settle(app, pilot)
        found = results(app.screen)
        assert found[0].startswith("Reflection · Journal")
        app.screen.query_one("#search-results", OptionList).focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionEditor)
        assert app.screen.query_one("#reflection-title", Input).value == "Notes to self before appraisal"


async def test_search_is_in_the_palette(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Search")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)


async def test_group_filter_and_clearing_it(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(SearchScreen("boundaries"))
        await settle(app, pilot)
        screen = app.screen
        everything = results(screen)
        supervision = next(g.id for g in demo_store.groups.all() if g.name == "PSW group supervision")
        group = screen.query_one("#search-group", Select)
        group.value = supervision
        await settle(app, pilot)
        narrowed = results(screen)
        assert narrowed and len(narrowed) < len(everything)
        assert all(" · PSW group supervision · " in r for r in narrowed)
        group.clear()
        await settle(app, pilot)
        assert results(screen) == everything


async def test_an_edited_reflection_is_found_on_return(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(SearchScreen("appraisal"))
        await settle(app, pilot)
        app.screen.query_one("#search-results", OptionList).focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ReflectionEditor)
        editor.query_one("#reflection-title", Input).value = "Notes to self before my portfolio review"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        search_box = app.screen.query_one("#search-box", Input)
        search_box.value = "portfolio"
        await settle(app, pilot)
        assert results(app.screen)[0].startswith("Reflection · Journal · 13 Nov 2026 · Notes to self before my portfolio")
