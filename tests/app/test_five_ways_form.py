"""The agenda editor sets a segment's Five Ways tags, from the keys, at 80x24."""

from __future__ import annotations

from textual.widgets import SelectionList

from psw_tui.app import create_app
from psw_tui.models import FiveWay, Segment, SegmentKind, Template
from psw_tui.screens.agenda_editor import AgendaEditorScreen
from psw_tui.screens.segment_form import SegmentFormScreen
from psw_tui.storage import RecordStore
from tests.conftest import fixed_time


async def test_tick_and_untick_five_ways_on_a_segment(store: RecordStore) -> None:
    walk = Segment(title="Walk", minutes=40, kind=SegmentKind.SHARING, five_ways=[FiveWay.TAKE_NOTICE])
    template = store.templates.save(Template(name="Saturday walk", segments=[walk]))
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(AgendaEditorScreen(template_id=template.id))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SegmentFormScreen)
        ways = form.query_one("#five-ways", SelectionList)
        assert ways.selected == [FiveWay.TAKE_NOTICE]
        ways.focus()
        await pilot.pause()
        await pilot.press("space", "down", "space", "down", "space")  # connect on, be active on, notice off
        await pilot.pause()
        assert set(ways.selected) == {FiveWay.CONNECT, FiveWay.BE_ACTIVE}
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AgendaEditorScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = store.templates.get(template.id)
    assert saved is not None and saved.segments[0].five_ways == [FiveWay.CONNECT, FiveWay.BE_ACTIVE]
    assert saved.segments[0].id == walk.id


async def test_a_new_segment_starts_with_no_way_ticked(store: RecordStore) -> None:
    app = create_app(None, store, time=fixed_time())
    chosen: list[Segment | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(SegmentFormScreen(), chosen.append)
        await pilot.pause()
        assert app.screen.query_one("#five-ways", SelectionList).selected == []
        await pilot.press(*"Grounding")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert chosen and chosen[0] is not None and chosen[0].five_ways == []
