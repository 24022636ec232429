"""Where typed text goes when the widget it reached is not the one that types.

The live screen has one place for text, the note line. A printable key that reaches another
widget (the register outside its own keys, the notes list) is handed to the note line, and a
key that arrives at a widget after focus has already moved on follows the focus: in a room,
text typed fast is never acted on as a command by the wrong widget.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget


def is_text(event: events.Key) -> bool:
    """Whether the key types a character (letters, digits, space, punctuation)."""
    return event.is_printable and event.character is not None


def follow_focus(widget: Widget, event: events.Key) -> bool:
    """Send a key that reached ``widget`` after it lost the focus to the widget that has it
    now. True when the key was sent on (the caller then ignores it)."""
    if widget.has_focus:
        return False
    focused = widget.app.focused
    if focused is None or focused is widget or focused.screen is not widget.screen:
        return False
    event.stop()
    event.prevent_default()
    focused._forward_event(events.Key(event.key, event.character))
    return True


def hand_to(target: Widget, event: events.Key) -> None:
    """Focus ``target`` and give it this key, as if it had been typed there."""
    event.stop()
    event.prevent_default()
    target.screen.set_focus(target, scroll_visible=False)  # at once: the next key follows it
    target._forward_event(events.Key(event.key, event.character))
