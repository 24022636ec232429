"""The name detector, and names typed in free text never reaching a shareable output.

The examples pin each matching rule; the properties (hypothesis) draw any roster and any
text of roster names in any spelling mixed with other words, and check every shareable
format (Markdown, which is also the in-app preview, plain text and HTML) as a reader sees it.
"""

from __future__ import annotations

import tempfile
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psw_tui.models import (
    Action,
    AnonymousNote,
    Attendance,
    Bundle,
    Group,
    Member,
    NoteKind,
    RegisterEntry,
    RegisterKind,
)
from psw_tui.services.exports import ExportFormat, export_session, render_summary
from psw_tui.services.names import NameDetector, same_name, session_detector
from psw_tui.services.summary import summarise
from psw_tui.storage import RecordStore
from tests.export_helpers import small_session
from tests.name_spellings import ROSTER, free_text, other_words, visible_text

SHAREABLE = (ExportFormat.MD, ExportFormat.TXT, ExportFormat.HTML)
ANONYMOUS = (NoteKind.THEME, NoteKind.CONTRIBUTION, NoteKind.PARKING_LOT, NoteKind.SIGNPOST)


@pytest.mark.parametrize(("text", "redacted"), [
    ("Ali talked about housing", "[name] talked about housing"),
    ("Ali's idea, Ali’s plan, Alis' chair", "[name]'s idea, [name]’s plan, [name]s' chair"),
    ("ALI, ali and Ａｌｉ", "[name], [name] and [name]"),
    ("Alison has quality time with Ali-Mae", "Alison has quality time with [name]-Mae"),
    (unicodedata.normalize("NFD", "Zoë and zoe and ZOË's"), "[name] and [name] and [name]'s"),
    ("Mary\u00a0Jane, MARY\n\tJANE, mary  jane and Mary", "[name], [name], [name] and [name]"),
    ("Zo\u00ade, D’Arcy and d`arcy", "[name], [name] and [name]"),
    ("j said J. J's turn", "j said [name]. [name]'s turn"),
    ("我和明去了", "我和[name]去了"),
    ("[name] and [name removed] stay; Name is replaced", "[name] and [name removed] stay; [name] is replaced"),
])
def test_each_spelling_is_found_and_nothing_else_changes(text: str, redacted: str) -> None:
    detector = NameDetector(["Ali", "Zoë", "Mary Jane", "Mary", "D'Arcy", "J", "明", "Name"])
    assert detector.redact(text) == (redacted, redacted.count("[name]") - text.count("[name]"))


def test_find_gives_roster_spellings_once_in_order_of_appearance() -> None:
    detector = NameDetector(["Zoë", "Ali", "Mary Jane", "Mary", "!!", ""])
    assert detector.find("mary  jane met ZOE, then ali, then zoë's friend Mary") == [
        "Mary Jane", "Zoë", "Ali", "Mary",
    ]
    assert NameDetector([]).redact("Ali") == ("Ali", 0)
    assert detector.redact("Ali", placeholder="[name removed]") == ("[name removed]", 1)
    assert same_name("Zoë ", unicodedata.normalize("NFD", "ZOË")) and not same_name("Zoë", "Zoey")


def test_session_detector_knows_roster_former_members_walk_ins_guests_and_owners(store: RecordStore) -> None:
    part, group, members = small_session(["Ada", "Bex"], [Attendance.PRESENT] * 2, [],
                                         walk_ins=["Cato"])
    former = Member(group_id=group.id, display_name="Dov", active=False)
    other_group = Group(name="Other circle")
    outsider = Member(group_id=other_group.id, display_name="Eli")  # owns an action here
    guest = RegisterEntry(session_id=part.session.id, kind=RegisterKind.GUEST, display_name="Fen",
                          status=Attendance.PRESENT)
    actions = [
        Action(session_id=part.session.id, group_id=group.id, text="Call", owner_id=outsider.id,
               raised_on=part.session.date),
        Action(session_id=part.session.id, group_id=group.id, text="Ring", owner_name="Gus",
               raised_on=part.session.date),
    ]
    stored = part.model_copy(update={"register_entries": [*part.register_entries, guest],
                                     "actions": [*part.actions, *actions]})
    store.import_bundle(Bundle(groups=[group, other_group], members=[*members, former, outsider],
                               sessions=[stored]))
    found = session_detector(store, part.session.id).find("ada bex cato dov eli fen gus hal")
    assert found == ["Ada", "Bex", "Cato", "Dov", "Eli", "Fen", "Gus"]


