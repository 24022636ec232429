"""A report chart with axes, a zero line and labelled values, drawn with plotext.

:class:`ChartPlot` draws a :class:`~psw_tui.services.charts.Chart` at whatever size it is
given: bars (vertical or horizontal) or lines, the value axis from zero with round ticks
(or from the first to the last word of a scale), and the values written beside the bars
and points, as many as fit without overlapping (always the newest). Output depends only on
the chart and the size, so snapshots are stable.
"""

from __future__ import annotations

import math

from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from psw_tui.services.charts import Chart, value_text, value_ticks

MARKERS = ("●", "■")
# Columns a plot loses to its frame and value axis (besides the tick labels), and rows to
# its frame and the tick labels under it.
FRAME_COLUMNS = 3
FRAME_ROWS = 3


def _every(count: int, room: float, widest: int) -> int:
    """Show every k-th of ``count`` labels ``widest`` wide in ``room`` columns."""
    if count == 0 or room <= 0:
        return 1
    return max(1, math.ceil((widest + 2) / (room / count)))


def _shown(count: int, step: int) -> list[int]:
    """Indexes 0..count-1 that get a label: every ``step``-th, counted back from the last."""
    return [i for i in range(count) if (count - 1 - i) % step == 0]


def _value_axis(plot: Plot, chart: Chart, vertical: bool, rows: int) -> tuple[float, float, int]:
    """Set the value axis (``rows`` text rows or columns long); returns its low end, high
    end and the tick labels' width."""
    if chart.scale:
        ticks = [float(i + 1) for i in range(len(chart.scale))]
        labels = [f"{i + 1} {word}" for i, word in enumerate(chart.scale)]
        low, high = 0.6, len(chart.scale) + 0.4
    else:
        ticks = value_ticks(chart.top, rows=rows)
        labels = [value_text(t) for t in ticks]
        low, high = 0.0, ticks[-1]
    if vertical:
        plot.ylim(low, high)
        plot.yticks(ticks, labels)
        if not chart.scale:
            plot.hline(0)  # the zero line
    else:
        plot.xlim(low, high)
        plot.xticks(ticks, labels)
        plot.vline(0)
    return low, high, max(len(label) for label in labels)


def draw(plot: Plot, chart: Chart, width: int, height: int) -> None:
    """Draw ``chart`` on a fresh ``plot`` of ``width`` x ``height`` cells."""
    plot.plotsize(width, height)
    plot.theme("clear")
    count = len(chart.labels)
    positions = list(range(1, count + 1))
    if chart.style == "hbars":
        _hbars(plot, chart, width, height)
        return
    low, high, axis_width = _value_axis(plot, chart, vertical=True, rows=height - FRAME_ROWS)
    room = width - axis_width - FRAME_COLUMNS
    row = (high - low) / max(height - FRAME_ROWS - 1, 1)  # value per text row
    ticks = _shown(count, _every(count, room, max((len(label) for label in chart.labels), default=1)))
    texts = [["" if v is None else chart.text(v) for v in series.values] for series in chart.series]
    labelled = _shown(count, _every(count, room, max((len(t) for ts in texts for t in ts), default=1)))
    if chart.style == "bars":
        values = [v or 0.0 for v in chart.series[0].values]
        plot.bar(positions, values, width=0.6)
        for i in labelled:
            plot.text(texts[0][i], positions[i], values[i] + row, alignment="center")
    else:
        _lines(plot, chart, positions, texts, labelled, row)
    plot.xlim(0.5, count + 0.5)  # after the bars, which set their own ticks
    plot.xticks([positions[i] for i in ticks], [chart.labels[i] for i in ticks])


def _lines(plot: Plot, chart: Chart, positions: list[int], texts: list[list[str]], labelled: list[int],
           row: float) -> None:
    """One line per series through the values it has (None: left out), markers at the points."""
    for index, series in enumerate(chart.series):
        points = [(positions[i], v) for i, v in enumerate(series.values) if v is not None]
        if not points:
            continue
        xs, ys = [x for x, _ in points], [y for _, y in points]
        plot.plot(xs, ys, marker="braille")  # the legend is written above the chart (see legend)
        plot.scatter(xs, ys, marker=MARKERS[index % 2])
    for i in labelled:
        present = sorted((s.values[i], n) for n, s in enumerate(chart.series) if s.values[i] is not None)
        for rank, (value, n) in enumerate(present):
            above = rank == len(present) - 1  # the higher value's label above its point, others below
            plot.text(texts[n][i], positions[i], value + row if above else value - row, alignment="center")


def _hbars(plot: Plot, chart: Chart, width: int, height: int) -> None:
    """Horizontal bars, the first label at the top, each value at the end of its bar; only
    as many bars as there are rows (squeezed, plotext would drop one at random)."""
    rows = max((height - FRAME_ROWS) * 2 // 3, 1)  # a bar and a gap: no bar spills onto the next
    labels = list(reversed(chart.labels[:rows]))
    values = [v or 0.0 for v in reversed(chart.series[0].values[:rows])]
    plot.bar(labels, values, orientation="horizontal", width=0.6)
    widest = max(len(label) for label in labels)
    low, high, _ = _value_axis(plot, chart, vertical=False, rows=(width - widest - FRAME_COLUMNS) // 3)
    column = (high - low) / max(width - widest - FRAME_COLUMNS, 1)
    for i, value in enumerate(values):
        plot.text(chart.text(value), value + 2 * column, i + 1, alignment="left")


def legend(chart: Chart) -> str:
    """Which marker is which series, for a chart of lines ("● Arriving  ■ Leaving"), else ""."""
    if chart.style != "lines":
        return ""
    return "  ".join(f"{MARKERS[index % 2]} {series.name}" for index, series in enumerate(chart.series))


class ChartPlot(PlotextPlot):
    """A report chart; :meth:`show` gives it the chart to draw (None: nothing)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self.chart: Chart | None = None

    def show(self, chart: Chart | None) -> None:
        """Draw ``chart`` from the next frame on."""
        self.chart = chart
        self.refresh()

    def render(self) -> RenderResult:
        """Draw the chart afresh at the widget's size."""
        if self.chart is None or not self.chart.has_values or self.size.width < 10 or self.size.height < 5:
            return Text("")
        self._plot = Plot()
        draw(self._plot, self.chart, self.size.width, self.size.height)
        return super().render()
