"""Changing a series "from this date on" (this and later ones).

The series is split the way calendar programs split one: the existing series ends the day
before the change (its earlier sessions are left exactly as they are) and a new series with
the new time, template, weekday or frequency starts on that date. When the change starts at
the very first date, the series is changed in place instead.

Sessions from that date on:

* planned and still as the series made them (same date, time and title, no check-in
  question, the template's agenda, nothing recorded in them) are removed and planned again
  from the new rule;
* cancelled ones stay cancelled; held ones, running ones and ones changed by hand are never
  touched. Each of these joins the new series when its date is one of the new dates (so that
  date is not planned twice); otherwise it stays where it was.

All of it is saved as one change.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from uuid import UUID

from psw_tui.models import Session, SessionStatus, Template
from psw_tui.models.series import Series
from psw_tui.services.forms import Checker, FormError
from psw_tui.services.series import (
    PlanResult,
    SeriesInput,
    build_series,
    form_of,
    get_series,
    occurrences,
    plan_series,
    series_sessions,
)
from psw_tui.services.team_time import is_filled_line
from psw_tui.storage import RecordStore


@dataclass
class ChangeResult:
    """What changing a series from a date did."""

    series: Series
    split: bool  # True: a new series from that date; False: the series itself was changed
    removed: int = 0
    kept: int = 0  # held, running, cancelled or hand-changed sessions left as they were
    plan: PlanResult = field(default_factory=PlanResult)

    def sentence(self) -> str:
        """One line for the person who asked."""
        how = "New series from that date" if self.split else "Series changed"
        kept = f"; kept {self.kept} session(s) already held, cancelled or changed by hand" if self.kept else ""
        return (f"{how}: replaced {self.removed} planned session(s), planned "
                f"{len(self.plan.created)}{kept}.")


def _segment_shape(segment: Any) -> dict[str, Any]:
    data = segment.model_dump(exclude={"id"})
    data["prompts"] = [p for p in data["prompts"] if not is_filled_line(p)]
    return data


def _as_template(session: Session, template: Template | None) -> bool:
    if template is None:
        return not session.agenda
    return [_segment_shape(s) for s in session.agenda] == [_segment_shape(s) for s in template.segments]


def is_untouched(store: RecordStore, session: Session, series: Series) -> bool:
    """Whether a session is planned and still exactly as ``series`` made it, with nothing
    recorded in it (so replacing it loses nothing)."""
    if session.status is not SessionStatus.PLANNED or session.series_date != session.date:
        return False
    if (session.title, session.start_time, session.check_in_question) != (series.title, series.start_time, ""):
        return False
    if session.template_id != series.template_id:
        return False
    template = store.templates.get(series.template_id) if series.template_id else None
    if not _as_template(session, template):
        return False
    parts = (store.register, store.notes, store.actions, store.concerns)
    return all(part(session.id).count() == 0 for part in parts)


def form_from(store: RecordStore, series_id: UUID, day: date) -> SeriesInput:
    """The series form for a change from ``day``: the series as it is, starting that day, and
    for a series of N sessions, the number still to come from that day."""
    series = get_series(store, series_id)
    form = replace(form_of(series), start=day.isoformat())
    if series.count is not None:
        remaining = sum(1 for d in occurrences(series) if d >= day)
        form = replace(form, count=str(max(remaining, 1)))
    return form


def change_from(store: RecordStore, series_id: UUID, day_text: str, form: SeriesInput, today: date) -> ChangeResult:
    """Change the series from the date ``day_text`` on, as the form says (see the module
    doc); FormError (nothing saved) when the date or the form is wrong."""
    old = get_series(store, series_id)
    check = Checker()
    day = check.day("start", day_text)
    dates = occurrences(old)
    if day is not None and day < today:
        check.fail("start", f"That date has passed (today is {today.isoformat()}).")
    elif day is not None and day > dates[-1]:
        check.fail("start", f"The series ends on {dates[-1].isoformat()}; choose a date before that.")
    check.done()
    assert day is not None
    before = [d for d in dates if d < day]
    new = build_series(
        store, replace(form, group_id=old.group_id, start=day.isoformat()),
        series_id=None if before else old.id,
    )
    new_dates = set(occurrences(new))
    if not any(d >= today for d in new_dates):
        raise FormError({"start": "No date of the changed series is still to come."})
    result = ChangeResult(new, split=bool(before))
    removed: list[UUID] = []
    relinked: list[Session] = []
    for header in series_sessions(store, old.id):
        if header.series_date is None or header.series_date < day:
            continue
        session = store.sessions.get(header.id)
        if is_untouched(store, session, old):
            removed.append(session.id)
            continue
        result.kept += 1
        for candidate in (session.series_date, session.date):
            if candidate in new_dates:
                relinked.append(session.model_copy(update={"series_id": new.id, "series_date": candidate}))
                break
    with store.transaction("change of a series"):
        if before:
            store.series.save(old.model_copy(update={"until": before[-1], "count": None}))
        store.series.save(new)
        store.sessions.delete_many(removed, label="change of a series")
        for session in relinked:
            store.sessions.save(session)
        result.removed = len(removed)
        result.plan = plan_series(store, new.id, today)
    return result
