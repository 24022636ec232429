"""Every declared palette command, run as the palette runs it, opens its screen or does its
action; every report is found by typing "report"; nothing that would show a name is offered
behind the privacy screen or in the projector view."""

from __future__ import annotations

from collections.abc import Callable

from psw_tui.app import PswApp, create_app
from psw_tui.models import Attendance
from psw_tui.palette import AREAS, app_commands, command_named
from psw_tui.palette.command import PaletteCommand
from psw_tui.palette.live import LiveCommands, in_round
from psw_tui.palette.reports import ReportCommands
from psw_tui.screens.home import HomeScreen
from psw_tui.screens.live import LiveScreen
from psw_tui.screens.pick import PickScreen
from psw_tui.screens.privacy import PrivacyScreen
from psw_tui.screens.report_kinds import REPORTS
from psw_tui.storage import RecordStore
from psw_tui.widgets.round_bar import RoundKeeper
from tests.app.live_helpers import live_setup, open_live, until, visible_text
from tests.conftest import fixed_time

# Command -> the screen on top once it has run from home (a PickScreen: the question it asks).
FROM_HOME = {
    "Past sessions": "ArchiveScreen", "Search": "SearchScreen",
    "Export summary": "SessionPicker", "Summary preview": "SessionPicker",
    "Reflective journal": "JournalScreen", "New reflection": "ReflectionEditor",
    "For supervision": "ForSupervisionScreen", "Self-disclosure reflection": "ReflectionEditor",
    "Groups": "GroupListScreen", "New group": "GroupFormScreen", "Edit group": "Edit which group?",
    "Archive group": "Archive or restore which group?", "Edit roster": "Whose roster?",
    "Forget member": "Forget a member of which group?", "Template library": "TemplateLibraryScreen",
    "New template": "NewTemplateScreen", "Edit agenda": "Edit which agenda?",
    "Plan session": "PlanSessionScreen", "Edit planned session": "Edit which session?",
    "Cancel session": "Cancel which session?", "Review actions": "Review actions for which session?",
    "Privacy screen": "PrivacyScreen", "Settings": "SettingsScreen", "Prune old sessions": "RetentionScreen",
    "Reports": "Reports", **{spec.name: "ReportScreen" for spec in REPORTS.values()},
    "Plan series": "SeriesFormScreen", "Series": "SeriesListScreen",
    "Change series from a date": "Change which series?", "Export calendar": "CalendarExportScreen",
    "Start session": "AgreementScreen", "Print run-sheet": "RunsheetDialog",
    "Contacts": "ContactsScreen", "Log contact": "ContactForm", "Supervision log": "SupervisionLogScreen",
    "Log supervision": "SupervisionForm", "Wellness plan": "WellnessPlanScreen",
}
ON_THEIR_SCREEN = {"Export wellness plan"}  # tested below, on the wellness plan


def _top(app: PswApp) -> str:
    screen = app.screen
    if isinstance(screen, PickScreen):
        return screen._title  # noqa: SLF001 - which question the pick asks
    return type(screen).__name__


async def _run(pilot, app: PswApp, command: PaletteCommand) -> None:  # noqa: ANN001
    """Run ``command`` as the palette does (after the palette has closed) and let it settle."""
    assert command.is_available(app), f"{command.name} is not offered here"
    command.run(app)
    await pilot.pause()
    await pilot.pause()


def test_the_app_offers_every_area_and_every_name_once() -> None:
    assert set(AREAS) <= PswApp.COMMANDS
    names = [command.name for command in app_commands(PswApp)]
    assert len(names) == len(set(names))
    live = {command.name for command in LiveCommands.DECLARED}
    assert set(names) == set(FROM_HOME) | ON_THEIR_SCREEN | live  # a new command needs its test here


