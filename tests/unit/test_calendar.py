"""Calendar export: the .ics parses back with icalendar, each series' recurrence expands to
exactly the sessions planned, UIDs stay the same across exports, and no name is written."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from psw_tui.models import GroupKind, MemberRole
from psw_tui.models.series import SeriesFrequency
from psw_tui.services import planning
from psw_tui.services import series as svc
from psw_tui.services.builtin_templates import default_template_for
from psw_tui.services.calendar import NothingToExport, build_calendar, local_zone
from psw_tui.services.groups import GroupInput, add_member, create_group
from psw_tui.storage import RecordStore
from tests.conftest import FIXED_TODAY

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
PEER = default_template_for(GroupKind.PEER_SUPPORT).id


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.fixture
def planned(store: RecordStore):
    """A weekly series (a holiday skipped, one session cancelled, one moved), a monthly one,
    and a one-off session whose title names a member."""
    circle = create_group(store, GroupInput(name="Circle"))
    store.groups.save(circle.model_copy(update={"location": "Room 2, Hope House"}))
    add_member(store, circle.id, "Robin", MemberRole.MEMBER)
    add_member(store, circle.id, "Zoë", MemberRole.FACILITATOR)
    weekly_form = svc.SeriesInput(group_id=circle.id, start="2026-11-24", start_time="18:30", count="20",
                                  template_id=PEER, holidays="2026-12-29")
    weekly, made = svc.create_series(store, weekly_form, FIXED_TODAY)
    by_date = {s.date: s for s in made.created}
    planning.cancel_session(store, by_date[d("2026-12-15")].id, "Room not available")
    planning.edit_session(store, by_date[d("2026-12-22")].id,
                          planning.PlanInput(None, "2026-12-23", "18:30"), FIXED_TODAY)
    walk = create_group(store, GroupInput(name="Walk and talk"))
    monthly_form = replace(weekly_form, group_id=walk.id, frequency=SeriesFrequency.MONTHLY, weekday=0,
                           ordinal=1, count="6", start="2026-11-20", start_time="10:00", holidays="")
    monthly, _ = svc.create_series(store, monthly_form, FIXED_TODAY)
    one_off = planning.plan_session(
        store, planning.PlanInput(circle.id, "2026-11-27", "", PEER, "Robin's farewell, with ZOE"), FIXED_TODAY)
    return {"weekly": weekly, "monthly": monthly, "one_off": one_off, "circle": circle, "walk": walk}


def export(store, **options) -> Calendar:
    result = build_calendar(store, today=FIXED_TODAY, now=NOW, zone=LONDON, **options)
    return Calendar.from_ical(result.data)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def expand(event) -> list[datetime]:
    """The event's dates as a calendar program computes them: RRULE minus EXDATE (dateutil)."""
    start = event.decoded("DTSTART")
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start, forceset=True)
    exdates = event.get("EXDATE")
    for group in (exdates if isinstance(exdates, list) else [exdates] if exdates else []):
        for value in group.dts:
            rule.exdate(value.dt)
    return list(rule)


def test_the_weekly_series_expands_to_the_sessions_planned(store, planned) -> None:
    calendar = export(store)
    weekly = events(calendar)[f"series-{planned['weekly'].id}@psw-tui"]
    moments = expand(weekly)
    planned_dates = [h.date for h in svc.series_sessions(store, planned["weekly"].id)
                     if h.status.value == "planned" and h.date == h.series_date]
    series_dates = svc.occurrences(planned["weekly"])
    assert [m.date() for m in moments] == [day for day in series_dates if day not in (d("2026-12-15"), d("2026-12-22"))]
    assert planned_dates == [m.date() for m in moments][: len(planned_dates)]
    assert len(moments) == 20 - 2  # 20 sessions; one cancelled and one moved are their own business
    assert all(m.tzinfo is not None and m.astimezone(LONDON).time() == time(18, 30) for m in moments)
    assert moments[-1].date() == d("2027-04-13")  # 20 Tuesdays, 29 Dec skipped; 18:30 after the clocks change
    assert weekly.decoded("DTEND") - weekly.decoded("DTSTART") == (datetime(1, 1, 1, 20, 0) - datetime(1, 1, 1, 18, 30))
    assert str(weekly["SUMMARY"]) == "Circle" and str(weekly["LOCATION"]) == "Room 2, Hope House"


def test_the_monthly_series_and_single_events(store, planned) -> None:
    found = events(export(store))
    monthly = found[f"series-{planned['monthly'].id}@psw-tui"]
    assert [m.date() for m in expand(monthly)] == svc.occurrences(planned["monthly"])
    assert "BYDAY=1MO" in monthly["RRULE"].to_ical().decode()
    moved = [e for uid, e in found.items() if uid.startswith("session-") and e.decoded("DTSTART") != date(2026, 11, 27)]
    assert [e.decoded("DTSTART").date() for e in moved] == [d("2026-12-23")]
    one_off = found[f"session-{planned['one_off'].id}@psw-tui"]
    assert one_off.decoded("DTSTART") == date(2026, 11, 27)  # no time: an all-day event
    assert str(one_off["SUMMARY"]) == "[name]'s farewell, with [name] (Circle)"
    assert len(found) == 4


