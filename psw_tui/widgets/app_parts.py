"""What screens and widgets may ask of the running app, typed once.

:class:`PswAppParts` names the parts of :class:`psw_tui.app.PswApp` that the layers below the
app use; :func:`psw_app` gives them for any node. Nothing below the app imports the app module
(the app imports them), so this protocol is how they see it without an ``attr-defined`` ignore.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from textual.dom import DOMNode

from psw_tui.models import Settings
from psw_tui.services.timesource import SystemTime

if TYPE_CHECKING:
    from psw_tui.storage import RecordStore


class PswAppParts(Protocol):
    """The parts of :class:`psw_tui.app.PswApp` that screens and widgets use."""

    settings: Settings
    store: RecordStore
    time: SystemTime
    demo: bool

    def action_privacy(self, unlocked: bool = False) -> None:
        """Blank the screen (or, with ``unlocked``, leave the privacy screen)."""


def psw_app(node: DOMNode) -> PswAppParts:
    """The running psw-tui app that ``node`` belongs to, typed."""
    return cast(PswAppParts, node.app)
