"""The register pane of the live screen: head count, the marking banner and the table."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from psw_tui.services.live import RegisterRow
from psw_tui.widgets.register_table import RegisterTable

MARKING_BANNER = "Marking: Space cycles · 1-5 set · Esc back"


class RegisterPane(Vertical):
    """Shows who is here; F7 puts it in marking mode, with a banner saying so."""

    def __init__(self, *, home: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._home = home

    def compose(self) -> ComposeResult:
        yield Static("", classes="pane-title", id="register-title")
        yield Static(MARKING_BANNER, id="register-banner")
        yield RegisterTable(home=self._home, id="register")

    @property
    def table(self) -> RegisterTable:
        """The register table."""
        return self.query_one(RegisterTable)

    @property
    def marking(self) -> bool:
        """Whether register keys act now (the table has the focus)."""
        return self.table.has_focus

    def show(self, rows: list[RegisterRow], here: int) -> None:
        """Redraw the rows and the head count."""
        self.table.show(rows)
        unmarked = sum(1 for row in rows if row.entry.status is None)
        title = f"{here} here" + (f" · {unmarked} to mark" if unmarked else "")
        widget = self.query_one("#register-title", Static)
        if str(widget.content) != title:
            widget.update(title)

    def start_marking(self) -> None:
        """Enter marking mode."""
        self.table.start_marking()

    def stop_marking(self) -> None:
        """Leave marking mode (the caller moves the focus)."""
        self.table.stop_marking()

    def on_descendant_focus(self) -> None:
        self.add_class("-marking")

    def on_descendant_blur(self) -> None:
        self.remove_class("-marking")
        self.table.stop_marking()
