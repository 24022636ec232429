"""Full-text search over notes, themes, actions, reflections and session titles.

:meth:`SearchIndex.build` reads the store once into an in-memory inverted index (words are
folded: Unicode NFKD with accents dropped, then casefolded, so "Cafe" finds "café").
A query matches entries holding every word, the last word also as a prefix (results as
you type). :meth:`SearchIndex.refresh` re-reads only the session files and reflection years
whose fingerprint changed, so keeping the index current costs a few file stats.

Ranking, highest first: the sum over query words of the word's rarity (idf), counted in
full for an exact word and 0.6 for a prefix, half as much again when the word is in a
title or tag; then a small weight for the kind (session titles and themes first); then
recency. Concerns and debriefs are never indexed.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from psw_tui.models import Reflection, SessionHeader
from psw_tui.services.journal import reflection_text
from psw_tui.storage import RecordStore
from psw_tui.storage.scan import iter_parts, reflection_fingerprints, session_fingerprints

WORD = re.compile(r"\w+")
REFLECTION = "reflection"
ACTION = "action"
SESSION = "session"
KIND_WEIGHT = {SESSION: 0.3, "theme": 0.25, REFLECTION: 0.2, ACTION: 0.15}
PREFIX_FACTOR = 0.6
STRONG_FACTOR = 1.5
SNIPPET_WIDTH = 90


def fold(text: str) -> str:
    """``text`` without accents, casefolded (NFKD, combining marks dropped)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """The folded words of ``text``."""
    return WORD.findall(fold(text))


@dataclass(frozen=True, slots=True)
class Entry:
    """One searchable thing: a note, action, reflection or session title."""

    kind: str  # a NoteKind value, "action", "reflection" or "session"
    ref_id: UUID  # the session or reflection to open
    group_id: UUID | None
    on: date
    title: str  # the session's or reflection's title
    text: str
    tags: tuple[str, ...] = ()

    @property
    def is_reflection(self) -> bool:
        """Whether opening it opens a reflection (else a session)."""
        return self.kind == REFLECTION


@dataclass(frozen=True)
class SearchFilters:
    """Narrowing a search: all given conditions must hold."""

    group_id: UUID | None = None
    kinds: frozenset[str] | None = None
    date_from: date | None = None
    date_to: date | None = None
    tag: str = ""

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return bool(self.group_id or self.kinds or self.date_from or self.date_to or self.tag.strip())


@dataclass(frozen=True)
class Hit:
    """A result: the entry, its score and a snippet with the spans to highlight."""

    entry: Entry
    score: float
    snippet: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class SearchResults:
    """The best hits (at most the limit asked for) and how many entries matched in all."""

    hits: list[Hit]
    total: int


