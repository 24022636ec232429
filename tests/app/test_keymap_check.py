"""The keymap check on its own: key names as Textual reads them, unknown ids, and clashes
where a key would be taken from another binding."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from psw_tui.app import PswApp
from psw_tui.keymap import Scope, binding_scopes, check_keymap, key_list, load_binding_modules, valid_key


@pytest.mark.parametrize(
    "key",
    ["f5", "f24", "ctrl+s", "ctrl+shift+up", "alt+enter", "question_mark", "?", "a", "A", "1", "slash",
     "full_stop", "minus", "space", "escape", "pagedown", "shift+tab", "backspace", "delete", "plus",
     "comma", "super+k"],
)
def test_keys_textual_can_match(key: str) -> None:
    assert valid_key(key)


@pytest.mark.parametrize(
    "key",
    ["", " ", "Ctrl+S", "F5", "f 5", "ctrl+", "+", "ctrl+ctrl+a", "control+a", "pgdn", "hyperspace",
     "question mark", "<any>", "ctrl+\t"],
)
def test_keys_textual_never_matches(key: str) -> None:
    assert not valid_key(key)


def test_key_lists_are_read_as_textual_reads_them() -> None:
    assert key_list("f5, ?,/") == ["f5", "question_mark", "slash"]


def scopes() -> list[Scope]:
    load_binding_modules()
    return binding_scopes(PswApp)


def test_every_binding_of_every_screen_is_known() -> None:
    ids = {binding.id for scope in scopes() for binding in scope.bindings if binding.id}
    assert {"app.help", "app.privacy", "live.pause", "live.less", "home.search", "settings.save"} <= ids


def test_a_key_taken_from_another_binding_is_refused() -> None:
    clean, problems = check_keymap({"live.pause": "f5"}, scopes())
    assert clean == {}
    (problem,) = problems
    assert problem.binding_id == "live.pause"
    assert problem.reason == 'f5 is already "Take a minute off" on the live screen; live.pause keeps f2'


def test_keys_swapped_between_two_bindings_are_no_clash() -> None:
    keymap = {"live.pause": "f5", "live.less": "f2"}
    assert check_keymap(keymap, scopes()) == (keymap, [])


def test_two_entries_wanting_one_key_keep_the_first() -> None:
    clean, problems = check_keymap({"live.less": "f20", "live.more": "f20"}, scopes())
    assert clean == {"live.less": "f20"} and [p.binding_id for p in problems] == ["live.more"]


def test_dropping_one_entry_can_bring_back_a_clash_for_another() -> None:
    # live.next -> f2 is fine only if live.pause leaves f2, which it cannot (ctrl+q is Quit).
    clean, problems = check_keymap({"live.pause": "ctrl+q", "live.next": "f2"}, scopes())
    assert clean == {}
    assert [p.binding_id for p in problems] == ["live.pause", "live.next"]


def test_the_same_key_on_different_screens_is_no_clash() -> None:
    keymap = {"home.search": "f20", "live.pause": "f20"}
    assert check_keymap(keymap, scopes()) == (keymap, [])


def test_a_priority_app_key_wins_everywhere() -> None:
    clean, problems = check_keymap({"home.search": "f12"}, scopes())
    assert clean == {} and 'f12 is already "Privacy" on the home screen' in problems[0].reason


def test_ids_not_loaded_yet_wait_silently_before_the_full_check() -> None:
    only_app = [Scope("everywhere", (Binding("f1", "help", "Help", id="app.help"),))]
    assert check_keymap({"later.id": "f3"}, only_app, complete=False) == ({}, [])
    clean, problems = check_keymap({"later.id": "f3"}, only_app)
    assert clean == {} and "no binding has this id" in problems[0].reason