def test_time_zone_is_given(store, planned) -> None:
    calendar = export(store)
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    assert b"DTSTART;TZID=Europe/London:20261124T183000" in calendar.to_ical()


def test_uids_are_stable_across_exports(store, planned) -> None:
    first = set(events(export(store)))
    planning.plan_session(store, planning.PlanInput(planned["walk"].id, "2026-11-30", "14:00", PEER), FIXED_TODAY)
    second = set(events(export(store)))
    assert first < second and len(second - first) == 1
    assert set(events(export(store))) == second


def test_no_member_name_anywhere_in_the_file(store, planned) -> None:
    data = build_calendar(store, today=FIXED_TODAY, now=NOW, zone=LONDON).data.decode()
    for name in ("Robin", "Zoë", "ZOE", "Zoe"):
        assert name.casefold() not in data.casefold()


def test_group_and_range_choose_what_goes_in(store, planned) -> None:
    only_walk = events(export(store, group_id=planned["walk"].id))
    assert list(only_walk) == [f"series-{planned['monthly'].id}@psw-tui"]
    december = events(export(store, start=d("2026-12-20"), end=d("2026-12-24")))
    assert set(december) == {f"series-{planned['weekly'].id}@psw-tui",
                              *[f"session-{h.id}@psw-tui" for h in store.sessions.headers() if h.date == d("2026-12-23")]}
    with pytest.raises(NothingToExport):
        build_calendar(store, today=FIXED_TODAY, now=NOW, zone=LONDON, start=d("2030-01-01"))


def test_floating_times_when_the_zone_is_unknown(store, planned) -> None:
    result = build_calendar(store, today=FIXED_TODAY, now=NOW, zone=None)
    calendar = Calendar.from_ical(result.data)
    assert result.zone is None and "floating" in result.sentence()
    assert not calendar.walk("VTIMEZONE") and b"DTSTART:20261124T183000\r\n" in result.data


def test_local_zone_follows_tz(monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")
    assert local_zone() == LONDON
    monkeypatch.setenv("TZ", "Not/AZone")
    assert local_zone() != ZoneInfo("Europe/London") or local_zone() is None


# -- psw-tui calendar -------------------------------------------------------------------------


def cli(capsys, *args: str) -> tuple[int, str, str]:
    from psw_tui.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_writes_a_private_ics_while_the_app_holds_the_folder(
    store, planned, data_dir, tmp_path, capsys, monkeypatch
) -> None:
    import stat

    monkeypatch.setenv("TZ", "Europe/London")
    target = tmp_path / "groups.ics"
    # ``store`` is still open (the folder is locked), as when the app is running
    code, out, err = cli(capsys, "--data-dir", str(data_dir), "calendar", "--from", "2026-11-20",
                         "-o", str(target))
    assert (code, err) == (0, "")
    assert out.strip() == f"Wrote {target}: 2 series and 2 single session(s); times in Europe/London."
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    parsed = Calendar.from_ical(target.read_bytes())
    assert len(parsed.walk("VEVENT")) == 4
    code, _, err = cli(capsys, "--data-dir", str(data_dir), "calendar", "--from", "2026-11-20",
                       "-o", str(target))
    assert code == 1 and err.count("\n") == 1 and "already exists; use --force" in err
    code, _, _ = cli(capsys, "--data-dir", str(data_dir), "calendar", "--group", "walk AND talk",
                     "--from", "2026-11-20", "-o", str(target), "--force")
    assert code == 0 and len(Calendar.from_ical(target.read_bytes()).walk("VEVENT")) == 1


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--from", "20/11/2026"], 2, "--from '20/11/2026' is not a date (use YYYY-MM-DD); see psw-tui calendar --help"),
        (["--from", "2026-12-01", "--to", "2026-11-01"], 2, "--from is after --to"),
        (["--group", "Nobody's group"], 1, "no group named \"Nobody's group\"; nothing was written"),
        (["--from", "2031-01-01"], 1, "no planned sessions or series in that range; nothing was written"),
        (["--bogus"], 2, "unrecognized argument: --bogus"),
    ],
)
def test_cli_mistakes_are_one_line(store, planned, data_dir, tmp_path, capsys, args, code, words) -> None:
    target = tmp_path / "out.ics"
    got, out, err = cli(capsys, "--data-dir", str(data_dir), "calendar", "-o", str(target), *args)
    assert (got, out) == (code, "")
    assert err.count("\n") == 1 and words in err and "Traceback" not in err
    assert not target.exists()


def test_cli_needs_an_output_file(data_dir, capsys) -> None:
    code, _, err = cli(capsys, "--data-dir", str(data_dir), "calendar")
    assert code == 2 and err.count("\n") == 1 and "-o/--output" in err
