"""The worker's own screens with Pilot at 80x24: contacts (log, debrief, chart and table,
forget a label), supervision log (log, overdue, agreed actions), wellness plan (versions,
export); every form saves with ctrl+s and asks before Escape discards a change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Checkbox, ContentSwitcher, DataTable, Input, Select, Static, TextArea

from psw_tui.app import create_app
from psw_tui.models.worker import Contact, ContactKind, SupervisionKind, SupervisionRecord
from psw_tui.screens.confirm import ConfirmScreen
from psw_tui.screens.contact_form import ContactDebriefForm, ContactForm
from psw_tui.screens.contacts import ContactsScreen
from psw_tui.screens.forget_label import ForgetLabelDialog
from psw_tui.screens.home import HomeScreen
from psw_tui.screens.lookback_dialogs import SaveDialog
from psw_tui.screens.supervision_form import SupervisionForm
from psw_tui.screens.supervision_log import SupervisionLogScreen
from psw_tui.screens.wellness_plan import WellnessPlanScreen
from psw_tui.screens.wellness_versions import WellnessVersionScreen, WellnessVersionsScreen
from psw_tui.storage import RecordStore
from tests.conftest import FIXED_TODAY, fixed_time

SIZE = (80, 24)


def no_blink(app: Any) -> None:
    for widget in app.screen.query("Input, TextArea"):
        widget.cursor_blink = False


async def until(pilot: Pilot[Any], condition: Callable[[], bool], tries: int = 200) -> None:
    """Wait (by frames, not a timed sleep) until ``condition`` holds."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    assert condition(), "the screen never reached the expected state"


async def from_palette(app: Any, pilot: Pilot[Any], name: str) -> None:
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*name)
    await until(pilot, lambda: app.screen.query_one(CommandList).option_count > 0
                and name in str(app.screen.query_one(CommandList).get_option_at_index(0).prompt))
    await pilot.press("enter")
    await until(pilot, lambda: not isinstance(app.screen, CommandPalette))


async def test_logging_a_contact_with_a_debrief(store: RecordStore) -> None:
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        await from_palette(app, pilot, "Log contact")
        form = app.screen
        assert isinstance(form, ContactForm)
        no_blink(app)
        await pilot.press("ctrl+s")  # no minutes yet
        await until(pilot, lambda: "whole number" in form.query_one("#field-minutes").error)  # type: ignore[attr-defined]
        assert store.contacts.count() == 0
        await pilot.press(*"45")
        form.query_one("#kind", Select).value = ContactKind.WALK
        form.query_one("#label", Input).value = "JB 01/02/1990"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "numbers, dates" in form.query_one("#field-label").error)  # type: ignore[attr-defined]
        form.query_one("#label", Input).value = "JB"
        form.query_one("#debrief_needed", Checkbox).value = True
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ContactDebriefForm))
        saved = store.contacts.all()
        assert [(c.kind, c.minutes, c.label, c.date) for c in saved] == [(ContactKind.WALK, 45, "JB", FIXED_TODAY)]
        await pilot.press(*"Tired but ok")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        debrief = store.contacts.all()[0].debrief
        assert debrief is not None and debrief.how_was_it == "Tired but ok"


async def test_escape_asks_before_discarding_a_changed_contact(store: RecordStore) -> None:
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ContactForm())
        await until(pilot, lambda: isinstance(app.screen, ContactForm))
        await pilot.press(*"30")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("escape")  # keep editing
        await until(pilot, lambda: isinstance(app.screen, ContactForm))
        assert app.screen.query_one("#minutes", Input).value == "30"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert store.contacts.count() == 0


async def test_contacts_workload_chart_and_table_and_forgetting_a_label(store: RecordStore) -> None:
    store.contacts.save_many([
        Contact(date=FIXED_TODAY - timedelta(days=d), kind=kind, minutes=minutes, label=label)
        for d, kind, minutes, label in [(1, ContactKind.WALK, 60, "JB"), (3, ContactKind.CRISIS, 90, None),
                                        (12, ContactKind.CALL, 30, "Robin")]
    ])
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        await from_palette(app, pilot, "Contacts")
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        totals = str(screen.query_one("#contacts-totals", Static).render())
        assert totals.startswith("3 contacts, 3.0 h")
        switcher = screen.query_one("#workload", ContentSwitcher)
        assert switcher.current == "workload-chart"
        await pilot.press("t")
        await until(pilot, lambda: switcher.current == "workload-table")
        table = screen.query_one("#workload-table", DataTable)
        newest = [str(cell) for cell in table.get_row_at(0)]
        assert newest[0] == "w/c 16 Nov 2026" and newest[-2:] == ["2", "2.5"]
        await pilot.press("p")
        await until(pilot, lambda: str(table.get_row_at(0)[0]) == "Nov 2026")
        assert [str(cell) for cell in table.get_row_at(0)][-2:] == ["3", "3.0"]
        listed = screen.query_one("#contacts-list", DataTable)
        assert listed.row_count == 3 and str(listed.get_row_at(0)[3]) == "JB"
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, ForgetLabelDialog))
        dialog = app.screen
        dialog.query_one("#label", Select).value = "JB"
        dialog.query_one("#confirm", Input).value = "JX"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "exactly" in dialog.query_one("#field-confirm").error)  # type: ignore[attr-defined]
        dialog.query_one("#confirm", Input).value = "jb"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ContactsScreen))
        assert sorted(c.label or "" for c in store.contacts.all()) == ["", "", "Robin"]
        await until(pilot, lambda: str(listed.get_row_at(0)[3]) == "—")


