"""Colour on terminals that have little of it: 16-colour terminals and NO_COLOR.

On a 16-colour terminal (TERM=xterm, linux, screen, ...) every colour is rounded to the
nearest of 16, whose real shades depend on the terminal's palette; a theme made for true
colour then shows keys bright red on grey (about 1:1). There the dark (default) and the
high-contrast themes are replaced by versions built only from the 16 colours, in pairs that
keep a contrast of at least 4.5:1 under both common palettes (xterm's and the VGA one of
the Linux console).

With NO_COLOR set, the screen is drawn with no colour codes at all (Textual's own answer
is greys, which are still colour codes); focus and selection show as reverse video.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter, Monochrome
from textual.theme import Theme

if TYPE_CHECKING:
    from rich.console import Console

RGB = tuple[int, int, int]

# The 16 colours as xterm shows them, and as the VGA text mode (the Linux console) does.
XTERM_16: tuple[RGB, ...] = (
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
    (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
    (255, 0, 255), (0, 255, 255), (255, 255, 255),
)
VGA_16: tuple[RGB, ...] = (
    (0, 0, 0), (170, 0, 0), (0, 170, 0), (170, 85, 0), (0, 0, 170), (170, 0, 170), (0, 170, 170),
    (170, 170, 170), (85, 85, 85), (255, 85, 85), (85, 255, 85), (255, 255, 85), (85, 85, 255),
    (255, 85, 255), (85, 255, 255), (255, 255, 255),
)
PALETTES = {"xterm": XTERM_16, "VGA": VGA_16}
MIN_CONTRAST = 4.5

# Colours given as the VGA values, which Rich rounds to exactly these 16 indexes.
BLACK, BLUE, CYAN, WHITE = "#000000", "#0000AA", "#00AAAA", "#AAAAAA"
BRIGHT_RED, BRIGHT_GREEN, BRIGHT_YELLOW = "#FF5555", "#55FF55", "#FFFF55"
BRIGHT_CYAN, BRIGHT_WHITE, RED = "#55FFFF", "#FFFFFF", "#AA0000"


def luminance(rgb: RGB) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(first: RGB, second: RGB) -> float:
    """Contrast ratio (WCAG 2) between two colours, 1.0 to 21.0."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def worst_contrast(foreground: int, background: int) -> float:
    """The lower contrast of two of the 16 colours (by index) over the xterm and VGA palettes."""
    return min(contrast(p[foreground], p[background]) for p in PALETTES.values())


SIXTEEN_DARK = Theme(
    name="textual-dark",
    primary=BLUE,
    secondary=CYAN,
    accent=BRIGHT_CYAN,
    warning=BRIGHT_YELLOW,
    error=BRIGHT_RED,
    success=BRIGHT_GREEN,
    foreground=BRIGHT_WHITE,
    background=BLACK,
    surface=BLACK,
    panel=BLUE,
    boost=BLACK,
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "text-muted": WHITE,
        "text-disabled": WHITE,
        "text-primary": BRIGHT_CYAN,
        "text-accent": BRIGHT_CYAN,
        "text-secondary": BRIGHT_CYAN,
        "text-warning": BRIGHT_YELLOW,
        "text-error": BRIGHT_RED,
        "text-success": BRIGHT_GREEN,
        "border": BRIGHT_CYAN,
        "border-blurred": WHITE,
        "primary-background": BLUE,
        "footer-background": BLUE,
        "footer-foreground": BRIGHT_WHITE,
        "footer-key-foreground": BRIGHT_YELLOW,
        "footer-key-background": BLUE,
        "footer-description-foreground": BRIGHT_WHITE,
        "footer-description-background": BLUE,
        "footer-item-background": BLUE,
        "block-cursor-foreground": BLACK,
        "block-cursor-background": CYAN,
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": BLACK,
        "block-cursor-blurred-background": WHITE,
        "block-hover-background": BLACK,
        "input-cursor-foreground": BLACK,
        "input-cursor-background": BRIGHT_WHITE,
        "input-selection-background": CYAN,
        "input-selection-foreground": BLACK,
        "button-foreground": BRIGHT_WHITE,
        "button-color-foreground": BRIGHT_WHITE,
        "scrollbar": WHITE,
        "scrollbar-hover": BRIGHT_WHITE,
        "scrollbar-active": BRIGHT_WHITE,
        "scrollbar-background": BLACK,
        "scrollbar-background-hover": BLACK,
        "scrollbar-background-active": BLACK,
        "scrollbar-corner-color": BLACK,
        "screen-selection-background": CYAN,
        "screen-selection-foreground": BLACK,
        "link-color": BRIGHT_CYAN,
    },
)

SIXTEEN_HIGH_CONTRAST = Theme(
    name="psw-high-contrast",
    primary=BRIGHT_YELLOW,
    secondary=BRIGHT_CYAN,
    accent=BRIGHT_YELLOW,
    warning=BRIGHT_YELLOW,
    error=BRIGHT_RED,
    success=BRIGHT_GREEN,
    foreground=BRIGHT_WHITE,
    background=BLACK,
    surface=BLACK,
    panel=BLACK,
    boost=BLACK,
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        **SIXTEEN_DARK.variables,
        "text-primary": BRIGHT_YELLOW,
        "text-accent": BRIGHT_YELLOW,
        "border": BRIGHT_YELLOW,
        "primary-background": BLACK,
        "footer-background": BLACK,
        "footer-key-background": BLACK,
        "footer-description-background": BLACK,
        "footer-item-background": BLACK,
        "footer-key-foreground": BRIGHT_YELLOW,
        "block-cursor-background": BRIGHT_YELLOW,
        "button-color-foreground": BLACK,
    },
)

SIXTEEN_COLOUR_THEMES = (SIXTEEN_DARK, SIXTEEN_HIGH_CONTRAST)


def sixteen_colour_terminal(console: Console) -> bool:
    """Whether Textual draws for a terminal of 16 colours (Rich's "standard" or "windows")."""
    return console.color_system in ("standard", "windows")


class NoColour(LineFilter):
    """Drops every colour, keeping bold, reverse, underline and the rest (for NO_COLOR)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """Each segment without its colours."""
        return [
            Segment(text, None if style is None else style.without_color, control)
            for text, style, control in segments
        ]


def line_filters(no_color: bool, filters: Sequence[LineFilter]) -> list[LineFilter]:
    """Textual's filters, with its NO_COLOR greys replaced by no colour at all."""
    if not no_color:
        return list(filters)
    return [f for f in filters if not isinstance(f, Monochrome)] + [NO_COLOUR]


NO_COLOUR = NoColour()
