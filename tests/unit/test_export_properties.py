"""Properties of every export, for generated sessions (hypothesis).

Names are drawn from Greek letters and note texts from Latin letters, digits-free, with every
markup character, so a name can only appear in an export if the export leaked it.
"""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from psw_tui.models import Attendance, NoteKind
from psw_tui.services.exports import render_summary
from psw_tui.services.exports.register_csv import BOM
from psw_tui.services.names import NameDetector
from psw_tui.services.summary import summarise
from tests.export_helpers import TIME_PATTERN, UUID_PATTERN, contains_word, small_session

NAMES = st.lists(
    st.text(alphabet="ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψω", min_size=2, max_size=10),
    min_size=1, max_size=12, unique_by=str.casefold,
)
STATUSES = st.lists(st.sampled_from([*Attendance, None]), min_size=12, max_size=12)
TEXT = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ <>&\"'#*_-+=@|[]()`\\!.:;/", min_size=1, max_size=60).filter(
    lambda t: t.strip()
)
ANONYMOUS = [NoteKind.CONTRIBUTION, NoteKind.THEME, NoteKind.PARKING_LOT, NoteKind.SIGNPOST]
NOTES = st.lists(st.tuples(st.sampled_from(ANONYMOUS), TEXT), max_size=15)
SHAREABLE = ("md", "txt", "html")


@settings(max_examples=60, deadline=None)
@given(names=NAMES, statuses=STATUSES, notes=NOTES, concerns=st.integers(0, 3), data=st.data())
def test_shareable_exports_name_nobody_and_hide_entry_order(
    names: list[str], statuses: list[Attendance | None], notes: list[tuple[NoteKind, str]],
    concerns: int, data: st.DataObject,
) -> None:
    part, group, members = small_session(names, statuses, notes, concerns=concerns)
    shuffled = data.draw(st.permutations(part.notes))
    reordered = part.model_copy(update={"notes": shuffled,
                                        "register_entries": list(reversed(part.register_entries))})
    summary = summarise(part, group, members, shareable=True)
    assert summary.concerns is None and summary.register == () and summary.session_id is None
    concern_heading = {"md": "\n## Concerns\n", "txt": "\nCONCERNS\n", "html": "<h2>Concerns"}
    for fmt in SHAREABLE:
        text = render_summary(summary, fmt)
        for name in names:
            assert not contains_word(text, name), (fmt, name)
        assert not TIME_PATTERN.search(text), fmt
        assert not UUID_PATTERN.search(text), fmt
        assert concern_heading[fmt] not in text
        again = render_summary(summarise(reordered, group, members, shareable=True), fmt)
        assert again == text, f"{fmt}: the note order depends on entry order"


@settings(max_examples=60, deadline=None)
@given(notes=NOTES, data=st.data())
def test_internal_record_order_is_independent_of_entry_order(
    notes: list[tuple[NoteKind, str]], data: st.DataObject
) -> None:
    part, group, members = small_session(["Kit", "Lou"], [Attendance.PRESENT] * 2, notes)
    shuffled = part.model_copy(update={"notes": data.draw(st.permutations(part.notes))})
    for fmt in ("md", "txt", "html"):
        first = render_summary(summarise(part, group, members, shareable=False), fmt)
        assert render_summary(summarise(shuffled, group, members, shareable=False), fmt) == first


@settings(max_examples=80, deadline=None)
@given(walk_ins=st.lists(st.text(min_size=1, max_size=30).filter(lambda t: t.strip()), min_size=1, max_size=6))
def test_csv_never_starts_a_cell_with_a_formula_character(walk_ins: list[str]) -> None:
    part, group, members = small_session(["Kit"], [Attendance.PRESENT], [], walk_ins=[w.strip()[:120] for w in walk_ins])
    text = render_summary(summarise(part, group, members, shareable=False), "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 1 + 1 + len(walk_ins)
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert not text.startswith(BOM)  # the BOM is added once, when the file is written


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "dl", "dt", "dd",
                "p", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "footer"}


@settings(max_examples=60, deadline=None)
@given(notes=NOTES, walk_in=TEXT, shareable=st.booleans())
def test_html_escapes_every_value(notes: list[tuple[NoteKind, str]], walk_in: str, shareable: bool) -> None:
    part, group, members = small_session(["Kit"], [Attendance.PRESENT], notes, walk_ins=[walk_in.strip()])
    page = render_summary(summarise(part, group, members, shareable=shareable), "html")
    parser = _Collect()
    parser.feed(page)
    assert parser.tags <= ALLOWED_TAGS
    shown = parser.text
    names = NameDetector(["Kit", walk_in])
    for _, text in notes:
        if shareable and names.find(text):
            continue  # a name typed in a note is replaced by [name] when shared
        assert " ".join(text.split()) in shown
    if not shareable:
        assert " ".join(walk_in.split()) in shown
