"""Command palette entries for planning: groups, rosters, templates, scheduling, actions.

Commands act on what the current screen points at (``selected_group_id``,
``selected_member_id``, ``selected_session_id``, ``selected_template_id``) and otherwise ask.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from psw_tui.commands import palette_command
from psw_tui.models import SessionHeader
from psw_tui.screens.pick import PickScreen, selected_group_id, with_group
from psw_tui.services.groups import roster
from psw_tui.services.planning import planned_sessions
from psw_tui.services.templates import library


def _selected(app: Any, name: str) -> UUID | None:
    value = getattr(app.screen, name, None)
    return value if isinstance(value, UUID) else None


def _session_label(app: Any, header: SessionHeader) -> str:
    group = app.store.groups.get(header.group_id)
    when = f"{header.date:%a} {header.date.day} {header.date:%b %Y}"
    when += f" {header.start_time:%H:%M}" if header.start_time else ""
    return f"{when}  {header.title}" + (f" ({group.name})" if group and group.name != header.title else "")


def _with_planned(app: Any, title: str, then: Any) -> None:
    chosen = _selected(app, "selected_session_id")
    if chosen is not None:
        then(chosen)
        return
    headers = planned_sessions(app.store, selected_group_id(app))
    options = [(str(h.id), _session_label(app, h)) for h in headers]
    app.push_screen(PickScreen(title, options, "No planned sessions: use Plan session first."),
                    lambda key: then(UUID(key)) if key else None)


@palette_command("Groups", "List every group, archived ones included")
def open_groups(app: Any) -> None:
    from psw_tui.screens.groups import GroupListScreen

    app.push_screen(GroupListScreen())


@palette_command("New group", "Create a group: kind, slot length, template, agreement")
def new_group(app: Any) -> None:
    from psw_tui.screens.group_form import GroupFormScreen

    app.push_screen(GroupFormScreen())


@palette_command("Edit group", "Rename a group or change its kind, slot, template, agreement")
def edit_group(app: Any) -> None:
    from psw_tui.screens.group_form import GroupFormScreen

    with_group(app, "Edit which group?", lambda gid: app.push_screen(GroupFormScreen(gid)), archived=True)


@palette_command("Archive group", "Archive a group (history kept) or bring one back")
def archive_group(app: Any) -> None:
    from psw_tui.screens.groups import toggle_archive

    with_group(app, "Archive or restore which group?", lambda gid: toggle_archive(app, gid), archived=True)


@palette_command("Edit roster", "Add, rename, change role or deactivate members")
def edit_roster(app: Any) -> None:
    from psw_tui.screens.roster import RosterScreen

    with_group(app, "Whose roster?", lambda gid: app.push_screen(RosterScreen(gid)))


@palette_command("Forget member", "Erase a person everywhere (right to erasure)")
def forget(app: Any) -> None:
    from psw_tui.screens.forget_member import ForgetMemberScreen

    member_id = _selected(app, "selected_member_id")
    if member_id is not None:
        app.push_screen(ForgetMemberScreen(member_id))
        return

    def for_group(group_id: UUID) -> None:
        options = [(str(m.id), m.display_name) for m in roster(app.store, group_id)]
        app.push_screen(PickScreen("Forget whom?", options, "Nobody is on this roster."),
                        lambda key: app.push_screen(ForgetMemberScreen(UUID(key))) if key else None)

    with_group(app, "Forget a member of which group?", for_group, archived=True)


@palette_command("Template library", "Built-in and own agenda templates")
def template_library(app: Any) -> None:
    from psw_tui.screens.templates import TemplateLibraryScreen

    app.push_screen(TemplateLibraryScreen())


@palette_command("New template", "Create an agenda template and edit its segments")
def new_template(app: Any) -> None:
    from psw_tui.screens.agenda_editor import AgendaEditorScreen
    from psw_tui.screens.template_form import NewTemplateScreen

    app.push_screen(NewTemplateScreen(),
                    lambda tid: app.push_screen(AgendaEditorScreen(template_id=tid)) if tid else None)


@palette_command("Edit agenda", "Edit a template's or a planned session's segments")
def edit_agenda(app: Any) -> None:
    from psw_tui.screens.agenda_editor import AgendaEditorScreen

    def open_key(key: str | None) -> None:
        if key:
            kind, _, raw = key.partition(":")
            target = {"template_id" if kind == "template" else "session_id": UUID(raw)}
            app.push_screen(AgendaEditorScreen(**target))

    for attribute, kind in (("selected_session_id", "session"), ("selected_template_id", "template")):
        chosen = _selected(app, attribute)
        if chosen is not None:
            open_key(f"{kind}:{chosen}")
            return
    options = [(f"session:{h.id}", _session_label(app, h))
               for h in planned_sessions(app.store, selected_group_id(app))]
    options += [(f"template:{t.id}", f"Template: {t.name}") for t in library(app.store) if not t.builtin]
    app.push_screen(PickScreen("Edit which agenda?", options, "No planned sessions or own templates."),
                    open_key)


@palette_command("Plan session", "Schedule a session for a group from a template")
def plan(app: Any) -> None:
    from psw_tui.screens.planning import PlanSessionScreen

    app.push_screen(PlanSessionScreen(group_id=selected_group_id(app)))


@palette_command("Edit planned session", "Change the date, time, title or question of a planned session")
def edit_planned(app: Any) -> None:
    from psw_tui.screens.planning import PlanSessionScreen

    _with_planned(app, "Edit which session?", lambda sid: app.push_screen(PlanSessionScreen(session_id=sid)))


@palette_command("Cancel session", "Cancel a planned session, keeping the reason")
def cancel(app: Any) -> None:
    from psw_tui.screens.cancel_session import CancelSessionScreen

    _with_planned(app, "Cancel which session?", lambda sid: app.push_screen(CancelSessionScreen(sid)))


@palette_command("Review actions", "Mark open actions of earlier sessions done, kept open or dropped")
def review(app: Any) -> None:
    from psw_tui.screens.review_actions import ReviewActionsScreen

    _with_planned(app, "Review actions for which session?",
                  lambda sid: app.push_screen(ReviewActionsScreen(sid)))
