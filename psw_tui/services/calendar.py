"""Planned sessions and series as an RFC 5545 calendar (.ics), written with ``icalendar``.

How it is laid out, and why (what imports best into Google, Apple and Outlook calendars):

* **A series is one recurring event** (``RRULE``) from its first date to its last (``UNTIL``,
  never ``COUNT``: skipped holidays would make a count mean something else), so the calendar
  shows it as a series and shows its dates not planned yet too. Holidays skipped, cancelled
  sessions and sessions moved or changed by hand are ``EXDATE``s of it.
* **Every other session is a single event**: one-off sessions, and the moved or changed
  sessions of a series, which are their own events rather than ``RECURRENCE-ID`` overrides
  (overrides are where importers disagree; a plain event imports the same everywhere).
* **Stable UIDs**: ``series-<id>@psw-tui`` and ``session-<id>@psw-tui``, so exporting again
  and importing updates the events instead of adding copies. A series changed "this and
  later" keeps its UID (it now ends earlier) and the new part gets its own.
* **Time zone**: the local zone (``TZ``, else ``/etc/localtime``), with its ``VTIMEZONE``
  for the years the calendar covers. When it cannot be found, times are floating (local
  wherever the calendar is opened) and the result says so.
* **No names**: titles (the series or session title and the group name) and locations go
  through the name detector: every person on any roster, and for a single session also its
  walk-ins and action owners. Nothing else from a session is written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, Timezone

from psw_tui.models import Group, SessionHeader, SessionStatus
from psw_tui.models.series import Series, SeriesFrequency
from psw_tui.services.names import NameDetector, session_detector
from psw_tui.services.series import describe, occurrences, skipped_holidays
from psw_tui.storage import RecordStore
from psw_tui.storage.export_files import write_export

PRODID = "-//psw-tui//Peer support sessions//EN"
_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class CalendarExport:
    """An .ics file's bytes, and what is in it."""

    data: bytes
    series: int
    sessions: int
    zone: str | None  # the TZID used, None when times are floating

    def sentence(self) -> str:
        """What was exported, in one line."""
        where = f"times in {self.zone}" if self.zone else "the local time zone is unknown: times are floating"
        return f"{self.series} series and {self.sessions} single session(s); {where}"


class NothingToExport(LookupError):
    """No series or session in the range chosen."""


def local_zone() -> ZoneInfo | None:
    """The local IANA time zone (``TZ``, ``/etc/localtime``, ``/etc/timezone``), or None."""
    names = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            names.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    try:
        names.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except (OSError, UnicodeDecodeError):
        pass
    for name in names:
        if name and not name.startswith("/"):
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return None


class _Writer:
    """Builds the events of one calendar."""

    def __init__(self, store: RecordStore, zone: ZoneInfo | None, now: datetime) -> None:
        self.store = store
        self.zone = zone
        self.stamp = now.astimezone(UTC).replace(microsecond=0)
        self.groups: dict[UUID, Group] = {g.id: g for g in store.groups.all()}
        self.everyone = NameDetector(m.display_name for m in store.members.all())
        self.days: list[date] = []
        self._detectors: dict[UUID, NameDetector] = {}

    def at(self, day: date, moment: time) -> datetime:
        self.days.append(day)
        return datetime.combine(day, moment, tzinfo=self.zone)

    def _clean(self, text: str, session_id: UUID | None = None) -> str:
        text, _ = self.everyone.redact(text)
        if session_id is not None:
            if session_id not in self._detectors:
                self._detectors[session_id] = session_detector(self.store, session_id)
            text, _ = self._detectors[session_id].redact(text)
        return text

    def _event(self, uid: str, title: str, group_id: UUID, session_id: UUID | None = None) -> Event:
        group = self.groups.get(group_id)
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", self.stamp)
        name = group.name if group else ""
        summary = title if not name or title.casefold() == name.casefold() else f"{title} ({name})"
        event.add("summary", self._clean(summary, session_id))
        if group is not None and group.location.strip():
            event.add("location", self._clean(group.location.strip(), session_id))
        return event

    def _minutes(self, group_id: UUID) -> int:
        group = self.groups.get(group_id)
        return group.slot_minutes if group else 90

    def series_event(self, series: Series, dates: list[date], also_excluded: list[date]) -> Event:
        event = self._event(f"series-{series.id}@psw-tui", series.title, series.group_id)
        first = self.at(dates[0], series.start_time)
        event.add("dtstart", first)
        event.add("dtend", first + timedelta(minutes=self._minutes(series.group_id)))
        last = self.at(dates[-1], series.start_time)
        rule: dict[str, object] = {"freq": "weekly", "until": last.astimezone(UTC) if self.zone else last}
        if series.frequency is SeriesFrequency.MONTHLY:
            rule = {"freq": "monthly", "until": rule["until"], "byday": f"{series.ordinal}{_DAY_CODES[series.weekday]}"}
        else:
            rule["byday"] = _DAY_CODES[series.weekday]
            if series.interval > 1:
                rule["interval"] = series.interval
        event.add("rrule", rule)
        excluded = sorted(set(skipped_holidays(series, dates)) | set(also_excluded))
        if excluded:
            event.add("exdate", [self.at(day, series.start_time) for day in excluded])
        event.add("description", describe(series))
        return event

    def session_event(self, header: SessionHeader) -> Event:
        event = self._event(f"session-{header.id}@psw-tui", header.title, header.group_id, header.id)
        if header.start_time is None:
            event.add("dtstart", header.date)
            event.add("dtend", header.date + timedelta(days=1))
        else:
            start = self.at(header.date, header.start_time)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(minutes=self._minutes(header.group_id)))
        return event


