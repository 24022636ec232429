"""Groups and their rosters: create, edit, archive; add, rename, change role, deactivate.

Archiving never deletes: an archived group keeps its sessions and roster and can be brought
back. Rosters hold a display name and a role only (data minimisation). Erasing a person for
good is :mod:`psw_tui.services.erasure`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from psw_tui.models import Group, GroupKind, Member, MemberRole
from psw_tui.models import labels
from psw_tui.services.forms import Checker, FormError
from psw_tui.storage import RecordStore
from psw_tui.storage.errors import RecordNotFound

DEFAULT_AGREEMENT = """Our group agreement

- We listen to each other and take turns; one person speaks at a time.
- Everyone is welcome to speak or to pass. Nobody has to share.
- We speak from our own experience ("I" rather than "you should").
- We respect each other's choices; there is no advice unless someone asks for it.
- Phones on silent, please.

Confidentiality, and its limits
- What is said in the group stays in the group. We may talk about what we learned,
  never about who said it.
- The facilitators keep brief records: who came, themes and actions, never who said what.
- Confidentiality has limits. If we believe someone is at risk of serious harm, or a child
  or adult is at risk, the facilitator must share that with the right people to keep them
  safe. Wherever we can, we will talk with the person first.
"""

DATA_MINIMISATION_HINT = (
    "Display name only: a first name or chosen name. No surnames, dates of birth or NHS numbers."
)

KIND_LABELS = labels.GROUP_KIND

ROLE_LABELS = labels.ROLE

# Six or more digits in a row look like an NHS or other record number.
_LOOKS_LIKE_NUMBER = re.compile(r"\d[\d\s-]{4,}\d")
_LOOKS_LIKE_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")


@dataclass(frozen=True)
class GroupInput:
    """What the group form holds, as typed."""

    name: str
    kind: GroupKind = GroupKind.PEER_SUPPORT
    slot_minutes: str | int = 90
    default_template_id: UUID | None = None
    agreement: str = DEFAULT_AGREEMENT
    question_bank: str = ""


def _group(store: RecordStore, group_id: UUID) -> Group:
    group = store.groups.get(group_id)
    if group is None:
        raise RecordNotFound("that group is no longer there")
    return group


def _check_group(store: RecordStore, form: GroupInput, own_id: UUID | None) -> dict:
    check = Checker()
    name = check.text("name", form.name, what="a name for the group")
    if name and any(
        g.name.casefold() == name.casefold() and g.id != own_id and not g.archived
        for g in store.groups.all()
    ):
        check.fail("name", f"There is already a group called {name}.")
    slot = check.whole_number("slot_minutes", form.slot_minutes, low=5, high=480, unit="minutes")
    if form.default_template_id is not None and store.templates.get(form.default_template_id) is None:
        check.fail("default_template_id", "That template is no longer in the library.")
    if len(form.agreement) > 20_000:
        check.fail("agreement", "The agreement is too long (20,000 characters at most).")
    questions = [line.strip() for line in form.question_bank.splitlines() if line.strip()]
    if any(len(q) > 500 for q in questions):
        check.fail("question_bank", "Keep each question to one line of 500 characters or fewer.")
    check.done()
    return {
        "name": name,
        "kind": form.kind,
        "slot_minutes": slot,
        "default_template_id": form.default_template_id,
        "agreement": form.agreement.strip() + "\n" if form.agreement.strip() else "",
        "question_bank": questions,
    }


def create_group(store: RecordStore, form: GroupInput, today: date | None = None) -> Group:
    """Validate the form and save a new group; raises FormError, saving nothing, if wrong."""
    fields = _check_group(store, form, None)
    return store.groups.save(Group(created_on=today or date.today(), **fields))


def update_group(store: RecordStore, group_id: UUID, form: GroupInput) -> Group:
    """Validate the form and save the changes to a group (whole record, one write)."""
    group = _group(store, group_id)
    fields = _check_group(store, form, group_id)
    return store.groups.save(group.model_copy(update=fields))


def set_archived(store: RecordStore, group_id: UUID, archived: bool = True) -> Group:
    """Archive a group (hidden from the home screen, history kept) or bring it back."""
    group = _group(store, group_id)
    if archived is False and any(
        g.name.casefold() == group.name.casefold() and not g.archived and g.id != group.id
        for g in store.groups.all()
    ):
        raise FormError({"name": f"Another active group is called {group.name}; rename one first."})
    return store.groups.save(group.model_copy(update={"archived": archived}))


def list_groups(store: RecordStore, *, include_archived: bool = False) -> list[Group]:
    """Groups by name; archived ones last (only when asked for)."""
    groups = [g for g in store.groups.all() if include_archived or not g.archived]
    return sorted(groups, key=lambda g: (g.archived, g.name.casefold()))


# -- roster ------------------------------------------------------------------------------


def roster(store: RecordStore, group_id: UUID, *, include_inactive: bool = True) -> list[Member]:
    """A group's roster: active members first, then by name."""
    members = [
        m for m in store.members.all()
        if m.group_id == group_id and (include_inactive or m.active)
    ]
    return sorted(members, key=lambda m: (not m.active, m.display_name.casefold()))


def _check_name(store: RecordStore, group_id: UUID, name: str, own_id: UUID | None) -> str:
    check = Checker()
    name = check.text("display_name", name, what="a display name", limit=60)
    if name and (_LOOKS_LIKE_NUMBER.search(name) or _LOOKS_LIKE_DATE.search(name)):
        check.fail("display_name", "Names only: no record numbers or dates of birth.")
    if name and any(
        m.display_name.casefold() == name.casefold() and m.id != own_id
        for m in roster(store, group_id)
    ):
        check.fail("display_name", f"{name} is already on this roster; add an initial to tell apart.")
    check.done()
    return name


def add_member(
    store: RecordStore, group_id: UUID, display_name: str, role: MemberRole = MemberRole.MEMBER
) -> Member:
    """Add a person to a group's roster (display name and role only)."""
    _group(store, group_id)
    name = _check_name(store, group_id, display_name, None)
    return store.members.save(Member(group_id=group_id, display_name=name, role=role))


def _member(store: RecordStore, member_id: UUID) -> Member:
    member = store.members.get(member_id)
    if member is None:
        raise RecordNotFound("that person is no longer on the roster")
    return member


def update_member(
    store: RecordStore, member_id: UUID, display_name: str, role: MemberRole
) -> Member:
    """Rename a member and/or change their role."""
    member = _member(store, member_id)
    name = _check_name(store, member.group_id, display_name, member_id)
    return store.members.save(member.model_copy(update={"display_name": name, "role": role}))


def set_active(store: RecordStore, member_id: UUID, active: bool) -> Member:
    """Deactivate a member (kept on past registers, left off new ones) or bring them back."""
    member = _member(store, member_id)
    return store.members.save(member.model_copy(update={"active": active}))
