"""Search: results as you type over notes, themes, actions, reflections and session titles.

Keys: Down from the search box goes to the results (Up from the first result comes back),
Enter opens the highlighted result (from the box: the first), and a session opens scrolled
to the note or action that matched, highlighted.

The index is built once per app in a worker thread (the screen stays responsive and says
so while it builds), then only refreshed from what changed on disk each time the screen
opens. Queries also run in a worker, the newest replacing any still running.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.events import Key
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from psw_tui.models import NoteKind
from psw_tui.screens.session_record import SessionRecordScreen
from psw_tui.services.day_input import parse_range
from psw_tui.services.search import ACTION, REFLECTION, SESSION, Hit, SearchFilters, SearchIndex, SearchResults
from psw_tui.failures import StoreError
from psw_tui.screens.base import PswScreen
from psw_tui.services import records

if TYPE_CHECKING:
    from psw_tui.storage import RecordStore

KIND_LABELS = {
    SESSION: "Session", NoteKind.THEME.value: "Theme", NoteKind.CONTRIBUTION.value: "Contribution",
    NoteKind.PARKING_LOT.value: "Parking lot", NoteKind.SIGNPOST.value: "Signpost",
    NoteKind.FACILITATOR_REFLECTION.value: "Facilitator note", ACTION: "Action", REFLECTION: "Reflection",
}
_INDEXES: WeakKeyDictionary[App, SearchIndex] = WeakKeyDictionary()
KEYS_HINT = "Down goes to the results; Enter opens the highlighted one."


class SearchScreen(PswScreen, Screen[None]):
    """One search box, filters, and the best hits with the matched words highlighted."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="search.back"),
        Binding("ctrl+f", "focus_box", "Search box", id="search.box"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self._initial = query
        self.index: SearchIndex | None = None
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(self._initial, placeholder="Search notes, themes, actions, reflections and session titles",
                    id="search-box")
        with Horizontal(id="search-filters"):
            yield Select([], prompt="All groups", id="search-group")
            yield Select([(label, kind) for kind, label in KIND_LABELS.items()], prompt="All kinds",
                         id="search-kind")
            yield Input(placeholder="from date", id="search-from", classes="search-date",
                        tooltip="First day, YYYY-MM-DD (or blank)")
            yield Input(placeholder="to date", id="search-to", classes="search-date",
                        tooltip="Last day, YYYY-MM-DD (or blank)")
            yield Input(placeholder="tag", id="search-tag")
        yield Static("", id="search-status", markup=False)
        yield OptionList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        store = self.psw.store
        try:
            groups = records.groups_by_name(store)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            groups = []
        self.group_names = {g.id: g.name for g in groups}
        self.query_one("#search-group", Select).set_options([(Text(g.name), g.id) for g in groups])
        self.query_one("#search-box", Input).focus()
        self._status("Preparing the search index…")
        self._prepare(self.app, store)

    def on_screen_resume(self) -> None:
        """Back from a session or reflection: pick up anything edited meanwhile."""
        if self.index is not None:
            self._prepare(self.app, self.psw.store)

    @work(thread=True, exclusive=True, group="search-index")
    def _prepare(self, app: App, store: RecordStore) -> SearchIndex:
        """Build the app's index once, or bring it up to date with what changed on disk."""
        index = _INDEXES.get(app)
        if index is None:
            index = SearchIndex.build(store)
            _INDEXES[app] = index
        else:
            index.refresh(store)
        return index

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state is WorkerState.ERROR:
            error = worker.error
            message = str(error) if isinstance(error, StoreError) else "Search failed; your records are unchanged."
            self._status(message)
            self.notify(message, severity="error", markup=False)
        elif event.state is WorkerState.SUCCESS and worker.group == "search-index":
            self.index = worker.result
            self._search()
        elif event.state is WorkerState.SUCCESS and worker.group == "search-query":
            self._show(worker.result)

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(text)

    def _filters(self) -> SearchFilters | None:
        group = self.query_one("#search-group", Select).value
        kind = self.query_one("#search-kind", Select).value
        try:
            start, end = parse_range(self.query_one("#search-from", Input).value,
                                     self.query_one("#search-to", Input).value)
        except ValueError as error:
            field, message = str(error).split(": ", 1)
            self._status(f"Dates {field}: {message}")
            return None
        return SearchFilters(
            group_id=None if group is Select.NULL else group,  # type: ignore[arg-type]
            kinds=None if kind is Select.NULL else frozenset({str(kind)}),
            date_from=start, date_to=end, tag=self.query_one("#search-tag", Input).value,
        )

    @on(Input.Changed)
    @on(Select.Changed)
    def _search(self) -> None:
        if self.index is None:
            return
        filters = self._filters()
        if filters is None:
            return
        query = self.query_one("#search-box", Input).value
        index = self.index
        self.run_worker(lambda: index.search(query, filters), thread=True, exclusive=True, group="search-query")

    def _show(self, results: SearchResults) -> None:
        self.hits = results.hits
        listing = self.query_one("#search-results", OptionList)
        listing.clear_options()
        listing.add_options([Option(self._prompt(hit), id=str(number)) for number, hit in enumerate(results.hits)])
        if not results.total:
            empty = not self.query_one("#search-box", Input).value.strip()
            self._status("Type a word to search (filters alone list what they match)." if empty
                         else "Nothing found. Try fewer words or other filters.")
        elif results.total > len(results.hits):
            self._status(f"{results.total:,} results; showing the best {len(results.hits)}. {KEYS_HINT}")
        else:
            self._status(f"{results.total} result{'s' if results.total != 1 else ''}. {KEYS_HINT}")

    def _prompt(self, hit: Hit) -> Text:
        entry = hit.entry
        where = "Journal" if entry.is_reflection else self.group_names.get(entry.group_id, "(removed group)")  # type: ignore[arg-type]
        parts = [KIND_LABELS.get(entry.kind, entry.kind), where, f"{entry.on:%d %b %Y}"]
        title = entry.title.removeprefix(f"{where}: ")
        if entry.kind != SESSION and title != where:  # a session's title is its snippet
            parts.append(title)
        if entry.tags:
            parts.append("tags: " + ", ".join(entry.tags))
        line = Text(" · ".join(parts) + "\n", style="bold")
        snippet = Text(hit.snippet or "(no text)")
        for start, end in hit.spans:
            snippet.stylize("reverse bold", start, end)
        return line + snippet

    @on(OptionList.OptionSelected, "#search-results")
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.open_hit(int(str(event.option.id)))

    def open_hit(self, number: int) -> None:
        """Open result ``number``: a reflection in the editor, anything else in its session,
        scrolled to the matching note or action."""
        entry = self.hits[number].entry
        if entry.is_reflection:
            from psw_tui.screens.journal import open_reflection

            open_reflection(self.app, entry.ref_id)
        else:
            self.app.push_screen(SessionRecordScreen(entry.ref_id, find=None if entry.kind == SESSION else entry.text))

    @on(Input.Submitted, "#search-box")
    def _open_first(self) -> None:
        """Enter in the box opens the highlighted result (the first, unless one was chosen)."""
        if self.hits:
            listing = self.query_one("#search-results", OptionList)
            self.open_hit(listing.highlighted or 0)

    def on_key(self, event: Key) -> None:
        """Down from the search box enters the results; Up from the first result leaves them."""
        listing = self.query_one("#search-results", OptionList)
        focused = self.focused
        if event.key == "down" and focused is self.query_one("#search-box") and listing.option_count:
            event.stop()
            listing.focus()
            if listing.highlighted is None:
                listing.highlighted = 0
        elif event.key == "up" and focused is listing and listing.highlighted in (None, 0):
            event.stop()
            self.action_focus_box()

    def action_focus_box(self) -> None:
        """Back to the search box."""
        self.query_one("#search-box", Input).focus()

