"""Every form and dialog of psw-tui, opened on the demo data with a mistake to show.

Each entry says how to open the dialog, what to do so that saving finds a mistake, what
the error says, and what to type into the field it focuses to put the mistake right.
Shared by the Pilot tests (tests/app/test_forms_80x24.py) and the snapshots.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from psw_tui.app import PswApp
from psw_tui.screens.cancel_session import CancelSessionScreen
from psw_tui.screens.export_dialog import ExportDialog
from psw_tui.screens.forget_member import ForgetMemberScreen
from psw_tui.screens.group_form import GroupFormScreen
from psw_tui.screens.live_dialogs import NoteEditScreen, WalkInScreen
from psw_tui.screens.live_forms import ActionScreen, ConcernScreen
from psw_tui.screens.lookback_dialogs import SaveDialog
from psw_tui.screens.member_form import MemberFormScreen
from psw_tui.screens.planning import PlanSessionScreen
from psw_tui.screens.reflection_editor import ReflectionEditor
from psw_tui.screens.retention import RetentionScreen
from psw_tui.screens.segment_form import SegmentFormScreen
from psw_tui.screens.settings import SettingsScreen
from psw_tui.screens.template_form import NewTemplateScreen
from psw_tui.storage import RecordStore
from psw_tui.widgets.form_field import FormField

GROUP = "Tuesday Hearing Voices Group"


@dataclass(frozen=True)
class Ids:
    """Records of the demo data the dialogs are opened on."""

    group: Any
    member: Any
    member_name: str
    planned: Any
    ended: Any


def demo_ids(store: RecordStore) -> Ids:
    """A group, one of its members, a planned and an ended session of it."""
    group = next(g for g in store.groups.all() if g.name == GROUP)
    member = next(m for m in store.members.all() if m.group_id == group.id and m.active)
    headers = store.sessions.headers(group.id)
    planned = next(h for h in headers if h.status.value == "planned")
    ended = next(h for h in reversed(headers) if h.status.value == "ended")
    return Ids(group.id, member.id, member.display_name, planned.id, ended.id)


Opener = Callable[[Ids, Path], Screen]
Step = Callable[[Screen], None]


def clear(selector: str) -> Step:
    """Empty an input (what a person would do with ctrl+u)."""
    return lambda screen: setattr(screen.query_one(selector, Input), "value", "")


def put(selector: str, text: str) -> Step:
    """Type over an input's text."""
    return lambda screen: setattr(screen.query_one(selector, Input), "value", text)


def both(first: Step, second: Step) -> Step:
    """One step, then the other."""
    return lambda screen: (first(screen), second(screen)) and None


def nothing(screen: Screen) -> None:
    """Leave the form as it opened."""


@dataclass(frozen=True)
class FormCase:
    """One dialog: open it, make a mistake, save, see ``error``; type ``fix`` to put it right."""

    name: str
    open: Opener
    mistake: Step
    error: str
    fix: str


CASES = [
    FormCase("new group", lambda ids, tmp: GroupFormScreen(), nothing, "Enter a name", "Evening circle"),
    FormCase("edit group", lambda ids, tmp: GroupFormScreen(ids.group), put("#slot_minutes", "nine"),
             "whole number", "90"),
    FormCase("member", lambda ids, tmp: MemberFormScreen(ids.group), nothing, "Enter", "Robin"),
    FormCase("new template", lambda ids, tmp: NewTemplateScreen(), nothing, "Enter", "Evening peer support"),
    FormCase("add segment", lambda ids, tmp: SegmentFormScreen(), both(put("#title", "Check-in"), put("#minutes", "ten")),
             "minutes", "10"),
    FormCase("plan session", lambda ids, tmp: PlanSessionScreen(group_id=ids.group), put("#day", "someday"),
             "YYYY-MM-DD", "2026-12-24"),
    FormCase("cancel session", lambda ids, tmp: CancelSessionScreen(ids.planned), nothing, "why",
             "room not available"),
    FormCase("forget member", lambda ids, tmp: ForgetMemberScreen(ids.member), put("#confirm", "nobody"),
             "Type", "x"),
    FormCase("settings", lambda ids, tmp: SettingsScreen(), put("#warn_percent", "lots"), "percentage", "20"),
    FormCase("retention", lambda ids, tmp: RetentionScreen(), put("#before", "last year"), "YYYY-MM-DD",
             "2020-01-01"),
    FormCase("export", lambda ids, tmp: ExportDialog(ids.ended, folder=tmp), clear("#export-path"),
             "Give a file name", str(Path("summary.md"))),
    FormCase("save reflections", lambda ids, tmp: SaveDialog("Export your reflections", tmp / "journal.md",
                                                             with_dates=True),
             put("#save-from", "last spring"), "", "2026-01-01"),
    FormCase("reflection", lambda ids, tmp: ReflectionEditor(), nothing, "title", "After a hard session"),
    FormCase("add action", lambda ids, tmp: ActionScreen([], date(2026, 11, 20)), nothing, "Say what needs doing",
             "ring the venue"),
    FormCase("record concern", lambda ids, tmp: ConcernScreen(""), nothing, "Choose the kind", ""),
    FormCase("walk-in", lambda ids, tmp: WalkInScreen(), nothing, "Type a name first", "Robin"),
    FormCase("note edit", lambda ids, tmp: NoteEditScreen("Theme", "isolation at weekends"),
             clear("#note-edit-text"), "cannot be empty", "isolation"),
]


def shown_errors(screen: Screen) -> list[Widget]:
    """The error lines that say something now."""
    found: list[Widget] = [f.query_one(".form-field--error") for f in screen.query(FormField) if f.error]
    for line in screen.query("Static"):
        if (line.id or "").endswith("-error") and str(line.content).strip() and line.display:
            if not any(line is shown for shown in found):
                found.append(line)
    return found


def error_text(screen: Screen) -> str:
    """All error lines' words."""
    return " ".join(str(line.content) if isinstance(line, Static) else "" for line in shown_errors(screen))


async def open_with_mistake(app: PswApp, pilot: Any, case: FormCase, ids: Ids, tmp: Path) -> Screen:  # noqa: ANN401
    """Open ``case``'s dialog, make its mistake and save (ctrl+s)."""
    screen = case.open(ids, tmp)
    await app.push_screen(screen)
    await pilot.pause()
    case.mistake(screen)
    await pilot.pause()
    await pilot.press("ctrl+s")
    for _ in range(3):
        await pilot.pause()
    return screen

