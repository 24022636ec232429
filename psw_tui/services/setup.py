"""Preparing a store for use: built-in templates, demo data."""

from __future__ import annotations

from datetime import date

from psw_tui.models import Bundle
from psw_tui.services.builtin_templates import BUILTIN_TEMPLATES
from psw_tui.services.bundles import parse_bundle, shift_dates
from psw_tui.storage import RecordStore


def ensure_builtin_templates(store: RecordStore) -> int:
    """Add or refresh the built-in templates; returns how many were written (0 if current)."""
    stale = [t for t in BUILTIN_TEMPLATES if store.templates.get(t.id) != t]
    if stale:
        store.templates.save_many(stale)
    return len(stale)


def is_empty(store: RecordStore) -> bool:
    """Whether the store holds no groups, sessions or reflections."""
    return not (store.groups.count() or store.sessions.headers() or store.reflections.all())


def demo_bundle(raw: object, today: date | None = None) -> Bundle:
    """The demo data set, dated so that its term of sessions ends this week."""
    return shift_dates(parse_bundle(raw), today or date.today())


def seed_demo(store: RecordStore, raw: object, today: date | None = None) -> Bundle:
    """Write the demo data set into an empty store."""
    bundle = demo_bundle(raw, today)
    store.import_bundle(bundle)
    ensure_builtin_templates(store)
    return bundle
