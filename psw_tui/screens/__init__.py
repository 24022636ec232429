"""Screens: one per file. They call services, never TinyDB.

Importing this package imports every screen module, so that each registers its command
palette entries (see :mod:`psw_tui.commands`). Add new screen modules to the list below.
"""

from psw_tui.screens import close, help, home, live_commands, planning_commands, summary  # noqa: F401
from psw_tui.screens import archive, journal, reports, search  # noqa: F401
from psw_tui.screens import retention, settings  # noqa: F401
