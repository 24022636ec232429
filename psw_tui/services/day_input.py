"""Dates as people type them in look-back forms (filters, export ranges)."""

from __future__ import annotations

from datetime import date

DAY_HINT = "a date like 2026-11-20"


def parse_day(text: str) -> date | None:
    """``YYYY-MM-DD`` to a date, blank to None; ValueError with a readable message otherwise."""
    value = text.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"Use {DAY_HINT}.") from None


def parse_range(date_from: str, date_to: str) -> tuple[date | None, date | None]:
    """Two typed dates; ValueError("from: ..." / "to: ...") naming the field at fault."""
    try:
        start = parse_day(date_from)
    except ValueError as error:
        raise ValueError(f"from: {error}") from None
    try:
        end = parse_day(date_to)
    except ValueError as error:
        raise ValueError(f"to: {error}") from None
    if start and end and end < start:
        raise ValueError("to: The end date is before the start date.")
    return start, end
