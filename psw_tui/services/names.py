"""Finding people's names in free text, in every spelling: one detector for everything.

Shareable outputs replace each match with ``[name]``; forgetting a member replaces it with
``[name removed]``. Both use :class:`NameDetector`, so a spelling one of them catches, the
other catches too.

How a roster name matches text. The name and the text are *folded* the same way, and the
name is looked for in the folded text; the replacement is then made in the original text,
so every other character (spacing, accents, punctuation of the non-name text) is kept:

* Unicode compatibility decomposition (NFKD), so NFC, NFD and NFKC spellings are one;
  combining marks are dropped ("Zoë" = "Zoe" = "ZOË"), and case is folded ("STRAUSS" =
  "Strauß");
* every whitespace character (space, no-break space, tab, newline, thin spaces...) counts
  as a space, and a two-word name matches across any run of them ("Mary  Jane",
  "Mary\\nJane"); invisible format characters (zero-width space, soft hyphen) are ignored;
* apostrophe-like characters (' ’ ‘ ʼ ` ´) are one apostrophe, dash-like ones one hyphen;
* word boundaries: no letter, digit or underscore right before or after the name, so "Ali"
  is found in "Ali's", "Ali’s" and "(Ali)" but not in "Alison" or "quality". An ``s``
  straight after the name is allowed ("Alis", "Alis'": a possessive typed in a hurry); only
  the name is replaced, the ``s`` and any apostrophe stay ("[name]'s", "[name]s'");
* scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
  Burmese) and Korean (where particles attach to names) have no word boundaries to respect:
  a name in them matches wherever it occurs;
* very short names: a name with a single letter or digit ("J", "J.") matches only in the
  roster's own case and never with an ``s`` after it, so the name "A" does not blank every
  "a" (capital "A" at the start of a sentence still matches: better one word too many);
  names with no letter or digit at all are ignored;
* where names overlap, the longest wins ("Mary Jane" before "Mary");
* the placeholders themselves ("[name]", "[name removed]") are never matched, so a member
  called "Name" leaves redacted text alone and redacting twice changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from uuid import UUID

from psw_tui.models import Action, Member, RegisterEntry
from psw_tui.storage import RecordStore

SHARE_PLACEHOLDER = "[name]"
ERASE_PLACEHOLDER = "[name removed]"

_APOSTROPHES = frozenset("'\u2018\u2019\u201b\u02bc\u02b9\u0060\u00b4\u2032\uff07")
# Scripts written without spaces between words, and Korean jamo/syllables: no boundary there.
_UNSPACED = (
    "\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u3040-\u30ff\u3130-\u318f"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
# Before and after a name: no word character, except one of a script without spaces.
_BEFORE = rf"(?<![^\W{_UNSPACED}])"
_AFTER = rf"(?![^\W{_UNSPACED}])"
_ASCII_FOLD = str.maketrans(
    {**{c: c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
     **{c: " " for c in "\t\n\v\f\r\x1c\x1d\x1e\x1f"}, "`": "'"}
)


def _fold_char(char: str, caseless: bool) -> str:
    text = unicodedata.normalize("NFKD", char)
    if caseless:  # folding case can give back composed or compatibility characters
        text = unicodedata.normalize("NFKD", text.casefold())
    out = []
    for piece in text:
        category = unicodedata.category(piece)
        if category[0] == "M" or category == "Cf":
            continue
        if piece.isspace():
            out.append(" ")
        elif piece in _APOSTROPHES:
            out.append("'")
        elif category == "Pd":
            out.append("-")
        else:
            out.append(piece)
    return "".join(out)


def _clusters(text: str) -> Iterator[tuple[int, int]]:
    """Spans of each character with the combining marks that follow it."""
    start, length = 0, len(text)
    while start < length:
        end = start + 1
        while end < length and unicodedata.category(text[end])[0] == "M":
            end += 1
        yield start, end
        start = end


def fold(text: str, *, caseless: bool = True) -> str:
    """``text`` folded for comparing names (see the module doc): each whitespace character
    becomes one space, so runs of whitespace stay runs."""
    if text.isascii():
        return text.translate(_ASCII_FOLD) if caseless else text
    return "".join(_fold_char(text[a:b], caseless) for a, b in _clusters(text))


def same_name(first: str, second: str) -> bool:
    """Whether two names are one name under the detector's comparison ("Zoë" and "zoe ")."""
    return " ".join(fold(first).split()) == " ".join(fold(second).split())


