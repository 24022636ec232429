"""Each setting, written in the settings file, changes what the app does; the settings
screen saves and applies at once, and names a bad file (mistakes at start:
test_settings_mistakes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static, TextArea

from psw_tui.app import PswApp, create_app
from psw_tui.palette.privacy import open_retention, open_settings
from psw_tui.screens.help import HelpScreen
from psw_tui.screens.privacy import PrivacyScreen
from psw_tui.screens.retention import RetentionScreen
from psw_tui.screens.settings import SettingsScreen
from psw_tui.storage import RecordStore
from psw_tui.storage.settings_file import CONFIG_ENV, load_settings
from tests.app.live_helpers import GROUP, advance, digits, open_live
from tests.conftest import fixed_time


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config" / "settings.toml"
    path.parent.mkdir()
    monkeypatch.setenv(CONFIG_ENV, str(path))
    return path


def app_from_file(config: Path, text: str, store: RecordStore) -> PswApp:
    """What the CLI does at start: read the file, build the app with it."""
    config.write_text(text)
    loaded = load_settings()
    assert loaded.problem is None, loaded.problem
    return create_app(loaded.settings, store, time=fixed_time())


def live_setup_from(app: PswApp, store: RecordStore):  # noqa: ANN201
    from psw_tui.services.start import session_for_now
    from tests.app.live_helpers import LiveSetup

    group = next(g for g in store.groups.all() if g.name == GROUP)
    session = session_for_now(store, group.id, app.time)  # type: ignore[arg-type]
    return LiveSetup(app, app.time, session.id, [])  # type: ignore[arg-type]


async def test_theme_from_the_file(config: Path, store: RecordStore) -> None:
    app = app_from_file(config, 'theme = "psw-high-contrast"\n', store)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "psw-high-contrast"
        assert app.current_theme.background == "#000000"
        assert app.screen.styles.background.hex == "#000000"


async def test_keymap_from_the_file(config: Path, store: RecordStore) -> None:
    app = app_from_file(config, '[keymap]\n"app.help" = "f2"\n', store)
    async with app.run_test() as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_idle_lock_minutes_from_the_file(config: Path, demo_store: RecordStore) -> None:
    app = app_from_file(config, "idle_lock_minutes = 1\n", demo_store)
    async with app.run_test() as pilot:
        await pilot.pause()
        app.time.advance(50)  # type: ignore[attr-defined]
        app.check_idle_lock()
        assert not app.private
        app.time.advance(15)  # type: ignore[attr-defined]
        app.check_idle_lock()
        await pilot.pause()
        assert isinstance(app.screen, PrivacyScreen)


@pytest.mark.parametrize("bell", [True, False])
async def test_bell_from_the_file(config: Path, demo_store: RecordStore, bell: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    app = app_from_file(config, f"bell = {str(bell).lower()}\n", demo_store)
    rings: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    setup = live_setup_from(app, demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        allowance = demo_store.sessions.get(setup.session_id).agenda[0].minutes * 60
        await advance(pilot, setup, screen, allowance + 1)
        assert len(rings) == (1 if bell else 0)


@pytest.mark.parametrize(("show", "expected"), [(True, "-01:00"), (False, "00:00")])
async def test_overrun_display_from_the_file(config: Path, demo_store: RecordStore, show: bool, expected: str) -> None:
    app = app_from_file(config, f"bell = false\nshow_overrun = {str(show).lower()}\n", demo_store)
    setup = live_setup_from(app, demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        allowance = demo_store.sessions.get(setup.session_id).agenda[0].minutes * 60
        await advance(pilot, setup, screen, allowance + 60)
        assert digits(screen) == expected


async def test_warning_thresholds_from_the_file(config: Path, demo_store: RecordStore) -> None:
    app = app_from_file(config, "bell = false\nwarn_at_fraction = 0.5\nurgent_at_fraction = 0.25\n", demo_store)
    setup = live_setup_from(app, demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(pilot, setup)
        clock = screen.query_one("#live-clock")
        allowance = demo_store.sessions.get(setup.session_id).agenda[0].minutes * 60
        await advance(pilot, setup, screen, allowance * 0.45)
        assert clock.has_class("-calm")
        await advance(pilot, setup, screen, allowance * 0.10)  # 45% left
        assert clock.has_class("-warn")
        await advance(pilot, setup, screen, allowance * 0.25)  # 20% left
        assert clock.has_class("-urgent")


async def test_retention_period_from_the_file(config: Path, store: RecordStore) -> None:
    app = app_from_file(config, "retention_years = 3\n", store)
    async with app.run_test(size=(120, 45)) as pilot:
        open_retention(app)
        await pilot.pause()
        assert isinstance(app.screen, RetentionScreen)
        assert app.screen.query_one("#before", Input).value == "2023-11-20"


async def test_settings_screen_saves_and_applies_at_once(config: Path, store: RecordStore) -> None:
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(120, 50)) as pilot:
        open_settings(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one("#idle_lock_minutes", Input).value = "9"
        screen.query_one("#theme", Select).value = "textual-light"
        screen.query_one("#keymap", TextArea).text = "app.help = f3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)
        assert app.theme == "textual-light" and app.settings.idle_lock_minutes == 9
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
    saved = load_settings().settings
    assert saved.idle_lock_minutes == 9 and saved.keymap == {"app.help": "f3"}


async def test_settings_screen_shows_what_is_wrong_and_saves_nothing(config: Path, store: RecordStore) -> None:
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(120, 50)) as pilot:
        open_settings(app)
        await pilot.pause()
        screen = app.screen
        screen.query_one("#warn_percent", Input).value = "120"
        screen.query_one("#keymap", TextArea).text = "nothing.like.this = x"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert "percentage" in screen.query_one("#field-warn_percent").error
        assert "nothing.like.this" in screen.query_one("#field-keymap").error
    assert not config.exists()


async def test_settings_screen_names_a_bad_file(config: Path, store: RecordStore) -> None:
    config.write_text("bell = maybe\n")
    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(120, 50)) as pilot:
        open_settings(app)
        await pilot.pause()
        problem = str(app.screen.query_one("#settings-problem", Static).render())
        assert "line 1" in problem
    assert config.read_text() == "bell = maybe\n"
