"""Allow ``python -m psw_tui``."""

from psw_tui.cli import main

raise SystemExit(main())
