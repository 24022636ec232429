"""Shared base class and helpers for every record."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class Record(BaseModel):
    """Base of every stored record: unknown fields are rejected, ids are random UUIDs."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False, defer_build=True)

    id: UUID = Field(default_factory=uuid4)


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC (how every timestamp is stored)."""
    return datetime.now(UTC)


# A short, single-line, non-blank piece of text (names, titles).
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
# Free text that must not be blank (notes, actions).
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
# Free text that may be empty (agreements, prompts answered later).
OptionalText = Annotated[str, StringConstraints(max_length=20_000)]
