"""One palette command, declared: its plain name, a line of help, when it is offered and
what it does; and the provider that offers an area's commands.

A command's callback imports the screen it opens inside itself, so declaring (and offering)
a command never loads its screen module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider

from psw_tui.screens.privacy import PrivacyScreen

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from psw_tui.widgets.app_parts import PswAppParts

Run = Callable[["App[Any]"], None]
Check = Callable[["App[Any]", "Screen[Any]"], bool]


def always(app: App[Any], screen: Screen[Any]) -> bool:
    """Offered on every screen (but see :meth:`PaletteCommand.is_available`)."""
    return True


@dataclass(frozen=True)
class PaletteCommand:
    """One named command: what it is called, a line of help, when to offer it, what it does.

    ``available`` gets the app and the screen below the palette; ``run`` gets the app and
    imports the screen it opens inside itself. ``shows_no_names`` marks a command that is safe
    to offer while the room can see the screen (the projector view): it shows no names.
    """

    name: str
    help: str
    run: Run
    available: Check = always
    shows_no_names: bool = False

    def is_available(self, app: App[Any], screen: Screen[Any] | None = None) -> bool:
        """Whether to offer it with ``screen`` (default: the one below the palette) showing."""
        if any(isinstance(below, PrivacyScreen) for below in app.screen_stack):
            return False  # behind the privacy screen (even with help over it) nothing is offered
        screen = screen if screen is not None else screen_below_palette(app)
        if room_can_see(screen) and not self.shows_no_names:
            return False
        return bool(self.available(app, screen))


def screen_below_palette(app: App[Any]) -> Screen[Any]:
    """The screen the user was on: the top one, looking past the command palette itself."""
    for screen in reversed(app.screen_stack):
        if not isinstance(screen, CommandPalette):
            return screen
    return app.screen


def room_can_see(screen: Screen[Any]) -> bool:
    """Whether ``screen`` is the live screen's projector view (the room reads it)."""
    return screen.has_class("-projector")


def psw(app: App[Any]) -> PswAppParts:
    """The app, typed for the parts the commands use (store, time, settings)."""
    return cast("PswAppParts", app)


class AreaCommands(Provider):
    """Offers one area's declared :attr:`DECLARED` commands that are available now."""

    DECLARED: ClassVar[tuple[PaletteCommand, ...]] = ()

    def offered(self) -> list[PaletteCommand]:
        """This area's commands available with the palette's calling screen, by name."""
        app, screen = self.app, self.screen
        return sorted((c for c in self.DECLARED if c.is_available(app, screen)), key=lambda c: c.name)

    async def discover(self) -> Hits:
        """Every available command, for the palette before anything is typed."""
        for command in self.offered():
            yield DiscoveryHit(command.name, partial(command.run, self.app), help=command.help)

    async def search(self, query: str) -> Hits:
        """The available commands whose name matches ``query``."""
        matcher = self.matcher(query)
        for command in self.offered():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), partial(command.run, self.app),
                          text=command.name, help=command.help)
