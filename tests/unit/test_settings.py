"""The settings file: round trip, where it lives, and bad files reported and left alone."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings as hyp_settings, strategies as st

from psw_tui.models import Settings
from psw_tui.services.forms import FormError
from psw_tui.services.preferences import form_of, parse_keymap, settings_from
from psw_tui.storage.settings_file import (
    CONFIG_ENV,
    format_settings,
    load_settings,
    save_settings,
    settings_path,
)


def test_defaults_when_there_is_no_file(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "settings.toml")
    assert loaded.settings == Settings() and loaded.problem is None
    assert not (tmp_path / "settings.toml").exists()


def test_round_trip_is_exact_and_the_file_is_private(tmp_path: Path) -> None:
    chosen = Settings(
        idle_lock_minutes=12, bell=False, show_overrun=False, warn_at_fraction=0.3,
        urgent_at_fraction=0.1, theme="psw-high-contrast", keymap={"app.help": "f2"},
        retention_years=7, export_folder=str(tmp_path),
    )
    path = save_settings(chosen, tmp_path / "new" / "settings.toml")
    assert load_settings(path).settings == chosen
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


@hyp_settings(max_examples=60, deadline=None)
@given(
    keys=st.dictionaries(st.text(min_size=1).filter(str.strip), st.text(min_size=1).filter(str.strip), max_size=4),
    folder=st.one_of(st.none(), st.text(min_size=1).filter(str.strip)),
)
def test_any_keymap_and_folder_text_survives_the_toml_writer(keys: dict[str, str], folder: str | None) -> None:
    chosen = Settings(keymap=keys, export_folder=folder)
    assert Settings.model_validate(tomllib.loads(format_settings(chosen))) == chosen


def test_config_env_overrides_the_platform_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "mine.toml"))
    assert settings_path() == tmp_path / "mine.toml"
    monkeypatch.delenv(CONFIG_ENV)
    assert settings_path().name == "settings.toml" and "psw-tui" in str(settings_path())


def test_unquoted_binding_ids_are_understood(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[keymap]\napp.help = "f2"\n')
    assert load_settings(path).settings.keymap == {"app.help": "f2"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bell = true\nidle_lock_minutes = 'soon'\n", "line 2: idle_lock_minutes"),
        ("bell = true\ntheme = \n", "line 2"),
        ("bell = true\n\nbel = false\n", "line 3: bel: unknown setting"),
        ("theme = 'pink'\n", "line 1: theme: theme must be one of"),
        ("warn_at_fraction = 0.01\n", "line 1: warn_at_fraction: urgent_at_fraction must be smaller"),
    ],
)
def test_a_bad_file_names_the_line_uses_defaults_and_is_left_alone(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.problem is not None and expected in loaded.problem, loaded.problem
    assert str(path) in loaded.problem and "not changed" in loaded.problem
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_form_round_trip_and_field_errors(tmp_path: Path) -> None:
    chosen = Settings(warn_at_fraction=0.25, urgent_at_fraction=0.1, keymap={"app.help": "f2"})
    assert settings_from(form_of(chosen), {"app.help"}) == chosen
    form = form_of(chosen)
    form.idle_lock_minutes = "many"
    form.urgent_percent = "30"
    form.export_folder = str(tmp_path / "missing")
    form.keymap = "app.help = f2\nno.such = x"
    with pytest.raises(FormError) as caught:
        settings_from(form, {"app.help"})
    errors = caught.value.errors
    assert set(errors) == {"idle_lock_minutes", "urgent_percent", "export_folder", "keymap"}
    assert "Line 2" in errors["keymap"] and "no.such" in errors["keymap"]


def test_keymap_lines() -> None:
    assert parse_keymap("# comment\n\napp.help = f2\n", {"app.help"}) == ({"app.help": "f2"}, None)
    assert parse_keymap("app.help f2", set())[1] == "Line 1: write it as binding.id = key, e.g. app.help = f2."


def test_good_values_are_kept_beside_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        "idle_lock_minutes = 12\nbell = maybe\ntheme = 'psw-high-contrast'\nshow_overrun = 'no'\n"
        "retention_years = 3\nwarn_at_fraction = 0.05\n[keymap]\napp.help = 'f2'\n'app.quit' = 1\n"
    )
    loaded = load_settings(path)
    assert loaded.settings == Settings(
        idle_lock_minutes=12, theme="psw-high-contrast", retention_years=3, keymap={"app.help": "f2"}
    )
    assert [problem.split(":")[0] for problem in loaded.problems] == ["line 2", "line 4", "line 6", "line 9"]
    assert loaded.line_of_binding("app.help") == 8 and loaded.line_of_binding("app.quit") == 9


def test_a_byte_order_mark_is_no_mistake(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes("\ufeffbell = false\n".encode())
    assert load_settings(path) == load_settings(path) and load_settings(path).problem is None
    assert load_settings(path).settings.bell is False


def test_a_file_that_cannot_be_read_gives_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").mkdir()
    loaded = load_settings(tmp_path / "settings.toml")
    assert loaded.settings == Settings() and loaded.problem is not None and "cannot be read" in loaded.problem


def test_a_string_never_closed_keeps_the_lines_before_it(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("bell = false\ntheme = \"\"\"psw\n\nidle_lock_minutes = 9\n")
    loaded = load_settings(path)
    assert loaded.settings == Settings(bell=False)
    assert loaded.problems == ("line 2: theme: unterminated string (lines 2 to 4 were not used)",)


@hyp_settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abeilmnorstu_=.[]'\"#{},0123456789 \n-+tf")) | st.characters(),
               max_size=200))
def test_any_text_at_all_gives_valid_settings_and_never_raises(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.toml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        loaded = load_settings(path)
    assert isinstance(loaded.settings, Settings)
    Settings.model_validate(loaded.settings.model_dump())
    assert all("\n" not in problem for problem in loaded.problems)


def test_the_form_asks_the_ui_about_keys() -> None:
    form = form_of(Settings())
    form.keymap = "app.help = f2\n\nlive.pause = f5"
    asked: list[dict[str, str]] = []

    def check(keymap: dict[str, str]) -> dict[str, str]:
        asked.append(dict(keymap))
        return {"live.pause": "f5 is taken"}

    with pytest.raises(FormError) as caught:
        settings_from(form, {"app.help", "live.pause"}, check)
    assert caught.value.errors == {"keymap": "Line 3: live.pause: f5 is taken."}
    assert asked == [{"app.help": "f2", "live.pause": "f5"}]
    assert settings_from(form, {"app.help", "live.pause"}, lambda keymap: {}).keymap == asked[0]
