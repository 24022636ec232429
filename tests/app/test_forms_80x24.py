"""Forms and dialogs at 80x24, used from the keys: buttons and error lines on screen, errors
gone once fixed, Escape asks before a changed form is thrown away, ctrl+s saves everywhere;
search by keys; the export dialog's choices per format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, OptionList, RadioButton, Static

from psw_tui.app import create_app
from psw_tui.screens.confirm import ConfirmScreen
from psw_tui.screens.export_dialog import ExportDialog
from psw_tui.screens.form_base import error_line
from psw_tui.screens.form_base import error_text as line_text
from psw_tui.screens.group_form import GroupFormScreen
from psw_tui.screens.live_forms import ActionScreen
from psw_tui.screens.search import SearchScreen
from psw_tui.screens.session_record import SessionRecordScreen
from psw_tui.storage import RecordStore
from psw_tui.storage.settings_file import CONFIG_ENV
from tests.app.live_helpers import live_setup, open_live
from tests.conftest import fixed_time
from tests.forms_helpers import CASES, FormCase, demo_ids, error_text, open_with_mistake, shown_errors

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def own_settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The settings dialog saves to a file of the test's own."""
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "config" / "settings.toml"))


def on_screen(screen: Screen, widget: Widget) -> bool:
    """Whether ``widget`` can be seen: the screen shows it at its first and last cell."""
    region = widget.region
    if not region or region.right > SIZE[0] or region.bottom > SIZE[1]:
        return False
    corners = [(region.x, region.y), (region.right - 1, region.bottom - 1)]
    for x, y in corners:
        try:
            found, _ = screen.get_widget_at(x, y)
        except Exception:  # noqa: BLE001 - nothing at all there
            return False
        if found is not widget and widget not in found.ancestors:
            return False
    return True


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
async def test_buttons_and_error_lines_on_screen_and_errors_clear_when_fixed(
    demo_store: RecordStore, tmp_path: Path, case: FormCase
) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_with_mistake(app, pilot, case, demo_ids(demo_store), tmp_path)
        assert app.screen is screen, "saved or closed despite the mistake"
        errors = shown_errors(screen)
        assert errors, "no error line shows"
        assert case.error in error_text(screen)
        hidden = [str(e.content) for e in errors if not on_screen(screen, e)]
        assert hidden == [], "error lines off screen"
        for button in screen.query(Button):
            if button.display:
                assert on_screen(screen, button), f"{button.label} is off screen"
        if not case.fix:
            return
        focused = screen.focused
        assert isinstance(focused, Input), "the field to fix is not focused"
        line = error_line(screen, focused)
        assert line is not None and line_text(line), "the focused field is not the one in error"
        await pilot.press("end", "ctrl+u", *case.fix)
        await pilot.pause()
        assert line_text(line) == "", "the error stays after the fix"


async def test_error_stays_while_still_wrong_and_goes_when_right(demo_store: RecordStore) -> None:
    """The add-action due date is checked again on every edit."""
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        form = ActionScreen([], fixed_time().today(), "ring the venue")
        await app.push_screen(form)
        await pilot.press("tab", "tab", *"2026-02-30", "ctrl+s")
        await pilot.pause()
        line = form.query_one("#action-due-error", Static)
        assert "real date" in str(line.content)
        await pilot.press("backspace", "backspace", "backspace", *"-01")  # 2026-02-01: in the past
        await pilot.pause()
        assert "in the past" in str(line.content)
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace", *"12-01")
        await pilot.pause()
        assert str(line.content) == ""


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES if c.name in (
    "new group", "edit group", "member", "add segment", "settings", "reflection", "add action",
    "record concern", "walk-in", "note edit", "plan session")])
async def test_escape_on_a_changed_form_asks_and_keeps_the_text(
    demo_store: RecordStore, tmp_path: Path, case: FormCase
) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        form = case.open(demo_ids(demo_store), tmp_path)
        await app.push_screen(form)
        await pilot.pause()
        await pilot.press("escape")  # unchanged: leaves at once
        await pilot.pause()
        assert app.screen is not form
        form = case.open(demo_ids(demo_store), tmp_path)
        await app.push_screen(form)
        await pilot.pause()
        field = next(w for w in form.query(Input) if w.display and not w.disabled)
        field.focus()
        await pilot.press(*"kept")
        typed = field.value
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.focused is not None and app.screen.focused.id == "confirm-no"  # the safe answer
        await pilot.press("enter")  # Keep editing
        await pilot.pause()
        assert app.screen is form and field.value == typed
        await pilot.press("escape", "y")  # discard
        await pilot.pause()
        assert app.screen is not form


