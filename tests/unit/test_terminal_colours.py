"""The 16-colour theme: every text colour pair readable under the xterm and VGA palettes."""

from __future__ import annotations

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import DimFilter, Monochrome
from textual.theme import BUILTIN_THEMES

from psw_tui.terminal_colours import (
    MIN_CONTRAST,
    PALETTES,
    SIXTEEN_DARK,
    SIXTEEN_HIGH_CONTRAST,
    NoColour,
    contrast,
    line_filters,
    worst_contrast,
)

# (text, background) pairs of theme variables that text is drawn with.
TEXT_PAIRS = [
    ("foreground", "background"),
    ("foreground", "surface"),
    ("text-muted", "background"),
    ("text-disabled", "background"),
    ("text-primary", "background"),
    ("text-accent", "background"),
    ("text-warning", "background"),
    ("text-error", "background"),
    ("text-success", "background"),
    ("warning", "background"),
    ("error", "background"),
    ("success", "background"),
    ("accent", "background"),
    ("foreground", "panel"),
    ("footer-key-foreground", "footer-background"),
    ("footer-description-foreground", "footer-background"),
    ("block-cursor-foreground", "block-cursor-background"),
    ("block-cursor-blurred-foreground", "block-cursor-blurred-background"),
    ("input-selection-foreground", "input-selection-background"),
    ("input-cursor-foreground", "input-cursor-background"),
    ("button-color-foreground", "primary"),
    ("screen-selection-foreground", "screen-selection-background"),
]


def sixteen(value: str) -> int:
    """The index of the 16 colours a terminal of 16 colours is sent for ``value``."""
    color = Color.parse(value).rich_color.downgrade(ColorSystem.STANDARD)
    assert color.number is not None
    return color.number


def variables(theme) -> dict[str, str]:  # noqa: ANN001 - a Textual Theme
    return {**theme.to_color_system().generate(), **theme.variables}


def test_contrast_is_the_wcag_ratio() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((119, 119, 119), (119, 119, 119)) == pytest.approx(1.0)
    assert contrast((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", [SIXTEEN_DARK, SIXTEEN_HIGH_CONTRAST], ids=lambda t: t.name)
@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_sixteen_colour_themes_are_readable_in_both_palettes(theme, text: str, background: str) -> None:  # noqa: ANN001
    found = variables(theme)
    fg, bg = sixteen(found[text]), sixteen(found[background])
    for name, palette in PALETTES.items():
        ratio = contrast(palette[fg], palette[bg])
        assert ratio >= MIN_CONTRAST, f"${text} on ${background}: {ratio:.1f}:1 in the {name} palette"


def test_the_truecolour_default_theme_is_what_fails_in_sixteen_colours() -> None:
    """Why the 16-colour theme exists: Textual's dark theme's footer keys round to bright red
    on grey, about 1:1 in xterm."""
    found = variables(BUILTIN_THEMES["textual-dark"])
    fg, bg = sixteen(found["footer-key-foreground"]), sixteen(found["footer-background"])
    assert worst_contrast(fg, bg) < MIN_CONTRAST


def test_no_color_filters_replace_textuals_greys_with_no_colour() -> None:
    dim = DimFilter()
    filters = [dim, Monochrome()]
    assert line_filters(False, filters) == filters
    chosen = line_filters(True, filters)
    assert dim in chosen and not any(isinstance(f, Monochrome) for f in chosen)
    assert isinstance(chosen[-1], NoColour)
    style = Style(color=RichColor.parse("#ff0000"), bgcolor=RichColor.parse("#0000ff"), bold=True, reverse=True)
    (segment,) = chosen[-1].apply([Segment("Save", style)], Color(0, 0, 0))
    assert segment.style.color is None and segment.style.bgcolor is None
    assert segment.style.bold and segment.style.reverse
