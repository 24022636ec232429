"""What every psw-tui screen may ask of the app, typed once.

Screens reach the store, the settings and the time source through :attr:`PswScreen.psw`, typed
by the :class:`~psw_tui.widgets.app_parts.PswAppParts` protocol: no screen imports the app module
(the app imports the screens), and no screen needs an ``attr-defined`` ignore.
"""

from __future__ import annotations

from typing import cast

from textual.dom import DOMNode

from psw_tui.widgets.app_parts import PswAppParts, psw_app

__all__ = ["PswAppParts", "PswScreen", "psw_app"]


class PswScreen:
    """Mixed into a Textual ``Screen``: ``self.psw`` is the running app, typed."""

    @property
    def psw(self) -> PswAppParts:
        """The running psw-tui app."""
        return psw_app(cast(DOMNode, self))
