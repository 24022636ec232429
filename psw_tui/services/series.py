"""Sessions that repeat: a series per group, its dates, and planning its sessions.

Dates come from python-dateutil's ``rrule`` (weekly, every N weeks, the Nth weekday of the
month), with the holidays given removed as ``exdate``s. A series of ``count`` sessions keeps
that many sessions when a holiday falls inside: the holiday is skipped and one more date is
added at the end. Planning creates a planned session for every date of the horizon that has
none yet (a session remembers its series date in ``series_date``, even when moved), so
planning twice adds nothing, and a cancelled session stays cancelled.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import islice
from uuid import UUID

from dateutil.rrule import MONTHLY, WEEKLY, rrule, rruleset, weekday

from psw_tui.models import Session, SessionHeader, SessionStatus
from psw_tui.models.series import WEEKDAY_NAMES, Series, SeriesFrequency
from psw_tui.services.forms import Checker, FormError
from psw_tui.services.team_time import fill_team_time, refresh_team_time
from psw_tui.services.templates import copy_segments
from psw_tui.storage import RecordStore
from psw_tui.storage.errors import RecordNotFound

HORIZON_WEEKS = 12  # how far ahead "Plan series" creates sessions
MAX_SESSIONS = 520  # ten years of weekly sessions
ORDINAL_WORDS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}


@dataclass(frozen=True)
class SeriesInput:
    """What the series form holds, as typed."""

    group_id: UUID | None
    start: str
    start_time: str
    frequency: SeriesFrequency = SeriesFrequency.WEEKLY
    interval: str = "1"
    weekday: int | None = None  # None: the start date's weekday
    ordinal: int | None = None
    count: str = ""
    until: str = ""
    template_id: UUID | None = None
    title: str = ""
    holidays: str = ""
    facilitator_id: UUID | None = None


@dataclass
class PlanResult:
    """What planning a series did."""

    created: list[Session] = field(default_factory=list)
    adopted: list[UUID] = field(default_factory=list)  # one-off sessions on a series date, now in it
    kept: int = 0  # dates that already had their session (planned, moved, cancelled or held)

    def sentence(self) -> str:
        """One line for the person who asked."""
        made = f"Planned {len(self.created)} session(s)"
        extra = f", joined {len(self.adopted)} already planned" if self.adopted else ""
        return f"{made}{extra}; {self.kept} date(s) already had one."


# -- dates ------------------------------------------------------------------------------------


def _midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def raw_rule(series: Series, until: date | None = None) -> rrule:
    """The bare recurrence rule (no holidays removed, no count) up to ``until`` or the series' end."""
    end = until or series.until
    stop = _midnight(end) if end else None
    if series.frequency is SeriesFrequency.MONTHLY:
        assert series.ordinal is not None
        return rrule(MONTHLY, byweekday=weekday(series.weekday, series.ordinal),
                     dtstart=_midnight(series.start), until=stop)
    return rrule(WEEKLY, interval=series.interval, byweekday=series.weekday,
                 dtstart=_midnight(series.start), until=stop)


def _dates(series: Series) -> Iterator[date]:
    rules = rruleset()
    rules.rrule(raw_rule(series))
    for holiday in series.holidays:
        rules.exdate(_midnight(holiday))
    found = (moment.date() for moment in rules)
    return islice(found, series.count) if series.count is not None else found


def occurrences(series: Series, *, limit: int = MAX_SESSIONS + 1) -> list[date]:
    """Every date of the series in order, holidays skipped (at most ``limit``)."""
    return list(islice(_dates(series), limit))


def skipped_holidays(series: Series, dates: list[date] | None = None) -> list[date]:
    """Holidays the rule falls on between the first and the last date of the series."""
    dates = occurrences(series) if dates is None else dates
    if not dates:
        return []
    held = set(dates)
    return [m.date() for m in raw_rule(series, dates[-1]) if m.date() not in held]


