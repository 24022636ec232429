"""Scheduling: plan a session from a template, edit or cancel it, suggest a check-in question.

A planned session gets its own copy of the template's agenda (fresh segment ids), so editing
the session's agenda never changes the template. Cancelling keeps the session, with the
reason, so the history shows what did not happen and why.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from uuid import UUID

from psw_tui.models import Group, Session, SessionHeader, SessionStatus
from psw_tui.services.forms import Checker, FormError
from psw_tui.services.team_time import fill_team_time
from psw_tui.services.templates import copy_segments
from psw_tui.storage import RecordStore
from psw_tui.storage.errors import RecordNotFound

# How many of a group's latest sessions a suggested question must not have been used in.
RECENT_SESSIONS = 4


@dataclass(frozen=True)
class PlanInput:
    """What the plan form holds, as typed."""

    group_id: UUID | None
    day: str
    start: str = ""
    template_id: UUID | None = None
    title: str = ""
    check_in_question: str = ""


def _group(store: RecordStore, group_id: UUID) -> Group:
    group = store.groups.get(group_id)
    if group is None:
        raise RecordNotFound("that group is no longer there")
    return group


def _check(store: RecordStore, form: PlanInput, today: date, *, new: bool) -> dict:
    check = Checker()
    group = store.groups.get(form.group_id) if form.group_id else None
    if group is None:
        check.fail("group_id", "Choose the group this session is for.")
    elif group.archived:
        check.fail("group_id", f"{group.name} is archived; bring it back before planning.")
    day = check.day("day", form.day)
    if day is not None and day < today:
        check.fail("day", f"That date has passed (today is {today.isoformat()}).")
    start = check.clock_time("start", form.start)
    if new:
        if form.template_id is None:
            check.fail("template_id", "Choose a template for the agenda.")
        elif store.templates.get(form.template_id) is None:
            check.fail("template_id", "That template is no longer in the library.")
    title = (form.title or "").strip() or (group.name if group else "")
    if len(title) > 120:
        check.fail("title", f"Keep the title to 120 characters (now {len(title)}).")
    question = (form.check_in_question or "").strip()
    if "\n" in question or len(question) > 500:
        check.fail("check_in_question", "Keep the question to one line of 500 characters.")
    check.done()
    return {"date": day, "start_time": start, "title": title, "check_in_question": question}


def plan_session(store: RecordStore, form: PlanInput, today: date) -> Session:
    """Validate the form and save a planned session with a copy of the template's agenda."""
    fields = _check(store, form, today, new=True)
    assert form.group_id is not None and form.template_id is not None
    source = store.templates.get(form.template_id)
    assert source is not None
    session = Session(
        group_id=form.group_id,
        template_id=source.id,
        agenda=fill_team_time(store, copy_segments(source.segments), fields["date"], today),
        **fields,
    )
    return store.sessions.save(session)


def planned_session(store: RecordStore, session_id: UUID) -> Session:
    """A session that is still planned; raises FormError otherwise."""
    session = store.sessions.get(session_id)
    if session.status is not SessionStatus.PLANNED:
        raise FormError({"session": f"This session is {session.status.value}, not planned."})
    return session


def edit_session(store: RecordStore, session_id: UUID, form: PlanInput, today: date) -> Session:
    """Change a planned session's date, time, title or check-in question."""
    session = planned_session(store, session_id)
    fields = _check(store, replace(form, group_id=session.group_id), today, new=False)
    return store.sessions.save(session.model_copy(update=fields))


def cancel_session(store: RecordStore, session_id: UUID, reason: str) -> Session:
    """Cancel a planned session, keeping it and the reason."""
    session = planned_session(store, session_id)
    check = Checker()
    reason = check.text("reason", reason, what="why the session is cancelled", limit=500)
    check.done()
    return store.sessions.save(
        session.model_copy(update={"status": SessionStatus.CANCELLED, "cancel_reason": reason})
    )


def planned_sessions(store: RecordStore, group_id: UUID | None = None) -> list[SessionHeader]:
    """Planned sessions (of one group, or all), soonest first."""
    return [h for h in store.sessions.headers(group_id) if h.status is SessionStatus.PLANNED]


def next_free_day(store: RecordStore, group_id: UUID, today: date) -> date:
    """A sensible date to offer: a week after the group's latest session, and not in the past."""
    headers = [h for h in store.sessions.headers(group_id) if h.status is not SessionStatus.CANCELLED]
    if not headers:
        return today
    candidate = headers[-1].date + timedelta(days=7)
    while candidate < today:
        candidate += timedelta(days=7)
    return candidate


# -- check-in question bank --------------------------------------------------------------


def recent_questions(store: RecordStore, group_id: UUID, *, exclude: UUID | None = None) -> list[str]:
    """Check-in questions of the group's latest sessions (newest first), cancelled left out."""
    used = []
    headers = [
        h for h in store.sessions.headers(group_id)
        if h.status is not SessionStatus.CANCELLED and h.id != exclude
    ]
    for header in reversed(headers[-RECENT_SESSIONS:]):
        question = store.sessions.get(header.id).check_in_question.strip()
        if question:
            used.append(question)
    return used


def suggest_question(
    store: RecordStore, group_id: UUID, *, skip: int = 0, exclude: UUID | None = None
) -> str | None:
    """A question from the group's bank not used in its last few sessions.

    ``skip`` steps through the other fresh questions ("suggest another"); when every
    question was used recently, the least recently used ones are offered. None if the bank is
    empty.
    """
    bank = _group(store, group_id).question_bank
    if not bank:
        return None
    recent = [q.casefold() for q in recent_questions(store, group_id, exclude=exclude)]
    fresh = [q for q in bank if q.casefold() not in recent]
    if not fresh:
        # Oldest use first: the question used longest ago is the best repeat.
        fresh = sorted(bank, key=lambda q: -recent.index(q.casefold()) if q.casefold() in recent else 0)
    return fresh[skip % len(fresh)]


def add_question(store: RecordStore, group_id: UUID, question: str) -> Group:
    """Add a question to the group's check-in bank (no duplicates)."""
    group = _group(store, group_id)
    check = Checker()
    question = check.text("question", question, what="a question", limit=500)
    if question and question.casefold() in {q.casefold() for q in group.question_bank}:
        check.fail("question", "That question is already in the bank.")
    check.done()
    return store.groups.save(group.model_copy(update={"question_bank": [*group.question_bank, question]}))