def _template_words() -> str:
    """Every word a shareable summary shows of its own (headings, table heads, dates...)."""
    notes = [(kind, "x") for kind in ANONYMOUS]
    part, group, members = small_session(["X"], [Attendance.PRESENT], notes, walk_ins=["Y"])
    summary = summarise(part, group, members, shareable=True)
    return " ".join(visible_text(render_summary(summary, fmt), fmt) for fmt in SHAREABLE)


TEMPLATE_WORDS = _template_words()


@st.composite
def session_texts(draw: st.DrawFn) -> tuple[list[str], dict[str, tuple[str, int, list[str]]]]:
    # A person called "Min" would be found in "5 min": the words of the layout are not names.
    roster = draw(ROSTER.filter(lambda names: not NameDetector(names).find(TEMPLATE_WORDS)))
    words = other_words(roster)
    fields = {"title": draw(free_text(roster, words, max_tokens=3)),
              "segment": draw(free_text(roster, words, max_tokens=3)),
              "group": draw(free_text(roster, words, max_tokens=3)),
              "action": draw(free_text(roster, words))}
    for kind in ANONYMOUS:
        fields[kind.value] = draw(free_text(roster, words))
    return roster, fields


def _store_with(folder: Path, roster: list[str], fields: dict[str, tuple[str, int, list[str]]]) -> RecordStore:
    """A store holding one ended session whose every shareable free-text field is drawn."""
    on_roster, walk_ins = (roster[:-1], roster[-1:]) if len(roster) > 1 else (roster, [])
    part, group, members = small_session(on_roster, [Attendance.PRESENT] * len(on_roster), [],
                                         walk_ins=walk_ins)
    session = part.session
    agenda = [part.session.agenda[0].model_copy(update={"title": fields["segment"][0]}),
              *part.session.agenda[1:]]
    session = session.model_copy(update={"title": fields["title"][0], "agenda": agenda})
    notes = [AnonymousNote(kind=kind, session_id=session.id, session_date=session.date,
                           text=fields[kind.value][0]) for kind in ANONYMOUS]
    action = Action(session_id=session.id, group_id=group.id, text=fields["action"][0],
                    raised_on=date(2026, 10, 1))
    part = part.model_copy(update={"session": session, "notes": notes, "actions": [action]})
    group = group.model_copy(update={"name": fields["group"][0]})
    store = RecordStore.open(folder)
    store.import_bundle(Bundle(groups=[group], members=members, sessions=[part]))
    return store


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=session_texts())
def test_no_roster_name_in_any_shareable_output_and_every_other_word_kept(
    drawn: tuple[list[str], dict[str, tuple[str, int, list[str]]]],
) -> None:
    roster, fields = drawn
    detector = NameDetector(roster)
    typed = sum(names for _, names, _ in fields.values())
    with tempfile.TemporaryDirectory() as folder:
        store = _store_with(Path(folder) / "data", roster, fields)
        try:
            session_id = store.sessions.headers()[0].id
            for fmt in SHAREABLE:
                export = export_session(store, session_id, fmt, shareable=True)
                shown = visible_text(export.text, fmt)
                assert detector.find(shown) == [], (fmt, shown)
                assert detector.find(export.filename.removesuffix(f".{fmt.value}")) == []
                for _, _, words in fields.values():
                    for word in words:
                        assert word in shown, (fmt, word)
                assert (export.names_replaced > 0) == (typed > 0)
                assert export.names_replaced <= typed  # "Ann" then "Lee" may be "Ann Lee"
            internal = export_session(store, session_id, ExportFormat.MD)
            assert internal.names_replaced == 0 and "[name]" not in internal.text
        finally:
            store.close()
