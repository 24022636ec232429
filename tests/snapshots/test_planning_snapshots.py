"""SVG snapshots of the roster and the agenda editor (fixed demo data and date)."""

from __future__ import annotations

import pytest

from psw_tui.app import create_app
from psw_tui.models import GroupKind
from psw_tui.screens.agenda_editor import AgendaEditorScreen
from psw_tui.screens.roster import RosterScreen
from psw_tui.services.builtin_templates import default_template_for
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time

SIZES = [(80, 24), (120, 40)]


def _group(store: RecordStore, name: str):
    return next(g for g in store.groups.all() if g.name == name)


@pytest.mark.parametrize("size", SIZES)
def test_roster(snap_compare, demo_store: RecordStore, size: tuple[int, int]) -> None:
    group = _group(demo_store, "Tuesday Hearing Voices Group")
    app = create_app(None, demo_store, time=fixed_time())

    async def open_roster(pilot) -> None:
        app.push_screen(RosterScreen(group.id))
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_roster)


@pytest.mark.parametrize("size", SIZES)
def test_agenda_editor_over_the_slot(snap_compare, demo_store: RecordStore, size: tuple[int, int]) -> None:
    group = _group(demo_store, "Crisis peer support group")
    session = next(
        h for h in demo_store.sessions.headers(group.id) if h.status.value == "planned"
    )
    app = create_app(None, demo_store, time=fixed_time())

    async def open_editor(pilot) -> None:
        app.push_screen(AgendaEditorScreen(session_id=session.id))
        await pilot.pause()
        await pilot.press("down", "alt+down", "plus", "plus", "plus", "plus", "plus")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_editor)


def test_agenda_editor_builtin_template(snap_compare, demo_store: RecordStore) -> None:
    template = default_template_for(GroupKind.SUPERVISION)
    app = create_app(None, demo_store, time=fixed_time())

    async def open_editor(pilot) -> None:
        app.push_screen(AgendaEditorScreen(template_id=template.id))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=open_editor)
