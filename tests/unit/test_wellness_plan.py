"""The wellness plan: every version kept, in no export but its own, sealed on disk in an
encrypted folder, older versions pruned but never the current one."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import html5lib
import pytest

from psw_tui.models import DriscollReflection
from psw_tui.services.exports import export_session
from psw_tui.services.journal import Journal
from psw_tui.services.retention import apply_prune, plan_prune
from psw_tui.services.timesource import FakeTime
from psw_tui.services.wellness import save_plan, to_html, to_markdown, versions, write_plan
from psw_tui.storage import RecordStore
from psw_tui.storage.verify import verify_store

from tests.unit.test_encrypted_store import PASSPHRASE, assert_no_canary, fast_kdf

CANARY = "CANARY-wellness-5c1e-morning-swim"


def clock(day: date) -> FakeTime:
    return FakeTime(datetime(day.year, day.month, day.day, 9, tzinfo=UTC))


def test_each_change_keeps_a_new_version_and_the_old_ones_stay(store: RecordStore) -> None:
    first, added = save_plan(store, {"daily": "A walk before work", "triggers": "Lone working"}, clock(date(2026, 1, 5)))
    assert added and first.version == 1
    same, added = save_plan(store, {"daily": "A walk before work", "triggers": "Lone working"}, clock(date(2026, 1, 6)))
    assert not added and same.id == first.id
    second, added = save_plan(store, {"daily": "A swim before work"}, clock(date(2026, 2, 1)))
    assert added and second.version == 2 and second.triggers == ""
    kept = versions(store)
    assert [(v.version, v.daily) for v in kept] == [(1, "A walk before work"), (2, "A swim before work")]
    assert kept[0].triggers == "Lone working"  # the older version is as it was saved
    assert verify_store(store).ok
    with pytest.raises(ValueError):
        save_plan(store, {"diagnosis": "x"}, clock(date(2026, 2, 2)))


def test_markdown_and_html_carry_every_section_escaped(store: RecordStore, tmp_path: Path) -> None:
    plan, _ = save_plan(store, {"daily": "Walk\n# not a heading", "who_to_contact": "<b>Sam</b> & co"},
                        clock(date(2026, 3, 1)))
    md = to_markdown(plan)
    assert "## What keeps me well day to day" in md and "\\# not a heading" in md
    assert "## Who to contact and how" in md and "\\<b\\>Sam\\</b\\> \\& co" in md
    page = to_html(plan)
    assert "&lt;b&gt;Sam&lt;/b&gt; &amp; co" in page and "<script" not in page
    html5lib.HTMLParser(strict=True).parse(page)
    written = write_plan(plan, tmp_path / "plan.html", "html")
    assert written.stat().st_mode & 0o777 == 0o600
    assert html.unescape(written.read_text(encoding="utf-8")).count("Sam") == 1


def test_the_plan_is_in_no_session_export_and_no_reflections_export(demo_store: RecordStore, tmp_path: Path) -> None:
    save_plan(demo_store, {"daily": CANARY, "after": CANARY}, clock(date(2026, 11, 20)))
    journal = Journal(demo_store, clock(date(2026, 11, 20)))
    journal.save(DriscollReflection(title="After group", what="It went well", written_on=date(2026, 11, 20)))
    for header in demo_store.sessions.headers()[-5:]:
        for fmt in ("json", "md", "txt", "html", "csv"):
            assert CANARY not in export_session(demo_store, header.id, fmt).text
    assert CANARY not in journal.export_markdown(None, None)
    target = tmp_path / "reflections.md"
    journal.write_export(target, None, None)
    assert CANARY not in target.read_text(encoding="utf-8")


def test_the_plan_is_sealed_on_disk_in_an_encrypted_folder(data_dir: Path) -> None:
    with RecordStore.open(data_dir) as store:
        save_plan(store, {"daily": f"{CANARY} (before encryption)"}, clock(date(2026, 1, 1)))
        store.backup()
        store.enable_encryption(PASSPHRASE, fast_kdf())
    with RecordStore.open(data_dir, passphrase=PASSPHRASE) as store:
        save_plan(store, {"daily": CANARY, "early_signs": CANARY}, clock(date(2026, 2, 1)))
        store.backup()
    assert_no_canary(data_dir, CANARY.encode())
    with RecordStore.open(data_dir, passphrase=PASSPHRASE) as store:
        assert [v.daily for v in versions(store)] == [f"{CANARY} (before encryption)", CANARY]
        assert verify_store(store).ok


def test_prune_removes_old_versions_and_always_keeps_the_current_one(store: RecordStore) -> None:
    for day in (date(2016, 1, 1), date(2017, 1, 1), date(2018, 1, 1)):
        save_plan(store, {"daily": f"as of {day.year}"}, clock(day))
    plan = plan_prune(store, date(2020, 1, 1))
    assert len(plan.worker.wellness_versions) == 2 and "2 older wellness plan versions" in plan.summary()
    apply_prune(store, plan)
    assert [v.daily for v in versions(store)] == ["as of 2018"]
    assert plan_prune(store, date(2030, 1, 1) - timedelta(days=1)).worker.wellness_versions == []


def test_forgetting_a_member_reaches_every_version(store: RecordStore) -> None:
    from psw_tui.models import Group, Member
    from psw_tui.services.erasure import forget_member

    group = store.groups.save(Group(name="Walk and talk"))
    member = store.members.save(Member(group_id=group.id, display_name="Zoë"))
    save_plan(store, {"who_to_contact": "Zoë from the walk group"}, clock(date(2026, 1, 1)))
    save_plan(store, {"who_to_contact": "ZOE, or my manager"}, clock(date(2026, 2, 1)))
    forget_member(store, member.id, "Zoë")
    assert [v.who_to_contact for v in versions(store)] == ["[name removed] from the walk group",
                                                           "[name removed], or my manager"]
    on_disk = store.paths.wellness_file.read_text(encoding="utf-8")
    assert "Zoë" not in on_disk and "ZOE" not in on_disk
