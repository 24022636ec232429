"""Looking back: past sessions, search, summaries, the reflective journal, supervision items."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from psw_tui.failures import StoreError
from psw_tui.palette.command import AreaCommands, PaletteCommand, psw, screen_below_palette

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from psw_tui.screens.summary import SummaryPreview


def past_sessions(app: App[Any]) -> None:
    """Open the archive of past sessions."""
    from psw_tui.screens.archive import ArchiveScreen

    app.push_screen(ArchiveScreen())


def search(app: App[Any]) -> None:
    """Open the search screen."""
    from psw_tui.screens.search import SearchScreen

    app.push_screen(SearchScreen())


def preview_showing(screen: Screen[Any]) -> SummaryPreview | None:
    """The summary preview shown on ``screen`` (the summary screen), if any."""
    from psw_tui.screens.summary import SummaryPreview

    return next((preview for preview in screen.query(SummaryPreview) if preview.display), None)


def has_ended_sessions(app: App[Any], screen: Screen[Any] | None = None) -> bool:
    """Whether any session has ended (there is a summary to show)."""
    from psw_tui.services.exports.select import ended_sessions

    try:
        return bool(ended_sessions(psw(app).store))
    except StoreError:
        return False


def pick_then_summary(app: App[Any], title: str, *, export_now: bool) -> None:
    """Choose an ended session, then show its summary (and, with ``export_now``, export it)."""
    from psw_tui.screens.summary import SessionPicker, SummaryScreen

    def chosen(session_id: UUID | None) -> None:
        if session_id is not None:
            app.push_screen(SummaryScreen(session_id, export_now=export_now))

    app.push_screen(SessionPicker(title), chosen)


def export_summary(app: App[Any]) -> None:
    """Export the summary showing, or choose a session first."""
    preview = preview_showing(screen_below_palette(app))
    if preview is not None:
        preview.export()
    else:
        pick_then_summary(app, "Export which session?", export_now=True)


def summary_preview(app: App[Any]) -> None:
    """Choose an ended session and show its summary."""
    pick_then_summary(app, "Preview which session?", export_now=False)


def reflective_journal(app: App[Any]) -> None:
    """Open the journal."""
    from psw_tui.screens.journal import JournalScreen

    app.push_screen(JournalScreen())


def new_reflection(app: App[Any]) -> None:
    """Open an empty reflection."""
    from psw_tui.screens.reflection_editor import ReflectionEditor

    app.push_screen(ReflectionEditor())


def for_supervision(app: App[Any]) -> None:
    """Open the list of items marked for supervision."""
    from psw_tui.screens.for_supervision import ForSupervisionScreen

    app.push_screen(ForSupervisionScreen())


def self_disclosure_reflection(app: App[Any]) -> None:
    """A new reflection with the self-disclosure model."""
    from psw_tui.models import ReflectionModel
    from psw_tui.screens.reflection_editor import ReflectionEditor

    app.push_screen(ReflectionEditor(model=ReflectionModel.SELF_DISCLOSURE))


class LookBackCommands(AreaCommands):
    """Past sessions, search, summaries and reflection."""

    DECLARED = (
        PaletteCommand("Past sessions", "Browse each group's past sessions and open one read-only", past_sessions),
        PaletteCommand("Search", "Search notes, themes, actions, reflections and session titles", search),
        PaletteCommand("Export summary",
                       "Export a session as Markdown, plain text, printable HTML, CSV register or JSON",
                       export_summary,
                       lambda app, screen: preview_showing(screen) is not None or has_ended_sessions(app)),
        PaletteCommand("Summary preview", "Preview a session's internal record and shareable summary",
                       summary_preview, has_ended_sessions),
        PaletteCommand("Reflective journal", "Read, write and export your reflections", reflective_journal),
        PaletteCommand("New reflection", "Write a reflection: Gibbs, Driscoll or free writing", new_reflection),
        PaletteCommand("For supervision", "Debriefs and reflections you marked to bring to supervision",
                       for_supervision),
        PaletteCommand("Self-disclosure reflection", "Reflect on sharing your own lived experience in a session",
                       self_disclosure_reflection),
    )
