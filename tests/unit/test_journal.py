"""The reflective journal: building, saving, editing, deleting and exporting reflections."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from psw_tui.models import GibbsReflection, ReflectionModel
from psw_tui.services.journal import (
    MODEL_FIELDS,
    Journal,
    JournalError,
    build_reflection,
    parse_tags,
    reflection_text,
)
from psw_tui.services.timesource import FakeTime
from psw_tui.storage import RecordStore, SaveFailed

CLOCK = FakeTime(datetime(2026, 3, 1, 9, tzinfo=UTC))


def gibbs(title: str, day: date, **fields: str) -> GibbsReflection:
    return build_reflection(ReflectionModel.GIBBS, title=title, written_on=day, fields=fields, time=CLOCK)  # type: ignore[return-value]


def test_models_have_their_own_prompts() -> None:
    assert [f.name for f in MODEL_FIELDS[ReflectionModel.GIBBS]] == [
        "description", "feelings", "evaluation", "analysis", "conclusion", "action_plan"]
    assert [f.label for f in MODEL_FIELDS[ReflectionModel.DRISCOLL]] == ["What?", "So what?", "Now what?"]
    assert [f.name for f in MODEL_FIELDS[ReflectionModel.FREE]] == ["text"]


def test_parse_tags_trims_and_drops_repeats() -> None:
    assert parse_tags(" hope,  self  care ,Hope,, ") == ["hope", "self care"]


def test_build_rejects_a_blank_title_and_foreign_fields() -> None:
    with pytest.raises(JournalError) as error:
        build_reflection(ReflectionModel.FREE, title="  ", written_on=date(2026, 1, 1), fields={"text": "x"})
    assert error.value.field == "title"
    with pytest.raises(JournalError) as error:
        build_reflection(ReflectionModel.FREE, title="T", written_on=date(2026, 1, 1), fields={"what": "x"})
    assert error.value.field == "what"


def test_save_edit_delete(store: RecordStore) -> None:
    journal = Journal(store, CLOCK)
    first = journal.save(gibbs("A quiet group", date(2026, 2, 3), description="Nobody spoke.", feelings="Anxious"))
    assert journal.get(first.id) == first
    assert reflection_text(first) == "Nobody spoke.\nAnxious"
    edited = build_reflection(ReflectionModel.GIBBS, title="A quiet group", written_on=date(2025, 12, 30),
                              fields={"description": "Nobody spoke at first."}, existing=first, time=CLOCK)
    journal.save(edited)
    assert [r.id for r in journal.all()] == [first.id]  # moved to last year's file, not copied
    assert journal.get(first.id).description == "Nobody spoke at first."  # type: ignore[union-attr]
    assert journal.delete(first.id) and journal.all() == []


def test_filter_by_tag(store: RecordStore) -> None:
    journal = Journal(store, CLOCK)
    journal.save(build_reflection(ReflectionModel.FREE, title="One", written_on=date(2026, 1, 1),
                                  fields={"text": "a"}, tags=["Self-care"], time=CLOCK))
    journal.save(build_reflection(ReflectionModel.FREE, title="Two", written_on=date(2026, 1, 2),
                                  fields={"text": "b"}, time=CLOCK))
    assert [r.title for r in journal.all("self-care")] == ["One"]


def test_markdown_export_of_a_date_range(store: RecordStore, tmp_path: Path) -> None:
    journal = Journal(store, CLOCK)
    journal.save(gibbs("Before", date(2026, 1, 31), description="Too early"))
    journal.save(gibbs("A quiet group", date(2026, 2, 3), description="Nobody spoke.", action_plan="Use pairs"))
    journal.save(build_reflection(ReflectionModel.DRISCOLL, title="Saying no", written_on=date(2026, 2, 20),
                                  fields={"what": "Asked to cover", "now_what": "Say no sooner"},
                                  tags=["boundaries"], time=CLOCK))
    text = journal.export_markdown(date(2026, 2, 1), date(2026, 2, 28))
    assert text.startswith("# My reflections\n\nFrom 1 February 2026 to 28 February 2026: 2 reflections.")
    assert "Too early" not in text
    assert text.index("## A quiet group") < text.index("## Saying no")  # oldest first
    assert "### Description\n\nNobody spoke." in text and "### Action plan\n\nUse pairs" in text
    assert "### Feelings" not in text  # unanswered prompts are left out
    assert "### Now what?\n\nSay no sooner" in text and "Tags: boundaries" in text
    target = tmp_path / "appraisal.md"
    assert journal.write_export(target, date(2026, 2, 1), date(2026, 2, 28)) == 2
    assert target.read_text() == text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_to_a_missing_folder_says_so(store: RecordStore, tmp_path: Path) -> None:
    with pytest.raises(SaveFailed) as error:
        Journal(store, CLOCK).write_export(tmp_path / "nowhere" / "x.md", None, None)
    assert "nowhere" in str(error.value)
