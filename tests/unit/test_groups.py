"""Groups, rosters and forgetting a member (services only)."""

from __future__ import annotations

from datetime import date

import pytest

from psw_tui.models import Attendance, GroupKind, MemberRole, RegisterEntry
from psw_tui.services import groups as svc
from psw_tui.services.builtin_templates import default_template_for
from psw_tui.services.erasure import REMOVED_TEXT, forget_member, plan_erasure
from psw_tui.services.forms import FormError
from psw_tui.services.live import LiveSession
from psw_tui.storage import RecordStore
from psw_tui.storage.backups import GENERATIONS
from psw_tui.storage.verify import verify_store
from tests.conftest import FIXED_TODAY
from tests.planning_helpers import files_mentioning


def test_new_group_has_a_default_agreement_that_states_confidentiality_limits(store: RecordStore) -> None:
    group = svc.create_group(store, svc.GroupInput(name="Walk and talk"), today=FIXED_TODAY)
    assert store.groups.get(group.id) == group
    assert "Confidentiality" in group.agreement and "risk of serious harm" in group.agreement
    assert group.slot_minutes == 90 and group.kind is GroupKind.PEER_SUPPORT


def test_group_form_errors_name_each_field_and_save_nothing(store: RecordStore) -> None:
    svc.create_group(store, svc.GroupInput(name="Tuesday group"))
    with pytest.raises(FormError) as caught:
        svc.create_group(store, svc.GroupInput(name=" tuesday GROUP ", slot_minutes="2 hours"))
    assert set(caught.value.errors) == {"name", "slot_minutes"}
    assert "already a group" in caught.value.errors["name"]
    with pytest.raises(FormError) as caught:
        svc.create_group(store, svc.GroupInput(name="", slot_minutes=3))
    assert "Enter a name" in caught.value.errors["name"]
    assert "5 to 480" in caught.value.errors["slot_minutes"]
    assert store.groups.count() == 1


def test_edit_and_archive_keep_history(store: RecordStore) -> None:
    template = default_template_for(GroupKind.SUPERVISION)
    group = svc.create_group(store, svc.GroupInput(name="Supervision"))
    form = svc.GroupInput(
        name="PSW supervision", kind=GroupKind.SUPERVISION, slot_minutes="75",
        default_template_id=template.id, agreement="Be kind.", question_bank="One word?\n\nA high point?\n",
    )
    edited = svc.update_group(store, group.id, form)
    assert (edited.name, edited.slot_minutes, edited.default_template_id) == ("PSW supervision", 75, template.id)
    assert edited.question_bank == ["One word?", "A high point?"]
    svc.set_archived(store, group.id)
    assert svc.list_groups(store) == []
    assert [g.name for g in svc.list_groups(store, include_archived=True)] == ["PSW supervision"]
    assert svc.set_archived(store, group.id, False).archived is False


def test_roster_add_rename_role_deactivate(store: RecordStore) -> None:
    group = svc.create_group(store, svc.GroupInput(name="Circle"))
    sam = svc.add_member(store, group.id, "Sam")
    svc.add_member(store, group.id, "Ash", MemberRole.FACILITATOR)
    with pytest.raises(FormError) as caught:
        svc.add_member(store, group.id, "sam")
    assert "already on this roster" in caught.value.errors["display_name"]
    with pytest.raises(FormError) as caught:
        svc.add_member(store, group.id, "Jo 485 777 3456")
    assert "no record numbers" in caught.value.errors["display_name"]
    svc.update_member(store, sam.id, "Sammy", MemberRole.CO_FACILITATOR)
    svc.set_active(store, sam.id, False)
    names = [(m.display_name, m.role, m.active) for m in svc.roster(store, group.id)]
    assert names == [("Ash", MemberRole.FACILITATOR, True), ("Sammy", MemberRole.CO_FACILITATOR, False)]
    assert [m.display_name for m in svc.roster(store, group.id, include_inactive=False)] == ["Ash"]


def attendance(store: RecordStore, session_id) -> list[str]:
    """The register's statuses, sorted: what every count in a summary is made from."""
    return sorted(str(e.status) for e in store.register(session_id).all())