def _covered(header: SessionHeader, series: Series) -> bool:
    """Whether the series' own event shows this session as it is."""
    return (header.date, header.start_time, header.title) == (header.series_date, series.start_time, series.title)


def build_calendar(
    store: RecordStore,
    *,
    today: date,
    now: datetime,
    group_id: UUID | None = None,
    start: date | None = None,
    end: date | None = None,
    zone: ZoneInfo | None | str = "local",
) -> CalendarExport:
    """The calendar of series and sessions (of one group, or all) from ``start`` (default
    ``today``) to ``end`` (default: no end). A series with a date in the range goes in
    whole. Cancelled sessions are left out (a cancelled series date is an ``EXDATE``).
    NothingToExport when the range holds nothing."""
    first = start or today
    tz = local_zone() if zone == "local" else zone
    assert not isinstance(tz, str)
    writer = _Writer(store, tz, now)
    headers = [h for h in store.sessions.headers(group_id) if not store.sessions.is_damaged(h.id)]
    by_series: dict[UUID, list[SessionHeader]] = {}
    for header in headers:
        if header.series_id is not None:
            by_series.setdefault(header.series_id, []).append(header)
    events: list[Event] = []
    covered: set[UUID] = set()
    series_count = 0
    for series in sorted(store.series.all(), key=lambda s: (s.start, str(s.id))):
        if group_id is not None and series.group_id != group_id:
            continue
        dates = occurrences(series)
        if not any(first <= d and (end is None or d <= end) for d in dates):
            continue
        held = set(dates)
        excluded = []
        for header in by_series.get(series.id, []):
            if header.series_date not in held:
                continue
            if header.status is not SessionStatus.CANCELLED and _covered(header, series):
                covered.add(header.id)
            else:
                excluded.append(header.series_date)
        events.append(writer.series_event(series, dates, excluded))
        series_count += 1
    singles = [
        h for h in headers
        if h.id not in covered and h.status is not SessionStatus.CANCELLED
        and first <= h.date and (end is None or h.date <= end)
    ]
    events += [writer.session_event(h) for h in singles]
    if not events:
        raise NothingToExport("no planned sessions or series in that range")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Peer support sessions")
    zone_name = None if tz is None else str(tz.key)
    if zone_name is not None and zone_name != "UTC" and writer.days:
        calendar.add("x-wr-timezone", zone_name)
        calendar.add_component(Timezone.from_tzinfo(
            tz, first_date=min(writer.days) - timedelta(days=366), last_date=max(writer.days) + timedelta(days=366)))
    for event in events:
        calendar.add_component(event)
    return CalendarExport(calendar.to_ical(), series_count, len(singles), zone_name)


def write_calendar(path: Path, export: CalendarExport, *, force: bool = False) -> Path:
    """Write the calendar atomically and owner-only; ExportExists unless ``force``."""
    return write_export(path, export.data, force=force)
