"""Starting or resuming a session: the group agreement first, then the live screen."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psw_tui.models import SessionStatus
from psw_tui.screens.live import LiveScreen
from psw_tui.screens.live_dialogs import AgreementScreen
from psw_tui.services.start import session_for_now
from psw_tui.failures import StoreError
from psw_tui.services import records


def open_session(app: Any, group_id: UUID, session_id: UUID | None) -> None:
    """Resume a running session, or show the agreement and start a planned one (or, with no
    ``session_id``, a new one for now from the group's default template). Nothing is created
    until the facilitator chooses "Begin session"."""
    store = app.store
    header = records.header(store, session_id) if session_id is not None else None
    if header is not None and header.status is SessionStatus.RUNNING:
        app.push_screen(LiveScreen(header.id))
        return
    if header is not None and header.status is not SessionStatus.PLANNED:
        app.notify("That session has already ended; its record is in Past sessions.", severity="warning")
        return
    if header is not None and header.date != app.time.today():
        app.notify(
            f"That session is planned for {header.date:%a} {header.date.day} {header.date:%b}. "
            "To run one now, choose its group below and press s.",
            severity="warning",
        )
        return
    group = records.group(store, group_id)
    if group is None:
        app.notify("That group is no longer there.", severity="error")
        return
    # The live screen is built underneath while the agreement is read (the agreement covers
    # it whole), so "Begin session" shows the running clock at once.
    live = LiveScreen(header.id if header is not None else None, wait_for_begin=True)

    def chosen(begin: bool | None) -> None:
        if not begin:
            app.pop_screen()  # the prepared live screen: nothing was started or saved
            return
        try:
            target = header.id if header is not None else session_for_now(store, group.id, app.time).id
        except StoreError as error:
            app.pop_screen()
            app.notify(str(error), severity="error", title="Not started")
            return
        live.begin(target)

    app.push_screen(live)
    app.push_screen(AgreementScreen(group.name, group.agreement), chosen)
