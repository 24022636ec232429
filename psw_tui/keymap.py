"""Checking a user's keymap (binding id -> keys) before the app uses it.

Three mistakes are caught, each reported and ignored so the binding keeps its default key:
an id no binding has, a key name Textual would never match (``Ctrl+S``, ``f 5``), and a key
that another binding already uses where this one works (mapping ``live.pause`` to ``f5``
would silently take ``f5`` from "Take a minute off").
"""

from __future__ import annotations

import importlib
import re
import pkgutil
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS, KEY_TO_UNICODE_NAME, REPLACED_KEYS, Keys

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(
    key.value.rpartition("+")[2] for key in Keys if not key.value.startswith("<")
) | {"space", "enter", "tab", "backspace", "escape"}
BINDING_PACKAGES = ("psw_tui.screens", "psw_tui.widgets")


@dataclass(frozen=True)
class KeymapProblem:
    """One keymap entry that is not used, and why."""

    binding_id: str
    keys: str
    reason: str


def char_key(character: str) -> str:
    """The key name Textual gives a typed character (``?`` -> ``question_mark``)."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return "tab" if character == "\t" else character
    return KEY_NAME_REPLACEMENTS.get(name, name)


def _character_named(name: str) -> bool:
    original = REPLACED_KEYS.get(name, name)
    try:
        character = unicodedata.lookup(KEY_TO_UNICODE_NAME.get(original, original.replace("_", " ")))
    except KeyError:
        return False
    return len(character) == 1 and character.isprintable() and char_key(character) == name


def valid_key(key: str) -> bool:
    """Whether Textual could ever match ``key`` (e.g. ``f5``, ``ctrl+s``, ``question_mark``, ``?``)."""
    *modifiers, name = key.split("+")
    if len(set(modifiers)) != len(modifiers) or not MODIFIERS.issuperset(modifiers):
        return False
    if len(name) == 1:
        return name.isprintable() and not name.isspace()
    return name in NAMED_KEYS or _character_named(name)


def key_list(keys: str) -> list[str]:
    """``"f5, ?"`` -> ``["f5", "question_mark"]`` (as Textual reads a binding's keys)."""
    found = [key.strip() for key in keys.split(",")]
    return [char_key(key) if len(key) == 1 else key for key in found]


def load_binding_modules() -> None:
    """Import every screen and widget module, so that every binding id is known."""
    for package_name in BINDING_PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package_name}.{module.name}")


def _merged(cls: type[DOMNode]) -> list[Binding]:
    """The bindings a node of class ``cls`` has (its own and inherited), as Textual merges them."""
    maps: list[BindingsMap] = []
    for base in reversed(cls.__mro__):
        if issubclass(base, DOMNode):
            if not base._inherit_bindings:
                maps.clear()
            maps.append(BindingsMap(base.__dict__.get("BINDINGS", [])))
    keys: dict[str, list[Binding]] = {}
    for bindings_map in maps:
        keys.update(bindings_map.key_to_bindings)
    return [binding for bindings in keys.values() for binding in bindings]


@dataclass(frozen=True)
class Scope:
    """Bindings that are live at the same time, where one key can do only one thing."""

    name: str
    bindings: tuple[Binding, ...]


def _place(cls: type) -> str:
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()
    return f"the {words}" if words.endswith(("screen", "dialog")) else f"the {words} (on its screen)"


def binding_scopes(app_class: type[DOMNode]) -> list[Scope]:
    """Where keys must not clash: the app's own bindings, and each psw-tui screen's or
    widget's bindings together with the app's priority ones (those win on every screen)."""
    app_bindings = _merged(app_class)
    priority = [binding for binding in app_bindings if binding.priority]
    scopes = [Scope("everywhere", tuple(app_bindings))]
    pending: list[type] = [DOMNode]
    seen: set[type] = set()
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.add(cls)
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("psw_tui.") and issubclass(cls, DOMNode) and cls is not app_class:
            own = [binding for binding in _merged(cls) if binding not in priority]
            if any(binding.id for binding in own):
                scopes.append(Scope(_place(cls), tuple(own + priority)))
    return scopes


def _words(keys: Iterable[str]) -> str:
    return ", ".join(keys)


def _where(scope: Scope) -> str:
    return scope.name if scope.name == "everywhere" else f"on {scope.name}"


def check_keymap(
    keymap: Mapping[str, str], scopes: list[Scope], *, complete: bool = True
) -> tuple[dict[str, str], list[KeymapProblem]]:
    """The entries of ``keymap`` that are safe to use, and a problem for each other one.

    With ``complete=False`` (not every module imported yet), ids not seen are left out
    without a problem: they are checked again once everything is loaded.
    """
    defaults: dict[str, list[str]] = {}
    for scope in scopes:
        for binding in scope.bindings:
            if binding.id and binding.key not in defaults.setdefault(binding.id, []):
                defaults[binding.id].append(binding.key)
    problems: list[KeymapProblem] = []
    candidates: dict[str, list[str]] = {}
    for binding_id, keys in keymap.items():
        bad = [key for key in (part.strip() for part in keys.split(",")) if not valid_key(key)]
        if bad:
            problems.append(KeymapProblem(binding_id, keys, f"{bad[0]!r} is not a key name "
                                          "(names look like f5, ctrl+s, question_mark)"))
        elif binding_id not in defaults:
            if complete:
                problems.append(KeymapProblem(binding_id, keys, "no binding has this id "
                                              "(the help screen, F1, lists them)"))
        else:
            candidates[binding_id] = key_list(keys)
    order = list(candidates)
    while True:
        rejected = _first_clash(candidates, order, scopes, defaults)
        if rejected is None:
            break
        binding_id, reason = rejected
        problems.append(KeymapProblem(binding_id, keymap[binding_id], reason))
        del candidates[binding_id]
    clean = {binding_id: keymap[binding_id] for binding_id in order if binding_id in candidates}
    return clean, problems


def _first_clash(
    candidates: dict[str, list[str]],
    order: list[str],
    scopes: list[Scope],
    defaults: dict[str, list[str]],
) -> tuple[str, str] | None:
    """The first entry (in file order) whose key another binding uses in the same place."""
    for binding_id in order:
        if binding_id not in candidates:
            continue
        for scope in scopes:
            mine = next((binding for binding in scope.bindings if binding.id == binding_id), None)
            if mine is None:
                continue
            for other in scope.bindings:
                if other.id == binding_id or other.action == mine.action:
                    continue  # a second key for the same thing (help on f1 and ?) is no clash
                if other.id in candidates:
                    if order.index(other.id) > order.index(binding_id):
                        continue  # the later entry of the two is the one reported
                    their_keys = candidates[other.id]
                else:
                    their_keys = key_list(other.key)
                shared = [key for key in candidates[binding_id] if key in their_keys]
                if shared:
                    what = other.description or other.action
                    kept = _words(defaults[binding_id])
                    return binding_id, f'{shared[0]} is already "{what}" {_where(scope)}; {binding_id} keeps {kept}'
    return None


def keymap_checker(app_class: type[DOMNode]) -> Callable[[Mapping[str, str]], dict[str, str]]:
    """For the settings form: a function giving binding id -> why it cannot be used."""
    load_binding_modules()
    scopes = binding_scopes(app_class)

    def check(keymap: Mapping[str, str]) -> dict[str, str]:
        return {problem.binding_id: problem.reason for problem in check_keymap(keymap, scopes)[1]}

    return check
