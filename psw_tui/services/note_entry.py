"""The live note line: a short prefix picks what a typed line becomes.

    theme text        t: text      p: parking lot    s: signpost
    r: facilitator reflection      a: action         c: (or nothing) contribution

The prefix is one letter and a colon, so a note that merely starts with a word like
"Today:" is never mistaken for one.
"""

from __future__ import annotations

from dataclasses import dataclass

from psw_tui.models import NoteKind

ACTION = "action"

PREFIXES: dict[str, NoteKind | str] = {
    "c": NoteKind.CONTRIBUTION,
    "t": NoteKind.THEME,
    "p": NoteKind.PARKING_LOT,
    "s": NoteKind.SIGNPOST,
    "r": NoteKind.FACILITATOR_REFLECTION,
    "a": ACTION,
}

KIND_LABELS: dict[NoteKind | str, str] = {
    NoteKind.CONTRIBUTION: "Contribution",
    NoteKind.THEME: "Theme",
    NoteKind.PARKING_LOT: "Parking lot",
    NoteKind.SIGNPOST: "Signpost",
    NoteKind.FACILITATOR_REFLECTION: "My reflection",
    ACTION: "Action",
}


@dataclass(frozen=True)
class NoteEntry:
    """What a typed line will be saved as: a note kind (or ``ACTION``) and its text."""

    kind: NoteKind | str
    text: str

    @property
    def label(self) -> str:
        """The kind in plain words."""
        return KIND_LABELS[self.kind]

    @property
    def is_action(self) -> bool:
        """Whether the line becomes an action rather than a note."""
        return self.kind == ACTION


def parse_entry(line: str, default: NoteKind = NoteKind.CONTRIBUTION) -> NoteEntry:
    """Split a typed line into its kind and text (text may be empty while typing)."""
    stripped = line.lstrip()
    if len(stripped) >= 2 and stripped[1] == ":" and stripped[0].lower() in PREFIXES:
        return NoteEntry(PREFIXES[stripped[0].lower()], stripped[2:].strip())
    return NoteEntry(default, line.strip())


def prefix_help() -> str:
    """One line listing the prefixes, for the hint under the note line (a line with no
    prefix is a contribution, so ``c:`` is left out to keep the hint short)."""
    return " · ".join(
        f"{key}: {KIND_LABELS[kind].lower()}" for key, kind in PREFIXES.items() if key != "c"
    )
