"""Leak-free failures for the app.

Textual's default handler for an unexpected error prints a traceback *with local variables*
into the terminal when the app exits: that could put a member's name or a note into the
scrollback. :class:`LeakFreeErrors` replaces it: the error is written to a crash report
(types and file:line:function only, see :mod:`psw_tui.storage.crash_reports`) and the
terminal shows one short line.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from psw_tui.storage.crash_reports import short_message, write_crash_report


class LeakFreeErrors:
    """Mix into the App (before ``App``) to replace its unhandled-exception output."""

    crash_report: Any = None

    def _handle_exception(self, error: Exception) -> None:
        app: Any = self
        app._return_code = 1
        if app._exception is None:
            # Pilot tests re-raise the first error; the terminal never sees it.
            app._exception = error
            app._exception_event.set()
        if self.crash_report is None:
            self.crash_report = write_crash_report(error)
            app.panic(Text(short_message(error, self.crash_report)))
        else:
            app._close_messages_no_wait()

    def _fatal_error(self) -> None:
        app: Any = self
        error = app._exception or RuntimeError()
        self._handle_exception(error)
