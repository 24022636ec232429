"""Sessions that repeat: the dates of a series, planning it (twice), one session changed,
cancelled or moved, and "this and later ones"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from psw_tui.models import GroupKind, SessionStatus
from psw_tui.models.series import SeriesFrequency
from psw_tui.services import planning
from psw_tui.services import series as svc
from psw_tui.services.builtin_templates import default_template_for
from psw_tui.services.forms import FormError
from psw_tui.services.groups import GroupInput, create_group
from psw_tui.services.series_change import change_from, form_from
from psw_tui.storage import RecordStore
from tests.conftest import FIXED_TODAY

TUESDAY = "2026-11-24"  # the first Tuesday after FIXED_TODAY (a Friday)


@pytest.fixture
def group(store: RecordStore):
    return create_group(store, GroupInput(name="Circle"))


def form(group, **changes) -> svc.SeriesInput:
    template = default_template_for(GroupKind.PEER_SUPPORT)
    base = svc.SeriesInput(group_id=group.id, start=TUESDAY, start_time="18:30", count="5",
                           template_id=template.id)
    return replace(base, **changes)


def dates_of(store, group, form_) -> list[date]:
    return svc.occurrences(svc.build_series(store, form_))


def d(text: str) -> date:
    return date.fromisoformat(text)


def days(*texts: str) -> list[date]:
    return [d(t) for t in texts]


# -- dates ------------------------------------------------------------------------------------


def test_weekly(store, group) -> None:
    assert dates_of(store, group, form(group)) == days(
        "2026-11-24", "2026-12-01", "2026-12-08", "2026-12-15", "2026-12-22")


def test_every_two_weeks(store, group) -> None:
    assert dates_of(store, group, form(group, interval="2", count="4")) == days(
        "2026-11-24", "2026-12-08", "2026-12-22", "2027-01-05")


def test_weekday_other_than_the_start_dates(store, group) -> None:
    # Thursdays from a Tuesday start: the first Thursday on or after it.
    assert dates_of(store, group, form(group, weekday=3, count="2")) == days("2026-11-26", "2026-12-03")


def test_first_monday_and_last_friday_of_the_month(store, group) -> None:
    first_monday = form(group, frequency=SeriesFrequency.MONTHLY, weekday=0, ordinal=1, count="4",
                        start="2026-11-20")
    assert dates_of(store, group, first_monday) == days("2026-12-07", "2027-01-04", "2027-02-01", "2027-03-01")
    last_friday = replace(first_monday, weekday=4, ordinal=-1, count="3")
    assert dates_of(store, group, last_friday) == days("2026-11-27", "2026-12-25", "2027-01-29")


def test_until_includes_the_end_date(store, group) -> None:
    assert dates_of(store, group, form(group, count="", until="2026-12-15")) == days(
        "2026-11-24", "2026-12-01", "2026-12-08", "2026-12-15")


def test_holidays_are_skipped_and_a_count_keeps_its_number(store, group) -> None:
    series = svc.build_series(store, form(group, count="4", holidays="2026-12-01, 2026-12-25\n2027-01-01"))
    assert svc.occurrences(series) == days("2026-11-24", "2026-12-08", "2026-12-15", "2026-12-22")
    assert svc.skipped_holidays(series) == days("2026-12-01")
    until = svc.build_series(store, form(group, count="", until="2026-12-15", holidays="2026-12-01"))
    assert svc.occurrences(until) == days("2026-11-24", "2026-12-08", "2026-12-15")


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"count": ""}, "count", "number of sessions"),
        ({"until": "2027-01-01"}, "count", "not both"),
        ({"count": "0"}, "count", "1 to 520"),
        ({"count": "", "until": "2026-11-01"}, "until", "before the start"),
        ({"holidays": "2026-12-01, 25/12/2026"}, "holidays", "YYYY-MM-DD"),
        ({"frequency": SeriesFrequency.MONTHLY}, "ordinal", "1st, 2nd"),
        ({"interval": "13"}, "interval", "1 to 12"),
        ({"start_time": ""}, "start_time", "time the sessions start"),
        ({"start": "next week"}, "start", "YYYY-MM-DD"),
        ({"template_id": None}, "template_id", "template"),
        ({"count": "", "until": "2040-01-01"}, "until", "more than 520"),
    ],
)
def test_form_mistakes_name_their_field(store, group, changes, field, words) -> None:
    with pytest.raises(FormError) as caught:
        svc.create_series(store, form(group, **changes), FIXED_TODAY)
    assert words in caught.value.errors[field]
    assert store.series.all() == [] and store.sessions.headers() == []


def test_describe_in_words(store, group) -> None:
    series = svc.build_series(store, form(group, interval="2"))
    assert svc.describe(series) == "Every 2 weeks on Tuesday at 18:30, 5 sessions from 24 Nov 2026"
    monthly = svc.build_series(store, form(group, frequency=SeriesFrequency.MONTHLY, weekday=0, ordinal=1))
    assert svc.describe(monthly).startswith("The 1st Monday of the month at 18:30")


# -- planning ---------------------------------------------------------------------------------


def planned_dates(store, series_id) -> list[date]:
    return [h.date for h in svc.series_sessions(store, series_id) if h.status is SessionStatus.PLANNED]


def test_planning_creates_the_sessions_once(store, group) -> None:
    series, result = svc.create_series(store, form(group), FIXED_TODAY)
    assert len(result.created) == 5 and result.kept == 0
    first = store.sessions.get(result.created[0].id)
    assert (first.series_id, first.series_date, first.start_time) == (series.id, d(TUESDAY), time(18, 30))
    assert first.title == "Circle" and first.agenda and first.template_id == series.template_id
    again = svc.plan_series(store, series.id, FIXED_TODAY)
    assert again.created == [] and again.kept == 5
    assert len(store.sessions.headers()) == 5


def test_planning_stops_at_the_horizon_and_later_fills_the_rest(store, group) -> None:
    series, result = svc.create_series(store, form(group, count="20"), FIXED_TODAY)
    assert len(result.created) == 12
    assert max(s.date for s in result.created) <= FIXED_TODAY + timedelta(weeks=12)
    later = svc.plan_series(store, series.id, FIXED_TODAY + timedelta(weeks=8))
    assert len(later.created) == 8 and len(svc.series_sessions(store, series.id)) == 20


def test_dates_already_past_are_not_planned(store, group) -> None:
    series, result = svc.create_series(store, form(group, start="2026-11-03"), FIXED_TODAY)
    assert [s.date for s in result.created] == days("2026-11-24", "2026-12-01")
    with pytest.raises(FormError) as caught:
        svc.create_series(store, form(group, start="2026-10-01", count="2"), FIXED_TODAY)
    assert "passed" in caught.value.errors["start"]


def test_a_cancelled_session_stays_cancelled(store, group) -> None:
    series, result = svc.create_series(store, form(group), FIXED_TODAY)
    cancelled = planning.cancel_session(store, result.created[1].id, "Room not available")
    again = svc.plan_series(store, series.id, FIXED_TODAY)
    assert again.created == []
    assert store.sessions.get(cancelled.id).status is SessionStatus.CANCELLED
    assert d("2026-12-01") not in planned_dates(store, series.id)


def test_one_session_moved_is_not_planned_again(store, group) -> None:
    series, result = svc.create_series(store, form(group), FIXED_TODAY)
    moved = result.created[2]
    planning.edit_session(store, moved.id, planning.PlanInput(None, "2026-12-10", "10:00"), FIXED_TODAY)
    again = svc.plan_series(store, series.id, FIXED_TODAY)
    assert again.created == []
    kept = store.sessions.get(moved.id)
    assert (kept.date, kept.series_date, kept.series_id) == (d("2026-12-10"), d("2026-12-08"), series.id)


def test_a_one_off_session_on_a_series_date_joins_it(store, group) -> None:
    template = default_template_for(GroupKind.PEER_SUPPORT)
    one_off = planning.plan_session(store, planning.PlanInput(group.id, "2026-12-01", "18:30", template.id),
                                    FIXED_TODAY)
    series, result = svc.create_series(store, form(group), FIXED_TODAY)
    assert result.adopted == [one_off.id] and len(result.created) == 4
    assert store.sessions.get(one_off.id).series_id == series.id
    assert len(store.sessions.headers()) == 5


# -- this and later ---------------------------------------------------------------------------


def test_this_and_later_splits_the_series_and_keeps_what_was_done(store, group) -> None:
    series, result = svc.create_series(store, form(group, count="10"), FIXED_TODAY)
    by_date = {s.date: s for s in result.created}
    # 8 Dec: held already (ended); 15 Dec: a check-in question typed by hand; 22 Dec: cancelled.
    planning.edit_session(store, by_date[d("2026-12-15")].id,
                          planning.PlanInput(None, "2026-12-15", "18:30", None, "", "A hope?"), FIXED_TODAY)
    planning.cancel_session(store, by_date[d("2026-12-22")].id, "Holiday cover")
    held = store.sessions.get(by_date[d("2026-12-08")].id)
    store.sessions.save(held.model_copy(update={"status": SessionStatus.ENDED}))

    later = replace(form_from(store, series.id, d("2026-12-08")), start_time="10:00", weekday=2)
    assert later.count == "8"  # 10 sessions, 2 of them before 8 Dec
    changed = change_from(store, series.id, "2026-12-08", later, FIXED_TODAY)

    assert changed.split and changed.kept == 3
    old = store.series.get(series.id)
    assert (old.until, old.count) == (d("2026-12-01"), None)
    assert svc.occurrences(old) == days("2026-11-24", "2026-12-01")
    new = store.series.get(changed.series.id)
    assert svc.occurrences(new)[:3] == days("2026-12-09", "2026-12-16", "2026-12-23")
    assert len(svc.occurrences(new)) == 8
    # the earlier sessions are exactly as they were; the new ones are on Wednesdays at 10:00
    assert [h.date for h in svc.series_sessions(store, series.id)][:2] == days("2026-11-24", "2026-12-01")
    for header in svc.series_sessions(store, new.id):
        assert header.date.weekday() == 2 and header.start_time == time(10, 0)
    # what was held, typed in or cancelled is untouched (Tuesdays: not dates of the new series)
    assert store.sessions.get(held.id).status is SessionStatus.ENDED
    assert store.sessions.get(by_date[d("2026-12-15")].id).check_in_question == "A hope?"
    assert store.sessions.get(by_date[d("2026-12-22")].id).status is SessionStatus.CANCELLED
    # of the old rule's planned sessions from 8 Dec on, only the one typed in is left
    leftover = [h for h in svc.series_sessions(store, series.id)
                if h.date >= d("2026-12-08") and h.status is SessionStatus.PLANNED]
    assert [h.id for h in leftover] == [by_date[d("2026-12-15")].id]
    assert svc.plan_series(store, new.id, FIXED_TODAY).created == []


def test_this_and_later_same_weekday_keeps_a_cancelled_date_cancelled(store, group) -> None:
    series, result = svc.create_series(store, form(group, count="6"), FIXED_TODAY)
    cancelled = planning.cancel_session(store, result.created[3].id, "Room not available")  # 15 Dec
    later = replace(form_from(store, series.id, d("2026-12-08")), start_time="19:00")
    changed = change_from(store, series.id, "2026-12-08", later, FIXED_TODAY)
    new_id = changed.series.id
    kept = store.sessions.get(cancelled.id)
    assert kept.status is SessionStatus.CANCELLED and kept.series_id == new_id
    headers = svc.series_sessions(store, new_id)
    assert [h.date for h in headers] == days("2026-12-08", "2026-12-15", "2026-12-22", "2026-12-29")
    assert {h.start_time for h in headers if h.status is SessionStatus.PLANNED} == {time(19, 0)}
    assert len([h for h in store.sessions.headers() if h.date == d("2026-12-15")]) == 1


def test_this_and_later_from_the_first_date_changes_the_series_itself(store, group) -> None:
    series, _ = svc.create_series(store, form(group), FIXED_TODAY)
    later = replace(form_from(store, series.id, d(TUESDAY)), template_id=series.template_id, interval="2")
    changed = change_from(store, series.id, TUESDAY, later, FIXED_TODAY)
    assert not changed.split and changed.series.id == series.id and changed.removed == 5
    assert [h.date for h in svc.series_sessions(store, series.id)] == days(
        "2026-11-24", "2026-12-08", "2026-12-22", "2027-01-05", "2027-01-19")
    assert len(store.series.all()) == 1


def test_this_and_later_refuses_a_past_or_out_of_range_date(store, group) -> None:
    series, _ = svc.create_series(store, form(group), FIXED_TODAY)
    for text, words in (("2026-11-01", "passed"), ("2027-06-01", "ends on"), ("soon", "YYYY-MM-DD")):
        with pytest.raises(FormError) as caught:
            change_from(store, series.id, text, form_from(store, series.id, d(TUESDAY)), FIXED_TODAY)
        assert words in caught.value.errors["start"]
    assert len(store.series.all()) == 1 and len(store.sessions.headers()) == 5


def test_series_survive_reopening_the_store(data_dir, store, group) -> None:
    series, _ = svc.create_series(store, form(group, holidays="2026-12-01"), FIXED_TODAY)
    reopened = RecordStore.open(data_dir, read_only=True)
    try:
        assert reopened.series.get(series.id) == series
        assert {h.series_id for h in reopened.sessions.headers()} == {series.id}
    finally:
        reopened.close()
