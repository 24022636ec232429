"""Search: word, accent and case folding, prefixes, filters, ranking, snippets, refreshing."""

from __future__ import annotations

from datetime import date

import pytest

from psw_tui.models import Concern, ConcernKind, NoteKind, ReflectionModel
from psw_tui.services.journal import Journal, build_reflection
from psw_tui.services.search import SearchFilters, SearchIndex, fold, make_snippet
from psw_tui.storage import RecordStore
from tests.lookback_helpers import Fixed, build_fixed_store


@pytest.fixture
def fixed(store: RecordStore) -> Fixed:
    fixed = build_fixed_store(store)
    reflection = build_reflection(
        ReflectionModel.DRISCOLL, title="After the café group", written_on=date(2026, 1, 7),
        fields={"what": "The group talked about hope.", "so_what": "Naïve of me to rush."},
        tags=["Boundaries"], session_id=fixed.sessions["s1"])
    Journal(store).save(reflection)
    return fixed


@pytest.fixture
def index(store: RecordStore, fixed: Fixed) -> SearchIndex:
    return SearchIndex.build(store)


def texts(results) -> list[str]:
    return [hit.entry.text for hit in results.hits]


def test_fold_drops_accents_and_case() -> None:
    assert fold("Café NAÏVE Straße") == "cafe naive strasse"


@pytest.mark.parametrize("query", ["cafe", "CAFE", "Café", "cAfÉ"])
def test_accent_and_case_insensitive(index: SearchIndex, query: str) -> None:
    found = sorted(texts(index.search(query)))
    assert found == sorted(["Hope and café mornings", "Walking to the CAFÉ helped me get out of the house.",
                            "Call the café", "The café again", "The group talked about hope.\nNaïve of me to rush."])


def test_every_word_must_match_and_the_last_is_a_prefix(index: SearchIndex) -> None:
    assert texts(index.search("hope small")) == ["Hope in small steps"]
    assert texts(index.search("hope sma")) == ["Hope in small steps"]
    assert texts(index.search("walking hou")) == ["Walking to the CAFÉ helped me get out of the house."]
    assert index.search("hou walking").total == 0  # only the last word is a prefix
    assert index.search("zebra").total == 0


def test_exact_words_and_titles_rank_above_prefixes(index: SearchIndex) -> None:
    results = index.search("hope")
    kinds = [hit.entry.kind for hit in results.hits]
    assert kinds[:2] == ["theme", "theme"]  # tagged "hope" and themed on it
    assert results.hits[-1].entry.text == "Leaflet for the hopeline evening service"  # prefix only
    scores = [hit.score for hit in results.hits]
    assert scores == sorted(scores, reverse=True)


def test_session_titles_and_reflections_are_found(index: SearchIndex, fixed: Fixed) -> None:
    hits = index.search("supervision february").hits
    assert [(h.entry.kind, h.entry.ref_id) for h in hits] == [("session", fixed.sessions["t2"])]
    naive = index.search("naive").hits
    assert len(naive) == 1 and naive[0].entry.is_reflection and naive[0].entry.title == "After the café group"


def test_filters(index: SearchIndex, fixed: Fixed) -> None:
    themes = index.search("hope", SearchFilters(kinds=frozenset({NoteKind.THEME.value})))
    assert sorted(texts(themes)) == ["Hope and café mornings", "Hope in small steps"]
    supervision = index.search("lone", SearchFilters(group_id=fixed.groups["sup"]))
    assert texts(supervision) == ["Lone working", "Read the lone working policy"]
    january = index.search("cafe", SearchFilters(date_from=date(2026, 1, 13), date_to=date(2026, 1, 27)))
    assert sorted(texts(january)) == ["Call the café", "The café again"]
    tagged = index.search("hope", SearchFilters(tag="ROUTINE"))
    assert texts(tagged) == ["Hope in small steps"]
    reflections = index.search("", SearchFilters(kinds=frozenset({"reflection"})))
    assert [h.entry.title for h in reflections.hits] == ["After the café group"]


def test_empty_query_without_filters_finds_nothing(index: SearchIndex) -> None:
    assert index.search("   ").total == 0


def test_snippet_spans_cover_the_matched_words() -> None:
    text = "A long start " + "word " * 30 + "then the Café at the end, and a cafeteria."
    snippet, spans = make_snippet(text, ["cafe"])
    assert snippet.startswith("…")
    assert [fold(snippet[a:b]) for a, b in spans] == ["cafe", "cafeteria"]
    assert len(snippet) <= 92


def test_concerns_are_never_indexed(store: RecordStore, fixed: Fixed) -> None:
    store.concerns(fixed.sessions["s1"]).save(Concern(
        session_id=fixed.sessions["s1"], kind=ConcernKind.RISK_TO_SELF,
        action_taken="Phoned the duty team", recorded_by="Fen"))
    assert SearchIndex.build(store).search("duty").total == 0


def test_refresh_rereads_only_what_changed(store: RecordStore, fixed: Fixed, index: SearchIndex) -> None:
    assert index.refresh(store) == 0
    from psw_tui.models import AnonymousNote

    store.notes(fixed.sessions["s2"]).save(AnonymousNote(
        kind=NoteKind.CONTRIBUTION, session_id=fixed.sessions["s2"], session_date=date(2026, 1, 13),
        text="Gardening on the allotment"))
    assert index.refresh(store) == 1
    assert texts(index.search("allotment")) == ["Gardening on the allotment"]
    assert index.search("hope small").total == 1  # the session's other notes are still there, once
    store.sessions.delete(fixed.sessions["s4"])
    index.refresh(store)
    assert "The café again" not in texts(index.search("cafe"))
    journal = Journal(store)
    reflection = journal.all()[0]
    journal.delete(reflection.id)
    index.refresh(store)
    assert index.search("naive").total == 0
