"""Settings never stop the app: every mistake in settings.toml or its keymap gives the app on
its first screen, the defaults for what is wrong, the good values kept, and a notice naming
the line; the file is never changed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from psw_tui import cli
from psw_tui.app import PswApp, create_app
from psw_tui.models import Settings
from psw_tui.screens.help import HelpScreen
from psw_tui.screens.home import HomeScreen
from psw_tui.storage import RecordStore
from psw_tui.storage.settings_file import CONFIG_ENV, load_settings
from tests.conftest import fixed_time


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config" / "settings.toml"
    path.parent.mkdir()
    monkeypatch.setenv(CONFIG_ENV, str(path))
    return path


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
    """Every toast the app shows, as (title, message)."""
    seen: list[tuple[str, str]] = []
    real = PswApp.notify

    def notify(self: PswApp, message: str, **kwargs: Any) -> None:
        seen.append((str(kwargs.get("title", "")), message))
        real(self, message, **kwargs)

    monkeypatch.setattr(PswApp, "notify", notify)
    yield seen


async def keymap_checked(pilot: Any) -> None:
    """Wait for the full keymap check (a worker, after the first frame) to be applied."""
    await pilot.pause()  # the first frame is up: the check has been started
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # it hands its result over before it ends
    await pilot.pause()


async def until(pilot: Any, condition: Callable[[], bool], tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("condition never became true")


# (file text, expected settings fields, words the notice must hold)
MISTAKES = [
    ("idle_lock_minutes = 9\nbell = 'loud'\n", {"idle_lock_minutes": 9, "bell": True},
     ["line 2: bell: should be true or false"]),
    ("idle_lock_minutes = 'five'\nbell = false\n", {"idle_lock_minutes": 5, "bell": False},
     ["line 1: idle_lock_minutes: should be a whole number"]),
    ("idle_lock_minutes = true\n", {"idle_lock_minutes": 5}, ["line 1: idle_lock_minutes"]),
    ("retention_years = 2.5\n", {"retention_years": 0}, ["line 1: retention_years"]),
    ("idle_lock_minutes = 999\n", {"idle_lock_minutes": 5}, ["line 1: idle_lock_minutes", "240"]),
    ("bell = false\ntheme = 'pink'\n", {"theme": "textual-dark", "bell": False},
     ["line 2: theme", "psw-high-contrast"]),
    ("theme = 3\n", {"theme": "textual-dark"}, ["line 1: theme: should be text"]),
    ("bell = false\nbell = maybe\n", {"bell": False}, ["line 2: bell: invalid value"]),
    ("bell = maybe\nshow_overrun = false\n", {"bell": True, "show_overrun": False},
     ["line 1: bell: invalid value"]),
    ("bell = false\ntheme = 'psw-high-contrast\n", {"bell": False}, ["line 2: theme"]),
    ("bell = false\nidle_lock_minutes = [1,\n", {"bell": False}, ["line 2: idle_lock_minutes"]),
    ("bell = false\nbell = true\n", {"bell": False}, ["line 2: bell: cannot overwrite a value"]),
    ("[keymap\n'app.help' = 'f2'\n", {"keymap": {}}, ["line 1: expected ']'"]),
    ("bell = false\nzoom = 2\n", {"bell": False}, ["line 2: zoom: unknown setting"]),
    ("warn_at_fraction = 0.01\nbell = false\n", {"warn_at_fraction": 0.2, "bell": False},
     ["line 1: warn_at_fraction: urgent_at_fraction must be smaller"]),
    ("warn_at_fraction = 0.3\nurgent_at_fraction = 0.4\n",
     {"warn_at_fraction": 0.2, "urgent_at_fraction": 0.05}, ["line 1: warn_at_fraction", "line 2: urgent"]),
    ("keymap = 'f2'\nbell = false\n", {"keymap": {}, "bell": False}, ["line 1: keymap: should be a table"]),
    ("[keymap]\n'app.help' = 2\n'app.quit' = 'ctrl+x'\n", {"keymap": {"app.quit": "ctrl+x"}},
     ['line 2: keymap "app.help": give the key as text']),
    ("export_folder = ''\nbell = 1\n", {"export_folder": None, "bell": True}, ["line 2: bell"]),
]


@pytest.mark.parametrize(("text", "expected", "words"), MISTAKES, ids=[m[0][:30] for m in MISTAKES])
async def test_a_mistake_in_the_file_opens_the_app_with_defaults_and_a_notice(
    config: Path, store: RecordStore, notices: list[tuple[str, str]],
    text: str, expected: dict[str, Any], words: list[str],
) -> None:
    config.write_text(text, encoding="utf-8")
    before = (config.read_bytes(), config.stat().st_mtime_ns)
    loaded = load_settings()
    app = create_app(loaded.settings, store, time=fixed_time(), settings_file=loaded)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: any(title == "Settings file" for title, _ in notices))
        assert isinstance(app.screen, HomeScreen)
        (message,) = [message for title, message in notices if title == "Settings file"]
        for word in words:
            assert word in message, message
        assert str(config) in message and "the file was not changed" in message
        assert app.settings.model_dump() == {**Settings().model_dump(), **expected}
    assert (config.read_bytes(), config.stat().st_mtime_ns) == before


async def test_an_unreadable_file_opens_the_app_with_defaults(
    config: Path, store: RecordStore, notices: list[tuple[str, str]]
) -> None:
    config.write_bytes(b"bell = false\n\xff\xfe\n")
    loaded = load_settings()
    app = create_app(loaded.settings, store, time=fixed_time(), settings_file=loaded)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(notices))
        assert isinstance(app.screen, HomeScreen) and app.settings == Settings()
        assert "cannot be read" in notices[0][1]


def test_the_cli_start_shows_the_notice_on_the_first_screen(
    config: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, notices: list[tuple[str, str]]
) -> None:
    """The real start path (it once crashed: a toast sent before any screen existed)."""
    config.write_text("idle_lock_minutes = 7\nbell = maybe\ntheme = 'pink'\n[keymap]\n'live.pause' = 'f5'\n")
    seen: dict[str, Any] = {}
    real_run = PswApp.run

    async def drive(pilot: Any) -> None:
        app = pilot.app
        await until(pilot, lambda: {"Settings file"} <= {t for t, _ in notices} and len(notices) >= 2)
        seen.update(screen=app.screen, settings=app.settings, keymap=dict(app._keymap))
        app.exit()

    monkeypatch.setattr(PswApp, "run", lambda self: real_run(self, headless=True, size=(80, 24), auto_pilot=drive))
    assert cli.main(["--data-dir", str(data_dir)]) == 0
    assert isinstance(seen["screen"], HomeScreen)
    assert seen["settings"].idle_lock_minutes == 7 and seen["settings"].bell is True
    assert seen["settings"].theme == "textual-dark"
    assert "live.pause" not in seen["keymap"]
    (settings_notice,) = [m for t, m in notices if t == "Settings file"]
    assert "line 2: bell" in settings_notice and "line 3: theme" in settings_notice
    (keymap_notice,) = [m for t, m in notices if t.startswith("Keymap")]
    assert 'line 5: "live.pause" = "f5": f5 is already "Take a minute off"' in keymap_notice


# -- the keymap ------------------------------------------------------------------------------

KEYMAP_MISTAKES = [
    ({"live.pause": "f5"}, "live.pause", 'f5 is already "Take a minute off" on the live screen'),
    ({"live.pause": "f12"}, "live.pause", 'f12 is already "Privacy"'),
    ({"app.help": "ctrl+q"}, "app.help", 'ctrl+q is already "Quit"'),
    ({"no.such.binding": "f2"}, "no.such.binding", "no binding has this id"),
    ({"app.help": "Ctrl+S"}, "app.help", "'Ctrl+S' is not a key name"),
    ({"app.help": "f 2"}, "app.help", "'f 2' is not a key name"),
    ({"app.help": "ctrl+ctrl+h"}, "app.help", "is not a key name"),
    ({"app.help": "hyperspace"}, "app.help", "'hyperspace' is not a key name"),
    ({"app.help": "f2,"}, "app.help", "'' is not a key name"),
]


@pytest.mark.parametrize(("keymap", "binding_id", "reason"), KEYMAP_MISTAKES, ids=[str(k[0]) for k in KEYMAP_MISTAKES])
async def test_a_keymap_mistake_is_reported_and_the_default_key_stays(
    config: Path, store: RecordStore, notices: list[tuple[str, str]],
    keymap: dict[str, str], binding_id: str, reason: str,
) -> None:
    lines = "".join(f'"{key}" = "{value}"\n' for key, value in keymap.items())
    config.write_text(f"bell = false\n\n[keymap]\n{lines}")
    loaded = load_settings()
    assert loaded.problem is None  # well-formed TOML: only the app can tell these are wrong
    app = create_app(loaded.settings, store, time=fixed_time(), settings_file=loaded)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: any(t.startswith("Keymap") for t, _ in notices))
        (message,) = [m for t, m in notices if t.startswith("Keymap")]
        assert f'line 4: "{binding_id}"' in message and reason in message, message
        assert binding_id not in app._keymap  # the default key stays
        assert app.settings.bell is False  # the rest of the file is used
        if binding_id == "app.help":
            await pilot.press("f1")
            await until(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_a_sound_keymap_is_used_without_a_notice(
    config: Path, store: RecordStore, notices: list[tuple[str, str]]
) -> None:
    # Swapping two live keys is no conflict; help moves to f2 (the live screen keeps its own
    # f2 there, as the app's help key is not a priority key) and keeps "?" (also help).
    config.write_text('[keymap]\n"live.pause" = "f5"\n"live.less" = "f2"\n"app.help" = "f2,?"\n')
    loaded = load_settings()
    app = create_app(loaded.settings, store, time=fixed_time(), settings_file=loaded)
    async with app.run_test(size=(80, 24)) as pilot:
        await keymap_checked(pilot)
        assert notices == []
        assert app._keymap == {"live.pause": "f5", "live.less": "f2", "app.help": "f2,question_mark"}
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_only_the_conflicting_entry_is_dropped(
    config: Path, store: RecordStore, notices: list[tuple[str, str]]
) -> None:
    config.write_text('[keymap]\n"live.pause" = "f5"\n"app.help" = "f3"\n"live.next" = "f5"\n')
    loaded = load_settings()
    app = create_app(loaded.settings, store, time=fixed_time(), settings_file=loaded)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: any(t.startswith("Keymap") for t, _ in notices))
        (message,) = [m for t, m in notices if t.startswith("Keymap")]
        assert "line 2:" in message and "line 4:" in message and "line 3" not in message
        assert app._keymap == {"app.help": "f3"}
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_the_settings_screen_refuses_a_key_taken_from_another_binding(
    config: Path, store: RecordStore
) -> None:
    from textual.widgets import TextArea

    from psw_tui.palette.privacy import open_settings
    from psw_tui.screens.settings import SettingsScreen

    app = create_app(None, store, time=fixed_time())
    async with app.run_test(size=(120, 50)) as pilot:
        open_settings(app)
        await until(pilot, lambda: isinstance(app.screen, SettingsScreen) and bool(app.screen.query("#keymap")))
        await pilot.pause()
        screen = app.screen
        screen.query_one("#keymap", TextArea).text = "app.help = f3\nlive.pause = f5"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: bool(screen.query_one("#field-keymap").error))
        assert isinstance(app.screen, SettingsScreen)
        error = screen.query_one("#field-keymap").error
        assert error == 'Line 2: live.pause: f5 is already "Take a minute off" on the live screen; live.pause keeps f2.'
    assert not config.exists()