async def test_ctrl_s_saves_an_action_in_the_live_session(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=SIZE) as pilot:
        await open_live(pilot, setup)
        await pilot.press(*"a: ring the venue", "ctrl+o")
        await pilot.pause()
        assert isinstance(setup.app.screen, ActionScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(setup.app.screen, ActionScreen)
        [action] = demo_store.actions(setup.session_id).all()  # type: ignore[arg-type]
        assert action.text == "ring the venue"


async def test_ctrl_s_saves_the_group_form(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(GroupFormScreen())
        await pilot.press(*"Evening circle", "ctrl+s")
        await pilot.pause()
        assert any(g.name == "Evening circle" for g in demo_store.groups.all())


async def settle(app: Any, pilot: Any) -> None:  # noqa: ANN401
    for _ in range(2):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


async def test_search_by_keys_opens_the_session_at_the_matching_note(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        search = SearchScreen()
        await app.push_screen(search)
        await settle(app, pilot)
        await pilot.press(*"friendship")
        await settle(app, pilot)
        assert search.hits, "nothing found"
        assert "Down goes to the results; Enter opens" in str(search.query_one("#search-status", Static).content)
        listing = search.query_one("#search-results", OptionList)
        await pilot.press("down")
        assert listing.has_focus and listing.highlighted == 0
        await pilot.press("up")
        assert search.query_one("#search-box").has_focus
        await pilot.press("down", "down")
        chosen = search.hits[listing.highlighted or 0].entry
        assert chosen.kind != "session"
        await pilot.press("enter")
        await settle(app, pilot)
        record = app.screen
        assert isinstance(record, SessionRecordScreen) and record.session_id == chosen.ref_id
        assert record.found is not None and record.found.has_class("-found")
        assert chosen.text in str(record.found.content)
        assert on_screen(record, record.found), "the matching note is not scrolled into view"


async def test_enter_in_the_search_box_opens_the_first_result(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        search = SearchScreen("friendship")
        await app.push_screen(search)
        await settle(app, pilot)
        first = search.hits[0].entry
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, SessionRecordScreen) and app.screen.session_id == first.ref_id


async def test_search_filters_fit_at_80_columns(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        search = SearchScreen()
        await app.push_screen(search)
        await settle(app, pilot)
        for selector in ("#search-group", "#search-kind", "#search-from", "#search-to", "#search-tag"):
            widget = search.query_one(selector)
            assert on_screen(search, widget), selector
            assert widget.region.height == 3, f"{selector} wraps its words"
        assert search.query_one("#search-status").region.y == 8  # the filters take one row of fields


@pytest.mark.parametrize(("fmt", "shareable", "says"), [
    ("md", True, "Internal record"),
    ("txt", True, "Internal record"),
    ("html", True, "Internal record"),
    ("csv", False, "names every person"),
    ("json", False, "the complete record, including concerns and private notes"),
])
async def test_export_dialog_offers_shareable_only_where_it_can_be(
    demo_store: RecordStore, tmp_path: Path, fmt: str, shareable: bool, says: str
) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        folder = tmp_path / "exports"
        folder.mkdir()
        dialog = ExportDialog(demo_ids(demo_store).ended, shareable=True, folder=folder)
        await app.push_screen(dialog)
        await pilot.pause()
        dialog.query_one(f"#export-{fmt}", RadioButton).value = True
        await pilot.pause()
        box = dialog.query_one("#export-shareable", Checkbox)
        assert box.display is shareable
        contents = str(dialog.query_one("#export-contents", Static).content)
        if shareable:
            assert "Shareable: no names" in contents  # ticked, as asked
            box.value = False
            await pilot.pause()
            contents = str(dialog.query_one("#export-contents", Static).content)
        assert says.casefold() in contents.casefold()
        assert on_screen(dialog, dialog.query_one("#export-contents"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        [written] = list(folder.iterdir())
        assert ("shareable" in written.name) is False


def region_text(app: Any, widget: Widget) -> str:  # noqa: ANN401 - the app under test
    """The characters the screen shows inside ``widget``'s region, row by row."""
    region = widget.region
    rows = app.screen._compositor.render_strips()[region.y:region.bottom]
    return "\n".join(strip.text[region.x:region.right] for strip in rows)


async def test_home_footer_keeps_quit_and_help_at_80_columns(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        footer = region_text(app, app.screen.query_one("Footer"))
        assert "Quit" in footer and "Help" in footer and "Start session" in footer


async def test_live_agenda_titles_and_register_statuses_whole_at_80_columns(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=SIZE) as pilot:
        screen = await open_live(pilot, setup)
        await pilot.press("enter")  # past the group agreement
        await pilot.press("f7", "5")  # the first person did not attend
        await settle(setup.app, pilot)
        agenda = " ".join(region_text(setup.app, screen.query_one("#agenda")).split())
        titles = [time.segment.title for time in screen.live.reading().segments]
        assert titles[1:3] == ["Group agreement", "Check-in round"]
        for title in titles[:3]:
            assert title in agenda, f"{title!r} is cut"
        assert "did not attend" in region_text(setup.app, screen.query_one("#register"))
