"""One-to-one contacts: never what was said; labels short and not identifying; forget and
prune remove labels and records; the workload adds up."""

from __future__ import annotations

import typing
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from psw_tui.models import Debrief, Group, Member
from psw_tui.models.worker import LABEL_MAX, Contact, ContactKind
from psw_tui.services.contacts import (
    ContactInput,
    build_contact,
    forget_label,
    kind_totals,
    labels_in_use,
    save_contact,
    workload,
)
from psw_tui.services.erasure import forget_member
from psw_tui.services.forms import FormError
from psw_tui.services.retention import apply_prune, plan_prune
from psw_tui.storage import RecordStore
from psw_tui.storage.backups import list_backups, read_members


def contact(day: date, kind: ContactKind = ContactKind.ONE_TO_ONE, minutes: int = 30, label: str | None = None,
            **extra: object) -> Contact:
    return Contact(date=day, kind=kind, minutes=minutes, label=label, **extra)


def test_a_contact_has_no_field_for_what_was_said() -> None:
    fields = Contact.model_fields
    assert not {"text", "content", "notes", "note", "summary", "what_was_said", "description"} & set(fields)
    # The only text of its own is the label, and that is short.
    text_fields = [name for name, info in fields.items()
                   if typing.get_origin(info.annotation) is None and info.annotation is str]
    assert text_fields == []
    with pytest.raises(ValidationError):
        Contact(date=date(2026, 11, 20), kind="walk", minutes=30, text="what they told me")  # type: ignore[call-arg]


@pytest.mark.parametrize("label", ["JB", "Big Dave", "J.B.", "Walker 2", "Zoë"])
def test_initials_and_nicknames_are_labels(label: str) -> None:
    assert contact(date(2026, 11, 20), label=label).label == label


@pytest.mark.parametrize("label", [
    "123456", "NHS 943 476 5919", "01/02/1990", "1990-02-01", "x" * (LABEL_MAX + 1), "jo@example.org",
    "   ", "J\x1b[31mB",
])
def test_identifiers_dates_and_long_text_are_refused_as_labels(label: str) -> None:
    with pytest.raises(ValidationError):
        contact(date(2026, 11, 20), label=label)


def test_the_form_names_every_wrong_field_and_saves_nothing(store: RecordStore) -> None:
    with pytest.raises(FormError) as caught:
        build_contact(ContactInput(day="20/11/2026", kind="chat", minutes="lots", label="0123456789"))
    assert set(caught.value.errors) == {"date", "kind", "minutes", "label"}
    assert store.contacts.count() == 0
    made = build_contact(ContactInput(day="2026-11-20", kind="walk", minutes="45", label=" JB ", debrief_needed=True))
    assert (made.kind, made.minutes, made.label, made.debrief_needed) == (ContactKind.WALK, 45, "JB", True)


def test_workload_counts_contacts_and_hours_per_kind_per_week(store: RecordStore) -> None:
    items = [contact(date(2026, 11, 16), ContactKind.WALK, 60), contact(date(2026, 11, 20), ContactKind.WALK, 30),
             contact(date(2026, 11, 10), ContactKind.CRISIS, 90), contact(date(2026, 10, 1), ContactKind.CALL, 15)]
    rows = workload(items, "week", date(2026, 11, 2), date(2026, 11, 20))
    assert [r.start for r in rows] == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]
    assert rows[2].counts[ContactKind.WALK] == 2 and rows[2].hours == 1.5
    assert rows[1].counts[ContactKind.CRISIS] == 1 and rows[0].contacts == 0
    totals = kind_totals(rows)
    assert totals[ContactKind.WALK] == (2, 1.5) and totals[ContactKind.CALL] == (0, 0)
    months = workload(items, "month", date(2026, 10, 1), date(2026, 11, 20))
    assert [(r.name, r.contacts) for r in months] == [("Oct 2026", 1), ("Nov 2026", 3)]


def test_forgetting_a_label_removes_it_everywhere_and_from_backups(store: RecordStore) -> None:
    debrief = Debrief(how_was_it="Hard; JB was very low", for_supervision="talk about JB")
    kept = save_contact(store, contact(date(2026, 11, 18), label="JB", debrief=debrief, debrief_needed=True))
    other = save_contact(store, contact(date(2026, 11, 19), label="Robin"))
    store.backup()
    assert labels_in_use(store) == ["JB", "Robin"]
    assert forget_label(store, "jb") == 1
    after = store.contacts.get(kept.id)
    assert after is not None and after.label is None and after.debrief is not None
    assert "JB" not in after.debrief.how_was_it and "[name removed]" in after.debrief.for_supervision
    assert store.contacts.get(other.id).label == "Robin"  # type: ignore[union-attr]
    assert labels_in_use(store) == ["Robin"]
    for path in [store.paths.catalog]:
        assert b'"JB"' not in path.read_bytes()
    for backup in list_backups(store.paths):
        assert all(b"JB" not in raw for raw in read_members(backup.path).values())
    with pytest.raises(FormError):
        forget_label(store, "Nobody")


def test_forgetting_a_member_removes_a_label_with_their_name(store: RecordStore) -> None:
    group = store.groups.save(Group(name="Tuesday group"))
    member = store.members.save(Member(group_id=group.id, display_name="Zoë"))
    labelled = save_contact(store, contact(date(2026, 11, 18), label="zoe"))
    debriefed = save_contact(store, contact(date(2026, 11, 19), debrief=Debrief(self_care="call Zoë's sister")))
    forget_member(store, member.id, "Zoë")
    assert store.contacts.get(labelled.id).label is None  # type: ignore[union-attr]
    assert "Zoë" not in store.contacts.get(debriefed.id).debrief.self_care  # type: ignore[union-attr]
    assert "zoe" not in store.paths.catalog.read_text(encoding="utf-8").casefold()


def test_prune_removes_contacts_dated_before_the_cut_off(store: RecordStore, data_dir: Path) -> None:
    old = save_contact(store, contact(date(2016, 3, 1), label="Old"))
    new = save_contact(store, contact(date(2026, 3, 1), label="New"))
    plan = plan_prune(store, date(2020, 1, 1))
    assert not plan.empty and plan.worker.contacts == [old.id]
    assert "1 contact" in plan.summary()
    apply_prune(store, plan)
    assert store.contacts.get(old.id) is None and store.contacts.get(new.id) is not None
    assert b"Old" not in store.paths.catalog.read_bytes()
