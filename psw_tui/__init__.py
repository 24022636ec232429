"""psw-tui: run peer support groups and group supervision from the terminal."""

__version__ = "0.1.0"