def describe(series: Series) -> str:
    """The rule in words: "Every 2 weeks on Tuesday at 18:30, 10 sessions from 3 Mar 2026"
    (from the first date of the series)."""
    day = WEEKDAY_NAMES[series.weekday]
    if series.frequency is SeriesFrequency.MONTHLY:
        rule = f"The {ORDINAL_WORDS[series.ordinal or 1]} {day} of the month"
    elif series.interval == 1:
        rule = f"Every {day}"
    else:
        rule = f"Every {series.interval} weeks on {day}"
    span = f"{series.count} sessions" if series.count else f"until {day_words(series.until)}"
    first = next(_dates(series), series.start)
    return f"{rule} at {series.start_time:%H:%M}, {span} from {day_words(first)}"


def day_words(day: date | None) -> str:
    """``3 Mar 2026``."""
    return "" if day is None else f"{day.day} {day:%b %Y}"


# -- the form ---------------------------------------------------------------------------------


def parse_holidays(check: Checker, text: str) -> list[date]:
    """Dates typed as YYYY-MM-DD, separated by commas, spaces or new lines."""
    found: list[date] = []
    for word in (w for w in re.split(r"[\s,;]+", text or "") if w):
        try:
            found.append(date.fromisoformat(word))
        except ValueError:
            check.fail("holidays", f"{word[:20]!r} is not a date: give dates as YYYY-MM-DD, "
                                   "separated by commas or spaces.")
            return []
    if len(found) > 1000:
        check.fail("holidays", "Give at most 1,000 dates.")
    return sorted(set(found))


def build_series(store: RecordStore, form: SeriesInput, *, series_id: UUID | None = None) -> Series:
    """Check the form and return the series it describes (not saved); FormError if wrong."""
    check = Checker()
    group = store.groups.get(form.group_id) if form.group_id else None
    if group is None:
        check.fail("group_id", "Choose the group this series is for.")
    elif group.archived:
        check.fail("group_id", f"{group.name} is archived; bring it back before planning.")
    start = check.day("start", form.start)
    start_time = check.clock_time("start_time", form.start_time)
    if start_time is None and "start_time" not in check.errors:
        check.fail("start_time", "Enter the time the sessions start, e.g. 18:30.")
    interval = 1
    if form.frequency is SeriesFrequency.WEEKLY:
        interval = check.whole_number("interval", form.interval or "1", low=1, high=12, unit="weeks")
    elif form.ordinal not in ORDINAL_WORDS:
        check.fail("ordinal", "Choose which weekday of the month: 1st, 2nd, 3rd, 4th or last.")
    count = until = None
    if form.count.strip() and form.until.strip():
        check.fail("count", "Give a number of sessions or an end date, not both.")
    elif form.count.strip():
        count = check.whole_number("count", form.count, low=1, high=MAX_SESSIONS, unit="sessions")
    elif form.until.strip():
        until = check.day("until", form.until)
        if until and start and until < start:
            check.fail("until", "The end date is before the start date.")
    else:
        check.fail("count", "Give a number of sessions, or an end date below.")
    if form.template_id is None:
        check.fail("template_id", "Choose a template for the agenda.")
    elif store.templates.get(form.template_id) is None:
        check.fail("template_id", "That template is no longer in the library.")
    title = (form.title or "").strip() or (group.name if group else "")
    if len(title) > 120 or "\n" in title:
        check.fail("title", f"Keep the title to one line of 120 characters (now {len(title)}).")
    holidays = parse_holidays(check, form.holidays)
    check.done()
    assert group is not None and start is not None and start_time is not None
    series = Series(
        **({"id": series_id} if series_id else {}),
        group_id=group.id, title=title, frequency=form.frequency, interval=interval,
        weekday=start.weekday() if form.weekday is None else form.weekday,
        ordinal=form.ordinal if form.frequency is SeriesFrequency.MONTHLY else None,
        start=start, count=count, until=until, start_time=start_time, template_id=form.template_id,
        holidays=holidays, facilitator_id=form.facilitator_id,
    )
    dates = occurrences(series)
    if not dates:
        raise FormError({"until": "No session falls between the start and the end date."})
    if len(dates) > MAX_SESSIONS:
        raise FormError({"until": f"That is more than {MAX_SESSIONS} sessions: choose an earlier end date."})
    return series