async def test_every_command_opens_its_screen_from_home(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        home = app.screen
        for name, expected in FROM_HOME.items():
            await _run(pilot, app, command_named(app, name))
            assert _top(app) == expected, name
            while app.screen is not home:
                app.pop_screen()
                await pilot.pause()


async def test_export_wellness_plan_is_offered_on_the_plan_and_exports_it(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    command = command_named(app, "Export wellness plan")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        assert not command.is_available(app)
        await _run(pilot, app, command_named(app, "Wellness plan"))
        plan = app.screen
        assert command.is_available(app)
        await _run(pilot, app, command)
        if plan.plan is None:  # type: ignore[attr-defined]
            assert any("Nothing saved yet" in n.message for n in app._notifications)  # noqa: SLF001
        else:
            assert _top(app) == "SaveDialog"


async def _mark_everyone_present(pilot, screen: LiveScreen) -> None:  # noqa: ANN001
    live = screen.live
    assert live is not None
    for row in live.register_rows():
        live.set_attendance(row.entry.id, Attendance.PRESENT)
    await pilot.pause()


async def test_every_live_command_acts_on_the_live_screen(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    app = setup.app

    def runs() -> int:
        return len(demo_store.sessions.get(setup.session_id).runs)

    def extra() -> int:
        return demo_store.sessions.get(setup.session_id).runs[-1].extra_seconds

    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        await until(pilot, lambda: screen.session_running, "the session runs")
        assert screen.live is not None
        await _mark_everyone_present(pilot, screen)

        def speaker() -> int:
            return screen.query_one(RoundKeeper).round.index  # type: ignore[union-attr]

        effects: list[tuple[str, Callable[[], object], Callable[[object], bool]]] = [
            ("Pause timer", lambda: screen.live.paused, lambda was: screen.live.paused and not was),
            ("Resume timer", lambda: screen.live.paused, lambda was: was and not screen.live.paused),
            ("Next segment", runs, lambda was: runs() == was + 1),
            ("Previous segment", runs, lambda was: runs() == was + 1),
            ("Add a minute", extra, lambda was: extra() == was + 60),
            ("Take a minute off", extra, lambda was: extra() == was - 60),
            ("Rebalance agenda", lambda: None, lambda _: _top(app) in {"LiveScreen", "RebalanceScreen"}),
            ("Mark attendance", lambda: None, lambda _: app.focused is not None and app.focused.id == "register"),
            ("Add note", lambda: None, lambda _: app.focused is not None and app.focused.id == "note-line"),
            ("Add walk-in", lambda: None, lambda _: _top(app) == "WalkInScreen"),
            ("Add action", lambda: None, lambda _: _top(app) == "ActionScreen"),
            ("Record concern", lambda: None, lambda _: _top(app) == "ConcernScreen"),
            ("Review carried actions", lambda: None, lambda _: _top(app) in {"LiveScreen", "ReviewActionsScreen"}),
            ("Next prompt", lambda: None, lambda _: _top(app) == "LiveScreen"),
            ("Previous prompt", lambda: None, lambda _: _top(app) == "LiveScreen"),
            ("Start round", lambda: None, lambda _: in_round(screen)),
            ("Next speaker", speaker, lambda was: speaker() == was + 1),
            ("Pass", speaker, lambda was: speaker() == was + 1),
            ("Previous speaker", speaker, lambda was: speaker() == was - 1),
            ("End round", lambda: None, lambda _: not in_round(screen)),
            ("Start round (shuffled)", lambda: None, lambda _: in_round(screen)),
            ("End round", lambda: None, lambda _: not in_round(screen)),
            ("Arrival scale", lambda: None, lambda _: screen.query_one("ScaleTallyBar").display),
            ("Leaving scale", lambda: None, lambda _: screen.query_one("ScaleTallyBar").display),
            ("Projector view", lambda: None, lambda _: screen.has_class("-projector")),
            ("End session", lambda: None, lambda _: _top(app) == "ConfirmScreen"),
        ]
        assert {name for name, _, _ in effects} == {c.name for c in LiveCommands.DECLARED}
        for name, before, happened in effects:
            was = before()
            await _run(pilot, app, command_named(app, name))
            assert happened(was), name
            while app.screen is not screen:
                app.pop_screen()
                await pilot.pause()
            if name.endswith("scale"):
                await pilot.press("escape")
            if screen.has_class("-projector"):
                screen.action_projector()  # its key leaves it: the palette offers no way out that shows names
            screen.action_back_to_notes()
            await pilot.pause()


async def test_nothing_that_shows_names_is_offered_behind_privacy_or_to_the_room(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    app = setup.app
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        await until(pilot, lambda: screen.session_running, "the session runs")
        names = [member.display_name for member in setup.members]
        assert any(name in visible_text(app) for name in names)  # the register shows them

        await pilot.press("f12")
        await until(pilot, lambda: isinstance(app.screen, PrivacyScreen), "the privacy screen")
        assert [c.name for c in app_commands(app) if c.is_available(app)] == []
        await pilot.press("f12")
        await until(pilot, lambda: app.screen is screen, "back to the live screen")

        await _mark_everyone_present(pilot, screen)
        screen.action_projector()
        await pilot.pause()
        offered = [c for c in app_commands(app) if c.is_available(app)]
        assert offered and all(c.shows_no_names for c in offered)
        for command in offered:
            if command.name == "Privacy screen" or not command.is_available(app):
                continue  # blanking is checked above; a round once started is not started again
            await _run(pilot, app, command)
            assert app.screen is screen and screen.has_class("-projector"), command.name
            shown = visible_text(app)
            assert not [name for name in names if name in shown], command.name


async def test_every_report_is_found_by_typing_report(demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        provider = ReportCommands(app.screen)
        found = {hit.text async for hit in provider.search("report")}
        assert found == {"Reports", *(spec.name for spec in REPORTS.values())}
        hits = [hit async for hit in provider.search("report")]
        for hit in hits:
            if hit.text != "Reports":
                hit.command()
                await pilot.pause()
                assert _top(app) == "ReportScreen" and app.screen.spec.name == hit.text  # type: ignore[attr-defined]
                app.pop_screen()
                await pilot.pause()
