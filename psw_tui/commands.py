"""The command palette's psw-tui commands, with the plain names PRODUCT.md uses.

Screens register what they offer with :func:`palette_command`; the app's provider lists
every registered command whose ``available`` check passes for the current screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

AppAction = Callable[["App[Any]"], Any]


@dataclass(frozen=True)
class PaletteCommand:
    """One named command: what it is called, a line of help, and what it does."""

    name: str
    help: str
    run: AppAction
    available: Callable[["App[Any]"], bool] | None = None

    def is_available(self, app: App[Any]) -> bool:
        """Whether to offer it now (e.g. "Pause clock" only during a live session)."""
        return self.available is None or bool(self.available(app))


COMMANDS: dict[str, PaletteCommand] = {}


def screen_below_palette(app: App[Any]) -> Screen[Any]:
    """The screen the user was on: the top one, looking past the command palette itself."""
    for screen in reversed(app.screen_stack):
        if not isinstance(screen, CommandPalette):
            return screen
    return app.screen


def palette_command(
    name: str, help: str, *, available: Callable[["App[Any]"], bool] | None = None
) -> Callable[[AppAction], AppAction]:
    """Register ``function(app)`` as the palette command ``name``."""

    def register(function: AppAction) -> AppAction:
        COMMANDS[name] = PaletteCommand(name, help, function, available)
        return function

    return register


class PswCommands(Provider):
    """Offers every registered psw-tui command that is available now."""

    def _offered(self) -> list[PaletteCommand]:
        app = self.app
        return sorted(
            (command for command in COMMANDS.values() if command.is_available(app)),
            key=lambda command: command.name,
        )

    async def discover(self) -> Hits:
        for command in self._offered():
            yield DiscoveryHit(command.name, partial(command.run, self.app), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._offered():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.name),
                    partial(command.run, self.app),
                    text=command.name,
                    help=command.help,
                )
