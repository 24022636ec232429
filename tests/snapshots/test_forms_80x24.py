"""SVG snapshots at 80x24 of every form and dialog with an error showing (fixed demo data,
fixed date, cursor blink off), and of the question asked before a changed form is discarded."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from psw_tui.app import create_app
from psw_tui.screens import settings
from psw_tui.screens.group_form import GroupFormScreen
from psw_tui.storage import RecordStore
from psw_tui.storage.settings_file import CONFIG_ENV
from tests.conftest import fixed_time
from tests.forms_helpers import CASES, FormCase, demo_ids, open_with_mistake

SIZE = (80, 24)
# The settings dialog lists every binding id of the app: a fixed few here, so that the
# snapshot does not change whenever a binding is added somewhere.
FEW_BINDINGS = {"app.help": "Help", "app.quit": "Quit", "app.privacy": "Privacy"}


def no_blink(app) -> None:  # noqa: ANN001 - the app under test
    for widget in app.screen.query("Input, TextArea"):
        assert isinstance(widget, (Input, TextArea))
        widget.cursor_blink = False


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_form_with_an_error(snap_compare, demo_store: RecordStore, monkeypatch: pytest.MonkeyPatch,
                            case: FormCase) -> None:
    folder = Path("/psw-tui-snapshots")  # a fixed path, shown in the export and save dialogs
    monkeypatch.setenv(CONFIG_ENV, "/psw-tui-snapshots/settings.toml")
    monkeypatch.setattr(settings, "known_bindings", lambda app: dict(FEW_BINDINGS))
    app = create_app(None, demo_store, time=fixed_time())

    async def with_mistake(pilot) -> None:  # noqa: ANN001 - Textual's Pilot
        await open_with_mistake(app, pilot, case, demo_ids(demo_store), folder)
        no_blink(app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=with_mistake)


def test_discard_question(snap_compare, demo_store: RecordStore) -> None:
    app = create_app(None, demo_store, time=fixed_time())

    async def changed_then_escape(pilot) -> None:  # noqa: ANN001 - Textual's Pilot
        await app.push_screen(GroupFormScreen())
        no_blink(app)
        await pilot.press(*"Evening circle", "escape")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=changed_then_escape)
