"""Planning: groups, rosters, templates, scheduling, actions.

Commands act on what the current screen points at (``selected_group_id``,
``selected_member_id``, ``selected_session_id``, ``selected_template_id``) and otherwise ask.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from uuid import UUID

from psw_tui.palette.command import AreaCommands, PaletteCommand, psw

if TYPE_CHECKING:
    from textual.app import App

    from psw_tui.models import SessionHeader


def selected(app: App[Any], name: str) -> UUID | None:
    """The id the current screen points at under ``name`` (e.g. ``selected_session_id``)."""
    value = getattr(app.screen, name, None)
    return value if isinstance(value, UUID) else None


def session_label(app: App[Any], header: SessionHeader) -> str:
    """A planned session as one line: its day, time, title and group."""
    group = psw(app).store.groups.get(header.group_id)
    when = f"{header.date:%a} {header.date.day} {header.date:%b %Y}"
    when += f" {header.start_time:%H:%M}" if header.start_time else ""
    return f"{when}  {header.title}" + (f" ({group.name})" if group and group.name != header.title else "")


def with_planned(app: App[Any], title: str, then: Callable[[UUID], object]) -> None:
    """Run ``then(session_id)`` for the selected planned session, or ask which first."""
    from psw_tui.screens.pick import PickScreen, selected_group_id
    from psw_tui.services.planning import planned_sessions

    chosen = selected(app, "selected_session_id")
    if chosen is not None:
        then(chosen)
        return
    headers = planned_sessions(psw(app).store, selected_group_id(app))
    options = [(str(h.id), session_label(app, h)) for h in headers]
    app.push_screen(PickScreen(title, options, "No planned sessions: use Plan session first."),
                    lambda key: then(UUID(key)) if key else None)


def open_groups(app: App[Any]) -> None:
    """List every group."""
    from psw_tui.screens.groups import GroupListScreen

    app.push_screen(GroupListScreen())


def new_group(app: App[Any]) -> None:
    """Create a group."""
    from psw_tui.screens.group_form import GroupFormScreen

    app.push_screen(GroupFormScreen())


def edit_group(app: App[Any]) -> None:
    """Edit the selected group, or ask which."""
    from psw_tui.screens.group_form import GroupFormScreen
    from psw_tui.screens.pick import with_group

    with_group(app, "Edit which group?", lambda gid: app.push_screen(GroupFormScreen(gid)), archived=True)


def archive_group(app: App[Any]) -> None:
    """Archive or restore the selected group, or ask which."""
    from psw_tui.screens.groups import toggle_archive
    from psw_tui.screens.pick import with_group

    with_group(app, "Archive or restore which group?", lambda gid: toggle_archive(app, gid), archived=True)


def edit_roster(app: App[Any]) -> None:
    """Open the roster of the selected group, or ask which."""
    from psw_tui.screens.pick import with_group
    from psw_tui.screens.roster import RosterScreen

    with_group(app, "Whose roster?", lambda gid: app.push_screen(RosterScreen(gid)))


def forget(app: App[Any]) -> None:
    """Forget the selected member, or ask which group and whom."""
    from psw_tui.screens.forget_member import ForgetMemberScreen
    from psw_tui.screens.pick import PickScreen, with_group
    from psw_tui.services.groups import roster

    member_id = selected(app, "selected_member_id")
    if member_id is not None:
        app.push_screen(ForgetMemberScreen(member_id))
        return

    def for_group(group_id: UUID) -> None:
        options = [(str(m.id), m.display_name) for m in roster(psw(app).store, group_id)]
        app.push_screen(PickScreen("Forget whom?", options, "Nobody is on this roster."),
                        lambda key: app.push_screen(ForgetMemberScreen(UUID(key))) if key else None)

    with_group(app, "Forget a member of which group?", for_group, archived=True)


def template_library(app: App[Any]) -> None:
    """Open the template library."""
    from psw_tui.screens.templates import TemplateLibraryScreen

    app.push_screen(TemplateLibraryScreen())


def new_template(app: App[Any]) -> None:
    """Create a template, then edit its segments."""
    from psw_tui.screens.agenda_editor import AgendaEditorScreen
    from psw_tui.screens.template_form import NewTemplateScreen

    app.push_screen(NewTemplateScreen(),
                    lambda tid: app.push_screen(AgendaEditorScreen(template_id=tid)) if tid else None)


def edit_agenda(app: App[Any]) -> None:
    """Edit the selected session's or template's agenda, or ask which."""
    from psw_tui.screens.agenda_editor import AgendaEditorScreen
    from psw_tui.screens.pick import PickScreen, selected_group_id
    from psw_tui.services.planning import planned_sessions
    from psw_tui.services.templates import library

    def open_key(key: str | None) -> None:
        if key:
            kind, _, raw = key.partition(":")
            if kind == "template":
                app.push_screen(AgendaEditorScreen(template_id=UUID(raw)))
            else:
                app.push_screen(AgendaEditorScreen(session_id=UUID(raw)))

    for attribute, kind in (("selected_session_id", "session"), ("selected_template_id", "template")):
        chosen = selected(app, attribute)
        if chosen is not None:
            open_key(f"{kind}:{chosen}")
            return
    store = psw(app).store
    options = [(f"session:{h.id}", session_label(app, h)) for h in planned_sessions(store, selected_group_id(app))]
    options += [(f"template:{t.id}", f"Template: {t.name}") for t in library(store) if not t.builtin]
    app.push_screen(PickScreen("Edit which agenda?", options, "No planned sessions or own templates."), open_key)


def plan(app: App[Any]) -> None:
    """Plan a session (for the selected group, if any)."""
    from psw_tui.screens.pick import selected_group_id
    from psw_tui.screens.planning import PlanSessionScreen

    app.push_screen(PlanSessionScreen(group_id=selected_group_id(app)))


def edit_planned(app: App[Any]) -> None:
    """Edit a planned session."""
    from psw_tui.screens.planning import PlanSessionScreen

    with_planned(app, "Edit which session?", lambda sid: app.push_screen(PlanSessionScreen(session_id=sid)))


def cancel(app: App[Any]) -> None:
    """Cancel a planned session."""
    from psw_tui.screens.cancel_session import CancelSessionScreen

    with_planned(app, "Cancel which session?", lambda sid: app.push_screen(CancelSessionScreen(sid)))


def review(app: App[Any]) -> None:
    """Review the open actions carried into a planned session."""
    from psw_tui.screens.review_actions import ReviewActionsScreen

    with_planned(app, "Review actions for which session?", lambda sid: app.push_screen(ReviewActionsScreen(sid)))


class PlanningCommands(AreaCommands):
    """Groups, rosters, templates and planned sessions."""

    DECLARED = (
        PaletteCommand("Groups", "List every group, archived ones included", open_groups),
        PaletteCommand("New group", "Create a group: kind, slot length, template, agreement", new_group),
        PaletteCommand("Edit group", "Rename a group or change its kind, slot, template, agreement", edit_group),
        PaletteCommand("Archive group", "Archive a group (history kept) or bring one back", archive_group),
        PaletteCommand("Edit roster", "Add, rename, change role or deactivate members", edit_roster),
        PaletteCommand("Forget member", "Erase a person everywhere (right to erasure)", forget),
        PaletteCommand("Template library", "Built-in and own agenda templates", template_library),
        PaletteCommand("New template", "Create an agenda template and edit its segments", new_template),
        PaletteCommand("Edit agenda", "Edit a template's or a planned session's segments", edit_agenda),
        PaletteCommand("Plan session", "Schedule a session for a group from a template", plan),
        PaletteCommand("Edit planned session", "Change the date, time, title or question of a planned session",
                       edit_planned),
        PaletteCommand("Cancel session", "Cancel a planned session, keeping the reason", cancel),
        PaletteCommand("Review actions", "Mark open actions of earlier sessions done, kept open or dropped", review),
    )
