"""Contacts (palette: "Contacts"): the one-to-one workload per week or month, as a chart or
a table, and the contacts logged, newest first. Never what was said."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Footer, Header, Static
from textual_plotext import PlotextPlot

from psw_tui.models.worker import Contact, ContactKind
from psw_tui.screens.contact_form import ContactDebriefForm, ContactForm
from psw_tui.screens.forget_label import ForgetLabelDialog
from psw_tui.screens.lookback_dialogs import ConfirmDialog
from psw_tui.services.contacts import (
    KIND_LABELS,
    SHORT_LABELS,
    WorkloadRow,
    contacts_between,
    delete_contact,
    kind_totals,
    labels_in_use,
    period_start,
    workload,
)
from psw_tui.failures import StoreError
from psw_tui.screens.base import PswScreen

PERIODS_SHOWN = {"week": 8, "month": 6}  # how far back the workload view looks
EMPTY = "No contacts logged yet. Press n to log one (date, kind and minutes: never what was said)."


def window(today: date, period: str) -> tuple[date, date]:
    """The first and last day the workload view covers."""
    start = period_start(today, period)
    for _ in range(PERIODS_SHOWN[period] - 1):
        start = period_start(start - timedelta(days=1), period)
    return start, today


class ContactsScreen(PswScreen, Screen[None]):
    """The contact log and its workload; n logs a contact, t switches chart and table."""

    BINDINGS = [
        Binding("n", "new", "Log contact", id="contacts.new"),
        Binding("e", "edit", "Edit", id="contacts.edit"),
        Binding("b", "debrief", "Debrief", id="contacts.debrief"),
        Binding("d", "delete", "Delete", id="contacts.delete"),
        Binding("t", "toggle_view", "Chart/table", id="contacts.toggle"),
        Binding("p", "toggle_period", "Week/month", id="contacts.period"),
        Binding("f", "forget_label", "Forget label", show=False, id="contacts.forget"),
        Binding("escape", "app.pop_screen", "Back", id="contacts.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.period = "week"
        self.contacts: list[Contact] = []
        self.rows: list[WorkloadRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="contacts"):
            yield Static("", id="contacts-title", classes="title")
            yield Static("", id="contacts-totals", classes="hint", markup=False)
            with ContentSwitcher(initial="workload-chart", id="workload"):
                yield PlotextPlot(id="workload-chart")
                yield DataTable(id="workload-table", cursor_type="row", zebra_stripes=True)
            yield DataTable(id="contacts-list", cursor_type="row", zebra_stripes=True)
            yield Static(EMPTY, id="contacts-empty")
            yield Static("Enter edit · b debrief · t chart/table · p weeks/months · f forget a label",
                         classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#contacts-list", DataTable).add_columns("Date", "Kind", "Minutes", "Label", "Debrief")
        self.refresh_all()
        self.query_one("#contacts-list", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_all()

    # -- drawing ---------------------------------------------------------------------------

    def refresh_all(self) -> None:
        """Reload the contacts and redraw the workload and the list."""
        app: Any = self.app
        today = app.time.today()
        start, end = window(today, self.period)
        try:
            self.contacts = contacts_between(app.store)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            self.contacts = []
        self.rows = workload(self.contacts, self.period, start, end)
        shown = "weeks" if self.period == "week" else "months"
        self.query_one("#contacts-title", Static).update(
            f"Contacts · last {PERIODS_SHOWN[self.period]} {shown} (hours per {self.period})")
        totals = kind_totals(self.rows)
        words = [f"{SHORT_LABELS[k]} {n} ({h:.1f} h)" for k, (n, h) in totals.items() if n]
        all_n = sum(row.contacts for row in self.rows)
        self.query_one("#contacts-totals", Static).update(
            f"{all_n} contact{'s' if all_n != 1 else ''}, {sum(r.hours for r in self.rows):.1f} h"
            + (": " + " · ".join(words) if words else ""))
        self._draw_chart()
        self._draw_table()
        self._draw_list()

    def _draw_chart(self) -> None:
        plot = self.query_one("#workload-chart", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        plt.theme("clear")
        # Short tick labels, all of them, set here (plotext's own choice shifts with timing).
        names = [f"{row.start.day} {row.start:%b}" if self.period == "week" else f"{row.start:%b %Y}"
                 for row in self.rows]
        positions = list(range(1, len(names) + 1))
        kinds = [k for k in ContactKind if any(row.minutes[k] for row in self.rows)]
        if kinds:
            series = [[round(row.minutes[k] / 60, 2) for row in self.rows] for k in kinds]
            plt.stacked_bar(positions, series, labels=[SHORT_LABELS[k] for k in kinds], width=0.6)
        plt.xticks(positions, names)
        plt.xlim(0.5, len(names) + 0.5)
        plot.refresh()

    def _draw_table(self) -> None:
        table = self.query_one("#workload-table", DataTable)
        table.clear(columns=True)
        table.add_columns("Period", *(SHORT_LABELS[k] for k in ContactKind), "Contacts", "Hours")
        for row in reversed(self.rows):
            table.add_row(row.name, *(str(row.counts[k]) for k in ContactKind), str(row.contacts),
                          f"{row.hours:.1f}")

    def _draw_list(self) -> None:
        table = self.query_one("#contacts-list", DataTable)
        table.clear()
        for c in self.contacts:
            debrief = "done" if c.debrief is not None else ("needed" if c.debrief_needed else "")
            table.add_row(f"{c.date:%d %b %Y}", KIND_LABELS[c.kind], str(c.minutes), Text(c.label or "—"),
                          debrief, key=str(c.id))
        empty = self.query_one("#contacts-empty", Static)
        empty.display = not self.contacts
        table.display = bool(self.contacts)

    def _selected(self) -> Contact | None:
        table = self.query_one("#contacts-list", DataTable)
        if not self.contacts or table.cursor_row < 0:
            return None
        return self.contacts[min(table.cursor_row, len(self.contacts) - 1)]

    # -- actions ---------------------------------------------------------------------------

    def action_new(self) -> None:
        """Log a contact."""
        self.app.push_screen(ContactForm())

    @on(DataTable.RowSelected, "#contacts-list")
    def action_edit(self) -> None:
        """Edit the highlighted contact."""
        chosen = self._selected()
        if chosen is not None:
            self.app.push_screen(ContactForm(chosen))

    def action_debrief(self) -> None:
        """Write or read the debrief of the highlighted contact."""
        chosen = self._selected()
        if chosen is not None:
            self.app.push_screen(ContactDebriefForm(chosen))

    def action_delete(self) -> None:
        """Delete the highlighted contact, after asking."""
        chosen = self._selected()
        if chosen is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                delete_contact(self.psw.store, chosen.id)
            except StoreError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify("Contact deleted.")
            self.refresh_all()

        when = f"{chosen.date:%d %b %Y}"
        self.app.push_screen(ConfirmDialog(f"Delete the contact of {when} ({chosen.minutes} min)? "
                                           "Its debrief goes with it."), answered)

    def action_toggle_view(self) -> None:
        """Switch between the chart and the plain table."""
        switcher = self.query_one("#workload", ContentSwitcher)
        switcher.current = "workload-table" if switcher.current == "workload-chart" else "workload-chart"

    def action_toggle_period(self) -> None:
        """Switch between weeks and months."""
        self.period = "month" if self.period == "week" else "week"
        self.refresh_all()

    def action_forget_label(self) -> None:
        """Forget a label: removed from every contact, and older backups replaced."""
        try:
            labels = labels_in_use(self.psw.store)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if not labels:
            self.notify("No contact has a label.", severity="warning")
            return
        self.app.push_screen(ForgetLabelDialog(labels), lambda _changed: self.refresh_all())

