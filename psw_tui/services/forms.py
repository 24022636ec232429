"""Form validation shared by the planning services: errors keyed by field, plain words.

Services check what a person typed and raise :class:`FormError` with one message per field,
so a screen can show each message next to its field. Nothing is saved when it is raised.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time


class FormError(ValueError):
    """One or more fields are wrong; ``errors`` maps a field name to what is wrong with it."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = dict(errors)


class Checker:
    """Collects field errors, then raises them all at once with :meth:`done`."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        """Record a problem with ``field`` (the first problem of a field wins)."""
        self.errors.setdefault(field, message)

    def text(self, field: str, value: str, *, what: str, limit: int = 120) -> str:
        """A required single-line text, stripped."""
        value = (value or "").strip()
        if not value:
            self.fail(field, f"Enter {what}.")
        elif len(value) > limit:
            self.fail(field, f"Keep it to {limit} characters (now {len(value)}).")
        elif "\n" in value:
            self.fail(field, "Keep it to one line.")
        return value

    def whole_number(self, field: str, value: str | int, *, low: int, high: int, unit: str) -> int:
        """A whole number between ``low`` and ``high``."""
        text = str(value).strip()
        if not re.fullmatch(r"\d{1,4}", text):
            self.fail(field, f"Enter a whole number of {unit}, {low} to {high}.")
            return low
        number = int(text)
        if not low <= number <= high:
            self.fail(field, f"Enter {low} to {high} {unit} (not {number}).")
        return number

    def day(self, field: str, value: str) -> date | None:
        """A date typed as YYYY-MM-DD."""
        try:
            return date.fromisoformat((value or "").strip())
        except ValueError:
            self.fail(field, "Enter a date as YYYY-MM-DD, e.g. 2026-12-01.")
            return None

    def clock_time(self, field: str, value: str) -> time | None:
        """A time of day typed as HH:MM (24-hour); blank means no time set."""
        text = (value or "").strip()
        if not text:
            return None
        try:
            return datetime.strptime(text, "%H:%M").time()
        except ValueError:
            self.fail(field, "Enter a time as HH:MM (24-hour), e.g. 18:30, or leave it blank.")
            return None

    def done(self) -> None:
        """Raise :class:`FormError` if anything failed."""
        if self.errors:
            raise FormError(self.errors)
