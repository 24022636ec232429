"""What a report's chart shows, with no drawing: categories, series of values, the axis.

:mod:`psw_tui.widgets.chart` draws a :class:`Chart` with axes, a zero line and labelled
values; :meth:`Chart.table` is the same data as rows, the chart's text alternative (one
key away on the report screen, for screen readers and 16-colour terminals). Counts and
minutes are drawn from zero, so five people never look like nobody; the arrive / leave
scale is drawn from its first word to its last.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

Style = Literal["bars", "hbars", "lines"]
# Head counts are charted per session up to this many sessions, then averaged per month,
# quarter or year (whichever first fits), so ten years still read as a trend.
MAX_BARS = 24


def value_text(value: float | None, missing: str = "—", *, decimal: bool = False) -> str:
    """A value as shown beside a bar or point: whole numbers plain (unless ``decimal``),
    others to one decimal."""
    if value is None:
        return missing
    return str(int(value)) if float(value).is_integer() and not decimal else f"{value:.1f}"


@dataclass(frozen=True)
class Series:
    """One line or set of bars: a name and a value per category (None: left out)."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """A chart of ``series`` over ``labels`` (dates, ways, words...).

    ``scale`` (e.g. the five words stormy ... calm) makes the value axis run from 1 to
    ``len(scale)`` with those words; otherwise it runs from zero. ``missing`` is what the
    text alternative says for a value left out of the chart.
    """

    title: str
    style: Style
    axis: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""
    scale: tuple[str, ...] = ()
    missing: str = "—"

    @property
    def has_values(self) -> bool:
        """Whether there is anything to draw."""
        return any(v is not None for s in self.series for v in s.values)

    @property
    def top(self) -> float:
        """The largest value drawn (0 when none)."""
        return max((v for s in self.series for v in s.values if v is not None), default=0.0)

    def text(self, value: float | None) -> str:
        """One value as written on the chart and in its table (scale means to one decimal)."""
        return value_text(value, self.missing, decimal=bool(self.scale))

    def columns(self) -> tuple[str, ...]:
        """Column names of :meth:`table`."""
        unit = f" ({self.unit})" if self.unit and len(self.series) == 1 else ""
        return (self.axis, *(s.name + unit for s in self.series))

    def table(self) -> list[tuple[str, ...]]:
        """The chart's values as rows, one per category, in the chart's order."""
        return [(label, *(self.text(s.values[i]) for s in self.series))
                for i, label in enumerate(self.labels)]


def value_ticks(top: float, most: int = 6, rows: int = 0) -> list[float]:
    """Ticks for a value axis from zero: a round step (1, 2, 5 x 10^k, never below 1 for
    counts under 6) and a last tick above ``top`` by at least two of ``rows`` text rows, so
    a label fits over the tallest bar."""
    if top <= 0:
        return [0.0, 1.0]
    raw = max(top / (most - 1), 0.01)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    if top < most:
        step = max(step, 1.0)
    count = math.floor(top / step) + 1
    while rows > 2 and count * step * (1 - 2 / rows) < top:
        count += 1
    return [round(i * step, 6) for i in range(count + 1)]


def _bucket(day: date, size: str) -> str:
    if size == "month":
        return f"{day.year}-{day.month:02d}"
    if size == "quarter":
        return f"{day.year} Q{(day.month - 1) // 3 + 1}"
    return str(day.year)


def over_time(days: Sequence[date], values: Sequence[float], *, what: str, unit: str) -> Chart:
    """``values`` per session as bars, oldest first; more than :data:`MAX_BARS` sessions are
    averaged per month, quarter or year, and the title says so."""
    if len(days) <= MAX_BARS:
        return Chart(f"{what} per session, oldest to newest", "bars", "Session",
                     tuple(d.isoformat() for d in days), (Series(what, tuple(float(v) for v in values)),),
                     unit=unit)
    for size in ("month", "quarter", "year"):
        groups: dict[str, list[float]] = {}
        for day, value in zip(days, values, strict=True):
            groups.setdefault(_bucket(day, size), []).append(float(value))
        if len(groups) <= MAX_BARS or size == "year":
            break
    means = tuple(round(sum(v) / len(v), 1) for v in groups.values())
    return Chart(f"Average {what.lower()} per session, by {size} ({len(days)} sessions)", "bars",
                 size.capitalize(), tuple(groups), (Series(f"Average {what.lower()}", means),), unit=unit)
