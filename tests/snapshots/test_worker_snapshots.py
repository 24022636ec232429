"""SVG snapshots of the worker's own screens at 80x24: contacts (chart and table), the
supervision log and the wellness plan, on fixed data with a fixed clock, cursor blink off."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from psw_tui.app import create_app
from psw_tui.models.worker import (
    Contact,
    ContactKind,
    SupervisionAction,
    SupervisionKind,
    SupervisionRecord,
    WellnessPlan,
)
from psw_tui.screens.contacts import ContactsScreen
from psw_tui.screens.supervision_log import SupervisionLogScreen
from psw_tui.screens.wellness_plan import WellnessPlanScreen
from psw_tui.storage import RecordStore
from tests.conftest import FIXED_TODAY, fixed_time

SIZE = (80, 24)


def _showing(screen_factory, *keys: str):
    async def run_before(pilot) -> None:
        pilot.app.push_screen(screen_factory())
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        if keys:
            await pilot.press(*keys)
        await pilot.pause()

    return run_before


def _contacts(store: RecordStore) -> None:
    rows = [(1, ContactKind.WALK, 60, "JB"), (2, ContactKind.ONE_TO_ONE, 45, None), (4, ContactKind.CRISIS, 90, "Robin"),
            (9, ContactKind.CALL, 20, None), (10, ContactKind.ACCOMPANYING, 120, "JB"), (23, ContactKind.WALK, 50, None),
            (30, ContactKind.ONE_TO_ONE, 40, "Sky"), (44, ContactKind.OTHER, 15, None)]
    store.contacts.save_many([
        Contact(date=FIXED_TODAY - timedelta(days=days), kind=kind, minutes=minutes, label=label,
                debrief_needed=kind is ContactKind.CRISIS)
        for days, kind, minutes, label in rows
    ])


def test_contacts_chart(snap_compare, store: RecordStore) -> None:
    _contacts(store)
    app = create_app(None, store, time=fixed_time())
    assert snap_compare(app, terminal_size=SIZE, run_before=_showing(ContactsScreen))


def test_contacts_table_by_month(snap_compare, store: RecordStore) -> None:
    _contacts(store)
    app = create_app(None, store, time=fixed_time())
    assert snap_compare(app, terminal_size=SIZE, run_before=_showing(ContactsScreen, "t", "p"))


def test_supervision_log(snap_compare, demo_store: RecordStore) -> None:
    demo_store.supervision.save_many([
        SupervisionRecord(date=FIXED_TODAY - timedelta(weeks=7), kind=SupervisionKind.CLINICAL, supervisor="Sam",
                          minutes=60, actions=[SupervisionAction(text="Book the boundaries course",
                                                                 raised_on=FIXED_TODAY - timedelta(weeks=7))]),
        SupervisionRecord(date=FIXED_TODAY - timedelta(weeks=2), kind=SupervisionKind.LINE_MANAGEMENT,
                          supervisor="Alex", minutes=45),
    ])
    app = create_app(None, demo_store, time=fixed_time())
    assert snap_compare(app, terminal_size=SIZE, run_before=_showing(SupervisionLogScreen))


def test_wellness_plan(snap_compare, store: RecordStore) -> None:
    store.wellness.add(WellnessPlan(
        version=3, saved_at=datetime(2026, 11, 19, 17, 30, tzinfo=UTC),
        daily="A walk at lunch\nEight hours of sleep\nTime with my dog",
        triggers="Lone working late: ask to pair up",
    ))
    app = create_app(None, store, time=fixed_time())
    assert snap_compare(app, terminal_size=SIZE, run_before=_showing(WellnessPlanScreen))