class _Folded:
    """A text folded, with the original span of every folded character."""

    __slots__ = ("ends", "starts", "text")

    def __init__(self, text: str) -> None:
        self.starts: list[int] | None = None
        self.ends: list[int] | None = None
        if text.isascii():
            self.text = text.translate(_ASCII_FOLD)
            return
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for a, b in _clusters(text):
            piece = text[a:b]
            folded = piece.translate(_ASCII_FOLD) if piece.isascii() else _fold_char(piece, True)
            parts.append(folded)
            starts.extend([a] * len(folded))
            ends.extend([b] * len(folded))
        self.text = "".join(parts)
        self.starts, self.ends = starts, ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded ``[start, end)`` (``end > start``)."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


class NameDetector:
    """Finds the names of a roster in free text, in any spelling (see the module doc)."""

    def __init__(self, names: Iterable[str]) -> None:
        self._spelling: dict[str, str] = {}  # folded, single-spaced name -> roster spelling
        self._short: dict[str, str] = {}  # folded short name -> its case-kept fold
        for name in names:
            key = " ".join(fold(name).split())
            letters = sum(1 for char in key if char.isalnum())
            if letters == 0 or key in self._spelling:
                continue
            self._spelling[key] = name
            if letters == 1:
                self._short[key] = " ".join(fold(name, caseless=False).split())
        alternatives = []
        for key in sorted(self._spelling, key=lambda k: (-len(k), k)):
            body = " +".join(re.escape(word) for word in key.split(" "))
            alternatives.append(body if key in self._short else f"{body}s?")
        self._pattern = (
            re.compile(f"{_BEFORE}(?:{'|'.join(alternatives)}){_AFTER}") if alternatives else None
        )

    def _matches(self, text: str) -> Iterator[tuple[int, int, int, str]]:
        """(start, name end, match end, roster spelling) of each match, in order."""
        if self._pattern is None or not text:
            return
        folded = _Folded(text)
        found_any = self._pattern.search(folded.text)
        if found_any is None:
            return
        protected = _placeholder_spans(text)
        for match in self._pattern.finditer(folded.text, found_any.start()):
            found = " ".join(match.group().split())
            key, name_end = found, match.end()
            if key not in self._spelling:
                key, name_end = found[:-1], match.end() - 1  # the name, then an "s"
            start, end = folded.span(match.start(), match.end())
            if any(a <= start and end <= b for a, b in protected):
                continue
            if key in self._short:
                shown = " ".join(fold(text[start:end], caseless=False).split())
                if shown != self._short[key]:
                    continue
            name_stop = folded.span(match.start(), name_end)[1]
            yield start, name_stop, end, self._spelling[key]

    def find(self, text: str) -> list[str]:
        """The roster names in ``text``, each once, as spelled on the roster, by first appearance."""
        seen: dict[str, None] = {}
        for *_, name in self._matches(text):
            seen.setdefault(name, None)
        return list(seen)

    def redact(self, text: str, placeholder: str = SHARE_PLACEHOLDER) -> tuple[str, int]:
        """``text`` with every name replaced by ``placeholder``, and how many were replaced.

        Only the name is replaced: a following "s" or apostrophe and all other text stay as typed.
        """
        pieces: list[str] = []
        last = count = 0
        for start, name_end, _end, _name in self._matches(text):
            pieces += [text[last:start], placeholder]
            last = name_end
            count += 1
        if not count:
            return text, 0
        pieces.append(text[last:])
        return "".join(pieces), count


def _placeholder_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for placeholder in (SHARE_PLACEHOLDER, ERASE_PLACEHOLDER):
        at = text.find(placeholder)
        while at != -1:
            spans.append((at, at + len(placeholder)))
            at = text.find(placeholder, at + 1)
    return spans


def people_names(
    roster: Iterable[Member],
    register: Iterable[RegisterEntry],
    actions: Iterable[Action],
    everyone: Mapping[UUID, Member],
) -> list[str]:
    """Every name a session can mention: its group's roster (current and former members,
    facilitators), walk-ins and guests on its register, anyone its register refers to, and
    the owners of its actions, on a roster or not (``everyone``: members of every group, by id)."""
    names = [member.display_name for member in roster]
    for entry in register:
        if entry.display_name:
            names.append(entry.display_name)
        if entry.member_id is not None and entry.member_id in everyone:
            names.append(everyone[entry.member_id].display_name)
    for action in actions:
        if action.owner_id is not None and action.owner_id in everyone:
            names.append(everyone[action.owner_id].display_name)
        if action.owner_name:
            names.append(action.owner_name)
    return names


def session_detector(store: RecordStore, session_id: UUID) -> NameDetector:
    """The detector for one session: see :func:`people_names` for whose names it knows."""
    session = store.sessions.get(session_id)
    everyone = {member.id: member for member in store.members.all()}
    roster = [member for member in everyone.values() if member.group_id == session.group_id]
    names = people_names(
        roster, store.register(session_id).all(), store.actions(session_id).all(), everyone
    )
    return NameDetector(names)
