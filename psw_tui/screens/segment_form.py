"""Add or edit one agenda segment: title, minutes, kind, optional, protected, Five Ways tags,
prompts (a segment's lead is kept as it was)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select, SelectionList, Static, TextArea

from psw_tui.models import FiveWay, Segment, SegmentKind
from psw_tui.screens.form_base import FormScreen
from psw_tui.services.five_ways import FIVE_WAY_LABELS
from psw_tui.services.forms import FormError
from psw_tui.services.templates import SEGMENT_KIND_LABELS, segment_from_form
from psw_tui.widgets.form_field import FormField, show_errors


class SegmentFormScreen(FormScreen[Segment | None]):
    """Dismisses with the validated segment (nothing is saved until the agenda is)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Done", id="segment_form.save"),
        Binding("escape", "cancel", "Cancel", id="segment_form.cancel"),
    ]

    def __init__(self, segment: Segment | None = None) -> None:
        super().__init__(classes="planning-dialog")
        self.segment = segment

    def compose(self) -> ComposeResult:
        segment = self.segment
        with VerticalScroll(classes="planning-box planning-form form-box", id="segment-form"):
            yield Static("Edit segment" if segment else "Add segment", classes="title")
            yield FormField("Title", Input(segment.title if segment else "", id="title"), id="field-title")
            with Horizontal(classes="planning-row"):
                yield FormField("Minutes", Input(str(segment.minutes) if segment else "10", id="minutes"),
                                id="field-minutes")
                yield FormField("Kind", Select([(label, kind) for kind, label in SEGMENT_KIND_LABELS.items()],
                                value=segment.kind if segment else SegmentKind.THEME, allow_blank=False,
                                id="kind"), id="field-kind")
            yield Checkbox("Optional (can be dropped when running late)",
                           value=segment.optional if segment else False, id="optional")
            yield Checkbox("Protected (never shortened or dropped when rebalancing: agreement, "
                           "grounding, close)", value=segment.protected if segment else False, id="protected")
            tagged = set(segment.five_ways) if segment else set()
            ways = [(label, way, way in tagged) for way, label in FIVE_WAY_LABELS.items()]
            yield FormField("Five Ways to Wellbeing", SelectionList[FiveWay](*ways, id="five-ways"),
                            hint="Space ticks a way this segment serves (for the Five Ways balance report).",
                            id="field-five-ways")
            yield FormField("Prompts", TextArea("\n".join(segment.prompts) if segment else "", id="prompts"),
                            hint="One question per line, read out as written.", id="field-prompts")
            with Horizontal(classes="planning-buttons form-buttons"):
                yield Button("Done", variant="primary", id="save")
                yield Button("Cancel", id="cancel", classes="cancel-button")
                yield Static("ctrl+s done · Esc cancel", classes="form-keys")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def _segment(self) -> Segment:
        """The segment the form describes; raises FormError with what is wrong."""
        ticked = self.query_one("#five-ways", SelectionList).selected
        return segment_from_form(
            self.query_one("#title", Input).value,
            self.query_one("#minutes", Input).value,
            self.query_one("#kind", Select).value,  # type: ignore[arg-type]
            self.query_one("#optional", Checkbox).value,
            self.query_one("#prompts", TextArea).text,
            keep_id=self.segment.id if self.segment else None,
            protected=self.query_one("#protected", Checkbox).value,
            lead_id=self.segment.lead_id if self.segment else None,
        ).model_copy(update={"five_ways": [way for way in FiveWay if way in ticked]})

    def still_wrong(self, widget: Widget) -> str | None:
        """Check the form again: the message for this field if it is still wrong."""
        try:
            self._segment()
        except FormError as error:
            return error.errors.get(widget.id or "")
        return None

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Validate; each problem is shown under its field."""
        try:
            segment = self._segment()
        except FormError as error:
            show_errors(self, error.errors)
            return
        self.dismiss(segment)
