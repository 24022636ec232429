"""What the facilitator and the room see: every prompt of a segment, the check-in question,
the projector view, toasts that leave the note line and clock clear, the too-small line."""

from __future__ import annotations

from psw_tui.models import SegmentKind
from psw_tui.screens.live import LiveScreen
from psw_tui.screens.too_small import TooSmallScreen
from psw_tui.storage import RecordStore
from psw_tui.widgets.segment_prompts import segment_lines
from tests.app.live_helpers import live_setup, open_live, text_of, until, visible_text

QUESTION = "What has helped you this week, however small?"


def _with_question(store: RecordStore, session_id: object) -> list[str]:
    """Give the planned session a check-in question; the titles of its agenda."""
    session = store.sessions.get(session_id)  # type: ignore[arg-type]
    store.sessions.save(session.model_copy(update={"check_in_question": QUESTION}))
    return [segment.title for segment in session.agenda]


async def _go_to(pilot, screen: LiveScreen, kind: SegmentKind) -> None:  # noqa: ANN001
    while screen.live is not None and screen.live.reading().current.segment.kind is not kind:
        await pilot.press("f4")
        await pilot.pause()


async def test_every_prompt_of_the_segment_by_pgdn_and_pgup(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        segment = screen.live.reading().current.segment  # type: ignore[union-attr]
        assert len(segment.prompts) >= 2
        seen = []
        for _ in segment.prompts:
            seen.append(text_of(screen, "#clock-prompt"))
            await pilot.press("pagedown")
            await pilot.pause()
        for prompt, shown in zip(segment.prompts, seen, strict=True):
            assert prompt in shown
        assert segment.prompts[0] in text_of(screen, "#clock-prompt")  # round again
        await pilot.press("pageup")
        await pilot.pause()
        assert segment.prompts[-1] in text_of(screen, "#clock-prompt")


async def test_the_check_in_question_leads_the_check_in_segment_and_the_projector(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    _with_question(demo_store, setup.session_id)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        assert QUESTION not in text_of(screen, "#clock-prompt")  # only in a check-in segment
        await _go_to(pilot, screen, SegmentKind.CHECK_IN)
        assert f"Check-in question: {QUESTION}" in text_of(screen, "#clock-prompt")
        await pilot.press("f11")
        await pilot.pause()
        assert QUESTION in text_of(screen, "#projector-prompt")
        await pilot.press("pagedown")  # the projector follows the prompt on screen
        await pilot.pause()
        first_prompt = screen.live.reading().current.segment.prompts[0]  # type: ignore[union-attr]
        assert first_prompt in text_of(screen, "#projector-prompt")


def test_segment_lines_put_the_question_first_only_in_check_in() -> None:
    from psw_tui.models import Segment

    check_in = Segment(title="Check-in", minutes=10, kind=SegmentKind.CHECK_IN, prompts=["How are you?"])
    theme = Segment(title="Theme", minutes=10, kind=SegmentKind.THEME, prompts=["What helps?"])
    assert segment_lines(check_in, "  One  word?  ") == ["Check-in question: One word?", "How are you?"]
    assert segment_lines(theme, "One word?") == ["What helps?"]
    assert segment_lines(check_in, "") == ["How are you?"]
    assert segment_lines(None, "One word?") == []


async def test_toasts_leave_the_note_line_and_the_clock_clear(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_live(pilot, setup)
        for n in range(4):  # a burst of long toasts: only the newest two stay
            setup.app.notify(f"Toast {n} with a long line of words to show where it goes on screen.")
        await until(pilot, lambda: len(setup.app.screen.query("Toast")) == 2, "the newest two toasts")
        await pilot.pause()
        bar = screen.query_one("#note-bar").region
        clock = screen.query_one("#live-clock").region
        for toast in setup.app.screen.query("Toast"):
            assert not toast.region.overlaps(bar), (toast.region, bar)
            assert not toast.region.overlaps(clock), (toast.region, clock)


async def test_a_window_too_small_says_how_big_to_make_it(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(80, 24)) as pilot:
        screen = await open_live(pilot, setup)
        await pilot.resize_terminal(40, 12)
        await until(pilot, lambda: isinstance(setup.app.screen, TooSmallScreen), "the too-small line")
        shown = visible_text(setup.app)
        assert "Make the window at least 60x18" in shown
        for member in setup.members:
            assert member.display_name not in shown
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: setup.app.screen is screen, "the live screen back")
