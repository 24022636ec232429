"""Keys reach the screen they were typed for, in the order they were typed.

Textual hands each key to the focused widget as it arrives. Two things can then go wrong in
a live room on a busy laptop, and this app mixin stops both:

* A key typed right after one that opens a screen (ctrl+p, F7's dialogs, Begin session)
  arrives before that screen is mounted and focused, and is lost or lands on the screen
  underneath. Keys are held while the top screen is not ready yet, and replayed to it in
  order as soon as it is.
* A key already handed to a widget (Enter on the note line) comes back to the app for its
  binding after a priority key (F12) has changed the screen, and is looked up on the new
  screen instead. Such a key is now run against the bindings of the widget it was typed
  into, and never acts on a screen it was not typed for.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widget import Widget

# A screen that is never ready (a bug, a frozen mount) must not swallow keys for good.
HOLD_LIMIT_SECONDS = 3.0
POLL_SECONDS = 0.005
_REMEMBERED_TARGETS = 256


class OrderedKeys:
    """App mixin: hold keys while a screen opens; bind a key to the widget it was typed into."""

    def _init_keyflow(self) -> None:
        self._held_keys: deque[events.Key] = deque()
        self._hold_timer: Timer | None = None
        self._held_since = 0.0
        self._key_targets: OrderedDict[int, Widget] = OrderedDict()

    def _screen_ready(self) -> bool:
        """Whether the top screen is mounted and resumed (its focus set): a screen's resume
        count is odd while it is the current one."""
        app: Any = self
        screen = app.screen
        return bool(screen.is_mounted and screen.stack_updates % 2 == 1)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._held_keys or not self._screen_ready():
                self._hold(event)
                return
            self._remember_target(event)
        await super().on_event(event)  # type: ignore[misc]

    def _remember_target(self, event: events.Key) -> None:
        app: Any = self
        self._key_targets[id(event)] = app.focused or app.screen
        while len(self._key_targets) > _REMEMBERED_TARGETS:
            self._key_targets.popitem(last=False)

    def _hold(self, event: events.Key) -> None:
        app: Any = self
        if not self._held_keys:
            self._held_since = time.monotonic()
        self._held_keys.append(event)
        if self._hold_timer is None:
            self._hold_timer = app.set_interval(POLL_SECONDS, self._release_keys)

    async def _release_keys(self) -> None:
        """Replay held keys, one at a time, while the top screen is ready for them."""
        while self._held_keys:
            if not self._screen_ready() and time.monotonic() - self._held_since < HOLD_LIMIT_SECONDS:
                return
            event = self._held_keys.popleft()
            self._remember_target(event)
            self._held_since = time.monotonic()  # the next key gets its own wait
            await super().on_event(event)  # type: ignore[misc]
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls the ``_on_key`` of every class in the app's MRO: this one runs first
        # and, when it handles the key, prevents the App's own from running too.
        app: Any = self
        target = self._key_targets.pop(id(event), None)
        if target is None or target.screen is app.screen:
            return
        event.prevent_default()  # typed for a screen no longer on top: its bindings, or nothing
        if target.is_attached:
            for node in target.ancestors_with_self:
                for binding in node._bindings.key_to_bindings.get(event.key, ()):
                    if not binding.priority and await app.run_action(binding.action, node):
                        return
