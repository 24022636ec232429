"""Groups and rosters, driven with Pilot: create, validation errors, edit, archive, roster."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select

from psw_tui.app import create_app
from psw_tui.models import MemberRole
from psw_tui.screens.group_form import GroupFormScreen
from psw_tui.screens.groups import GroupListScreen
from psw_tui.screens.member_form import MemberFormScreen
from psw_tui.screens.roster import RosterScreen
from psw_tui.storage import RecordStore
from psw_tui.widgets.form_field import FormField
from tests.conftest import fixed_time


def errors_of(screen) -> dict[str, str]:
    return {f.id.removeprefix("field-"): f.error for f in screen.query(FormField) if f.error}


async def palette(pilot, name: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    for character in name:
        await pilot.press("space" if character == " " else character)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def test_new_group_from_the_palette_validates_then_saves(store: RecordStore) -> None:
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(100, 40)) as pilot:
        await palette(pilot, "New group")
        screen = app.screen
        assert isinstance(screen, GroupFormScreen)
        screen.query_one("#slot_minutes", Input).value = "two hours"
        await pilot.press("ctrl+s")
        await pilot.pause()
        errors = errors_of(screen)
        assert set(errors) == {"name", "slot_minutes"}
        assert "Enter a name" in errors["name"] and "whole number" in errors["slot_minutes"]
        assert app.screen is screen and store.groups.count() == 0
        screen.query_one("#name", Input).value = "Walk and talk"
        screen.query_one("#slot_minutes", Input).value = "60"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, GroupFormScreen)
        (group,) = store.groups.all()
        assert (group.name, group.slot_minutes) == ("Walk and talk", 60)
        assert "Confidentiality" in group.agreement
        assert group.default_template_id is not None


async def test_edit_and_archive_from_the_group_list(store: RecordStore) -> None:
    from psw_tui.services.groups import GroupInput, create_group

    create_group(store, GroupInput(name="Alpha"))
    create_group(store, GroupInput(name="Beta"))
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(100, 40)) as pilot:
        app.push_screen(GroupListScreen())
        await pilot.pause()
        await pilot.press("down", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, GroupFormScreen)
        form.query_one("#name", Input).value = "alpha"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "already a group" in errors_of(form)["name"]
        form.query_one("#name", Input).value = "Beta evening"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GroupListScreen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        table = app.screen.query_one("#group-table", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert ["Alpha", "active"] == [rows[0][0], rows[0][4]]
        assert ["Beta evening", "archived"] == [rows[1][0], rows[1][4]]
        assert [g.name for g in store.groups.all() if g.archived] == ["Beta evening"]


async def test_roster_add_rename_role_deactivate(store: RecordStore) -> None:
    from psw_tui.services.groups import GroupInput, create_group

    group = create_group(store, GroupInput(name="Circle"))
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(100, 40)) as pilot:
        app.push_screen(RosterScreen(group.id))
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MemberFormScreen)
        assert "No surnames" in str(form.query_one(".form-field--hint").render())
        await pilot.press("enter")
        await pilot.pause()
        assert "Enter a display name" in errors_of(form)["display_name"]
        form.query_one("#display_name", Input).value = "Robin 01/02/1980"
        await pilot.press("enter")
        await pilot.pause()
        assert "dates of birth" in errors_of(form)["display_name"]
        form.query_one("#display_name", Input).value = "Robin"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#display_name", Input).value = "Robyn"
        form.query_one("#role", Select).value = MemberRole.CO_FACILITATOR
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        table = app.screen.query_one("#roster-table", DataTable)
        assert [str(c) for c in table.get_row_at(0)] == ["Robyn", "Co-facilitator", "inactive"]
        (member,) = store.members.all()
        assert (member.display_name, member.role, member.active) == ("Robyn", MemberRole.CO_FACILITATOR, False)
