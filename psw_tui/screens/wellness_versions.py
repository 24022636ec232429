"""The saved versions of the wellness plan: a list, and any version read again (read-only)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Markdown, Static

from psw_tui.models.worker import WELLNESS_FIELDS, WellnessPlan
from psw_tui.screens.wellness_plan import export_plan
from psw_tui.services.wellness import to_markdown, version_line, versions
from psw_tui.failures import StoreError
from psw_tui.screens.base import PswScreen


class WellnessVersionsScreen(PswScreen, Screen[None]):
    """Every saved version, newest first; Enter reads one."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="wellness_versions.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.versions: list[WellnessPlan] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="wellness-versions"):
            yield Static("Wellness plan: saved versions", classes="title")
            yield Static("Enter reads a version (x there exports it). Earlier versions are kept until a "
                         "prune removes those older than its date; the newest is always kept.", classes="hint")
            yield DataTable(id="wellness-versions-list", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#wellness-versions-list", DataTable)
        table.add_columns("Version", "Saved", "Sections filled in")
        try:
            self.versions = list(reversed(versions(self.psw.store)))
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
        for plan in self.versions:
            saved = plan.saved_at.astimezone()
            filled = sum(bool(getattr(plan, name).strip()) for name in WELLNESS_FIELDS)
            table.add_row(str(plan.version), f"{saved.day} {saved:%b %Y %H:%M}", f"{filled} of {len(WELLNESS_FIELDS)}",
                          key=str(plan.id))
        table.focus()

    @on(DataTable.RowSelected, "#wellness-versions-list")
    def open_version(self) -> None:
        """Read the highlighted version."""
        table = self.query_one("#wellness-versions-list", DataTable)
        if self.versions and table.cursor_row >= 0:
            self.app.push_screen(WellnessVersionScreen(self.versions[table.cursor_row]))


class WellnessVersionScreen(Screen[None]):
    """One saved version, read-only; x exports it."""

    BINDINGS = [
        Binding("x", "export", "Export", id="wellness_version.export"),
        Binding("escape", "app.pop_screen", "Back", id="wellness_version.back"),
    ]

    def __init__(self, plan: WellnessPlan) -> None:
        super().__init__()
        self.plan = plan

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="wellness-version-view"):
            yield Static(version_line(self.plan) + " (read-only)", classes="title", markup=False)
            yield Markdown(to_markdown(self.plan), id="wellness-version-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#wellness-version-view").focus()

    def action_export(self) -> None:
        """Export this version."""
        app: Any = self.app
        export_plan(app, self.plan, app.time.today())