@dataclass
class SearchIndex:
    """An inverted index over the store (see the module docstring)."""

    entries: list[Entry | None] = field(default_factory=list)
    _postings: dict[str, list[int]] = field(default_factory=dict)
    _strong: dict[str, set[int]] = field(default_factory=dict)
    _tags: dict[str, set[int]] = field(default_factory=dict)
    _by_ref: dict[UUID, list[int]] = field(default_factory=dict)
    _vocab: list[str] | None = None
    _live: int = 0
    _session_prints: dict[UUID, object] = field(default_factory=dict)
    _reflection_prints: dict[str, object] = field(default_factory=dict)

    # -- building ------------------------------------------------------------------------

    @classmethod
    def build(cls, store: RecordStore) -> SearchIndex:
        """Index every session and reflection in ``store``."""
        index = cls()
        headers = store.sessions.headers()
        index._session_prints = dict(session_fingerprints(store, headers))
        for parts in iter_parts(store, headers, ("notes", "actions")):
            index._add_session(parts.header, parts.notes, parts.actions)
        index._reflection_prints = dict(reflection_fingerprints(store))
        for reflection in store.reflections.all():
            index.add_reflection(reflection)
        return index

    def refresh(self, store: RecordStore) -> int:
        """Re-read what changed on disk since the index was built; returns how many records."""
        headers = {h.id: h for h in store.sessions.headers()}
        prints = session_fingerprints(store, headers.values())
        changed = [headers[sid] for sid, fp in prints.items() if self._session_prints.get(sid) != fp]
        gone = [sid for sid in self._session_prints if sid not in headers]
        for session_id in gone:
            self.remove(session_id)
        for parts in iter_parts(store, changed, ("notes", "actions")):
            self.remove(parts.header.id)
            self._add_session(parts.header, parts.notes, parts.actions)
        self._session_prints = dict(prints)
        count = len(changed) + len(gone)
        reflection_prints = reflection_fingerprints(store)
        if reflection_prints != self._reflection_prints:
            for ref_id in [r for r, ids in self._by_ref.items() if self._is_reflection(ids)]:
                self.remove(ref_id)
            reflections = store.reflections.all()
            for reflection in reflections:
                self.add_reflection(reflection)
            self._reflection_prints = dict(reflection_prints)
            count += len(reflections)
        return count

    def _is_reflection(self, ids: list[int]) -> bool:
        entry = self.entries[ids[0]] if ids else None
        return entry is not None and entry.is_reflection

    def _add_session(self, header: SessionHeader, notes: list, actions: list) -> None:
        title, group, ref = header.title, header.group_id, header.id
        self._add(Entry(SESSION, ref, group, header.date, title, title), strong=title)
        for note in notes:
            tags = tuple(getattr(note, "tags", ()))
            entry = Entry(str(note.kind), ref, group, note.session_date, title, note.text, tags)
            self._add(entry, strong=" ".join(tags))
        for action in actions:
            self._add(Entry(ACTION, ref, group, action.raised_on, title, action.text))

    def add_reflection(self, reflection: Reflection) -> None:
        """Index one reflection (replacing an older copy of it)."""
        self.remove(reflection.id)
        tags = tuple(reflection.tags)
        entry = Entry(REFLECTION, reflection.id, None, reflection.written_on, reflection.title,
                      reflection_text(reflection), tags)
        self._add(entry, strong=" ".join((reflection.title, *tags)))

    def _add(self, entry: Entry, strong: str = "") -> None:
        number = len(self.entries)
        self.entries.append(entry)
        self._live += 1
        self._by_ref.setdefault(entry.ref_id, []).append(number)
        strong_words = set(words(strong))
        for word in set(words(entry.text)) | strong_words:
            postings = self._postings.get(word)
            if postings is None:
                self._postings[word] = [number]
                self._vocab = None
            else:
                postings.append(number)
        for word in strong_words:
            self._strong.setdefault(word, set()).add(number)
        for tag in entry.tags:
            self._tags.setdefault(fold(tag).strip(), set()).add(number)

    def remove(self, ref_id: UUID) -> None:
        """Forget everything indexed for a session or reflection."""
        for number in self._by_ref.pop(ref_id, []):
            if self.entries[number] is not None:
                self.entries[number] = None
                self._live -= 1

    def __len__(self) -> int:
        return self._live

    # -- searching -----------------------------------------------------------------------

    def _matching(self, word: str, prefix: bool) -> dict[int, float]:
        """Entries holding ``word`` (or, with ``prefix``, a word starting with it) -> weight."""
        found: dict[int, float] = {}
        if prefix and len(word) >= 2:
            if self._vocab is None:
                self._vocab = sorted(self._postings)
            start = bisect_left(self._vocab, word)
            for token in self._vocab[start:]:
                if not token.startswith(word):
                    break
                if token != word:
                    found.update(dict.fromkeys(self._postings[token], PREFIX_FACTOR))
        found.update(dict.fromkeys(self._postings.get(word, ()), 1.0))
        return found

    def _accepts(self, entry: Entry, filters: SearchFilters, tagged: set[int] | None, number: int) -> bool:
        if filters.group_id is not None and entry.group_id != filters.group_id:
            return False
        if filters.kinds and entry.kind not in filters.kinds:
            return False
        if filters.date_from is not None and entry.on < filters.date_from:
            return False
        if filters.date_to is not None and entry.on > filters.date_to:
            return False
        return tagged is None or number in tagged

    def search(self, query: str, filters: SearchFilters | None = None, limit: int = 100) -> SearchResults:
        """The best ``limit`` entries for ``query`` under ``filters`` (see module docstring).

        An empty query with filters set lists the filtered entries, newest first.
        """
        filters = filters or SearchFilters()
        terms = words(query)
        tagged = self._tags.get(fold(filters.tag).strip(), set()) if filters.tag.strip() else None
        if not terms:
            if not filters.active:
                return SearchResults([], 0)
            pool = tagged if tagged is not None else range(len(self.entries))
            found = [(e.on.toordinal(), n) for n in pool
                     if (e := self.entries[n]) is not None and self._accepts(e, filters, tagged, n)]
            best = heapq.nlargest(limit, found)
            return SearchResults([self._hit(self.entries[n], 0.0, []) for _, n in best], len(found))  # type: ignore[arg-type]
        scores: dict[int, float] | None = None
        total_docs = max(self._live, 1)
        for position, term in enumerate(terms):
            matching = self._matching(term, prefix=position == len(terms) - 1)
            idf = math.log(1 + total_docs / (1 + len(matching)))
            strong = self._strong.get(term, set())
            if scores is None:
                scores = {n: w * idf * (STRONG_FACTOR if n in strong else 1.0) for n, w in matching.items()}
            else:
                scores = {n: s + matching[n] * idf * (STRONG_FACTOR if n in strong else 1.0)
                          for n, s in scores.items() if n in matching}
        assert scores is not None
        ranked = []
        for number, score in scores.items():
            entry = self.entries[number]
            if entry is None or not self._accepts(entry, filters, tagged, number):
                continue
            recency = entry.on.toordinal() / 1e8  # later dates break ties
            ranked.append((score + KIND_WEIGHT.get(entry.kind, 0.0) + recency, number))
        best = heapq.nlargest(limit, ranked)
        hits = [self._hit(self.entries[n], score, terms) for score, n in best]  # type: ignore[arg-type]
        return SearchResults(hits, len(ranked))

    @staticmethod
    def _hit(entry: Entry, score: float, terms: list[str]) -> Hit:
        snippet, spans = make_snippet(entry.text, terms)
        return Hit(entry, score, snippet, spans)


def make_snippet(text: str, terms: list[str], width: int = SNIPPET_WIDTH) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line window of ``text`` around the first match, and the spans of every match in it.

    The last term matches as a prefix, as in the search itself.
    """
    flat = " ".join(text.split())
    matches: list[tuple[int, int]] = []
    last = len(terms) - 1
    for found in WORD.finditer(flat):
        word = fold(found.group())
        for position, term in enumerate(terms):
            if word == term or (position == last and len(term) >= 2 and word.startswith(term)):
                matches.append(found.span())
                break
    start = 0
    if matches and matches[0][1] > width:
        start = max(0, matches[0][0] - width // 3)
        space = flat.rfind(" ", 0, start)
        start = space + 1 if space != -1 else start
    end = min(len(flat), start + width)
    if end < len(flat):
        floor = matches[0][1] if matches else start
        space = flat.rfind(" ", start, end)
        if space > floor:
            end = space
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(flat) else ""
    shift = len(prefix) - start
    spans = tuple((a + shift, b + shift) for a, b in matches if a >= start and b <= end)
    return prefix + flat[start:end] + suffix, spans
