"""Imports every screen module, so that each registers its command palette entries.

The app imports this right after its first frame (see ``PswApp.on_mount``): a facilitator
sees the home screen sooner, and the palette is complete a moment later. Add new screen
modules here.
"""

from psw_tui.screens import close, help, home, live_commands, planning_commands, summary  # noqa: F401
from psw_tui.screens import archive, journal, reports, search  # noqa: F401
from psw_tui.screens import retention, runsheet_dialog, settings  # noqa: F401
from psw_tui.screens import for_supervision  # noqa: F401
from psw_tui.screens import series_commands  # noqa: F401
from psw_tui.screens import contacts, supervision_log, wellness_plan  # noqa: F401
