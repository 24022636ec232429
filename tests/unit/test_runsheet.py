"""The run-sheet: content of every format on a fixed demo session, valid self-contained HTML,
and no member names unless a paper register is asked for."""

from __future__ import annotations

import html
import re
from datetime import time
from uuid import UUID

import html5lib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psw_tui.models import Group, Member, Segment, SegmentKind, Session, SessionStatus
from psw_tui.services.exports.runsheet_render import filename, render_runsheet
from psw_tui.services.exports.text import WIDTH
from psw_tui.services.runsheet import (
    NO_START_TIME,
    NoRunsheet,
    agreement_lines,
    build_runsheet,
    compose_runsheet,
)
from psw_tui.storage import RecordStore
from tests.export_helpers import contains_word

# Tuesday Hearing Voices Group, planned for Tue 24 Nov 2026 at 14:00: "Getting through December".
PLANNED = UUID("8dedd76c-cf79-4167-b522-d6c29ecc391e")
TIMES = ["14:00", "14:05", "14:10", "14:25", "14:50", "15:00", "15:15", "15:25", "15:30"]
QUESTION = "What's something small that made you smile recently?"
CRISIS = ["Samaritans: 116 123, free, 24 hours", "Riverside 24-hour crisis line: 0808 157 0192"]
FORMATS = [("md", False), ("txt", False), ("html", False), ("html", True)]
SAFE_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40)


def words(text: str, fmt: str) -> str:
    """What a reader sees: markup escapes undone, whitespace (line wrapping) collapsed."""
    if fmt == "html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    elif fmt == "md":
        text = re.sub(r"\\(.)", r"\1", text)
    return " ".join(text.split())


