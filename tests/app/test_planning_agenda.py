"""Template library and agenda editor, driven with Pilot."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from psw_tui.app import create_app
from psw_tui.models import GroupKind
from psw_tui.screens.agenda_editor import AgendaEditorScreen
from psw_tui.screens.segment_form import SegmentFormScreen
from psw_tui.screens.template_form import NewTemplateScreen
from psw_tui.screens.templates import TemplateLibraryScreen
from psw_tui.services.builtin_templates import default_template_for
from psw_tui.services.groups import GroupInput, create_group
from psw_tui.services.planning import PlanInput, plan_session
from psw_tui.storage import RecordStore
from tests.app.test_planning_groups import errors_of, palette
from tests.conftest import FIXED_TODAY, fixed_time


def titles(screen) -> list[str]:
    table = screen.query_one("#agenda-table", DataTable)
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


def fit_line(screen) -> str:
    return str(screen.query_one("#agenda-fit", Static).render())


async def test_duplicate_a_builtin_then_reorder_and_save(store: RecordStore) -> None:
    builtin = default_template_for(GroupKind.PEER_SUPPORT)
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        await palette(pilot, "Template library")
        library = app.screen
        assert isinstance(library, TemplateLibraryScreen)
        table = library.query_one("#template-table", DataTable)
        row = table.get_row_index(str(builtin.id))
        table.move_cursor(row=row)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TemplateLibraryScreen)  # built-ins are read-only
        await pilot.press("d")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, AgendaEditorScreen)
        before = titles(editor)
        assert before == [s.title for s in builtin.segments]
        await pilot.press("down", "alt+down")
        await pilot.pause()
        assert titles(editor)[1:3] == [before[2], before[1]]
        await pilot.press("ctrl+up")
        await pilot.pause()
        assert titles(editor) == before
        await pilot.press("x")
        await pilot.pause()
        assert titles(editor) == [before[0], *before[2:]]
        assert "unsaved changes" in fit_line(editor)
        await pilot.press("ctrl+s")
        await pilot.pause()
        copy = store.templates.get(editor.template_id)
        assert [s.title for s in copy.segments] == titles(editor) and not copy.builtin
        assert store.templates.get(builtin.id) == builtin
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TemplateLibraryScreen)


async def test_new_template_add_segments_with_errors_and_slot_warning(store: RecordStore) -> None:
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        await palette(pilot, "New template")
        form = app.screen
        assert isinstance(form, NewTemplateScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert "Enter a name" in errors_of(form)["name"]
        form.query_one("#name", Input).value = "Evening circle"
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, AgendaEditorScreen)
        assert "no group uses" in fit_line(editor)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Add at least one segment" in str(editor.query_one("#agenda-error", Static).render())
        await pilot.press("a")
        await pilot.pause()
        segment_form = app.screen
        assert isinstance(segment_form, SegmentFormScreen)
        segment_form.query_one("#minutes", Input).value = "lots"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert set(errors_of(segment_form)) == {"title", "minutes"}
        segment_form.query_one("#title", Input).value = "Welcome"
        segment_form.query_one("#minutes", Input).value = "100"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert titles(editor) == ["Welcome"]
        await pilot.press("plus", "plus", "minus")
        await pilot.pause()
        assert "Total 101 min" in fit_line(editor)
        await pilot.press("ctrl+s")
        await pilot.pause()
        template = next(t for t in store.templates.all() if t.name == "Evening circle")
        assert [s.minutes for s in template.segments] == [101]
        create_group(store, GroupInput(name="Late group", slot_minutes=90, default_template_id=template.id))
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(AgendaEditorScreen(template_id=template.id))
        await pilot.pause()
        assert fit_line(app.screen) == "Total 101 min: 11 min OVER the 90 min slot"
        assert app.screen.query_one("#agenda-fit").has_class("-over")


async def test_a_planned_sessions_agenda_is_edited_and_escape_warns_first(store: RecordStore) -> None:
    builtin = default_template_for(GroupKind.PEER_SUPPORT)
    group = create_group(store, GroupInput(name="Circle", slot_minutes=90))
    session = plan_session(store, PlanInput(group.id, "2026-11-24", template_id=builtin.id), FIXED_TODAY)
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(AgendaEditorScreen(session_id=session.id))
        await pilot.pause()
        editor = app.screen
        assert "of a 90 min slot" in fit_line(editor)
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#minutes", Input).value = "30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "OVER the 90 min slot" in fit_line(editor)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor  # first Escape only warns
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not editor
        assert store.sessions.get(session.id).agenda == session.agenda  # discarded
        app.push_screen(AgendaEditorScreen(session_id=session.id))
        await pilot.pause()
        await pilot.press("minus", "ctrl+s")
        await pilot.pause()
        assert store.sessions.get(session.id).agenda[0].minutes == builtin.segments[0].minutes - 1
        assert store.templates.get(builtin.id) == builtin
