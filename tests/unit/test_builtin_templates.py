"""The built-in agenda templates: their exact shape, stable ids, and peer support wording."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from uuid import UUID, uuid5

import pytest

from psw_tui.models import GroupKind, SegmentKind, Template
from psw_tui.services.builtin_templates import (
    BUILTIN_NAMESPACE,
    BUILTIN_TEMPLATES,
    builtin_template,
    default_template_for,
)

K = SegmentKind


def shape(template: Template) -> list[tuple[str, int, SegmentKind, bool]]:
    return [(s.title, s.minutes, s.kind, s.optional) for s in template.segments]


def by_name(name: str) -> Template:
    found = builtin_template(name)
    assert found is not None, name
    return found


def test_the_built_ins_are_the_seven_named_in_the_product_and_a_course() -> None:
    assert [t.name for t in BUILTIN_TEMPLATES] == [
        "Peer support group",
        "Crisis peer support group",
        "Walk and talk",
        "Group supervision (Proctor)",
        "Reflective practice (Gibbs)",
        "Team time",
        "Facilitator debrief",
        "Recovery College course session",
    ]
    assert all(t.builtin for t in BUILTIN_TEMPLATES)


def test_peer_support_group_structure() -> None:
    template = by_name("Peer support group")
    assert template.group_kind is GroupKind.PEER_SUPPORT
    assert shape(template) == [
        ("Welcome", 5, K.WELCOME, False),
        ("Group agreement", 5, K.AGREEMENT, False),
        ("Check-in round", 15, K.CHECK_IN, False),
        ("Theme", 25, K.THEME, False),
        ("Break", 10, K.BREAK, True),
        ("Open sharing", 15, K.SHARING, False),
        ("Check-out", 10, K.CHECK_OUT, False),
        ("Close with signposting", 5, K.CLOSE, False),
    ]
    assert template.total_minutes == 90


def test_group_supervision_structure() -> None:
    template = by_name("Group supervision (Proctor)")
    assert template.group_kind is GroupKind.SUPERVISION
    assert shape(template) == [
        ("Check-in", 10, K.CHECK_IN, False),
        ("Agreement and last actions", 5, K.ACTIONS_REVIEW, False),
        ("Bidding round", 5, K.THEME, False),
        ("Case discussion", 35, K.CASE_DISCUSSION, False),
        ("Second case or themed learning", 20, K.CASE_DISCUSSION, True),
        ("Role and organisational issues", 5, K.THEME, False),
        ("Check-out and actions", 10, K.CHECK_OUT, False),
    ]
    assert template.total_minutes == 90


def test_reflective_practice_follows_gibbs_six_stages() -> None:
    template = by_name("Reflective practice (Gibbs)")
    assert template.group_kind is GroupKind.REFLECTIVE_PRACTICE
    stages = [s.title.split(":")[0] for s in template.segments if ":" in s.title]
    assert stages == [
        "Description", "Feelings", "Evaluation", "Analysis", "Conclusion", "Action plan"
    ]
    assert 60 <= template.total_minutes <= 75


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [
        ("Crisis peer support group", 55, 65),
        ("Walk and talk", 50, 70),
        ("Team time", 15, 15),
        ("Facilitator debrief", 10, 20),
    ],
)
def test_lengths(name: str, low: int, high: int) -> None:
    assert low <= by_name(name).total_minutes <= high


def test_crisis_group_grounds_and_signposts() -> None:
    template = by_name("Crisis peer support group")
    titles = " ".join(s.title.lower() for s in template.segments)
    assert titles.count("grounding") >= 2
    assert template.segments[-1].kind is K.CLOSE
    assert "signposting" in template.segments[-1].title.lower()


def test_facilitator_debrief_is_all_debrief() -> None:
    assert {s.kind for s in by_name("Facilitator debrief").segments} == {K.DEBRIEF}


def test_every_template_validates_and_every_segment_has_prompts() -> None:
    for template in BUILTIN_TEMPLATES:
        again = Template.model_validate(json.loads(template.model_dump_json()))
        assert again == template
        assert template.description
        for segment in template.segments:
            assert 1 <= len(segment.prompts) <= 3, (template.name, segment.title)
            assert all(prompt.strip() for prompt in segment.prompts)


def test_ids_are_uuid5_of_the_name_and_position() -> None:
    for template in BUILTIN_TEMPLATES:
        assert template.id == uuid5(BUILTIN_NAMESPACE, template.name)
        for index, segment in enumerate(template.segments):
            assert segment.id == uuid5(BUILTIN_NAMESPACE, f"{template.name}#{index}")
    ids = [t.id for t in BUILTIN_TEMPLATES] + [s.id for t in BUILTIN_TEMPLATES for s in t.segments]
    assert len(ids) == len(set(ids))


def test_ids_are_the_same_in_a_fresh_interpreter() -> None:
    code = (
        "import json; from psw_tui.services.builtin_templates import BUILTIN_TEMPLATES as T; "
        "print(json.dumps({str(t.id): [str(s.id) for s in t.segments] for t in T}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == {str(t.id): [str(s.id) for s in t.segments] for t in BUILTIN_TEMPLATES}


def test_lookup_by_name_or_id() -> None:
    template = BUILTIN_TEMPLATES[3]
    assert builtin_template(template.name) == template
    assert builtin_template(template.name.upper()) == template
    assert builtin_template(template.id) == template
    assert builtin_template(str(template.id)) == template
    assert builtin_template("Nope") is None
    assert builtin_template(UUID(int=0)) is None


def test_lookups_hand_out_copies() -> None:
    copy = by_name("Peer support group")
    copy.segments[0].minutes = 1
    copy.name = "Mine"
    assert by_name("Peer support group").segments[0].minutes == 5
    assert BUILTIN_TEMPLATES[0].name == "Peer support group"
    default_template_for(GroupKind.PEER_SUPPORT).segments.clear()
    assert BUILTIN_TEMPLATES[0].segments


def test_default_template_for_each_kind() -> None:
    assert default_template_for(GroupKind.PEER_SUPPORT).name == "Peer support group"
    assert default_template_for(GroupKind.SUPERVISION).name == "Group supervision (Proctor)"
    reflective = default_template_for(GroupKind.REFLECTIVE_PRACTICE)
    assert reflective.name == "Reflective practice (Gibbs)"
    for kind in GroupKind:
        assert default_template_for(kind).group_kind is kind


def test_no_clinical_vocabulary() -> None:
    clinical = re.compile(
        r"\b(patients?|symptoms?|diagnos\w*|disorders?|treatment|medication|illness|clinical)\b",
        re.I,
    )
    for template in BUILTIN_TEMPLATES:
        for text in [template.name, template.description] + [
            part for s in template.segments for part in (s.title, *s.prompts)
        ]:
            assert not clinical.search(text), text