def strict_parse(document: str) -> object:
    """html5lib's strict parser: any parse error raises."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(document)


@pytest.fixture
def session(demo_store: RecordStore) -> Session:
    return demo_store.sessions.get(PLANNED)


@pytest.mark.parametrize(("fmt", "pocket"), FORMATS)
def test_every_format_has_times_prompts_question_agreement_signposting(
    demo_store: RecordStore, session: Session, fmt: str, pocket: bool
) -> None:
    group = demo_store.groups.get(session.group_id)
    assert group is not None
    text = words(render_runsheet(build_runsheet(demo_store, PLANNED), fmt, pocket=pocket), fmt)
    spans = [f"{start} to {end}" for start, end in zip(TIMES, TIMES[1:])]
    positions = [text.find(span) for span in spans]
    assert -1 not in positions and positions == sorted(positions), text  # clock times, in order
    for segment in session.agenda:
        assert segment.title in text
        for prompt in segment.prompts:
            assert " ".join(prompt.split()) in text
    assert QUESTION in text
    for line in agreement_lines(group.agreement):
        assert line.text in text
    for item in group.signposting:
        assert item in text
    assert all(number in text for number in CRISIS)
    assert "no member names" in text.casefold()


def test_markdown_and_text_mark_the_protected_segments_only(demo_store: RecordStore) -> None:
    sheet = build_runsheet(demo_store, PLANNED)
    protected = {s.title for s in sheet.segments if s.protected}
    assert protected == {"Group agreement", "Close with signposting"}
    md = render_runsheet(sheet, "md").split("\n### ")[1:]
    txt = render_runsheet(sheet, "txt").split("\n\n")
    for segment in sheet.segments:
        block = next(b for b in md if f"{segment.number}. {segment.title}" in b.splitlines()[0])
        assert ("protected" in block.splitlines()[2]) is segment.protected
        lines = next(b for b in txt if f"{segment.number}. {segment.title}" in b).splitlines()
        assert ("protected" in lines[1]) is segment.protected
        assert lines[0].startswith(f"{segment.starts} to {segment.ends}  {segment.number}.")


@pytest.mark.parametrize("pocket", [False, True])
def test_html_marks_the_protected_segments_only(demo_store: RecordStore, pocket: bool) -> None:
    sheet = build_runsheet(demo_store, PLANNED)
    tree = strict_parse(render_runsheet(sheet, "html", pocket=pocket))
    blocks = tree.findall(".//div[@class='segment']") if pocket else tree.findall(".//tbody/tr")
    assert len(blocks) == len(sheet.segments)
    for segment, block in zip(sheet.segments, blocks, strict=True):
        assert segment.title in "".join(block.itertext())
        marks = [e for e in block.iter() if e.get("class") == "protected"]
        assert len(marks) == (1 if segment.protected else 0)


def test_the_check_in_question_sits_on_the_check_in_segment(demo_store: RecordStore) -> None:
    sheet = build_runsheet(demo_store, PLANNED)
    assert sheet.check_in_question == QUESTION
    assert [s.title for s in sheet.segments if s.question] == ["Check-in round"]


def test_without_a_start_time_times_are_from_the_start(session: Session, demo_store: RecordStore) -> None:
    group = demo_store.groups.get(session.group_id)
    sheet = compose_runsheet(session.model_copy(update={"start_time": None}), group, [])
    assert [s.starts for s in sheet.segments][:3] == ["+0:00", "+0:05", "+0:10"]
    assert sheet.ends == "+1:30" and sheet.when == "Tuesday 24 November 2026"
    for fmt, pocket in FORMATS:
        text = words(render_runsheet(sheet, fmt, pocket=pocket), fmt)
        assert NO_START_TIME in text and "14:00" not in text


def test_clock_times_carry_over_midnight(session: Session) -> None:
    sheet = compose_runsheet(session.model_copy(update={"start_time": time(23, 30)}), None, [])
    assert sheet.segments[-1].ends == "01:00" and sheet.when.endswith("23:30 to 01:00")


def test_a_running_session_shows_dropped_segments_without_time(session: Session) -> None:
    dropped = session.agenda[4]  # the break
    running = session.model_copy(update={"status": SessionStatus.RUNNING, "dropped_segment_ids": [dropped.id]})
    sheet = compose_runsheet(running, None, [])
    assert sheet.status == "running now" and sheet.total_minutes == 80
    assert sheet.segments[4].dropped and sheet.segments[5].starts == sheet.segments[4].starts == "14:50"
    assert "dropped" in render_runsheet(sheet, "md").split("5. Break")[0].splitlines()[-1]


@pytest.mark.parametrize("status", [SessionStatus.ENDED, SessionStatus.CANCELLED])
def test_no_run_sheet_for_an_ended_or_cancelled_session(session: Session, status: SessionStatus) -> None:
    with pytest.raises(NoRunsheet, match=f"this session is {status.value}; a run-sheet is for a planned"):
        compose_runsheet(session.model_copy(update={"status": status}), None, [])


def test_plain_text_fits_72_columns_and_file_names(demo_store: RecordStore) -> None:
    sheet = build_runsheet(demo_store, PLANNED, with_register=True)
    lines = render_runsheet(sheet, "txt").splitlines()
    assert max(len(line) for line in lines) <= WIDTH
    assert "·" not in "\n".join(lines)
    assert filename(sheet, "html") == "2026-11-24-tuesday-hearing-voices-group-runsheet.html"
    assert filename(sheet, "html", pocket=True).endswith("-pocket.html")
    with pytest.raises(ValueError, match="HTML only"):
        render_runsheet(sheet, "md", pocket=True)


def test_leads_are_shown_when_given(session: Session) -> None:
    """The hook for issue 15's co-facilitation: leads per segment, shown in every format."""
    leads = {session.agenda[2].id: "Rowan"}
    sheet = compose_runsheet(session, None, [], leads=leads)
    assert [s.lead for s in sheet.segments].count("Rowan") == 1
    assert "lead: Rowan" in render_runsheet(sheet, "md") and "lead: Rowan" in render_runsheet(sheet, "txt")
    tree = strict_parse(render_runsheet(sheet, "html"))
    assert [th.text for th in tree.findall(".//thead/tr/th")][-1] == "Lead"
    assert "Lead: Rowan" in render_runsheet(sheet, "html", pocket=True)


# -- names -----------------------------------------------------------------------------------


def test_the_demo_run_sheets_name_nobody_without_a_register(demo_store: RecordStore) -> None:
    names = {m.display_name for m in demo_store.members.all()}
    planned = [h for h in demo_store.sessions.headers() if h.status is SessionStatus.PLANNED]
    assert len(planned) >= 5
    for header in planned:
        sheet = build_runsheet(demo_store, header.id)
        for fmt, pocket in FORMATS:
            text = render_runsheet(sheet, fmt, pocket=pocket)
            assert not [n for n in names if contains_word(text, n)], (header.title, fmt)


