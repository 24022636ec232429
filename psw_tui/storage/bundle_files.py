"""Reading bundle files (imports, the demo fixture) from disk with clear errors."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from psw_tui.storage.errors import ImportRejected
from psw_tui.storage.limits import MAX_IMPORT_BYTES, LimitExceeded, check_size, loads_bounded


def read_json_file(path: Path) -> Any:
    """Parse a JSON file, raising :class:`ImportRejected` with a one-line reason.

    Its size is checked before it is read and its nesting depth before it is parsed, so
    a huge or deeply nested file costs neither memory nor a crash.
    """
    try:
        with open(path, "rb") as file:
            check_size(os.fstat(file.fileno()).st_size, MAX_IMPORT_BYTES)
            raw = file.read()
    except LimitExceeded as error:
        raise ImportRejected(f"{path} is not a psw-tui bundle: {error}") from None
    except FileNotFoundError:
        raise ImportRejected(f"{path} does not exist") from None
    except IsADirectoryError:
        raise ImportRejected(f"{path} is a folder, not a file") from None
    except PermissionError:
        raise ImportRejected(f"{path} cannot be read (permission denied)") from None
    except OSError as error:
        raise ImportRejected(f"{path} cannot be read ({error.strerror or error})") from None
    try:
        return loads_bounded(raw, MAX_IMPORT_BYTES)
    except LimitExceeded as error:
        raise ImportRejected(f"{path} is not a psw-tui bundle: {error}") from None
    except UnicodeDecodeError:
        raise ImportRejected(f"{path} is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise ImportRejected(
            f"{path} is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
