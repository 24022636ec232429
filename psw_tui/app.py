"""The Textual application, its bindings and the one factory that builds it."""

from __future__ import annotations

import importlib
import pkgutil
import threading
from collections.abc import Iterable, Sequence
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter
from textual.screen import Screen

from psw_tui.appearance import apply_settings, register_themes, settle_settings
from psw_tui.at_rest import note_input, wait_until_at_rest
from psw_tui.terminal_colours import line_filters
from psw_tui.crash import LeakFreeErrors
from psw_tui.keyflow import OrderedKeys
from psw_tui.models import Settings
from psw_tui.palette import (
    LiveCommands,
    LookBackCommands,
    PlanningCommands,
    PrivacyCommands,
    ReportCommands,
    SeriesCommands,
    SessionCommands,
    WorkerCommands,
)
from psw_tui.resources import stylesheets
from psw_tui.screens.help import HelpScreen
from psw_tui.screens.home import HomeScreen
from psw_tui.screens.confirm import ConfirmScreen
from psw_tui.screens.privacy import PrivacyScreen
from psw_tui.screens.too_small import TooSmallScreen, too_small
from psw_tui.services.timesource import SystemTime
from psw_tui.services.unlock import lock_needs_passphrase
from psw_tui.storage import RecordStore, SavedWithDiskError
from psw_tui.storage.durable import add_warning_listener, remove_warning_listener
from psw_tui.storage.settings_file import LoadedSettings

# System commands we never offer: "Screenshot" writes the screen (names included) to a file.
HIDDEN_SYSTEM_COMMANDS = frozenset({"Screenshot"})
MAX_TOASTS = 2