def test_the_register_lists_the_active_roster_only(demo_store: RecordStore, session: Session) -> None:
    roster = [m for m in demo_store.members.all() if m.group_id == session.group_id]
    active = sorted((m.display_name for m in roster if m.active), key=str.casefold)
    sheet = build_runsheet(demo_store, PLANNED, with_register=True)
    assert list(sheet.register or ()) == active
    for fmt, pocket in FORMATS:
        text = render_runsheet(sheet, fmt, pocket=pocket)
        assert all(contains_word(text, name) for name in active)
        assert not [m.display_name for m in roster if not m.active and contains_word(text, m.display_name)]
        assert "keep it private" in words(text, fmt).casefold()


def _session(texts: list[str]) -> tuple[Session, Group]:
    group = Group(name=texts[0], agreement="\n".join(["Agreement", *(f"- {t}" for t in texts)]),
                  signposting=texts)
    segments = [Segment(title=t, minutes=5, kind=kind, protected=i % 2 == 0, prompts=texts)
                for i, (t, kind) in enumerate(zip(texts, [SegmentKind.WELCOME, SegmentKind.CHECK_IN, SegmentKind.CLOSE] * 3))]
    session = Session(group_id=group.id, title=texts[-1], date=group.created_on, start_time=time(18, 0),
                      agenda=segments, check_in_question=texts[0])
    return session, group


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(SAFE_TEXT.filter(lambda n: n.strip()), min_size=1, max_size=8),
    texts=st.lists(SAFE_TEXT.filter(lambda n: n.strip()), min_size=1, max_size=5),
)
def test_without_a_register_the_roster_changes_nothing(names: list[str], texts: list[str]) -> None:
    """Any roster, any text: without a register the output is the same as with nobody on the
    roster, so no name can be in it; with one, every active name is."""
    session, group = _session(texts)
    roster = [Member(group_id=group.id, display_name=n) for n in names if n.strip()]
    alone = compose_runsheet(session, group, [])
    sheet = compose_runsheet(session, group, roster)
    registered = compose_runsheet(session, group, roster, with_register=True)
    for fmt, pocket in FORMATS:
        assert render_runsheet(sheet, fmt, pocket=pocket) == render_runsheet(alone, fmt, pocket=pocket)
        document = render_runsheet(registered, fmt, pocket=pocket)
        if fmt == "html":
            strict_parse(document)
    assert sorted(registered.register or ()) == sorted(" ".join(n.split()) for n in names)


@settings(max_examples=80, deadline=None)
@given(texts=st.lists(SAFE_TEXT, min_size=1, max_size=5).filter(lambda ts: all(t.strip() for t in ts)))
def test_html_stays_valid_and_self_contained_whatever_is_typed(texts: list[str]) -> None:
    session, group = _session([*texts, "<script src='http://x.example/a.js'></script>", 'a "quoted" & <b>'])
    roster = [Member(group_id=group.id, display_name=t) for t in texts]
    sheet = compose_runsheet(session, group, roster, with_register=True)
    for pocket in (False, True):
        document = render_runsheet(sheet, "html", pocket=pocket)
        tree = strict_parse(document)
        tags = {element.tag for element in tree.iter()}
        assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base", "a"}
        assert not [e for e in tree.iter() if {"src", "href"} & set(e.attrib)]
        style = "".join(e.text or "" for e in tree.iter("style"))
        assert "url(" not in style and "@import" not in style and "http" not in style
        assert "<script src='http://x.example/a.js'></script>" in html.unescape(document)


def test_the_demo_html_has_no_external_resources(demo_store: RecordStore) -> None:
    sheet = build_runsheet(demo_store, PLANNED, with_register=True)
    for pocket in (False, True):
        document = render_runsheet(sheet, "html", pocket=pocket)
        strict_parse(document)
        assert "http:" not in document and "https:" not in document and "//" not in document
        assert "src=" not in document and "href=" not in document and "url(" not in document
        assert "default-src 'none'" in html.unescape(document)
        assert ("size: A6" in document) is pocket and ("size: A4" in document) is not pocket
