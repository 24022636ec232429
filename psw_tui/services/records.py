"""The plain reads screens need: one record by id, or a list in the order shown.

Screens call these instead of reaching into the store's repositories, so how records are kept
(tables, session files, caches) stays storage's business. A record that is not there is
``None`` (a session raises :class:`~psw_tui.failures.RecordNotFound`, as the store does).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from psw_tui.models import FacilitatorNote, Group, Member, MemberRole, Session, SessionHeader, Template
from psw_tui.models.series import Series

if TYPE_CHECKING:
    from psw_tui.storage import RecordStore


def group(store: RecordStore, group_id: UUID) -> Group | None:
    """The group with this id, archived or not."""
    return store.groups.get(group_id)


def groups_by_name(store: RecordStore) -> list[Group]:
    """Every group, archived ones too, by name (case-blind)."""
    return sorted(store.groups.all(), key=lambda g: g.name.casefold())


def group_names(store: RecordStore) -> dict[UUID, str]:
    """Each group's name by its id, archived ones too."""
    return {g.id: g.name for g in store.groups.all()}


def member(store: RecordStore, member_id: UUID) -> Member | None:
    """The member with this id."""
    return store.members.get(member_id)


def template(store: RecordStore, template_id: UUID) -> Template | None:
    """The template with this id."""
    return store.templates.get(template_id)


def series(store: RecordStore, series_id: UUID) -> Series | None:
    """The series with this id."""
    return store.series.get(series_id)


def session(store: RecordStore, session_id: UUID) -> Session:
    """The whole session (agenda, register, notes' parent)."""
    return store.sessions.get(session_id)


def session_and_group(store: RecordStore, session_id: UUID) -> tuple[Session, Group | None]:
    """A session and its group (``None`` if the group was removed)."""
    found = store.sessions.get(session_id)
    return found, store.groups.get(found.group_id)


def header(store: RecordStore, session_id: UUID) -> SessionHeader | None:
    """The session's header (date, status, title) without loading the session."""
    return store.sessions.header(session_id)


def headers(store: RecordStore, group_id: UUID | None = None) -> list[SessionHeader]:
    """Every session's header (of one group, or all), oldest first."""
    return store.sessions.headers(group_id)


def running(store: RecordStore) -> list[SessionHeader]:
    """The sessions running now."""
    return store.sessions.running()


def facilitator_notes(store: RecordStore, session_id: UUID) -> list[FacilitatorNote]:
    """The facilitators' own notes of a session, in the order written."""
    return [n for n in store.notes(session_id).all() if isinstance(n, FacilitatorNote)]


def segment_leads(store: RecordStore, group_id: UUID) -> list[tuple[UUID, str]]:
    """Who can lead a segment of this group: its active facilitators and co-facilitators,
    as (member id, display name), by name."""
    leads = [
        m for m in store.members.all()
        if m.group_id == group_id and m.active and m.role in (MemberRole.FACILITATOR, MemberRole.CO_FACILITATOR)
    ]
    return [(m.id, m.display_name) for m in sorted(leads, key=lambda m: m.display_name.casefold())]