def _demo_member(store: RecordStore, name: str):
    return next(m for m in store.members.all() if m.display_name == name)


def test_forget_member_erases_the_name_everywhere_and_keeps_counts(demo_store: RecordStore) -> None:
    tansy = _demo_member(demo_store, "Tansy")
    headers = demo_store.sessions.headers(tansy.group_id)
    ended = [h for h in headers if h.status.value == "ended"]
    # Mention her in a facilitator note and own an action, as facilitators do.
    live = LiveSession(demo_store, ended[-1].id)
    live.add_note(live.notes()[0].kind, "Tansy shared a poem about hope")
    live.add_action("Bring Tansy's leaflet", owner_id=tansy.id)
    before = {h.id: attendance(demo_store, h.id) for h in ended}
    demo_store.backup()
    plan = plan_erasure(demo_store, tansy.id)
    assert plan.register_rows > 0 and plan.owned_actions == 1 and plan.mentions >= 2
    with pytest.raises(FormError) as caught:
        forget_member(demo_store, tansy.id, "Tansie")
    assert "exactly" in caught.value.errors["confirm"]
    forget_member(demo_store, tansy.id, "tansy")
    assert demo_store.members.get(tansy.id) is None
    after = {h.id: attendance(demo_store, h.id) for h in ended}
    assert after == before
    texts = [n.text for n in live.notes()]
    assert f"{REMOVED_TEXT} shared a poem about hope" in texts
    assert files_mentioning(demo_store.paths.root, "Tansy") == []
    assert verify_store(demo_store).ok


def test_without_purging_backups_the_name_goes_once_backups_rotate(demo_store: RecordStore) -> None:
    pip = _demo_member(demo_store, "Pip")
    demo_store.backup()
    forget_member(demo_store, pip.id, "Pip", purge_backups=False)
    assert [hit for hit in files_mentioning(demo_store.paths.root, "Pip") if ".zip" in hit]
    for _ in range(GENERATIONS):
        demo_store.backup()
    assert files_mentioning(demo_store.paths.root, "Pip") == []


def test_forget_everywhere_removes_the_same_name_from_every_roster(demo_store: RecordStore) -> None:
    juniper = _demo_member(demo_store, "Juniper")
    plan = plan_erasure(demo_store, juniper.id)
    assert len(plan.other_rosters) >= 2
    forget_member(demo_store, juniper.id, "Juniper", everywhere=True)
    assert not [m for m in demo_store.members.all() if m.display_name == "Juniper"]
    assert files_mentioning(demo_store.paths.root, "Juniper") == []


def test_forget_refused_while_the_group_is_running(store: RecordStore) -> None:
    group = svc.create_group(store, svc.GroupInput(name="Circle"))
    kit = svc.add_member(store, group.id, "Kit")
    from psw_tui.services.planning import PlanInput, plan_session

    template = default_template_for(GroupKind.PEER_SUPPORT)
    session = plan_session(store, PlanInput(group.id, FIXED_TODAY.isoformat(), template_id=template.id), FIXED_TODAY)
    LiveSession(store, session.id).start()
    with pytest.raises(FormError) as caught:
        forget_member(store, kit.id, "Kit")
    assert "running" in caught.value.errors["confirm"]
    assert store.members.get(kit.id) is not None


def test_walk_in_rows_under_the_name_become_person_removed(store: RecordStore) -> None:
    group = svc.create_group(store, svc.GroupInput(name="Circle"))
    kit = svc.add_member(store, group.id, "Kit")
    from psw_tui.models import RegisterKind, Session

    session = store.sessions.save(Session(group_id=group.id, title="Circle", date=date(2026, 1, 6)))
    store.register(session.id).save_many([
        RegisterEntry(session_id=session.id, member_id=kit.id, status=Attendance.PRESENT),
        RegisterEntry(session_id=session.id, kind=RegisterKind.WALK_IN, display_name="kit", status=Attendance.LATE),
    ])
    forget_member(store, kit.id, "Kit")
    rows = store.register(session.id).all()
    assert sorted(r.status.value for r in rows) == ["late", "present"]
    assert {r.display_name for r in rows} == {None, "Person removed"}
    assert all(r.member_id != kit.id for r in rows)