class PswApp(OrderedKeys, LeakFreeErrors, App[None]):
    """psw-tui: plan, run and record peer support groups and group supervision."""

    TITLE = "psw-tui"
    SUB_TITLE = "peer support sessions"
    CSS_PATH = stylesheets()
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {  # every area of psw_tui.palette (a test checks none is missing)
        LiveCommands, SessionCommands, PlanningCommands, SeriesCommands, LookBackCommands, ReportCommands,
        WorkerCommands, PrivacyCommands,
    }
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help"),
        Binding("question_mark", "help", "Help", show=False, id="app.help_alt"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("f12", "privacy", "Privacy", id="app.privacy", priority=True),
        Binding("ctrl+l", "privacy", "Privacy", show=False, id="app.privacy_alt", priority=True),
    ]

    settings: Settings
    """What the user chose; set only by :func:`psw_tui.appearance.apply_settings`."""

    def __init__(
        self,
        settings: Settings,
        store: RecordStore,
        *,
        time: SystemTime,
        demo: bool = False,
        settings_file: LoadedSettings | None = None,
    ) -> None:
        super().__init__()
        self._init_keyflow()
        self._quit_question: ConfirmScreen | None = None
        self.settings_file = settings_file  # its problems are shown once the first screen is up
        register_themes(self)
        apply_settings(self, settings, running=False)  # sets self.settings
        self.store = store
        self.time = time
        self.demo = demo
        if demo:
            self.sub_title = "demo data (thrown away on exit)"

    def get_default_screen(self) -> Screen:
        return HomeScreen()

    def get_line_filters(self) -> Sequence[LineFilter]:
        """With NO_COLOR set, no colour codes at all (Textual's own answer is greys)."""
        return line_filters(self.no_color, super().get_line_filters())

    def on_mount(self) -> None:
        self.theme = self.settings.theme
        self.last_activity = self.time.now()
        self.set_interval(1, self.check_idle_lock)
        self.call_after_refresh(settle_settings, self, self.settings_file)
        # Screen modules load in a thread after the first frame, so the first key is handled
        # at once and the first Begin, End, dialog or report opens without waiting for its module.
        self.call_after_refresh(self.run_worker, load_all_screens, thread=True, exclusive=True,
                                group="preload")
        self._check_size()
        add_warning_listener(self._disk_warning)

    def on_unmount(self) -> None:
        remove_warning_listener(self._disk_warning)

    def _disk_warning(self, warning: SavedWithDiskError) -> None:
        """A save landed but the disk then reported an error: say so (the change is kept;
        saving it again would only make a copy)."""
        if threading.get_ident() == self._thread_id:
            self.call_later(self.notify, str(warning), severity="warning", title="Saved, with a disk warning")
        else:
            self.call_from_thread(self.notify, str(warning), severity="warning", title="Saved, with a disk warning")

    # -- size ------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)  # runs before the App's own handler updates self.size

    def _check_size(self, size: tuple[int, int] | None = None) -> None:
        """Below the smallest usable size, one line says how big to make the window."""
        small = too_small(*(size or self.size))
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif not small and showing:
            self.pop_screen()

    # -- quitting --------------------------------------------------------------------------

    @property
    def session_running(self) -> bool:
        """Whether a live session is open (its screen anywhere on the stack)."""
        return any(getattr(screen, "session_running", False) for screen in self.screen_stack)

    async def action_quit(self) -> None:
        """Quit; with a live session open, ask first (the safe answer focused)."""
        if not self.session_running or self.screen is self._quit_question:
            self.exit()  # no session, or ctrl+q again on the quit question itself
            return
        if self.demo:
            question = "Quit the demo? Demo data is thrown away, this session with it."
        else:
            question = "Quit psw-tui? The session keeps running and can be resumed from home."

        def chosen(yes: bool | None) -> None:
            self._quit_question = None
            if yes:
                self.exit()

        self._quit_question = ConfirmScreen(question, "Quit", "Keep going", focus_yes=False)
        self.push_screen(self._quit_question, chosen)

    # -- privacy -------------------------------------------------------------------------

    @property
    def private(self) -> bool:
        """Whether the privacy screen is up."""
        return any(isinstance(screen, PrivacyScreen) for screen in self.screen_stack)

    def action_privacy(self, unlocked: bool = False) -> None:
        """Blank the screen to a neutral "Session paused" view, or bring it back (on an
        encrypted folder, only once its passphrase is given: ``unlocked``)."""
        if self.private:
            top = next(s for s in reversed(self.screen_stack) if isinstance(s, PrivacyScreen))
            if top.needs_passphrase and not unlocked:
                top.ask_passphrase()
                return
            # Close everything opened over the privacy screen too (help, say), then it.
            while not isinstance(self.screen, PrivacyScreen):
                self.pop_screen()
            self.pop_screen()
            self.last_activity = self.time.now()
        else:
            self.clear_notifications()
            locked = lock_needs_passphrase(self.store, self.settings)
            self.push_screen(PrivacyScreen(self.store if locked else None))

    @property
    def projecting(self) -> bool:
        """Whether the live screen's projector view is showing (the room can see it)."""
        return self.screen.has_class("-projector")

    def action_command_palette(self) -> None:
        """The palette stays shut behind the privacy screen and in the projector view (it
        can open search, rosters and reports)."""
        if not self.private and not self.projecting:
            super().action_command_palette()

    def check_idle_lock(self) -> None:
        """The idle lock: after the configured minutes without a key or click, blank the screen."""
        minutes = self.settings.idle_lock_minutes
        if minutes <= 0 or self.private or self.projecting:
            return  # the projector view shows the room its clock: never blank it
        if (self.time.now() - self.last_activity).total_seconds() >= minutes * 60:
            self.action_privacy()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)):
            self.last_activity = self.time.now()
            note_input(self)
        await super().on_event(event)

    def notify(self, message: str, **kwargs: Any) -> None:  # type: ignore[override]
        """Toasts are held back while the privacy screen or the projector view is up (they
        could show a name), and are never read as markup (they often quote user text)."""
        if (self.private or self.projecting) and kwargs.get("severity") != "error":
            return
        kwargs.setdefault("markup", False)
        super().notify(message, **kwargs)

    def _refresh_notifications(self) -> None:
        # At most the newest two toasts: a stack of them would reach the note line at 80x24.
        shown = list(self._notifications)
        for old in shown[: max(len(shown) - MAX_TOASTS, 0)]:
            del self._notifications[old]
        super()._refresh_notifications()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title not in HIDDEN_SYSTEM_COMMANDS:
                yield command

    def action_help(self) -> None:
        """Show the keymap (not over the privacy screen: only its own key works there)."""
        if not isinstance(self.screen, HelpScreen) and not self.private:
            self.push_screen(HelpScreen(self.screen))


def load_all_screens() -> None:
    """Import every screen module, in the background after the first frame: a preload only
    (the palette's commands are declared in :mod:`psw_tui.palette` and import their screens
    when run)."""
    import psw_tui.screens

    for module in pkgutil.iter_modules(psw_tui.screens.__path__, "psw_tui.screens."):
        if not wait_until_at_rest():  # one module at a time, never while keys are handled
            return
        importlib.import_module(module.name)


def create_app(
    settings: Settings | None,
    store: RecordStore,
    *,
    time: SystemTime | None = None,
    demo: bool = False,
    settings_file: LoadedSettings | None = None,
) -> PswApp:
    """Build the app for the CLI and for every test (tests pass a FakeTime)."""
    return PswApp(settings or Settings(), store, time=time or SystemTime(), demo=demo,
                  settings_file=settings_file)
