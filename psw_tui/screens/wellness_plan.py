"""The wellness plan (palette: "Wellness plan"): the worker's private WRAP-style plan.

Each save that changes something keeps a new version (ctrl+o lists the older ones); ctrl+r
(or "Export wellness plan" in the palette) exports the saved plan to Markdown or a printable HTML page to share in supervision. This
screen and its versions are the only way the plan leaves the data folder.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static, TextArea

from psw_tui.models.worker import WellnessPlan
from psw_tui.screens.confirm import ConfirmScreen
from psw_tui.screens.form_base import FormBehaviour
from psw_tui.screens.lookback_dialogs import ConfirmDialog, SaveDialog, SaveRequest
from psw_tui.services.wellness import (
    SECTIONS,
    ExportExists,
    current,
    default_name,
    save_plan,
    version_line,
    write_plan,
)
from psw_tui.failures import StoreError
from psw_tui.widgets.form_field import FormField

INTRO = ("Private to you: kept in your data folder (encrypted when the folder is), in no session "
         "export. ctrl+s saves a new version · ctrl+o older versions · ctrl+r export to share in supervision")


def export_plan(app: Any, plan: WellnessPlan, today: date) -> None:
    """Ask where, then write ``plan`` as Markdown (.md) or printable HTML (.html)."""

    def write(path: Path, fmt: str, force: bool) -> None:
        try:
            written = write_plan(plan, path, fmt, force=force)
        except ExportExists:
            app.push_screen(ConfirmScreen(f"{path} already exists. Replace it?", "Replace", "Keep it",
                                          focus_yes=False), lambda yes: write(path, fmt, True) if yes else None)
            return
        except StoreError as error:
            app.notify(str(error), title="Not exported", severity="error", markup=False)
            return
        app.notify(f"Wellness plan (version {plan.version}) written to {written}. Keep it somewhere private.",
                   markup=False)

    def chosen(request: SaveRequest | None) -> None:
        if request is None:
            return
        suffix = request.path.suffix.lower().lstrip(".")
        fmt = {"md": "md", "markdown": "md", "html": "html", "htm": "html"}.get(suffix)
        if fmt is None:
            app.notify("End the file name in .md (Markdown) or .html (printable page).", severity="error")
            return
        write(request.path, fmt, False)

    default = Path.home() / default_name(plan, "html", today)
    app.push_screen(SaveDialog("Export my wellness plan", default,
                               note="To share in supervision: .html prints on A4, .md is Markdown. "
                                    "The file is not encrypted."), chosen)


class WellnessPlanScreen(FormBehaviour[None]):
    """The plan as six sections; Escape leaves (asking first when something is unsaved)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save version", id="wellness.save"),
        Binding("ctrl+o", "versions", "Older versions", id="wellness.versions"),
        Binding("ctrl+r", "export", "Export", id="wellness.export"),
        Binding("escape", "leave", "Back", id="wellness.back"),
    ]
    DISCARD_QUESTION = "Leave without saving your wellness plan?"

    def __init__(self) -> None:
        super().__init__()
        self.plan: WellnessPlan | None = None

    def compose(self) -> ComposeResult:
        try:
            self.plan = current(self.psw.store)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
        yield Header()
        with VerticalScroll(id="wellness-form"):
            yield Static("My wellness plan", classes="title")
            yield Static("", id="wellness-version", classes="hint", markup=False)
            yield Static(INTRO, classes="hint")
            for name, heading, prompt in SECTIONS:
                text = getattr(self.plan, name) if self.plan else ""
                yield FormField(heading, TextArea(text, id=f"wellness-{name}", classes="wellness-section"),
                                hint=prompt, id=f"field-{name}")
        yield Footer()

    def on_mount(self) -> None:
        self._show_version()
        self.query_one(f"#wellness-{SECTIONS[0][0]}", TextArea).focus()

    def _show_version(self) -> None:
        line = version_line(self.plan) if self.plan else "Not saved yet."
        self.query_one("#wellness-version", Static).update(line)

    def sections(self) -> dict[str, str]:
        """What each section holds now."""
        return {name: self.query_one(f"#wellness-{name}", TextArea).text for name, _, _ in SECTIONS}

    def action_save(self) -> None:
        """Keep the plan as a new version (nothing is added when nothing changed)."""
        app: Any = self.app
        try:
            self.plan, added = save_plan(app.store, self.sections(), app.time)
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.remember_state()
        self._show_version()
        if added:
            self.notify(f"Wellness plan saved as version {self.plan.version}; earlier versions are kept.")
        else:
            self.notify("Nothing changed since the saved version.")

    def action_versions(self) -> None:
        """List the saved versions."""
        from psw_tui.screens.wellness_versions import WellnessVersionsScreen  # noqa: PLC0415 - on first use

        self.app.push_screen(WellnessVersionsScreen())

    def action_export(self) -> None:
        """Export the saved plan (after saving what was changed)."""
        if self.changed:
            self.notify("Save first (ctrl+s): the export is made from the saved plan.", severity="warning")
            return
        if self.plan is None:
            self.notify("Nothing saved yet: write your plan and save it (ctrl+s) first.", severity="warning")
            return
        export_plan(self.app, self.plan, self.psw.time.today())

    def action_leave(self) -> None:
        """Leave, asking first when something was typed and not saved."""
        self.action_cancel()

    def discard_question(self) -> ConfirmDialog:
        """Leaving with unsaved changes asks first, with Cancel focused."""
        return ConfirmDialog(self.DISCARD_QUESTION, yes="Leave")

