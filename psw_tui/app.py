"""The Textual application, its bindings and the one factory that builds it."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from psw_tui import screens  # noqa: F401 - registers every screen's palette commands
from psw_tui.commands import PswCommands
from psw_tui.models import Settings
from psw_tui.resources import stylesheets
from psw_tui.screens.help import HelpScreen
from psw_tui.screens.home import HomeScreen
from psw_tui.services.timesource import SystemTime
from psw_tui.storage import RecordStore

# System commands we never offer: "Screenshot" writes the screen (names included) to a file.
HIDDEN_SYSTEM_COMMANDS = frozenset({"Screenshot"})


class PswApp(App[None]):
    """psw-tui: plan, run and record peer support groups and group supervision."""

    TITLE = "psw-tui"
    SUB_TITLE = "peer support sessions"
    CSS_PATH = stylesheets()
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {PswCommands}
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help"),
        Binding("question_mark", "help", "Help", show=False, id="app.help_alt"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(
        self,
        settings: Settings,
        store: RecordStore,
        *,
        time: SystemTime,
        demo: bool = False,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.store = store
        self.time = time
        self.demo = demo
        if demo:
            self.sub_title = "demo data (thrown away on exit)"

    def get_default_screen(self) -> Screen:
        return HomeScreen()

    def on_mount(self) -> None:
        self.theme = self.settings.theme

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title not in HIDDEN_SYSTEM_COMMANDS:
                yield command

    def action_help(self) -> None:
        """Show the keymap."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


def create_app(
    settings: Settings | None,
    store: RecordStore,
    *,
    time: SystemTime | None = None,
    demo: bool = False,
) -> PswApp:
    """Build the app for the CLI and for every test (tests pass a FakeTime)."""
    return PswApp(settings or Settings(), store, time=time or SystemTime(), demo=demo)
