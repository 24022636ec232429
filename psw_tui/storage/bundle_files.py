"""Reading bundle files (imports, the demo fixture) from disk with clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from psw_tui.storage.errors import ImportRejected

MAX_IMPORT_BYTES = 512 * 1024 * 1024


def read_json_file(path: Path) -> Any:
    """Parse a JSON file, raising :class:`ImportRejected` with a one-line reason."""
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise ImportRejected(f"{path} is too large to be a psw-tui bundle")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportRejected(f"{path} does not exist") from None
    except IsADirectoryError:
        raise ImportRejected(f"{path} is a folder, not a file") from None
    except PermissionError:
        raise ImportRejected(f"{path} cannot be read (permission denied)") from None
    except OSError as error:
        raise ImportRejected(f"{path} cannot be read ({error.strerror or error})") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportRejected(f"{path} is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise ImportRejected(
            f"{path} is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
