"""Keys reach the screen they were typed for, in the order they were typed.

Textual hands each key to the focused widget the moment it arrives, so in a burst (a fast
typist on a busy laptop) the next key is handed out before the last one has done its work.
If that work opens a screen (ctrl+p, Enter on "Begin session", a dialog), the keys typed
after it went to the screen underneath: text meant for the palette landed in the note line.

This app mixin makes key handling sequential: a key is handed out only once the one before
it has been handled all the way (the widget, its parents, the messages they posted, the
screens on the stack) and the top screen is mounted with its focus set. Keys that arrive
meanwhile wait, in order. A key that was handed to a screen which is no longer on top when
it comes back for its binding runs that widget's own bindings, never the new screen's.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from weakref import WeakKeyDictionary
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.message_pump import MessagePump
    from textual.timer import Timer
    from textual.widget import Widget

# A screen or widget that never settles (a bug, a frozen mount) must not swallow keys for good.
HOLD_LIMIT_SECONDS = 3.0
POLL_SECONDS = 0.002
_REMEMBERED_TARGETS = 256


def _busy(pump: MessagePump) -> bool:
    """Whether ``pump`` still has messages waiting to be handled."""
    return bool(pump._message_queue.qsize()) or pump._pending_message is not None


class OrderedKeys:
    """App mixin: one key at a time, each to the screen that is ready for it."""

    def _init_keyflow(self) -> None:
        self._held_keys: deque[events.Key] = deque()
        self._hold_timer: Timer | None = None
        self._held_since = 0.0
        self._in_flight: list[MessagePump] = []
        self._key_targets: OrderedDict[int, Widget] = OrderedDict()
        self._keys_to: WeakKeyDictionary[Any, int] = WeakKeyDictionary()

    def keys_handed_to(self, screen: Any) -> int:
        """How many keys have been handed to ``screen`` so far (a form that was typed into
        while it opened must not take that text as its starting state)."""
        return self._keys_to.get(screen, 0)

    def _screen_ready(self) -> bool:
        """Whether the top screen is mounted and resumed, so its focus is set."""
        app: Any = self
        screen = app.screen
        return bool(screen.is_mounted and screen.stack_updates % 2 == 1)

    def _settled(self) -> bool:
        """Whether the last key handed out is done with, and nothing it started is pending."""
        app: Any = self
        pumps = [*self._in_flight, *app.screen_stack]
        return not any(_busy(pump) for pump in pumps) and not _busy(app) and self._screen_ready()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._held_keys or not self._settled():
                self._hold(event)
                return
            await self._hand_out(event)
            return
        await super().on_event(event)  # type: ignore[misc]

    async def _hand_out(self, event: events.Key) -> None:
        app: Any = self
        target = app.focused or app.screen
        self._key_targets[id(event)] = target
        while len(self._key_targets) > _REMEMBERED_TARGETS:
            self._key_targets.popitem(last=False)
        self._in_flight = list(target.ancestors_with_self)
        self._keys_to[app.screen] = self._keys_to.get(app.screen, 0) + 1
        await super().on_event(event)  # type: ignore[misc]

    def _hold(self, event: events.Key) -> None:
        app: Any = self
        if not self._held_keys:
            self._held_since = time.monotonic()
        self._held_keys.append(event)
        if self._hold_timer is None:
            self._hold_timer = app.set_interval(POLL_SECONDS, self._release_keys)

    async def _release_keys(self) -> None:
        """Hand out the next held key once everything has settled."""
        if self._held_keys:
            overdue = time.monotonic() - self._held_since >= HOLD_LIMIT_SECONDS
            if not overdue and not self._settled():
                return
            self._held_since = time.monotonic()  # the next key gets its own wait
            await self._hand_out(self._held_keys.popleft())
        if not self._held_keys and self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls the ``_on_key`` of every class in the app's MRO: this one runs first
        # and, when it handles the key, prevents the App's own from running too.
        app: Any = self
        target = self._key_targets.pop(id(event), None)
        if target is None:
            return
        if not target.is_attached:  # its widget is gone (a palette closed): drop the key
            event.prevent_default()
            return
        if target.screen is app.screen:
            return
        event.prevent_default()  # typed for a screen no longer on top: its bindings, or nothing
        if target.is_attached:
            for node in target.ancestors_with_self:
                for binding in node._bindings.key_to_bindings.get(event.key, ()):
                    if not binding.priority and await app.run_action(binding.action, node):
                        return
