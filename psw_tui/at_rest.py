"""Background work that waits for the user: start-up's preloads yield to the keys.

The home screen's counts and the preload of screen modules are Python work in threads, and
Python runs one thread at a time (the GIL): started while a key is being handled, they take
turns with it and with the thread that writes frames to the terminal, so a key typed ahead
at start (ctrl+p while psw-tui opens) was drawn two to three times later than in a bare
Textual app. A worker calls :func:`wait_until_at_rest` before each step of such work; the
step starts once every key typed so far has been handled (the screens it opened done with
their own work on the event loop), its effect written out, and no key has come for
:data:`QUIET_SECONDS`.
"""

from __future__ import annotations

import time
import weakref
from typing import Any

from textual.app import App
from textual.worker import get_current_worker

QUIET_SECONDS = 0.15
POLL_SECONDS = 0.02
# Work that waits on a user who keeps typing still runs in the end (the counts on home).
MAX_WAIT_SECONDS = 3.0

_last_input: weakref.WeakKeyDictionary[Any, float] = weakref.WeakKeyDictionary()


def note_input(app: Any) -> None:
    """Record that a key (or click) reached ``app`` now."""
    _last_input[app] = time.monotonic()


def at_rest(app: Any) -> bool:
    """Whether ``app`` has handled every key so far, written its frames out, and seen no key
    for :data:`QUIET_SECONDS`."""
    if time.monotonic() - _last_input.get(app, 0.0) < QUIET_SECONDS:
        return False
    settled = getattr(app, "_settled", None)  # the ordered key flow (psw_tui.keyflow)
    if getattr(app, "_held_keys", None) or (settled is not None and not settled()):
        return False
    if _async_work_running(app):
        return False
    writer = getattr(getattr(app, "_driver", None), "_writer_thread", None)
    return writer is None or writer._queue.empty()


def _async_work_running(app: Any) -> bool:
    """Whether a worker on the event loop is still busy (the palette gathering its commands
    after ctrl+p draws the rest of what the key asked for)."""
    try:
        workers = list(app.workers._workers)
    except RuntimeError:  # the set changed while it was copied: something is starting
        return True
    return any(not worker._thread_worker and not worker.is_finished for worker in workers)


def wait_until_at_rest() -> bool:
    """In a thread worker: block until its app is at rest (at most :data:`MAX_WAIT_SECONDS`).
    False when the worker was cancelled meanwhile (the app is closing): skip the work."""
    worker = get_current_worker()
    app = worker.node if isinstance(worker.node, App) else worker.node.app
    deadline = time.monotonic() + MAX_WAIT_SECONDS
    while not worker.is_cancelled and not at_rest(app) and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)  # sleeping lets the event loop have the interpreter
    return not worker.is_cancelled
