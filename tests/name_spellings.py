"""Hypothesis strategies for names typed in free text, in every spelling the detector knows.

A roster is a list of names (accented letters, two-word names, apostrophes, hyphens); a
spelling of a name is any case, NFC, NFD or full-width (NFKC-equivalent) form, any run of
whitespace inside a two-word name, any apostrophe, and an optional possessive or suffix.
Free text mixes spellings of roster names with ordinary words that are no one's name.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from typing import Any

from hypothesis import strategies as st

from psw_tui.services.names import NameDetector, fold, same_name

LETTERS = "abcdefghijklmnopqrstuvwxyzéëèüöåñçøłšžíá"
WORD = st.text(alphabet=LETTERS, min_size=2, max_size=8).map(str.capitalize)
NAME = st.one_of(
    WORD,
    WORD,
    st.builds(lambda a, b: f"{a} {b}", WORD, WORD),
    WORD.map(lambda word: f"D'{word}"),
    st.builds(lambda a, b: f"{a}-{b}", WORD, WORD),
)
ROSTER = st.lists(NAME, min_size=1, max_size=6, unique_by=lambda name: " ".join(fold(name).split()))

VOCABULARY = (
    "housing talked about the bring leaflets catch up with walk tea garden sleep hope money "
    "worries group calm stormy notebook voices quiet loud breathing phone calls work family "
    "rest kindness benefits forms library music poem river morning evening shared idea plan"
).split()
WHITESPACE = [" ", "\u00a0", "\n", "\t", "  ", "\u2009", " \n ", "\u3000", "\u202f"]
APOSTROPHES = ["'", "\u2019", "\u02bc"]
SUFFIXES = ["", "", "'s", "\u2019s", "s'", "'", "s"]
CASES = ["as", "upper", "lower", "swap"]
FORMS = ["NFC", "NFD", "NFKC", "fullwidth"]


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c for c in text)


@st.composite
def spelling(draw: st.DrawFn, name: str) -> str:
    """One way of typing ``name`` (see the module doc)."""
    case = draw(st.sampled_from(CASES))
    text = {"as": name, "upper": name.upper(), "lower": name.lower(), "swap": name.swapcase()}[case]
    text = re.sub(" ", lambda _: draw(st.sampled_from(WHITESPACE)), text)
    text = re.sub("'", lambda _: draw(st.sampled_from(APOSTROPHES)), text)
    form = draw(st.sampled_from(FORMS))
    text = _fullwidth(text) if form == "fullwidth" else unicodedata.normalize(form, text)
    return text + draw(st.sampled_from(SUFFIXES))


def other_words(roster: list[str]) -> list[str]:
    """Vocabulary words that are no one's name, nor any word of anyone's name."""
    detector = NameDetector(roster)
    parts = [part for name in roster for part in re.split(r"[ '\-]", name) if part]
    return [
        word for word in VOCABULARY
        if not detector.find(word) and not any(same_name(word, part) for part in parts)
    ]


@st.composite
def free_text(draw: st.DrawFn, roster: list[str], words: list[str], max_tokens: int = 8) -> tuple[str, int, list[str]]:
    """Free text of names and other words: (text, how many names, the other words used)."""
    tokens = draw(st.lists(st.one_of(st.sampled_from(roster).map(lambda n: ("name", n)),
                                     st.sampled_from(words).map(lambda w: ("word", w))),
                           min_size=1, max_size=max_tokens))
    shown, used = [], []
    for kind, value in tokens:
        if kind == "name":
            shown.append(draw(spelling(value)))
        else:
            shown.append(value)
            used.append(value)
    names = sum(1 for kind, _ in tokens if kind == "name")
    return " ".join(shown), names, used


def visible_text(output: str, fmt: str) -> str:
    """An export as a reader sees it: HTML entities and Markdown escapes undone."""
    if fmt == "html":
        body = re.sub(r"<style>.*?</style>", " ", output, flags=re.S)
        return html.unescape(re.sub(r"<[^>]+>", " ", body))
    if fmt == "md":
        return re.sub(r"\\(.)", r"\1", output)
    return output


def strings_in(raw: bytes) -> list[str]:
    """Every string of a JSON file (keys and values, decoded), or its text if it is not JSON."""
    text = raw.decode("utf-8", errors="replace")
    try:
        data = json.loads(text)
    except ValueError:
        return [text]
    found: list[str] = [text]

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                found.append(str(key))
                walk(item)

    walk(data)
    return found
