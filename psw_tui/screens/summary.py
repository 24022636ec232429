"""The summary preview: the internal record, one key away the shareable summary, and export.

:class:`SummaryPreview` is the reusable part (the close-session flow shows it as its last step);
:class:`SummaryScreen` shows it on its own for any session, read-only.
"""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from psw_tui.services.exports import ExportFormat, export_session
from psw_tui.services.exports.select import ended_sessions
from psw_tui.failures import StoreError
from psw_tui.screens.base import PswScreen, psw_app

MODE_WORDS = {
    False: "Internal record: names included, for the team's records only. "
    "Press s for the shareable summary.",
    True: "Shareable summary: no names{replaced}, attendance as a count, no concerns. "
    "Press s for the internal record.",
}


def mode_words(shareable: bool, names_replaced: int = 0) -> str:
    """The line above the preview; the shareable one says how many names were replaced."""
    if not shareable:
        return MODE_WORDS[False]
    replaced = f" ({names_replaced} replaced with [name])" if names_replaced else ""
    return MODE_WORDS[True].format(replaced=replaced)


class SummaryPreview(Vertical):
    """A session's summary rendered as Markdown, internal or shareable."""

    def __init__(self, session_id: UUID, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="summary-preview")
        self.session_id = session_id
        self.shareable = False

    def compose(self) -> ComposeResult:
        yield Static(mode_words(False), id="summary-mode", classes="summary-mode", markup=False)
        with VerticalScroll(id="summary-scroll"):
            yield Markdown(id="summary-markdown", open_links=False)

    def on_mount(self) -> None:
        self.refresh_summary()

    def refresh_summary(self) -> None:
        """Render the summary again (after the register or notes changed)."""
        mode = self.query_one("#summary-mode", Static)
        mode.update(mode_words(self.shareable))
        mode.set_class(self.shareable, "-shareable")
        try:
            export = export_session(
                psw_app(self).store, self.session_id, ExportFormat.MD,
                shareable=self.shareable,
            )
        except StoreError as error:
            self.app.notify(str(error), severity="error", title="Cannot show the summary", markup=False)
            return
        mode.update(mode_words(self.shareable, export.names_replaced))
        self.query_one("#summary-markdown", Markdown).update(export.text)

    def toggle(self) -> None:
        """Switch between the internal record and the shareable summary."""
        self.shareable = not self.shareable
        self.refresh_summary()
        self.query_one("#summary-scroll").scroll_home(animate=False)

    def export(self) -> None:
        """Open the export dialog for this session (shareable if that is showing)."""
        from psw_tui.screens.export_dialog import ExportDialog

        def written(path: Path | None) -> None:
            if path is not None:
                self.app.notify(f"Exported to {path}", title="Export saved", markup=False)

        self.app.push_screen(ExportDialog(self.session_id, shareable=self.shareable), written)


class SummaryScreen(Screen[None]):
    """A session's summary on its own (read-only): toggle internal/shareable, export."""

    BINDINGS = [
        Binding("s", "toggle_shareable", "Internal / shareable", id="summary.toggle"),
        Binding("e", "export", "Export", id="summary.export"),
        Binding("escape", "close", "Close", id="summary.close"),
    ]

    def __init__(self, session_id: UUID, *, export_now: bool = False) -> None:
        super().__init__()
        self.session_id = session_id
        self._export_now = export_now

    def compose(self) -> ComposeResult:
        yield Header()
        yield SummaryPreview(self.session_id, id="summary-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#summary-scroll").focus()
        if self._export_now:
            self.call_after_refresh(self.action_export)

    @property
    def preview(self) -> SummaryPreview:
        """The preview widget."""
        return self.query_one(SummaryPreview)

    def action_toggle_shareable(self) -> None:
        """Show the other summary."""
        self.preview.toggle()

    def action_export(self) -> None:
        """Export this session."""
        self.preview.export()

    def action_close(self) -> None:
        """Back to where the summary was opened from."""
        self.dismiss(None)


class SessionPicker(PswScreen, ModalScreen[UUID | None]):
    """Choose an ended session, newest first."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="picker.cancel")]

    def __init__(self, title: str) -> None:
        super().__init__()
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(self._title, classes="title", markup=False)
            options = [
                Option(f"{h.date:%a} {h.date.day} {h.date:%b %Y}  {name}: {h.title}", id=str(h.id))
                for h, name in ended_sessions(self.psw.store)
            ]
            yield OptionList(*options, id="picker-sessions", markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(UUID(event.option.id))

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)

