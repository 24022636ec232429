"""The live screen's keys: one binding per key, each with a stable id (a user keymap can
rebind them), all priority so they work while a note is being typed."""

from __future__ import annotations

from textual.binding import Binding

# Actions that would show names or notes: not offered while the projector view is up.
PRIVATE_ACTIONS = frozenset(
    {"register", "walk_in", "concern", "add_action", "rebalance", "back_to_notes", "review_actions", "scale"}
)
# Actions of a running session; a round's keys work in the projector view too (it shows the
# speaker's time, never a name).
CLOCK_ACTIONS = frozenset(
    {"toggle_pause", "previous_segment", "next_segment", "less_time", "more_time", "rebalance",
     "pause", "resume", "round", "speaker"}
)


def _keys(action: str, description: str, keys: list[str], name: str, show: bool = True) -> list[Binding]:
    """One binding per key (the first shown in the footer), each with a stable id."""
    return [
        Binding(key, action, description, show=show and i == 0, priority=True,
                id=f"live.{name}" if i == 0 else f"live.{name}_alt")
        for i, key in enumerate(keys)
    ]


LIVE_BINDINGS = [
    *_keys("toggle_pause", "Pause/Resume", ["f2", "ctrl+t"], "pause"),
    *_keys("previous_segment", "Previous segment", ["f3", "ctrl+b"], "previous", show=False),
    *_keys("next_segment", "Next", ["f4", "ctrl+n"], "next"),
    *_keys("less_time", "Take a minute off", ["f5", "ctrl+down"], "less", show=False),
    *_keys("more_time", "Add a minute", ["f6", "ctrl+up"], "more", show=False),
    *_keys("register", "Register", ["f7", "ctrl+r"], "register"),
    *_keys("walk_in", "Add walk-in", ["f8", "ctrl+g"], "walk_in", show=False),
    *_keys("concern", "Concern", ["f9"], "concern"),
    *_keys("rebalance", "Rebalance agenda", ["f10"], "rebalance", show=False),
    *_keys("add_action", "Add action", ["ctrl+o"], "action", show=False),
    *_keys("projector", "Projector view", ["f11", "ctrl+f"], "projector", show=False),
    *_keys("next_prompt", "Next prompt", ["pagedown"], "next_prompt", show=False),
    *_keys("previous_prompt", "Previous prompt", ["pageup"], "previous_prompt", show=False),
    *_keys("review_actions", "Review carried actions", ["ctrl+y"], "review_actions", show=False),
    *_keys("round", "Start or end a round", ["ctrl+s"], "round", show=False),
    *_keys("speaker('next')", "Next speaker", ["alt+right", "shift+f4"], "next_speaker", show=False),
    *_keys("speaker('pass')", "Pass", ["alt+down", "shift+f5"], "pass", show=False),
    *_keys("speaker('back')", "Previous speaker", ["alt+left", "shift+f3"], "speaker_back", show=False),
    Binding("escape", "back_to_notes", "Note line", show=False, id="live.note_line"),
]