async def test_supervision_log_overdue_and_agreed_actions(demo_store: RecordStore) -> None:
    demo_store.supervision.save(SupervisionRecord(date=FIXED_TODAY - timedelta(weeks=7), kind=SupervisionKind.CLINICAL,
                                                  supervisor="Sam", minutes=60))
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        alerts = app.screen.query_one("#home-alerts", Static)
        await until(pilot, lambda: "Supervision overdue: clinical (7 weeks)" in str(alerts.render()))
        await from_palette(app, pilot, "Supervision log")
        screen = app.screen
        assert isinstance(screen, SupervisionLogScreen)
        status = screen.query_one("#supervision-status", DataTable)
        rows = {str(status.get_row_at(i)[0]): str(status.get_row_at(i)[3]) for i in range(status.row_count)}
        assert rows == {"Line management": "none yet", "Clinical": "OVERDUE", "Peer support": "none yet",
                        "Group": "ok", "Reflective practice": "ok"}
        log = screen.query_one("#supervision-list", DataTable)
        assert str(log.get_row_at(0)[2]) == "(group)"  # the supervision group's last session counts
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, SupervisionForm))
        form = app.screen
        no_blink(app)
        form.query_one("#kind", Select).value = SupervisionKind.CLINICAL
        form.query_one("#supervisor", Input).value = "Sam"
        form.query_one("#actions", TextArea).text = "Book the boundaries course\nAsk about lone working"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SupervisionLogScreen))
        await until(pilot, lambda: screen.query_one("#supervision-actions", DataTable).row_count == 2)
        assert "Nothing overdue" in str(screen.query_one("#supervision-overdue", Static).render())
        screen.query_one("#supervision-actions", DataTable).focus()
        await pilot.press("c")
        await until(pilot, lambda: screen.query_one("#supervision-actions", DataTable).row_count == 1)
        record = next(r for r in demo_store.supervision.all() if r.actions)
        assert sorted(a.status.value for a in record.actions) == ["done", "open"]


async def test_wellness_plan_versions_and_export(store: RecordStore, tmp_path: Path) -> None:
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=SIZE) as pilot:
        await from_palette(app, pilot, "Wellness plan")
        screen = app.screen
        assert isinstance(screen, WellnessPlanScreen)
        no_blink(app)
        await pilot.press(*"A walk at lunch")
        await pilot.press("ctrl+r")  # unsaved: asks to save first, no dialog, nothing written
        await pilot.pause()
        assert isinstance(app.screen, WellnessPlanScreen) and store.wellness.versions() == []
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(store.wellness.versions()) == 1)
        assert "Version 1" in str(screen.query_one("#wellness-version", Static).render())
        screen.query_one("#wellness-triggers", TextArea).text = "Lone working"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(store.wellness.versions()) == 2)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, WellnessVersionsScreen))
        table = app.screen.query_one("#wellness-versions-list", DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["2", "1"]
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, WellnessVersionScreen))
        assert app.screen.plan.version == 1 and app.screen.plan.triggers == ""  # type: ignore[attr-defined]
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, SaveDialog))
        target = tmp_path / "plan-v1.md"
        app.screen.query_one("#save-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await until(pilot, target.exists)
        assert "A walk at lunch" in target.read_text(encoding="utf-8")
        assert "Lone working" not in target.read_text(encoding="utf-8")
        await pilot.press("escape", "escape")
        await until(pilot, lambda: isinstance(app.screen, WellnessPlanScreen))
        await pilot.press("ctrl+r")  # typed in a section: the export is still one key away
        await until(pilot, lambda: isinstance(app.screen, SaveDialog))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, WellnessPlanScreen))
        screen.query_one("#wellness-after", TextArea).text = "Rest"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert len(store.wellness.versions()) == 2
