"""The settings screen: the settings file, edited in a form (palette: "Settings")."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Button, Input, Select, Static, Switch, TextArea

from psw_tui.appearance import apply_settings
from psw_tui.keymap import keymap_checker
from psw_tui.screens.form_base import FormScreen
from psw_tui.services import preferences
from psw_tui.services.forms import FormError
from psw_tui.services.preferences import THEME_LABELS, SettingsInput, form_of, settings_from
from psw_tui.failures import StoreError
from psw_tui.widgets.form_field import FormField, show_errors


def known_bindings(app: Any) -> dict[str, str]:
    """Every psw-tui binding id with what it does (app, screens and widgets)."""
    found: dict[str, str] = {}
    pending: list[type] = [type(app), DOMNode]
    seen: set[type] = set()
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.add(cls)
        pending.extend(cls.__subclasses__())
        if not cls.__module__.startswith("psw_tui"):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id:
                found.setdefault(binding.id, binding.description or binding.action)
    return dict(sorted(found.items()))


class SettingsScreen(FormScreen[bool]):
    """Edit and save the settings; dismisses True once saved and applied."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save"),
        Binding("escape", "cancel", "Cancel", id="settings.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="settings-dialog")
        loaded = preferences.current()
        self.problem = loaded.problem
        self.form_values = form_of(self.app_settings() if loaded.problem else loaded.settings)

    def app_settings(self) -> Any:
        return self.psw.settings

    def compose(self) -> ComposeResult:
        values = self.form_values
        ids = known_bindings(self.app)
        with VerticalScroll(classes="settings-box form-box", id="settings-form"):
            yield Static("Settings", classes="title")
            yield Static(f"Saved in {preferences.where()}", classes="hint", markup=False)
            if self.problem:
                yield Static(f"{self.problem} Saving here replaces the file.", id="settings-problem",
                             markup=False)
            with Horizontal(classes="settings-row"):
                yield FormField("Idle lock (minutes, 0 = off)", Input(values.idle_lock_minutes,
                                id="idle_lock_minutes"), id="field-idle_lock_minutes")
                yield FormField("Theme", Select([(label, name) for name, label in THEME_LABELS.items()],
                                value=values.theme, allow_blank=False, id="theme"), id="field-theme")
            with Horizontal(classes="settings-row"):
                yield FormField("Bell when time is nearly up", Switch(values.bell, id="bell"), id="field-bell")
                yield FormField("Show overrun", Switch(values.show_overrun, id="show_overrun"),
                                hint="Negative time and 'behind schedule by N min'.", id="field-show_overrun")
            with Horizontal(classes="settings-row"):
                yield FormField("Warning at (% of segment left)", Input(values.warn_percent, id="warn_percent"),
                                id="field-warn_percent")
                yield FormField("Urgent at (% left)", Input(values.urgent_percent, id="urgent_percent"),
                                id="field-urgent_percent")
            with Horizontal(classes="settings-row"):
                yield FormField("Keep sessions (years, 0 = all)", Input(values.retention_years,
                                id="retention_years"), hint="Older ones are offered by "
                                "'Prune old sessions'.", id="field-retention_years")
                yield FormField("Default export folder", Input(values.export_folder, id="export_folder",
                                placeholder="(ask each time)"), id="field-export_folder")
            yield FormField("Keys (one per line: binding.id = key)", TextArea(values.keymap, id="keymap"),
                            hint="Ids: " + ", ".join(ids), id="field-keymap")
            with Horizontal(classes="settings-buttons form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel", classes="cancel-button")
                yield Static("ctrl+s save · Esc cancel", classes="form-keys")

    def on_mount(self) -> None:
        self.query_one("#idle_lock_minutes", Input).focus()

    def form(self) -> SettingsInput:
        """What the form holds now."""
        text = lambda name: self.query_one(f"#{name}", Input).value  # noqa: E731
        return SettingsInput(
            idle_lock_minutes=text("idle_lock_minutes"),
            bell=self.query_one("#bell", Switch).value,
            show_overrun=self.query_one("#show_overrun", Switch).value,
            warn_percent=text("warn_percent"),
            urgent_percent=text("urgent_percent"),
            theme=str(self.query_one("#theme", Select).value),
            retention_years=text("retention_years"),
            export_folder=text("export_folder"),
            keymap=self.query_one("#keymap", TextArea).text,
        )

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check, save the file, and apply at once; problems are shown under their fields."""
        try:
            settings = settings_from(self.form(), known_bindings(self.app), keymap_checker(type(self.app)))
            path = preferences.save(settings)
        except FormError as error:
            show_errors(self, error.errors)
            return
        except StoreError as error:
            self.notify(str(error), title="Settings not saved", severity="error", markup=False)
            return
        apply_settings(self.app, settings)
        self.notify(f"Settings saved to {path}.", markup=False)
        self.dismiss(True)

    def cancel_result(self) -> bool:
        """Nothing saved."""
        return False