def form_of(series: Series) -> SeriesInput:
    """The form filled in from a saved series (for editing it)."""
    return SeriesInput(
        group_id=series.group_id, start=series.start.isoformat(),
        start_time=series.start_time.strftime("%H:%M"), frequency=series.frequency,
        interval=str(series.interval), weekday=series.weekday, ordinal=series.ordinal,
        count=str(series.count or ""), until=series.until.isoformat() if series.until else "",
        template_id=series.template_id, title=series.title,
        holidays=", ".join(day.isoformat() for day in series.holidays),
        facilitator_id=series.facilitator_id,
    )


# -- planning ---------------------------------------------------------------------------------


def get_series(store: RecordStore, series_id: UUID) -> Series:
    """The series with this id; RecordNotFound if it was removed."""
    series = store.series.get(series_id)
    if series is None:
        raise RecordNotFound("that series is no longer there")
    return series


def series_of_group(store: RecordStore, group_id: UUID | None = None) -> list[Series]:
    """Series (of one group, or all), by start date."""
    found = [s for s in store.series.all() if group_id is None or s.group_id == group_id]
    return sorted(found, key=lambda s: (s.start, s.start_time, str(s.id)))


def series_sessions(store: RecordStore, series_id: UUID) -> list[SessionHeader]:
    """The sessions planned from a series (any status), by date."""
    return [h for h in store.sessions.headers() if h.series_id == series_id]


def new_session(store: RecordStore, series: Series, day: date, today: date) -> Session:
    """A planned session of ``series`` on ``day``, with a copy of the series' template
    (planned ``today``)."""
    template = store.templates.get(series.template_id) if series.template_id else None
    agenda = copy_segments(template.segments) if template else []
    return Session(
        group_id=series.group_id, title=series.title, date=day, start_time=series.start_time,
        template_id=template.id if template else None,
        agenda=fill_team_time(store, agenda, day, today),
        series_id=series.id, series_date=day,
    )


def plan_series(store: RecordStore, series_id: UUID, today: date, *, weeks: int = HORIZON_WEEKS) -> PlanResult:
    """Create the missing planned sessions of a series from ``today`` for ``weeks`` weeks
    (or to its end, if sooner). Dates that have their session already (in any state, moved
    or not) are left alone; a one-off planned session of the group on a series date joins
    the series instead of getting a twin. All saved as one change."""
    series = get_series(store, series_id)
    horizon = today + timedelta(weeks=weeks)
    result = PlanResult()
    headers = store.sessions.headers(series.group_id)
    taken = {h.series_date for h in headers if h.series_id == series.id}
    one_offs = {h.date: h for h in headers if h.series_id is None and h.status is SessionStatus.PLANNED}
    joining: list[Session] = []
    for day in occurrences(series):
        if day > horizon:
            break
        if day < today:
            continue
        if day in taken:
            result.kept += 1
        elif day in one_offs:
            session = store.sessions.get(one_offs[day].id)
            joining.append(session.model_copy(update={"series_id": series.id, "series_date": day}))
            result.adopted.append(session.id)
        else:
            result.created.append(new_session(store, series, day, today))
    if result.created or joining:
        with store.transaction("planning of a series"):
            for session in joining:
                store.sessions.save(session)
            if result.created:
                store.sessions.save_many(result.created)
        refresh_team_time(store, today)
    return result


def create_series(store: RecordStore, form: SeriesInput, today: date) -> tuple[Series, PlanResult]:
    """Check the form, save the series and plan its first weeks; FormError if the form is wrong."""
    series = build_series(store, form)
    if occurrences(series)[-1] < today:
        raise FormError({"start": f"Every date of this series has passed (today is {today.isoformat()})."})
    store.series.save(series)
    return series, plan_series(store, series.id, today)


def preview(store: RecordStore, form: SeriesInput, today: date, *, shown: int = 60) -> tuple[Series, list[date]]:
    """The series the form describes and its first ``shown`` dates from today; FormError if wrong."""
    series = build_series(store, form)
    return series, [d for d in occurrences(series) if d >= today][:shown]
