"""The live session's commands, under the plain names of issue 3.

Each runs one of the live screen's actions, the same one its key runs (``run_action``), and is
offered only when the live screen is below the palette and that action is possible there
(:meth:`LiveScreen.check_action`). Those marked ``names=False`` show no names and so are
offered in the projector view too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.actions import parse

from psw_tui.palette.command import AreaCommands, PaletteCommand, screen_below_palette

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from psw_tui.screens.live import LiveScreen


def live_below(screen: Screen[Any]) -> LiveScreen | None:
    """``screen`` as the live screen, or None when it is another one."""
    from psw_tui.screens.live import LiveScreen

    return screen if isinstance(screen, LiveScreen) else None


def in_round(screen: LiveScreen) -> bool:
    """Whether a round of speakers is going."""
    from psw_tui.widgets.round_bar import RoundKeeper

    return screen.query_one(RoundKeeper).round is not None


def not_in_round(screen: LiveScreen) -> bool:
    """Whether no round of speakers is going."""
    return not in_round(screen)


def live_command(
    name: str, help_text: str, action: str, *, paused: bool | None = None,
    when: Callable[[LiveScreen], bool] | None = None, names: bool = True,
) -> PaletteCommand:
    """The command ``name`` that runs the live screen's ``action`` (e.g. ``speaker('next')``)."""
    _, action_name, parameters = parse(action)

    def available(app: App[Any], screen: Screen[Any]) -> bool:
        live = live_below(screen)
        if live is None or not live.check_action(action_name, parameters):
            return False
        if when is not None and not when(live):
            return False
        return paused is None or (live.live is not None and live.live.paused is paused)

    def run(app: App[Any]) -> None:
        live = live_below(screen_below_palette(app))
        if live is not None:
            app.call_later(live.run_action, action)

    return PaletteCommand(name, help_text, run, available, shows_no_names=not names)


class LiveCommands(AreaCommands):
    """The clock, the agenda, the register, rounds and scales of the session running."""

    DECLARED = (
        live_command("Pause timer", "Pause the segment clock", "pause", paused=False, names=False),
        live_command("Resume timer", "Resume the segment clock", "resume", paused=True, names=False),
        live_command("Next segment", "Close this segment and start the next", "next_segment", names=False),
        live_command("Previous segment", "Go back a segment (its time carries on)", "previous_segment",
                     names=False),
        live_command("Add a minute", "Give this segment one more minute", "more_time", names=False),
        live_command("Take a minute off", "Give this segment one minute less", "less_time", names=False),
        live_command("Rebalance agenda", "Shorten or drop remaining segments to get back on time", "rebalance"),
        live_command("Mark attendance", "Go to the register (Space cycles a status)", "register"),
        live_command("Add walk-in", "Add a walk-in or guest to the register", "walk_in"),
        live_command("Add action", "An action with an optional owner and due date", "add_action"),
        live_command("Record concern", "Record a concern: what was done, escalated to whom", "concern"),
        live_command("Projector view", "Show only the clock, segment and prompt", "projector"),
        live_command("End session", "Stop the clock, then debrief and summary", "end_session"),
        live_command("Add note", "Go to the note line", "back_to_notes"),
        live_command("Review carried actions", "Open actions from earlier sessions: done, keep, drop (ctrl+y)",
                     "review_actions"),
        live_command("Start round", "A turn-taking pass through the people present (ctrl+s)", "round",
                     when=not_in_round, names=False),
        live_command("Start round (shuffled)", "A round through the people present in a shuffled order",
                     "round(True)", when=not_in_round, names=False),
        live_command("Next speaker", "The speaker has spoken: on to the next (alt+right)", "speaker('next')",
                     when=in_round, names=False),
        live_command("Pass", "The speaker passes, always fine: on to the next (alt+down)", "speaker('pass')",
                     when=in_round, names=False),
        live_command("Previous speaker", "Back to the previous speaker (alt+left)", "speaker('back')",
                     when=in_round, names=False),
        live_command("End round", "End the round: only the counts are kept (ctrl+s)", "round",
                     when=in_round, names=False),
        live_command("Arrival scale", "Tally how people arrive, stormy to calm: 1-5 per answer", "scale('arrival')"),
        live_command("Leaving scale", "Tally how people leave, stormy to calm: 1-5 per answer", "scale('leaving')"),
        live_command("Next prompt", "Show the segment's next prompt (PgDn)", "next_prompt", names=False),
        live_command("Previous prompt", "Show the segment's previous prompt (PgUp)", "previous_prompt",
                     names=False),
    )
