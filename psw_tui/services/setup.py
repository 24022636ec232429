"""Preparing a store for use: built-in templates, demo data."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from psw_tui.models import Bundle
from psw_tui.services.builtin_templates import BUILTIN_TEMPLATES
from psw_tui.services.bundles import parse_bundle
from psw_tui.services.demo_layout import lay_out_demo
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


def demo_moment(today: date | None = None, now: datetime | None = None) -> datetime:
    """The moment the demo is laid out around: ``now`` if given, else the first moment of
    ``today`` (local time) if given, else the wall clock."""
    if now is not None:
        return now
    if today is not None:
        return datetime.combine(today, time.min).astimezone()
    return datetime.now(UTC)


def demo_bundle(raw: object, today: date | None = None, now: datetime | None = None) -> Bundle:
    """The demo data set laid out around now: a term of sessions up to yesterday, the coming
    fortnight planned, and one session planned for today (see :func:`lay_out_demo`)."""
    return lay_out_demo(parse_bundle(raw), demo_moment(today, now))


def seed_demo(store: RecordStore, raw: object, today: date | None = None, now: datetime | None = None) -> Bundle:
    """Write the demo data set, laid out around ``now`` (timezone-aware; default the wall
    clock; a bare ``today`` means its first moment), into an empty store."""
    bundle = demo_bundle(raw, today, now)
    store.import_bundle(bundle)
    ensure_builtin_templates(store)
    return bundle
