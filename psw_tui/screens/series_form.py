"""Plan a series (group, repeat rule, start, count or end date, time, template, holidays),
with a preview of the dates it will create; or change a series from a date on ("this and
later ones"), the same form filled in from the series."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Select, Static

from psw_tui.models import MemberRole
from psw_tui.models.series import WEEKDAY_NAMES, SeriesFrequency
from psw_tui.screens.form_base import FormScreen
from psw_tui.services import series as svc
from psw_tui.services.forms import FormError
from psw_tui.services.groups import list_groups, roster
from psw_tui.services.series_change import change_from, form_from
from psw_tui.services.templates import library
from psw_tui.failures import StoreError
from psw_tui.widgets.form_field import FormField, show_errors
from psw_tui.services import records

FREQUENCIES = [(Text("Every N weeks"), SeriesFrequency.WEEKLY),
               (Text("Monthly: the Nth weekday"), SeriesFrequency.MONTHLY)]
ORDINALS = [(Text(word), number) for number, word in svc.ORDINAL_WORDS.items()]
WEEKDAYS = [(Text(name), number) for number, name in enumerate(WEEKDAY_NAMES)]
NOBODY = "nobody"


def _short(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}" + (f" {day:%Y}" if day.month == 1 else "")


class SeriesFormScreen(FormScreen[UUID | None]):
    """New series (no ``series_id``), or the series changed from ``from_day`` on.
    Dismisses with the id of the series saved (the new part, when split), or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="series.save"),
        Binding("escape", "cancel", "Cancel", id="series.cancel"),
    ]

    def __init__(self, group_id: UUID | None = None, *, series_id: UUID | None = None,
                 from_day: date | None = None) -> None:
        super().__init__(classes="planning-dialog")
        self.group_id = group_id
        self.series_id = series_id
        self.from_day = from_day

    def _initial(self) -> svc.SeriesInput:
        if self.series_id is not None and self.from_day is not None:
            return form_from(self.psw.store, self.series_id, self.from_day)
        return svc.SeriesInput(group_id=self.group_id, start="", start_time="", count="12")

    def compose(self) -> ComposeResult:
        store = self.psw.store
        form = self._initial()
        changing = self.series_id is not None
        groups = [(Text(g.name), g.id) for g in list_groups(store)]
        templates = [(Text(t.name), t.id) for t in library(store)]
        with VerticalScroll(classes="planning-box form-box series-form", id="series-form"):
            yield Static("Change this and later sessions" if changing else "Plan series", classes="title")
            yield FormField("Group", Select(groups, value=form.group_id or Select.NULL, prompt="Choose a group",
                            disabled=changing, id="group_id"), id="field-group_id")
            with Horizontal(classes="planning-row"):
                yield FormField("From (YYYY-MM-DD)" if changing else "Start (YYYY-MM-DD)",
                                Input(form.start, id="start"), id="field-start")
                yield FormField("Time (HH:MM)", Input(form.start_time, id="start_time"), id="field-start_time")
            with Horizontal(classes="planning-row"):
                yield FormField("Repeats", Select(FREQUENCIES, value=form.frequency, allow_blank=False,
                                id="frequency"), id="field-frequency")
                yield FormField("Weekday", Select(WEEKDAYS, value=form.weekday if form.weekday is not None
                                else Select.NULL, prompt="(the start's)", id="weekday"), id="field-weekday")
            with Horizontal(classes="planning-row"):
                yield FormField("Every N weeks", Input(form.interval, id="interval"), id="field-interval")
                yield FormField("Which weekday of the month", Select(ORDINALS, value=form.ordinal or Select.NULL,
                                prompt="1st, 2nd...", id="ordinal"), id="field-ordinal")
            with Horizontal(classes="planning-row"):
                yield FormField("Sessions", Input(form.count, id="count"), id="field-count")
                yield FormField("or until (YYYY-MM-DD)", Input(form.until, id="until"), id="field-until")
            yield FormField("Template", Select(templates, value=form.template_id or Select.NULL,
                            prompt="Choose a template", id="template_id"), id="field-template_id")
            yield FormField("Title", Input(form.title, id="title", placeholder="(the group's name)"),
                            id="field-title")
            yield FormField("Facilitator", Select([], prompt="Not set yet", id="facilitator_id"),
                            hint="Team time lists sessions with nobody to facilitate.", id="field-facilitator_id")
            yield FormField("Skip these dates (bank holidays)", Input(form.holidays, id="holidays",
                            placeholder="2026-12-25, 2026-12-28, 2027-01-01"), id="field-holidays")
            with Vertical(classes="form-buttons series-bottom"):
                yield Static("", id="series-preview", markup=False)
                with Horizontal(classes="planning-buttons"):
                    yield Static("ctrl+s save · Esc cancel", classes="form-keys")
                    yield Button("Save" if changing else "Plan", variant="primary", id="save")
                    yield Button("Cancel", id="cancel", classes="cancel-button")

    def on_mount(self) -> None:
        form = self._initial()
        if form.group_id is not None:
            self._fill_for_group(form.group_id, form.facilitator_id, new=self.series_id is None)
        self._show_rule_fields()
        self._show_preview()
        self.query_one("#start" if form.group_id else "#group_id").focus()

    def _fill_for_group(self, group_id: UUID, facilitator: UUID | None, *, new: bool) -> None:
        store = self.psw.store
        people = [(Text(m.display_name), m.id) for m in roster(store, group_id, include_inactive=False)
                  if m.role in (MemberRole.FACILITATOR, MemberRole.CO_FACILITATOR)]
        choice = self.query_one("#facilitator_id", Select)
        choice.set_options(people)
        if facilitator is not None and any(value == facilitator for _, value in people):
            choice.value = facilitator
        group = records.group(store, group_id)
        if new and group is not None:
            template = self.query_one("#template_id", Select)
            if template.value is Select.NULL and group.default_template_id and records.template(
                    store, group.default_template_id):
                template.value = group.default_template_id
            start = self.query_one("#start", Input)
            if not start.value:
                start.value = self.psw.time.today().isoformat()
            # the group's usual weekday and time: those of its latest session
            latest = [h for h in records.headers(store, group_id) if h.start_time][-1:]
            for header in latest:
                if self.query_one("#weekday", Select).value is Select.NULL:
                    self.query_one("#weekday", Select).value = header.date.weekday()
                if not self.query_one("#start_time", Input).value:
                    self.query_one("#start_time", Input).value = header.start_time.strftime("%H:%M")

    @on(Select.Changed, "#group_id")
    def _group_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, UUID):
            self._fill_for_group(event.value, None, new=self.series_id is None)

    def form(self) -> svc.SeriesInput:
        """What the form holds now."""

        def chosen(widget_id: str) -> object:
            value = self.query_one(f"#{widget_id}", Select).value
            return None if value is Select.NULL else value

        def typed(widget_id: str) -> str:
            return self.query_one(f"#{widget_id}", Input).value

        group = chosen("group_id")
        template = chosen("template_id")
        facilitator = chosen("facilitator_id")
        return svc.SeriesInput(
            group_id=group if isinstance(group, UUID) else None,
            start=typed("start"), start_time=typed("start_time"),
            frequency=SeriesFrequency(chosen("frequency") or SeriesFrequency.WEEKLY),
            interval=typed("interval"), weekday=chosen("weekday"),  # type: ignore[arg-type]
            ordinal=chosen("ordinal"), count=typed("count"), until=typed("until"),  # type: ignore[arg-type]
            template_id=template if isinstance(template, UUID) else None, title=typed("title"),
            holidays=typed("holidays"), facilitator_id=facilitator if isinstance(facilitator, UUID) else None,
        )

    @on(Select.Changed, "#frequency")
    def _show_rule_fields(self) -> None:
        monthly = self.query_one("#frequency", Select).value is SeriesFrequency.MONTHLY
        self.query_one("#field-interval").display = not monthly
        self.query_one("#field-ordinal").display = monthly

    @on(Input.Changed)
    @on(Select.Changed)
    def _show_preview(self) -> None:
        line = self.query_one("#series-preview", Static)
        try:
            series, dates = svc.preview(self.psw.store, self.form(), self.psw.time.today())
        except FormError:
            line.update("Dates: fill in the start, time, repeat rule and sessions or end date.")
            return
        skipped = svc.skipped_holidays(series)
        shown = ", ".join(_short(day) for day in dates[:8]) + (" ..." if len(dates) > 8 else "")
        total = "" if series.count else f" ({len(svc.occurrences(series))} sessions)"
        extra = f", skipping {', '.join(_short(day) for day in skipped[:3])}" if skipped else ""
        line.update(f"{svc.describe(series)}{total}{extra}. {shown or 'No date still to come.'}")

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Save the series (or the change) and plan its first weeks; errors under their fields."""
        store, today = self.psw.store, self.psw.time.today()
        try:
            if self.series_id is None:
                series, plan = svc.create_series(store, self.form(), today)
                message = f"{svc.describe(series)}. {plan.sentence()}"
            else:
                result = change_from(store, self.series_id, self.query_one("#start", Input).value,
                                     self.form(), today)
                series, message = result.series, result.sentence()
        except FormError as error:
            show_errors(self, error.errors)
            return
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        self.notify(message, markup=False)
        self.dismiss(series.id)
