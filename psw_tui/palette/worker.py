"""The worker's own records: contacts, supervision log, wellness plan."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.screen import Screen

from psw_tui.palette.command import AreaCommands, PaletteCommand, screen_below_palette


def open_contacts(app: App[Any]) -> None:
    """Open the contact log."""
    from psw_tui.screens.contacts import ContactsScreen

    app.push_screen(ContactsScreen())


def log_contact(app: App[Any]) -> None:
    """Open an empty contact form."""
    from psw_tui.screens.contact_form import ContactForm

    app.push_screen(ContactForm())


def open_supervision_log(app: App[Any]) -> None:
    """Open the supervision log."""
    from psw_tui.screens.supervision_log import SupervisionLogScreen

    app.push_screen(SupervisionLogScreen())


def log_supervision(app: App[Any]) -> None:
    """Open an empty supervision form."""
    from psw_tui.screens.supervision_form import SupervisionForm

    app.push_screen(SupervisionForm())


def open_wellness_plan(app: App[Any]) -> None:
    """Open the wellness plan."""
    from psw_tui.screens.wellness_plan import WellnessPlanScreen

    app.push_screen(WellnessPlanScreen())


def on_wellness_plan(app: App[Any], screen: Screen[Any]) -> bool:
    """Whether the wellness plan is the screen below the palette."""
    from psw_tui.screens.wellness_plan import WellnessPlanScreen

    return isinstance(screen, WellnessPlanScreen)


def export_wellness_plan(app: App[Any]) -> None:
    """Export from the open wellness plan."""
    from psw_tui.screens.wellness_plan import WellnessPlanScreen

    screen = screen_below_palette(app)
    if isinstance(screen, WellnessPlanScreen):
        screen.action_export()


class WorkerCommands(AreaCommands):
    """The worker's contacts, own supervision and wellness plan."""

    DECLARED = (
        PaletteCommand("Contacts", "Your one-to-one contacts: workload per week or month, chart or table",
                       open_contacts),
        PaletteCommand("Log contact", "Log a one-to-one contact: date, kind, minutes (never what was said)",
                       log_contact),
        PaletteCommand("Supervision log",
                       "Your own supervision of every kind: what is overdue, the log, agreed actions",
                       open_supervision_log),
        PaletteCommand("Log supervision",
                       "Log a supervision: line management, clinical, peer support, group, reflective",
                       log_supervision),
        PaletteCommand("Wellness plan",
                       "Your private WRAP-style plan: versioned, exported only to share in supervision",
                       open_wellness_plan),
        PaletteCommand("Export wellness plan",
                       "Write the saved plan to .md or printable .html, to share in supervision",
                       export_wellness_plan, on_wellness_plan),
    )
