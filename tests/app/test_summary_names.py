"""The shareable preview replaces names typed in free text and says how many it replaced."""

from __future__ import annotations

import unicodedata

from textual.widgets import Markdown, Static

from psw_tui.app import create_app
from psw_tui.models import AnonymousNote, NoteKind
from psw_tui.screens.summary import SummaryScreen
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time
from tests.export_helpers import GOLDEN_SESSION


async def test_shareable_preview_redacts_names_and_counts_them(demo_store: RecordStore) -> None:
    session = demo_store.sessions.get(GOLDEN_SESSION)
    typed = f"{unicodedata.normalize('NFD', 'JUNIPER')} and Rowan’s idea about walking"
    demo_store.notes(GOLDEN_SESSION).save(
        AnonymousNote(kind=NoteKind.CONTRIBUTION, session_id=session.id, session_date=session.date, text=typed)
    )
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(100, 40)) as pilot:
        app.push_screen(SummaryScreen(GOLDEN_SESSION))
        await pilot.pause()
        screen = app.screen
        mode = screen.query_one("#summary-mode", Static)
        assert "Juniper" in screen.query_one("#summary-markdown", Markdown).source
        await pilot.press("s")
        await pilot.pause()
        shown = screen.query_one("#summary-markdown", Markdown).source
        assert "\\[name\\] and \\[name\\]’s idea about walking" in shown
        assert "JUNIPER" not in unicodedata.normalize("NFC", shown) and "Rowan" not in shown
        assert "no names (2 replaced with [name])" in str(mode.render())
        await pilot.press("s")
        await pilot.pause()
        assert "replaced" not in str(mode.render())
