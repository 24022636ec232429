"""Bounds checked before any file is parsed, so a hostile or broken file costs little.

A data file, an import bundle or a backup member is refused (with a one-line reason that
the caller puts next to the file's name) when it is larger than psw-tui ever writes or
nested deeper than any psw-tui record. The checks run before ``json.loads`` and before a
zip member is inflated, so neither a 300 MB file nor a zip bomb nor 100,000 nested
brackets is ever held in memory as objects.
"""

from __future__ import annotations

import json
import re
from typing import Any

# A ten-year store's biggest file (a bundle of everything) is about 30 MB; data files stay
# far below 1 MB. The limits leave ample room while keeping peak memory well bounded.
MAX_DATA_FILE_BYTES = 64 * 1024 * 1024
MAX_IMPORT_BYTES = 64 * 1024 * 1024  # twice a ten-year store's bundle
MAX_MEMBER_BYTES = MAX_DATA_FILE_BYTES
MAX_ARCHIVE_BYTES = 256 * 1024 * 1024  # every member of one backup, uncompressed
MAX_ARCHIVE_MEMBERS = 100_000
MAX_DEPTH = 64  # psw-tui's own files nest about 8 deep

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


class LimitExceeded(ValueError):
    """A bound was exceeded; ``str()`` is the reason (without the file's name)."""


def size_mb(size: int) -> str:
    """A byte count in whole megabytes, for messages."""
    return f"{size / (1024 * 1024):,.0f} MB"


def check_size(size: int, limit: int) -> None:
    """Raise :class:`LimitExceeded` when ``size`` is over ``limit`` bytes."""
    if size > limit:
        raise LimitExceeded(f"it is {size_mb(size)}, more than the {size_mb(limit)} psw-tui reads")


def nesting_depth(raw: bytes, limit: int = MAX_DEPTH) -> int:
    """The deepest bracket nesting of JSON text ``raw``, counting up to ``limit + 1``.

    Strings are cut out first (in C, by a regular expression) so brackets inside text do
    not count; what is left is scanned for brackets only.
    """
    brackets = _STRING.sub(b"", raw).translate(None, _NOT_BRACKETS)
    depth = deepest = 0
    for byte in brackets:
        if byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        else:
            depth -= 1
    return deepest


def check_depth(raw: bytes, limit: int = MAX_DEPTH) -> None:
    """Raise :class:`LimitExceeded` when JSON text ``raw`` nests deeper than ``limit``."""
    if nesting_depth(raw, limit) > limit:
        raise LimitExceeded(f"it is nested more than {limit} levels deep, which psw-tui never writes")


def loads_bounded(raw: bytes, max_bytes: int, max_depth: int | None = MAX_DEPTH) -> Any:
    """``json.loads`` after the size and depth checks.

    With ``max_depth=None`` the depth is not scanned first: the C parser itself stops at the
    interpreter's recursion limit (about 1,000 levels, a few kilobytes of objects), which is
    reported the same way. Data files, read on every open, take that cheaper path; imports
    are scanned first. Raises :class:`LimitExceeded`, ``UnicodeDecodeError`` or
    ``json.JSONDecodeError``.
    """
    check_size(len(raw), max_bytes)
    if max_depth is not None:
        check_depth(raw, max_depth)
    try:
        return json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise LimitExceeded(
            f"it is nested more than {max_depth or 'a thousand'} levels deep, which psw-tui never writes"
        ) from None
