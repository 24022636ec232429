"""For supervision: the debriefs and in-session reflections you marked to bring to your next
supervision session, newest first; `x` exports them to Markdown."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from psw_tui.screens.base import PswScreen
from psw_tui.screens.lookback_dialogs import SaveDialog, SaveRequest
from psw_tui.services.for_supervision import supervision_items, supervision_markdown, write_supervision_list
from psw_tui.failures import StoreError


class ForSupervisionScreen(PswScreen, Screen[None]):
    """The private list; never part of any session export."""

    BINDINGS = [
        Binding("x", "export", "Export to Markdown", id="supervision_list.export"),
        Binding("escape", "app.pop_screen", "Back", id="supervision_list.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("For supervision · private to you, in no session export", classes="title")
        with VerticalScroll(id="supervision-list"):
            yield Static("", id="supervision-items", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        try:
            items = supervision_items(self.psw.store)
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            items = []
        text = supervision_markdown(items).split("\n", 4)[-1]  # the list without its heading
        if not items:
            text = ("Nothing is marked yet. In a session's debrief, tick \"Bring this debrief to "
                    "supervision\"; an r: reflection is marked from its edit dialog (Enter on it).")
        self.query_one("#supervision-items", Static).update(text)
        self.query_one("#supervision-list").focus()

    def action_export(self) -> None:
        """Write the list to a Markdown file you choose."""

        def chosen(request: SaveRequest | None) -> None:
            if request is None:
                return
            try:
                count = write_supervision_list(self.psw.store, request.path)
            except StoreError as error:
                self.app.notify(str(error), severity="error", markup=False)
                return
            self.app.notify(f"Exported {count} item{'s' if count != 1 else ''} to {request.path}", markup=False)

        self.app.push_screen(
            SaveDialog("Export For supervision to Markdown", Path.home() / "for-supervision.md",
                       note="For your next supervision session. Keep the file somewhere private."),
            chosen,
        )

