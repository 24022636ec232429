"""The reflective journal with Pilot: writing a Gibbs reflection, validation, deleting, exporting."""

from __future__ import annotations

import stat
from pathlib import Path

from textual.widgets import DataTable, Input, Select, Static, TextArea

from psw_tui.app import create_app
from psw_tui.models import GibbsReflection, ReflectionModel
from psw_tui.screens.journal import JournalScreen
from psw_tui.screens.lookback_dialogs import ConfirmDialog, SaveDialog
from psw_tui.screens.reflection_editor import ReflectionEditor
from psw_tui.storage import RecordStore
from tests.conftest import FIXED_TODAY, fixed_time

GIBBS = {
    "description": "The check-in overran by twenty minutes.",
    "feelings": "Anxious, then relieved.",
    "evaluation": "People felt heard; the theme was rushed.",
    "analysis": "I did not want to cut anyone off.",
    "conclusion": "I could have named the time at the start.",
    "action_plan": "Say the time plan aloud at the start.",
}


async def test_writing_a_gibbs_reflection(store: RecordStore) -> None:
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(100, 50)) as pilot:
        app.push_screen(JournalScreen())
        await pilot.pause()
        assert "No reflections yet" in str(app.screen.query_one("#journal-empty", Static).render())
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ReflectionEditor)
        labels = [str(label.render()) for label in editor.query("#fields-gibbs .reflection-label")]
        assert labels == ["Description", "Feelings", "Evaluation", "Analysis", "Conclusion", "Action plan"]
        assert not editor.query_one("#fields-driscoll").display
        await pilot.press("ctrl+s")  # no title yet
        await pilot.pause()
        assert "Give the reflection a title." in str(editor.query_one("#reflection-title-error", Static).render())
        assert store.reflections.all() == []
        await pilot.press(*"Overrunning check-in")
        for name, text in GIBBS.items():
            editor.query_one(f"#field-{name}", TextArea).text = text
        editor.query_one("#reflection-tags", Input).value = "timekeeping, facilitation"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        saved = store.reflections.all()
        assert len(saved) == 1 and isinstance(saved[0], GibbsReflection)
        reflection = saved[0]
        assert reflection.title == "Overrunning check-in" and reflection.written_on == FIXED_TODAY
        assert {name: getattr(reflection, name) for name in GIBBS} == GIBBS
        assert reflection.tags == ["timekeeping", "facilitation"]
        table = app.screen.query_one("#journal-list", DataTable)
        assert [str(c) for c in table.get_row_at(0)] == ["20 Nov 2026", "Gibbs", "Overrunning check-in",
                                                         "timekeeping, facilitation"]


async def test_switching_model_shows_driscoll_questions(store: RecordStore) -> None:
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(100, 50)) as pilot:
        app.push_screen(ReflectionEditor())
        await pilot.pause()
        editor = app.screen
        editor.query_one("#reflection-model", Select).value = ReflectionModel.DRISCOLL
        await pilot.pause()
        assert editor.query_one("#fields-driscoll").display and not editor.query_one("#fields-gibbs").display
        editor.query_one("#reflection-title", Input).value = "Saying no"
        editor.query_one("#reflection-date", Input).value = "20/11/2026"
        editor.query_one("#field-what", TextArea).text = "Asked to cover a group."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Use a date like 2026-11-20." in str(editor.query_one("#reflection-date-error", Static).render())
        editor.query_one("#reflection-date", Input).value = "2026-11-19"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = store.reflections.all()
        assert [(r.model, r.what, str(r.written_on)) for r in saved] == [  # type: ignore[union-attr]
            (ReflectionModel.DRISCOLL, "Asked to cover a group.", "2026-11-19")]


async def test_leaving_with_unsaved_text_asks_first(store: RecordStore) -> None:
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(100, 50)) as pilot:
        app.push_screen(ReflectionEditor())
        await pilot.pause()
        await pilot.press(*"Half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionEditor)


async def test_delete_asks_then_removes(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(JournalScreen())
        await pilot.pause()
        before = len(demo_store.reflections.all())
        newest = demo_store.reflections.all()[0]
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert newest.title in str(app.screen.query_one("#confirm-question", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert len(demo_store.reflections.all()) == before
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert len(demo_store.reflections.all()) == before - 1
        assert demo_store.reflections.get(newest.id) is None
        assert app.screen.query_one("#journal-list", DataTable).row_count == before - 1


async def test_export_a_date_range_to_markdown(demo_store: RecordStore, tmp_path: Path) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(JournalScreen())
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SaveDialog)
        dialog.query_one("#save-from", Input).value = "2026-11-01"
        dialog.query_one("#save-to", Input).value = "2026-10-01"
        target = tmp_path / "appraisal.md"
        dialog.query_one("#save-path", Input).value = str(target)
        await pilot.click("#save-ok")
        await pilot.pause()
        assert "before the start date" in str(dialog.query_one("#save-to-error", Static).render())
        dialog.query_one("#save-to", Input).value = "2026-11-30"
        dialog.query_one("#save-path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        text = target.read_text()
        assert text.startswith("# My reflections\n\nFrom 1 November 2026 to 30 November 2026: 6 reflections.")
        assert "## Notes to self before appraisal" in text and "Why I do this work" not in text
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
