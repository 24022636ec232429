"""Helpers for the planning tests (groups, rosters, templates, scheduling, erasure)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path


def files_mentioning(root: Path, name: str) -> list[str]:
    """Every file under ``root`` (data files, and each member of every backup zip) that
    mentions ``name`` as a whole word, any case."""
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
    hits = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.name == ".lock":
            continue
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    text = archive.read(member).decode("utf-8", errors="replace")
                    if pattern.search(text):
                        hits.append(f"{path.name}:{member}")
        elif pattern.search(path.read_bytes().decode("utf-8", errors="replace")):
            hits.append(str(path.relative_to(root)))
    return hits
