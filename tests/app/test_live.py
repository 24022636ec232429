"""The live session screen, driven with Pilot on a fake clock (issue 3)."""

from __future__ import annotations

from textual.widgets import Checkbox, DataTable, Input, OptionList, Select

from psw_tui.models import ActionStatus, Attendance, NoteKind, SessionStatus
from psw_tui.screens.live_dialogs import RebalanceScreen, WalkInScreen
from psw_tui.screens.live_forms import ActionScreen, ConcernScreen
from psw_tui.screens.review_actions import ReviewActionsScreen
from psw_tui.services.clock import format_seconds
from psw_tui.services.live import LiveSession
from psw_tui.services.note_entry import KIND_LABELS
from psw_tui.storage import RecordStore
from tests.app.live_helpers import advance, digits, live_setup, open_live, text_of, visible_text


async def test_starting_runs_the_first_segment_with_its_prompt(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        session = demo_store.sessions.get(setup.session_id)
        first = session.agenda[0]
        assert session.status is SessionStatus.RUNNING
        assert digits(screen) == f"{first.minutes:02d}:00"
        assert first.title in text_of(screen, "#clock-segment")
        assert first.prompts[0] in text_of(screen, "#clock-prompt")
        assert text_of(screen, "#live-status").startswith("On schedule")
        assert isinstance(screen.focused, Input) and screen.focused.id == "note-line"


async def test_actions_from_earlier_sessions_are_offered_at_the_start(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        assert setup.app.screen is screen  # offered, not pushed in front of the note line
        assert "carried action(s)" in text_of(screen, "#live-status") and "ctrl+y" in text_of(screen, "#live-status")
        await pilot.press("ctrl+y")
        await pilot.pause()
        review = setup.app.screen
        assert isinstance(review, ReviewActionsScreen) and review.carried
        first = review.carried[0].action
        await pilot.press("d", "escape")
        await pilot.pause()
        assert setup.app.screen is screen
        saved = demo_store.actions(first.session_id).get(first.id)
        assert saved is not None and saved.status is ActionStatus.DONE


async def test_warnings_at_20_and_5_percent_then_overrun(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        clock = screen.query_one("#live-clock")
        allowance = demo_store.sessions.get(setup.session_id).agenda[0].minutes * 60
        await advance(pilot, setup, screen, allowance * 0.79)
        assert clock.has_class("-calm") and text_of(screen, "#clock-state") == ""
        await advance(pilot, setup, screen, allowance * 0.02)  # 19% left
        assert clock.has_class("-warn") and text_of(screen, "#clock-state") == "Nearly time"
        await advance(pilot, setup, screen, allowance * 0.15)  # 4% left
        assert clock.has_class("-urgent") and text_of(screen, "#clock-state") == "Wrap up now"
        await advance(pilot, setup, screen, allowance * 0.04 + 90)  # 90 s over
        assert clock.has_class("-overrun") and text_of(screen, "#clock-state") == "Over time"
        assert digits(screen) == "-01:30"


async def test_overrun_can_be_hidden_by_the_setting(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store, show_overrun=False)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        allowance = demo_store.sessions.get(setup.session_id).agenda[0].minutes * 60
        await advance(pilot, setup, screen, allowance + 120)
        assert digits(screen) == "00:00" and text_of(screen, "#clock-state") == "Over time"


async def test_pause_and_resume_keep_exact_time(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        minutes = demo_store.sessions.get(setup.session_id).agenda[0].minutes
        await advance(pilot, setup, screen, 60)
        await pilot.press("f2")
        await advance(pilot, setup, screen, 600)  # ten minutes paused count for nothing
        assert digits(screen) == f"{minutes - 1:02d}:00"
        assert text_of(screen, "#clock-state").startswith("Paused")
        await pilot.press("ctrl+t")  # the alternative key, typed while in the note line
        await advance(pilot, setup, screen, 30)
        assert digits(screen) == f"{minutes - 2:02d}:30"
        assert not text_of(screen, "#clock-state").startswith("Paused")


async def test_keys_work_while_a_note_is_being_typed(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        agenda = demo_store.sessions.get(setup.session_id).agenda
        await pilot.press(*"half a tho")
        await pilot.press("f6")  # add a minute
        assert digits(screen) == f"{agenda[0].minutes + 1:02d}:00"
        await pilot.press("ctrl+down", "ctrl+down")  # take two off
        assert digits(screen) == f"{agenda[0].minutes - 1:02d}:00"
        await pilot.press("f4")
        assert agenda[1].title in text_of(screen, "#clock-segment")
        await pilot.press("f3")
        assert agenda[0].title in text_of(screen, "#clock-segment")
        assert screen.query_one("#note-line", Input).value == "half a tho"


async def test_behind_schedule_and_rebalance_is_offered_not_imposed(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        session = demo_store.sessions.get(setup.session_id)
        planned = [segment.minutes for segment in session.agenda]
        await advance(pilot, setup, screen, planned[0] * 60 + 6 * 60)  # 6 minutes over
        assert "Behind schedule by 6 min" in text_of(screen, "#live-status")
        await pilot.press("f4")
        assert [s.minutes for s in demo_store.sessions.get(setup.session_id).agenda] == planned
        await pilot.press("f10")
        assert isinstance(setup.app.screen, RebalanceScreen)
        options = setup.app.screen.query_one(OptionList)
        assert "Shorten" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        after = demo_store.sessions.get(setup.session_id)
        assert sum(s.minutes for s in after.agenda[1:]) == sum(planned[1:]) - 6
        assert after.agenda[1].minutes == planned[1]  # the current segment is left alone
        assert "On schedule" in text_of(screen, "#live-status")


async def test_rebalance_can_be_declined(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        planned = [s.minutes for s in demo_store.sessions.get(setup.session_id).agenda]
        await advance(pilot, setup, screen, planned[0] * 60 + 300)
        await pilot.press("f10", "escape")
        await pilot.pause()
        assert [s.minutes for s in demo_store.sessions.get(setup.session_id).agenda] == planned


async def test_register_cycles_with_one_key_and_counts_heads(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        total = len(setup.members)
        assert text_of(screen, "#register-title") == f"0 here · {total} to mark"
        await pilot.press("f7", "space", "down", "space", "space")
        await pilot.pause()
        live = LiveSession(demo_store, setup.session_id)  # type: ignore[arg-type]
        statuses = [row.entry.status for row in live.register_rows()]
        assert statuses[:2] == [Attendance.PRESENT, Attendance.LATE]
        assert text_of(screen, "#register-title") == f"2 here · {total - 2} to mark"
        await pilot.press("down", "4")  # a number sets a status directly
        await pilot.pause()
        fresh = LiveSession(demo_store, setup.session_id)  # type: ignore[arg-type] - read anew
        assert fresh.register_rows()[2].entry.status is Attendance.APOLOGIES
        table = screen.query_one("#register", DataTable)
        assert "to mark" in str(table.get_row_at(3)[1])
        await pilot.press("escape")
        assert screen.focused is not None and screen.focused.id == "note-line"


async def test_walk_in_is_added_present_and_validated(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        await pilot.press("f8")
        assert isinstance(setup.app.screen, WalkInScreen)
        await pilot.press("enter")
        assert "Type a name" in str(setup.app.screen.query_one("#walkin-name-error").content)
        await pilot.press(*"Robin")
        setup.app.screen.query_one("#walkin-guest", Checkbox).value = True
        await pilot.press("enter")
        await pilot.pause()
        rows = LiveSession(demo_store, setup.session_id).register_rows()  # type: ignore[arg-type]
        guest = [row for row in rows if row.name == "Robin"]
        assert guest and guest[0].entry.status is Attendance.PRESENT and guest[0].role == "guest"
        assert text_of(screen, "#register-title").startswith("1 here")


async def test_notes_of_every_kind_by_prefix(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        lines = {
            "nobody gets it at work": NoteKind.CONTRIBUTION,
            "t: hope": NoteKind.THEME,
            "p: benefits forms": NoteKind.PARKING_LOT,
            "s: Samaritans 116 123": NoteKind.SIGNPOST,
            "r: I felt rushed": NoteKind.FACILITATOR_REFLECTION,
        }
        for line, kind in lines.items():
            await pilot.press(*line)
            assert text_of(screen, "#note-kind") == KIND_LABELS[kind]  # the label follows the prefix
            await pilot.press("enter")
            assert screen.query_one("#note-line", Input).value == ""
        await pilot.press(*"a: book the room", "enter")
        await pilot.pause()
        notes = {note.text: note for note in demo_store.notes(setup.session_id).all()}  # type: ignore[arg-type]
        assert {note.text: note.kind for note in notes.values()} == {
            "nobody gets it at work": NoteKind.CONTRIBUTION,
            "hope": NoteKind.THEME,
            "benefits forms": NoteKind.PARKING_LOT,
            "Samaritans 116 123": NoteKind.SIGNPOST,
            "I felt rushed": NoteKind.FACILITATOR_REFLECTION,
        }
        for note in notes.values():
            dumped = note.model_dump()
            if note.kind is NoteKind.FACILITATOR_REFLECTION:
                assert "created_at" in dumped
            else:
                assert "author" not in dumped and "created_at" not in dumped
        actions = demo_store.actions(setup.session_id).all()  # type: ignore[arg-type]
        assert [a.text for a in actions] == ["book the room"]
        listed = screen.query_one("#notes", OptionList)
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        # Listed by kind, then text: never in the order they were said.
        assert prompts == [
            "Contribution: nobody gets it at work",
            "My reflection: I felt rushed",
            "Parking lot: benefits forms",
            "Signpost: Samaritans 116 123",
            "Theme: hope",
        ]
        assert text_of(screen, "#notes-title").startswith("Notes in this segment · 5")


async def test_a_note_can_be_edited_or_taken_down(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        await pilot.press(*"said Fern's name by mistake", "enter", "tab", "tab")
        notes_list = screen.query_one("#notes", OptionList)
        notes_list.focus()
        notes_list.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        edit = setup.app.screen.query_one("#note-edit-text", Input)
        assert "Fern" in edit.value
        edit.value = "someone felt unheard"
        await pilot.press("enter")
        await pilot.pause()
        texts = [n.text for n in demo_store.notes(setup.session_id).all()]  # type: ignore[arg-type]
        assert texts == ["someone felt unheard"]
        notes_list.focus()
        notes_list.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#note-edit-remove")
        await pilot.pause()
        assert demo_store.notes(setup.session_id).all() == []  # type: ignore[arg-type]
        assert notes_list.option_count == 0


async def test_action_form_with_owner_and_due_date(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        await open_live(pilot, setup)
        await pilot.press(*"a: ring the venue", "ctrl+o")
        assert isinstance(setup.app.screen, ActionScreen)
        form = setup.app.screen
        assert form.query_one("#action-text", Input).value == "ring the venue"
        form.query_one("#action-due", Input).value = "2026-02-30"
        await pilot.click("#action-save")
        assert "real date" in str(form.query_one("#action-due-error").content)
        assert demo_store.actions(setup.session_id).all() == []  # type: ignore[arg-type]
        owner = setup.members[0]
        form.query_one("#action-owner", Select).value = owner.id
        due = form.query_one("#action-due", Input)
        due.value = "2026-12-01"
        due.focus()
        await pilot.press("enter")
        await pilot.pause()
        [action] = demo_store.actions(setup.session_id).all()  # type: ignore[arg-type]
        assert (action.text, action.owner_id, str(action.due)) == ("ring the venue", owner.id, "2026-12-01")


async def test_concern_is_recorded_and_shown_only_as_recorded(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        await pilot.press("f9")
        assert isinstance(setup.app.screen, ConcernScreen)
        form = setup.app.screen
        await pilot.click("#concern-save")
        assert "Choose the kind" in str(form.query_one("#concern-kind-error").content)
        assert "Say what was done" in str(form.query_one("#concern-action-error").content)
        assert not form.query("#concern-content")  # no verbatim content field exists
        form.query_one("#concern-kind", Select).value = form.query_one("#concern-kind", Select)._options[1][1]
        form.query_one("#concern-action", Input).value = "Spoke with them after; agreed a plan"
        form.query_one("#concern-escalated", Input).value = "Duty team lead"
        by = form.query_one("#concern-by", Input)
        by.value = "Sam"
        by.focus()
        await pilot.press("enter")  # Enter in any field saves the form
        await pilot.pause()
        [concern] = demo_store.concerns(setup.session_id).all()  # type: ignore[arg-type]
        assert concern.escalated_to == "Duty team lead" and concern.recorded_by == "Sam"
        assert "1 concern recorded" in text_of(screen, "#notes-title")
        assert "agreed a plan" not in visible_text(setup.app)


async def test_session_resumes_after_the_app_is_closed(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        await open_live(pilot, setup)
        await advance(pilot, setup, setup.app.screen, 60)  # type: ignore[arg-type]
    minutes = demo_store.sessions.get(setup.session_id).agenda[0].minutes
    # The lid was closed for 7 minutes; a new app instance starts on the same store.
    setup.time.advance(7 * 60)
    from psw_tui.app import create_app
    from psw_tui.screens.live import LiveScreen

    again = create_app(None, demo_store, time=setup.time)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "still running" in str(again.screen.query_one(".dialog-text").content)
        await pilot.press("enter")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, LiveScreen)
        # One minute before the close and seven while closed count: 8 minutes in.
        assert digits(screen) == format_seconds(minutes * 60 - 8 * 60)


async def test_ending_on_the_last_segment_asks_first(demo_store: RecordStore) -> None:
    setup = live_setup(demo_store)
    async with setup.app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        for _ in range(len(demo_store.sessions.get(setup.session_id).agenda) - 1):
            await pilot.press("f4")
        await pilot.press("f4")
        await pilot.pause()
        await pilot.click("#confirm-no")
        await pilot.pause()
        assert demo_store.sessions.get(setup.session_id).status is SessionStatus.RUNNING
        await pilot.press("f4")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert demo_store.sessions.get(setup.session_id).status is SessionStatus.ENDED
        assert type(setup.app.screen).__name__ == "CloseSessionScreen"  # debrief and summary next
        assert screen not in setup.app.screen_stack
