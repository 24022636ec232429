"""Start psw-tui (or a bare Textual app) headless and report when its first frame is drawn.

    python benchmarks/start_driver.py psw DATA_DIR FD      psw-tui, as ``psw-tui --data-dir DATA_DIR``
    python benchmarks/start_driver.py bare - FD            a bare Textual app with the same widgets
    python benchmarks/start_driver.py bare-tty             that bare app, run for real in its terminal

Benchmark only: nothing in ``psw_tui`` knows about it. The driver patches ``App.run`` so
that the real command line (``psw_tui.cli.main``) runs the app headless at 120x40, and
patches ``App._display`` to notice the first frame the compositor hands to the terminal
driver once the home screen is up with its groups table filled (for the bare app: its
tables filled). It then writes one JSON line to the file descriptor FD (a pipe from
``run.py``) and asks the app to exit. Headless means the frame is composed and rendered to
segments but not encoded for a terminal; the same holds for both apps.

The JSON line holds ``time.perf_counter()`` stamps (CLOCK_MONOTONIC on Linux, so comparable
with the parent's): ``python`` when this script's first line ran, ``imported`` after the
imports (psw-tui's CLI and app modules, or Textual's), ``frame`` at the first frame.
"""

from __future__ import annotations

import time

STAMPS = {"python": time.perf_counter()}

import json  # noqa: E402 - the first stamp is taken before any import
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIZE = (120, 40)
SESSION_ROWS = [
    ("today 18:30", "planned", "Tuesday Hearing Voices Group", "Hope and small steps"),
    ("Thu 26 Nov 14:00", "planned", "Thursday Recovery Circle", "Sleep and routines"),
    ("Mon 30 Nov 10:00", "planned", "Peer Worker Supervision", "—"),
    ("Tue 1 Dec 18:30", "planned", "Tuesday Hearing Voices Group", "Family and friends"),
    ("Wed 2 Dec 19:00", "planned", "Wednesday Carers Group", "Looking after yourself"),
    ("Fri 4 Dec 11:00", "planned", "Reflective Practice", "—"),
]
GROUP_ROWS = [
    ("Tuesday Hearing Voices Group", "Peer support", "14", "Tue 17 Nov 18:30", "today 18:30"),
    ("Thursday Recovery Circle", "Peer support", "12", "Thu 19 Nov 14:00", "Thu 26 Nov 14:00"),
    ("Wednesday Carers Group", "Peer support", "11", "Wed 4 Nov 19:00", "Wed 2 Dec 19:00"),
    ("Saturday Men's Group", "Peer support", "9", "Sat 14 Nov 10:00", "Sat 28 Nov 10:00"),
    ("Peer Worker Supervision", "Supervision", "8", "Mon 16 Nov 10:00", "Mon 30 Nov 10:00"),
    ("Reflective Practice", "Reflective practice", "10", "Fri 6 Nov 11:00", "Fri 4 Dec 11:00"),
]


def report_first_frame(fd: int, is_shown) -> None:  # noqa: ANN001
    """Patch Textual so the first frame for which ``is_shown(app)`` holds is reported on ``fd``."""
    from textual.app import App

    original_display = App._display
    original_run = App.run

    def display(app: App, screen, renderable) -> None:  # noqa: ANN001
        original_display(app, screen, renderable)
        if (renderable is not None and not app._batch_count and "frame" not in STAMPS
                and screen is app.screen and is_shown(app)):
            STAMPS["frame"] = time.perf_counter()
            os.write(fd, (json.dumps(STAMPS) + "\n").encode())
            app.exit()

    def run(app: App, **_: object):  # noqa: ANN202
        return original_run(app, headless=True, size=SIZE)

    App._display = display  # type: ignore[method-assign]
    App.run = run  # type: ignore[method-assign]


def start_psw(data_dir: str, fd: int) -> int:
    """Run psw-tui's own command line on ``data_dir``."""
    import psw_tui.app  # noqa: F401 - what the CLI imports first when it opens the app
    from psw_tui.cli import main
    from psw_tui.screens.home import HomeScreen
    from textual.widgets import DataTable

    STAMPS["imported"] = time.perf_counter()

    def shown(app) -> bool:  # noqa: ANN001
        screen = app.screen
        return isinstance(screen, HomeScreen) and screen.query_one("#groups", DataTable).row_count > 0

    report_first_frame(fd, shown)
    return main(["--data-dir", data_dir])


def bare_app() -> object:
    """A bare Textual app: Header, two DataTables with rows like the home screen's, Footer
    (Textual's own command palette on ctrl+p, as psw-tui has)."""
    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll
    from textual.widgets import DataTable, Footer, Header, Static

    class BareApp(App[None]):
        """The home screen's widgets, no store, no stylesheet."""

        def compose(self) -> ComposeResult:
            yield Header()
            with VerticalScroll():
                yield Static("Today")
                yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
                yield Static("Your groups")
                yield DataTable(id="groups", cursor_type="row", zebra_stripes=True)
            yield Footer()

        def on_mount(self) -> None:
            sessions = self.query_one("#sessions", DataTable)
            sessions.add_columns("When", "Status", "Group", "Session")
            sessions.add_rows(SESSION_ROWS)
            groups = self.query_one("#groups", DataTable)
            groups.add_columns("Group", "Kind", "Members", "Last session", "Next session")
            groups.add_rows(GROUP_ROWS)
            sessions.focus()

    return BareApp()


def start_bare(fd: int) -> int:
    """The bare app, headless, reporting its first frame with its tables filled."""
    from textual.widgets import DataTable

    app = bare_app()
    STAMPS["imported"] = time.perf_counter()
    report_first_frame(fd, lambda app: app.query_one("#groups", DataTable).row_count > 0)
    app.run()  # type: ignore[attr-defined]
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["bare-tty"]:  # for real, in the terminal it was started in (first_key.py)
        bare_app().run()  # type: ignore[attr-defined]
        return 0
    kind, data_dir, fd = argv[0], argv[1], int(argv[2])
    return start_psw(data_dir, fd) if kind == "psw" else start_bare(fd)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
