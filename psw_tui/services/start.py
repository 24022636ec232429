"""Turning a group and a template into a session ready to run."""

from __future__ import annotations

from datetime import time
from uuid import UUID, uuid4

from psw_tui.models import Group, Segment, Session, SessionStatus, Template
from psw_tui.services.builtin_templates import default_template_for
from psw_tui.services.timesource import SystemTime
from psw_tui.storage import RecordNotFound, RecordStore


def agenda_from(template: Template) -> list[Segment]:
    """A copy of a template's segments with fresh ids, so editing the session's agenda
    never touches the template."""
    return [segment.model_copy(update={"id": uuid4()}, deep=True) for segment in template.segments]


def template_for(store: RecordStore, group: Group) -> Template:
    """The group's default template, or the built-in one for its kind."""
    if group.default_template_id is not None:
        template = store.templates.get(group.default_template_id)
        if template is not None:
            return template
    builtin = default_template_for(group.kind)
    return store.templates.get(builtin.id) or builtin


def session_for_now(
    store: RecordStore, group_id: UUID, time_source: SystemTime, title: str | None = None
) -> Session:
    """Plan and save a session of ``group_id`` for today, now, from its default template."""
    group = store.groups.get(group_id)
    if group is None:
        raise RecordNotFound("that group is no longer there")
    template = template_for(store, group)
    now = time_source.now().astimezone()
    session = Session(
        group_id=group.id,
        title=title or group.name,
        date=time_source.today(),
        start_time=time(now.hour, now.minute),
        status=SessionStatus.PLANNED,
        template_id=template.id,
        agenda=agenda_from(template),
    )
    return store.sessions.save(session)

