"""Command palette entries of the live session, under the plain names of issue 3."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.actions import parse

from psw_tui.commands import palette_command, screen_below_palette
from psw_tui.screens.live import LiveScreen
from psw_tui.widgets.round_bar import RoundKeeper


def _live(app: Any) -> LiveScreen | None:
    """The live screen if it is the one showing (the palette may sit above it)."""
    screen = screen_below_palette(app)
    return screen if isinstance(screen, LiveScreen) else None


def _live_action(
    name: str, help_text: str, action: str, paused: bool | None = None,
    when: Callable[[LiveScreen], bool] | None = None,
) -> None:
    """Offer ``action`` (an action string, e.g. ``speaker('next')``) of the live screen."""
    _, action_name, parameters = parse(action)

    def available(app: Any) -> bool:
        screen = _live(app)
        if screen is None or not screen.check_action(action_name, parameters):
            return False
        if when is not None and not when(screen):
            return False
        return paused is None or screen.live.paused is paused  # type: ignore[union-attr]

    def run(app: Any) -> None:
        screen = _live(app)
        if screen is not None:
            app.call_later(screen.run_action, action)

    palette_command(name, help_text, available=available)(run)


def _in_round(screen: LiveScreen) -> bool:
    return screen.query_one(RoundKeeper).round is not None


_live_action("Pause timer", "Pause the segment clock", "pause", paused=False)
_live_action("Resume timer", "Resume the segment clock", "resume", paused=True)
_live_action("Next segment", "Close this segment and start the next", "next_segment")
_live_action("Previous segment", "Go back a segment (its time carries on)", "previous_segment")
_live_action("Add a minute", "Give this segment one more minute", "more_time")
_live_action("Take a minute off", "Give this segment one minute less", "less_time")
_live_action("Rebalance agenda", "Shorten or drop remaining segments to get back on time", "rebalance")
_live_action("Mark attendance", "Go to the register (Space cycles a status)", "register")
_live_action("Add walk-in", "Add a walk-in or guest to the register", "walk_in")
_live_action("Add action", "An action with an optional owner and due date", "add_action")
_live_action("Record concern", "Record a concern: what was done, escalated to whom", "concern")
_live_action("Projector view", "Show only the clock, segment and prompt", "projector")
_live_action("End session", "Stop the clock, then debrief and summary", "end_session")
_live_action("Add note", "Go to the note line", "back_to_notes")
_live_action("Review carried actions", "Open actions from earlier sessions: done, keep, drop (ctrl+y)",
             "review_actions")
_live_action("Start round", "A turn-taking pass through the people present (ctrl+s)", "round",
             when=lambda screen: not _in_round(screen))
_live_action("Start round (shuffled)", "A round through the people present in a shuffled order",
             "round(True)", when=lambda screen: not _in_round(screen))
_live_action("Next speaker", "The speaker has spoken: on to the next (alt+right)", "speaker('next')",
             when=_in_round)
_live_action("Pass", "The speaker passes, always fine: on to the next (alt+down)", "speaker('pass')",
             when=_in_round)
_live_action("Previous speaker", "Back to the previous speaker (alt+left)", "speaker('back')", when=_in_round)
_live_action("End round", "End the round: only the counts are kept (ctrl+s)", "round", when=_in_round)
_live_action("Arrival scale", "Tally how people arrive, stormy to calm: 1-5 per answer", "scale('arrival')")
_live_action("Leaving scale", "Tally how people leave, stormy to calm: 1-5 per answer", "scale('leaving')")
_live_action("Next prompt", "Show the segment's next prompt (PgDn)", "next_prompt")
_live_action("Previous prompt", "Show the segment's previous prompt (PgUp)", "previous_prompt")


@palette_command("Privacy screen", "Blank the screen to a neutral view (same key returns)")
def _privacy(app: Any) -> None:
    app.action_privacy()
