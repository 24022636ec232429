"""A Peer Support Worker's private reflective entries."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AwareDatetime, Field

from psw_tui.models.base import Name, OptionalText, Record, utc_now
from psw_tui.models.enums import ReflectionModel


class _ReflectionBase(Record):
    title: Name
    written_on: date = Field(default_factory=date.today)
    tags: list[Name] = Field(default_factory=list)
    session_id: UUID | None = None
    updated_at: AwareDatetime = Field(default_factory=utc_now)


class GibbsReflection(_ReflectionBase):
    """Gibbs' reflective cycle: six stages."""

    model: Literal[ReflectionModel.GIBBS] = ReflectionModel.GIBBS
    description: OptionalText = ""
    feelings: OptionalText = ""
    evaluation: OptionalText = ""
    analysis: OptionalText = ""
    conclusion: OptionalText = ""
    action_plan: OptionalText = ""


class DriscollReflection(_ReflectionBase):
    """Driscoll's three questions: What? So what? Now what?"""

    model: Literal[ReflectionModel.DRISCOLL] = ReflectionModel.DRISCOLL
    what: OptionalText = ""
    so_what: OptionalText = ""
    now_what: OptionalText = ""


class FreeReflection(_ReflectionBase):
    """Free writing."""

    model: Literal[ReflectionModel.FREE] = ReflectionModel.FREE
    text: OptionalText = ""


class SelfDisclosureReflection(_ReflectionBase):
    """A PSW's use of their own lived experience in a session: what, why, for whom, how safe,
    and what to keep back next time."""

    model: Literal[ReflectionModel.SELF_DISCLOSURE] = ReflectionModel.SELF_DISCLOSURE
    what_i_shared: OptionalText = ""
    why_i_shared: OptionalText = ""
    whom_it_served: OptionalText = ""
    was_it_safe: OptionalText = ""
    keep_back: OptionalText = ""


Reflection = Annotated[
    GibbsReflection | DriscollReflection | FreeReflection | SelfDisclosureReflection,
    Field(discriminator="model"),
]
