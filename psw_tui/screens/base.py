"""What every psw-tui screen may ask of the app, typed once.

Screens reach the store, the settings and the time source through :attr:`PswScreen.psw`, typed
by the :class:`PswAppParts` protocol: no screen imports the app module (the app imports the
screens), and no screen needs an ``attr-defined`` ignore.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from psw_tui.models import Settings
from psw_tui.services.timesource import SystemTime

if TYPE_CHECKING:
    from psw_tui.storage import RecordStore


class PswAppParts(Protocol):
    """The parts of :class:`psw_tui.app.PswApp` that screens use."""

    settings: Settings
    store: RecordStore
    time: SystemTime
    demo: bool


class PswScreen:
    """Mixed into a Textual ``Screen``: ``self.psw`` is the running app, typed."""

    @property
    def psw(self) -> PswAppParts:
        """The running psw-tui app."""
        return cast(PswAppParts, self.app)  # type: ignore[attr-defined]
