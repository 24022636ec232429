"""The demo data set (fixtures/demo.json): valid, realistic, private, importable, up to date."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from psw_tui.models import (
    ActionStatus,
    AnonymousNote,
    Bundle,
    FacilitatorNote,
    GroupKind,
    MemberRole,
    NoteKind,
    RegisterKind,
    SessionStatus,
)
from psw_tui.services.builtin_templates import BUILTIN_TEMPLATES
from psw_tui.storage import RecordStore

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "demo.json"
SCRIPT = ROOT / "scripts" / "make_demo.py"
BUILTIN_IDS = {t.id: t for t in BUILTIN_TEMPLATES}
STAMP = re.compile(r"\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)?")
LEADS = (MemberRole.FACILITATOR, MemberRole.CO_FACILITATOR, MemberRole.SUPERVISOR)


@pytest.fixture(scope="module")
def raw() -> Any:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bundle(raw: Any) -> Bundle:
    return Bundle.model_validate(raw)


def ended(bundle: Bundle) -> list:
    return [p for p in bundle.sessions if p.session.status is SessionStatus.ENDED]


def test_it_is_a_bundle_anchored_on_a_friday(bundle: Bundle) -> None:
    assert bundle.format == "psw-tui-bundle"
    assert bundle.anchor_date == date(2026, 11, 20)
    assert bundle.anchor_date.weekday() == 4
    assert FIXTURE.stat().st_size < 1_500_000
    # Built-ins ship with psw-tui and are seeded with stable ids; the demo refers to them.
    assert bundle.templates == []


def test_groups_agreements_and_rosters(bundle: Bundle) -> None:
    assert len(bundle.groups) >= 4
    kinds = Counter(group.kind for group in bundle.groups)
    assert kinds[GroupKind.SUPERVISION] >= 1 and kinds[GroupKind.PEER_SUPPORT] >= 3
    for group in bundle.groups:
        assert "serious harm" in group.agreement and "talk with the person first" in group.agreement
        assert group.agreement.count("\n") >= 4
        assert group.signposting and group.question_bank
        template = BUILTIN_IDS[group.default_template_id]
        assert template.group_kind is group.kind
        roster = [m for m in bundle.members if m.group_id == group.id]
        assert 6 <= len(roster) <= 12, group.name
        roles = {m.role for m in roster}
        if group.kind is GroupKind.SUPERVISION:
            assert MemberRole.SUPERVISOR in roles and MemberRole.SUPERVISEE in roles
        else:
            assert MemberRole.FACILITATOR in roles
        names = [m.display_name for m in roster]
        assert len(names) == len(set(names))
        assert all(" " not in name for name in names)  # a first or chosen name only
    names = {g.name for g in bundle.groups}
    assert {"Tuesday Hearing Voices Group", "PSW group supervision"} <= names


def test_every_reference_resolves(bundle: Bundle) -> None:
    groups = {g.id for g in bundle.groups}
    member_group = {m.id: m.group_id for m in bundle.members}
    assert set(member_group.values()) <= groups
    sessions = {p.session.id for p in bundle.sessions}
    ids = Counter(
        [g.id for g in bundle.groups]
        + list(member_group)
        + list(sessions)
        + [r.id for r in bundle.reflections]
        + [
            x.id
            for p in bundle.sessions
            for x in (*p.register_entries, *p.notes, *p.actions, *p.concerns)
        ]
    )
    assert max(ids.values()) == 1
    for part in bundle.sessions:
        session = part.session
        assert session.group_id in groups
        assert session.template_id in BUILTIN_IDS
        segments = {s.id for s in session.agenda}
        assert not segments & {s.id for t in BUILTIN_TEMPLATES for s in t.segments}
        for entry in part.register_entries:
            assert entry.session_id == session.id
            if entry.member_id is not None:
                assert member_group[entry.member_id] == session.group_id
        for note in part.notes:
            assert note.session_id == session.id and note.session_date == session.date
            assert note.segment_id is None or note.segment_id in segments
        for action in part.actions:
            assert action.session_id == session.id and action.group_id == session.group_id
            assert action.owner_id is None or member_group[action.owner_id] == session.group_id
        for concern in part.concerns:
            assert concern.session_id == session.id
    for reflection in bundle.reflections:
        assert reflection.session_id is None or reflection.session_id in sessions


def test_ended_sessions_are_complete(bundle: Bundle) -> None:
    parts = ended(bundle)
    assert len(parts) >= 30
    for part in parts:
        session = part.session
        assert session.date < bundle.anchor_date + timedelta(days=1)
        assert session.started_at and session.ended_at and session.debrief
        assert session.started_at.utcoffset() == timedelta(0)
        roster = {m.id for m in bundle.members if m.group_id == session.group_id}
        on_register = [e.member_id for e in part.register_entries if e.kind is RegisterKind.ROSTER]
        assert sorted(map(str, on_register)) == sorted(map(str, roster))
        assert all(e.status is not None for e in part.register_entries)
        # The timing log covers every segment not dropped, in time order, inside the session.
        dropped = set(session.dropped_segment_ids)
        run_segments = {run.segment_id for run in session.runs}
        assert run_segments == {s.id for s in session.agenda} - dropped
        for before, after in zip(session.runs, session.runs[1:]):
            assert before.ended_at is not None and before.ended_at <= after.started_at
        assert session.runs[0].started_at == session.started_at
        assert session.runs[-1].ended_at <= session.ended_at
        assert part.notes


def test_the_term_has_variety(bundle: Bundle) -> None:
    parts = ended(bundle)
    runs = [run for p in parts for run in p.session.runs]
    assert any(run.pauses for run in runs)
    assert any(run.extra_seconds > 0 for run in runs)
    overruns = [
        p
        for p in parts
        if (p.session.ended_at - p.session.started_at).total_seconds()
        > p.session.planned_minutes * 60
    ]
    assert 0 < len(overruns) < len(parts)
    statuses = Counter(e.status for p in parts for e in p.register_entries)
    assert len(statuses) == 5
    kinds = Counter(e.kind for p in parts for e in p.register_entries)
    assert kinds[RegisterKind.WALK_IN] and kinds[RegisterKind.GUEST]
    guests = [e for p in parts for e in p.register_entries if e.kind is not RegisterKind.ROSTER]
    assert all(e.display_name for e in guests)


def test_every_note_kind_actions_concerns_and_reflections_occur(bundle: Bundle) -> None:
    notes = [note for p in bundle.sessions for note in p.notes]
    assert {note.kind for note in notes} == set(NoteKind)
    actions = [a for p in bundle.sessions for a in p.actions]
    statuses = Counter(a.status for a in actions)
    assert statuses[ActionStatus.OPEN] and statuses[ActionStatus.DONE]
    for action in actions:
        if action.status is ActionStatus.OPEN:
            assert action.closed_on is None
        else:
            assert action.closed_on is not None and action.closed_on >= action.raised_on
    assert any(a.owner_id for a in actions) and any(a.owner_id is None for a in actions)
    assert any(a.due for a in actions)
    concerns = [(p.session, c) for p in bundle.sessions for c in p.concerns]
    assert len(concerns) >= 2
    for session, concern in concerns:
        leads = {
            m.display_name
            for m in bundle.members
            if m.group_id == session.group_id and m.role in LEADS
        }
        assert concern.recorded_by in leads
        assert concern.action_taken and concern.escalated_to
    assert len(bundle.reflections) >= 12
    assert {r.model for r in bundle.reflections} == {"gibbs", "driscoll", "free"}
    assert any(r.session_id for r in bundle.reflections)
    assert all(r.tags for r in bundle.reflections)


def test_planned_sessions_come_in_the_next_two_weeks(bundle: Bundle) -> None:
    planned = [p for p in bundle.sessions if p.session.status is SessionStatus.PLANNED]
    assert {p.session.group_id for p in planned} == {g.id for g in bundle.groups}
    for part in planned:
        session = part.session
        assert bundle.anchor_date < session.date <= bundle.anchor_date + timedelta(days=14)
        assert session.agenda and not session.runs and not part.register_entries
        assert session.started_at is None and session.ended_at is None
    assert not [p for p in bundle.sessions if p.session.status is SessionStatus.RUNNING]


def test_any_session_that_may_become_todays_has_a_check_in_question(bundle: Bundle) -> None:
    """Seeding plans today the last week's session that falls today, or brings a group's
    next planned one forward: each of them must have its question ready."""
    for part in ended(bundle):
        assert part.session.check_in_question, part.session.title
    for group in bundle.groups:
        planned = [
            p.session
            for p in bundle.sessions
            if p.session.group_id == group.id and p.session.status is SessionStatus.PLANNED
        ]
        assert min(planned, key=lambda s: s.date).check_in_question, group.name


def test_anonymous_notes_carry_no_author_time_or_name(raw: Any, bundle: Bundle) -> None:
    for part in raw["sessions"]:
        for note in part["notes"]:
            if note["kind"] == NoteKind.FACILITATOR_REFLECTION:
                assert note["author"] and note["created_at"]
            else:
                assert "author" not in note and "created_at" not in note
    people = {m.display_name for m in bundle.members} | {
        e.display_name for p in bundle.sessions for e in p.register_entries if e.display_name
    }
    named = re.compile(r"\b(" + "|".join(map(re.escape, sorted(people))) + r")\b", re.I)
    anonymous = [n for p in bundle.sessions for n in p.notes if isinstance(n, AnonymousNote)]
    assert anonymous
    for note in anonymous:
        assert not named.search(note.text), note.text
    for note in (n for p in bundle.sessions for n in p.notes if isinstance(n, FacilitatorNote)):
        assert note.author in {m.display_name for m in bundle.members if m.role in LEADS}


def test_every_datetime_is_utc(raw: Any) -> None:
    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and STAMP.fullmatch(value):
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            assert moment.utcoffset() == timedelta(0), value

    walk(raw)


def test_no_clinical_vocabulary() -> None:
    clinical = re.compile(
        r"\b(patients?|symptoms?|diagnos\w*|disorders?|treatment|medication|illness|psychosis)\b",
        re.I,
    )
    found = clinical.search(FIXTURE.read_text(encoding="utf-8"))
    assert found is None, found and found.group(0)


def test_it_imports_into_a_store(tmp_path: Path, bundle: Bundle) -> None:
    store = RecordStore.open(tmp_path / "data")
    try:
        store.import_bundle(bundle)
        assert store.counts() == {
            "groups": len(bundle.groups),
            "members": len(bundle.members),
            "sessions": len(bundle.sessions),
            "notes": sum(len(p.notes) for p in bundle.sessions),
            "reflections": len(bundle.reflections),
        }
        first = ended(bundle)[0]
        assert store.sessions.get(first.session.id) == first.session
        assert len(store.register(first.session.id).all()) == len(first.register_entries)
    finally:
        store.close()


def test_the_fixture_is_what_the_script_generates() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr


def test_check_fails_on_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "demo.json"
    text = FIXTURE.read_text(encoding="utf-8").replace("Wren", "Wrenn", 1)
    stale.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "-o", str(stale)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "out of date" in result.stderr
