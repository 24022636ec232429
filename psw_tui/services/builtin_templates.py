"""The agenda templates that ship with psw-tui.

Every new data folder starts with these (see ``services.setup.ensure_builtin_templates``).
They are plain :class:`~psw_tui.models.Template` records marked ``builtin=True``, built once
at import time; no I/O happens here.

Ids are stable: a template's id is ``uuid5(BUILTIN_NAMESPACE, name)`` and the id of its
``i``-th segment is ``uuid5(BUILTIN_NAMESPACE, f"{name}#{i}")``. Seeding a store twice, or
from two versions of psw-tui, therefore refreshes the same records instead of adding copies,
and groups can keep pointing at a built-in with ``default_template_id``.

The wording is peer support's own: members, check-ins, themes, hope, wellbeing and
signposting. Prompts are questions a facilitator can read out as they are.
"""

from __future__ import annotations

from uuid import UUID, uuid5

from psw_tui.models import FiveWay, GroupKind, Segment, SegmentKind, Template

__all__ = [
    "BUILTIN_NAMESPACE",
    "BUILTIN_TEMPLATES",
    "builtin_template",
    "default_template_for",
]

#: Namespace of the uuid5 ids of built-in templates and their segments. Never change it:
#: stored groups refer to built-ins by these ids.
BUILTIN_NAMESPACE = UUID("5f0c3b7e-2d41-4c8a-9a57-6e0d1b2c9f41")

# (title, minutes, kind, prompts), with an optional fifth item: optional=True
_SegmentSpec = (
    tuple[str, int, SegmentKind, list[str]] | tuple[str, int, SegmentKind, list[str], bool]
)


def _is_safety_segment(title: str, kind: SegmentKind) -> bool:
    """The group agreement, grounding and the close with signposting keep their time."""
    words = title.casefold()
    return kind in (SegmentKind.AGREEMENT, SegmentKind.CLOSE) or any(
        word in words for word in ("agreement", "grounding", "signposting")
    )


_C, _A, _N, _L, _G = (FiveWay.CONNECT, FiveWay.BE_ACTIVE, FiveWay.TAKE_NOTICE, FiveWay.KEEP_LEARNING,
                      FiveWay.GIVE)
# Five Ways to Wellbeing tags per template and segment title, where a way clearly fits
# (agreements, signposting and housekeeping carry none).
_FIVE_WAYS: dict[str, dict[str, tuple[FiveWay, ...]]] = {
    "Peer support group": {
        "Welcome": (_C,), "Check-in round": (_C,), "Theme": (_L, _C), "Break": (_C,),
        "Open sharing": (_C, _G), "Check-out": (_C, _N),
    },
    "Crisis peer support group": {
        "Welcome and safety": (_C,), "Grounding": (_N,), "Check-in round": (_C,),
        "Sharing and support": (_C, _G), "What helps when things are hard": (_L, _G),
        "Grounding and check-out": (_N, _C),
    },
    "Walk and talk": {
        "Meet and welcome": (_C,), "Walk and talk": (_A, _N, _C), "Halfway stop: noticing": (_N,),
        "Walk back together": (_A, _C), "Cuppa and check-out": (_C,),
    },
    "Group supervision (Proctor)": {
        "Check-in": (_C,), "Case discussion": (_L, _G), "Second case or themed learning": (_L,),
        "Role and organisational issues": (_L,), "Check-out and actions": (_C,),
    },
    "Reflective practice (Gibbs)": {
        "Welcome and check-in": (_C,), "Description: what happened?": (_N,),
        "Feelings: what were you thinking and feeling?": (_N,),
        "Evaluation: what was good and not so good?": (_L,),
        "Analysis: what sense can we make of it?": (_L,),
        "Conclusion: what else could have been done?": (_L,),
        "Action plan: if it happened again?": (_L,), "Check-out": (_C,),
    },
    "Team time": {"Quick check-in": (_C,), "Wins and appreciations": (_G, _C), "Asks and actions": (_G,)},
    "Facilitator debrief": {"How was it for you?": (_N,), "Self-care": (_N,), "For supervision": (_L,)},
}


def _template(
    name: str,
    group_kind: GroupKind,
    description: str,
    segments: list[_SegmentSpec],
) -> Template:
    built = []
    for index, spec in enumerate(segments):
        title, minutes, kind, prompts, *rest = spec
        built.append(
            Segment(
                id=uuid5(BUILTIN_NAMESPACE, f"{name}#{index}"),
                title=title,
                minutes=minutes,
                kind=kind,
                optional=bool(rest and rest[0]),
                protected=_is_safety_segment(title, kind),
                prompts=list(prompts),
                five_ways=list(_FIVE_WAYS.get(name, {}).get(title, ())),
            )
        )
    return Template(
        id=uuid5(BUILTIN_NAMESPACE, name),
        name=name,
        group_kind=group_kind,
        description=description,
        builtin=True,
        segments=built,
    )


_K = SegmentKind

PEER_SUPPORT_GROUP = _template(
    "Peer support group",
    GroupKind.PEER_SUPPORT,
    "A 90-minute peer support group: welcome, agreement, a check-in round, a theme, "
    "a break, open sharing, check-out and signposting.",
    [
        (
            "Welcome",
            5,
            _K.WELCOME,
            [
                "Welcome, everyone. It's good to see you here today.",
                "If this is your first time, you're very welcome. You can join in as much or "
                "as little as you like, and it's fine just to listen.",
            ],
        ),
        (
            "Group agreement",
            5,
            _K.AGREEMENT,
            [
                "Let's look at our group agreement together. Is there anything we'd like to "
                "add or change?",
                "A reminder: what's shared here stays here, unless someone is at risk of "
                "serious harm. If that happens I'll always try to talk with you first.",
            ],
        ),
        (
            "Check-in round",
            15,
            _K.CHECK_IN,
            [
                "Let's go round: your name, and one word for how you're arriving today.",
                "What's one thing that has helped you get through this week, however small?",
                "You're welcome to pass; just say 'pass' and we'll move on.",
            ],
        ),
        (
            "Theme",
            25,
            _K.THEME,
            [
                "Today's theme is on the screen. What does it bring up for you?",
                "What has helped you with this in the past, and what got in the way?",
                "What would you want someone new to this to know?",
            ],
        ),
        (
            "Break",
            10,
            _K.BREAK,
            [
                "Let's take a ten-minute break. Tea and coffee are out; please be back by the "
                "time on the clock.",
            ],
            True,
        ),
        (
            "Open sharing",
            15,
            _K.SHARING,
            [
                "This is open time. Is there anything anyone would like to bring to the group?",
                "Has anything come up from the first half that you'd like to go back to?",
            ],
        ),
        (
            "Check-out",
            10,
            _K.CHECK_OUT,
            [
                "One thing you're taking away from today?",
                "What's one kind thing you'll do for yourself before we meet again?",
            ],
        ),
        (
            "Close with signposting",
            5,
            _K.CLOSE,
            [
                "Thank you all for coming and for what you shared today.",
                "If you need support before we meet again, the signposting list has who you "
                "can contact, day or night.",
                "I'll stay for a few minutes afterwards if anyone would like a word.",
            ],
        ),
    ],
)

CRISIS_PEER_SUPPORT_GROUP = _template(
    "Crisis peer support group",
    GroupKind.PEER_SUPPORT,
    "A shorter, gentler hour for people going through a hard time: grounding at the start "
    "and end, plenty of room for support, and signposting to help that is there day and night.",
    [
        (
            "Welcome and safety",
            5,
            _K.WELCOME,
            [
                "Welcome. You've done something hard by coming today, and we're glad you're here.",
                "If at any point you need to step out, that's fine. One of us will check in "
                "with you.",
            ],
        ),
        (
            "Group agreement",
            5,
            _K.AGREEMENT,
            [
                "Our agreement keeps this a safe space. Can we all agree to it for today?",
                "What's shared stays in the group, unless someone is at risk of serious harm. "
                "Then we may need to involve the right people, and we'll talk with you first.",
            ],
        ),
        (
            "Grounding",
            5,
            _K.CHECK_IN,
            [
                "Let's take a moment to land. Feel your feet on the floor and take a slow "
                "breath in, and out.",
                "Notice five things you can see, four you can hear, three you can touch.",
            ],
        ),
        (
            "Check-in round",
            10,
            _K.CHECK_IN,
            [
                "How are you arriving today, on a scale from stormy to calm?",
                "Is there anything you need from the group today?",
            ],
        ),
        (
            "Sharing and support",
            20,
            _K.SHARING,
            [
                "Who would like some time today?",
                "Has anyone been through something similar and would like to share what "
                "helped them?",
                "What would feel supportive right now: listening, ideas, or just company?",
            ],
        ),
        (
            "What helps when things are hard",
            5,
            _K.THEME,
            [
                "What's one thing that helps you get through the hardest moments?",
                "Who could you reach out to this week if you needed to?",
            ],
        ),
        (
            "Grounding and check-out",
            5,
            _K.CHECK_OUT,
            [
                "Let's breathe together once more before we finish.",
                "How are you leaving today, compared with how you arrived?",
            ],
        ),
        (
            "Signposting and close",
            5,
            _K.CLOSE,
            [
                "Before we go: the signposting list has numbers that are there 24 hours a day.",
                "If you'd like to talk with one of us before you leave, we'll stay behind.",
                "Thank you for being here. We'll see you next week.",
            ],
        ),
    ],
)

WALK_AND_TALK = _template(
    "Walk and talk",
    GroupKind.PEER_SUPPORT,
    "An informal hour outdoors: meet, agree the route and pace, walk and talk side by side, "
    "then a warm drink and a check-out.",
    [
        (
            "Meet and welcome",
            5,
            _K.WELCOME,
            [
                "Welcome, everyone. Has everyone got what they need for the weather?",
                "Let's say our names as we set off.",
            ],
        ),
        (
            "Walking agreement",
            5,
            _K.AGREEMENT,
            [
                "We'll go at the pace of the slowest walker, and nobody gets left behind.",
                "What's shared on the walk stays with the group, unless someone is at risk of "
                "serious harm.",
                "Today's route is about an hour with a bench stop halfway. Is that all right "
                "for everyone?",
            ],
        ),
        (
            "Walk and talk",
            20,
            _K.SHARING,
            [
                "Walk with whoever you like. You can talk, or just walk together.",
                "What's been on your mind this week?",
            ],
        ),
        (
            "Halfway stop: noticing",
            5,
            _K.THEME,
            [
                "Let's pause here. What's one thing you've noticed on the walk so far?",
                "How does your body feel now, compared with when we started?",
            ],
        ),
        (
            "Walk back together",
            15,
            _K.SHARING,
            [
                "On the way back, maybe walk with someone you haven't talked to yet.",
                "What's something you're looking forward to?",
            ],
        ),
        (
            "Cuppa and check-out",
            10,
            _K.CHECK_OUT,
            [
                "One word for how you're feeling after the walk?",
                "Anything you'd like to do differently next time, or a route to suggest?",
                "Signposting details are on the card if you'd like one.",
            ],
        ),
    ],
)

GROUP_SUPERVISION_PROCTOR = _template(
    "Group supervision (Proctor)",
    GroupKind.SUPERVISION,
    "Monthly group supervision for Peer Support Workers, following Proctor's model: "
    "normative (agreements, actions, role), formative (case discussion, learning) and "
    "restorative (check-in, check-out).",
    [
        (
            "Check-in",
            10,
            _K.CHECK_IN,
            [
                "How are you arriving today, and how has work been since we last met?",
                "Is there anything you need to put down before we start?",
            ],
        ),
        (
            "Agreement and last actions",
            5,
            _K.ACTIONS_REVIEW,
            [
                "A reminder of our supervision agreement: confidentiality and its limits, "
                "respect, and being honest about what's hard.",
                "Let's go through the actions from last time. What's done, and what's still open?",
            ],
        ),
        (
            "Bidding round",
            5,
            _K.THEME,
            [
                "Who would like time today, and roughly how much?",
                "Is anything urgent, so we take it first?",
            ],
        ),
        (
            "Case discussion",
            35,
            _K.CASE_DISCUSSION,
            [
                "Tell us about the situation, without names. What would you like from the group?",
                "What did you notice in yourself at the time?",
                "What might a peer support approach look like here, and where are the "
                "boundaries of the role?",
            ],
        ),
        (
            "Second case or themed learning",
            20,
            _K.CASE_DISCUSSION,
            [
                "Is there a second situation someone would like to bring?",
                "Or a theme for shared learning: what have we learned about it from our own "
                "experience?",
            ],
            True,
        ),
        (
            "Role and organisational issues",
            5,
            _K.THEME,
            [
                "Is anything happening in the team or the service that affects your role?",
                "Is there anything we need to take to the manager on our behalf?",
            ],
        ),
        (
            "Check-out and actions",
            10,
            _K.CHECK_OUT,
            [
                "What are you taking away from today?",
                "What actions have we agreed, and who owns each one?",
                "What will you do to look after yourself this week?",
            ],
        ),
    ],
)

REFLECTIVE_PRACTICE_GIBBS = _template(
    "Reflective practice (Gibbs)",
    GroupKind.REFLECTIVE_PRACTICE,
    "A reflective practice group that walks one shared experience through Gibbs' six "
    "stages: description, feelings, evaluation, analysis, conclusion, action plan.",
    [
        (
            "Welcome and check-in",
            5,
            _K.CHECK_IN,
            [
                "Welcome. A quick round: how are you today, in a sentence?",
                "A reminder that this is a space to think, not to judge, and what we share "
                "stays here unless someone is at risk of serious harm.",
            ],
        ),
        (
            "Description: what happened?",
            10,
            _K.CASE_DISCUSSION,
            [
                "Who would like to bring an experience? Tell us what happened, without names.",
                "Where were you, who was involved, and what did you do?",
            ],
        ),
        (
            "Feelings: what were you thinking and feeling?",
            10,
            _K.SHARING,
            [
                "What were you thinking and feeling at the time?",
                "What are you feeling now, telling us about it?",
            ],
        ),
        (
            "Evaluation: what was good and not so good?",
            10,
            _K.CASE_DISCUSSION,
            [
                "What went well, and what didn't go so well?",
                "What did other people contribute to how it went?",
            ],
        ),
        (
            "Analysis: what sense can we make of it?",
            15,
            _K.THEME,
            [
                "Why do we think it went the way it did?",
                "What do our own lived experience, our values and the peer role tell us "
                "about it?",
                "Has anyone in the group been somewhere similar?",
            ],
        ),
        (
            "Conclusion: what else could have been done?",
            5,
            _K.THEME,
            [
                "What have we learned from this?",
                "What else could have been done, by you or by others?",
            ],
        ),
        (
            "Action plan: if it happened again?",
            10,
            _K.ACTIONS_REVIEW,
            [
                "If this happened again, what would you do?",
                "What support or learning would help, and who will take that forward?",
            ],
        ),
        (
            "Check-out",
            5,
            _K.CHECK_OUT,
            [
                "One thing you're taking from today's reflection?",
                "How will you look after yourself after this session?",
            ],
        ),
    ],
)

TEAM_TIME = _template(
    "Team time",
    GroupKind.PEER_SUPPORT,
    "Fifteen minutes for the peer support team: a quick check-in, appreciations, the week "
    "ahead and any asks.",
    [
        (
            "Quick check-in",
            3,
            _K.CHECK_IN,
            ["One word for how you are today?"],
        ),
        (
            "Wins and appreciations",
            4,
            _K.SHARING,
            [
                "What's gone well this week, however small?",
                "Is there someone you'd like to thank?",
            ],
        ),
        (
            "The week ahead",
            3,
            _K.THEME,
            [
                "What's coming up: groups, cover, training, leave?",
            ],
        ),
        (
            # services/team_time.py adds the planned sessions short of one when this is planned.
            "Groups short of a facilitator",
            2,
            _K.THEME,
            [
                "Which of these sessions can someone cover?",
            ],
        ),
        (
            "Asks and actions",
            3,
            _K.ACTIONS_REVIEW,
            [
                "Does anyone need anything from the team?",
                "What have we agreed, and who is doing it?",
            ],
        ),
    ],
)

FACILITATOR_DEBRIEF = _template(
    "Facilitator debrief",
    GroupKind.PEER_SUPPORT,
    "A short, kind debrief for facilitators straight after a group: how it was, anything to "
    "escalate, self-care, and what to take to supervision.",
    [
        (
            "How was it for you?",
            5,
            _K.DEBRIEF,
            [
                "How was that group for you?",
                "What went well, and what felt hard?",
            ],
        ),
        (
            "Anything to escalate?",
            3,
            _K.DEBRIEF,
            [
                "Did anything come up that needs passing on today, or recording as a concern?",
                "Is there anyone we should follow up with before next week?",
            ],
        ),
        (
            "Self-care",
            4,
            _K.DEBRIEF,
            [
                "What do you need now, before you go back to work or home?",
                "What will you do this evening that's just for you?",
            ],
        ),
        (
            "For supervision",
            3,
            _K.DEBRIEF,
            [
                "Is there anything from today you'd like to take to supervision?",
            ],
        ),
    ],
)

RECOVERY_COLLEGE_COURSE = _template(
    "Recovery College course session",
    GroupKind.COURSE,
    "A two-hour co-produced course session: welcome, agreement, a check-in, the learning of "
    "the day in two parts with a break, trying it out together, and a close with signposting.",
    [
        ("Welcome and housekeeping", 10, _K.WELCOME, [
            "Welcome, everyone. This course is co-produced: we all bring expertise, from "
            "training and from lived experience.",
        ]),
        ("Learning agreement", 5, _K.AGREEMENT, [
            "How do we want to learn together? What helps you feel safe to take part?",
            "Share as much or as little as you like; passing is always fine.",
        ]),
        ("Check-in round", 15, _K.CHECK_IN, [
            "What brought you here today, and what would you like to take away?",
        ]),
        ("Today's learning, part one", 30, _K.THEME, [
            "What do you already know about this from your own experience?",
        ]),
        ("Break", 15, _K.BREAK, ["A break: back in fifteen minutes."], True),
        ("Today's learning, part two", 25, _K.THEME, [
            "What stands out for you so far?",
        ]),
        ("Trying it out together", 10, _K.SHARING, [
            "How could you use this in your own recovery or wellbeing this week?",
        ]),
        ("Close, next session and signposting", 10, _K.CLOSE, [
            "What is one thing you will take from today?",
            "Where to find support between sessions: the signposting list.",
        ]),
    ],
)

#: Every built-in template, in the order they are offered.
BUILTIN_TEMPLATES: tuple[Template, ...] = (
    PEER_SUPPORT_GROUP,
    CRISIS_PEER_SUPPORT_GROUP,
    WALK_AND_TALK,
    GROUP_SUPERVISION_PROCTOR,
    REFLECTIVE_PRACTICE_GIBBS,
    TEAM_TIME,
    FACILITATOR_DEBRIEF,
    RECOVERY_COLLEGE_COURSE,
)

_BY_ID = {template.id: template for template in BUILTIN_TEMPLATES}
_BY_NAME = {template.name.casefold(): template for template in BUILTIN_TEMPLATES}

_DEFAULTS = {
    GroupKind.PEER_SUPPORT: PEER_SUPPORT_GROUP,
    GroupKind.SUPERVISION: GROUP_SUPERVISION_PROCTOR,
    GroupKind.REFLECTIVE_PRACTICE: REFLECTIVE_PRACTICE_GIBBS,
    GroupKind.COURSE: RECOVERY_COLLEGE_COURSE,
}


def builtin_template(name_or_id: str | UUID) -> Template | None:
    """A copy of the built-in template with this name (any case) or id, or None.

    ``name_or_id`` may be a :class:`~uuid.UUID`, a UUID string, or a template name. The
    copy is deep, so editing it (for example to make a group's own agenda) leaves the
    built-in untouched.
    """
    found: Template | None = None
    if isinstance(name_or_id, UUID):
        found = _BY_ID.get(name_or_id)
    else:
        text = name_or_id.strip()
        found = _BY_NAME.get(text.casefold())
        if found is None:
            try:
                found = _BY_ID.get(UUID(text))
            except ValueError:
                found = None
    return None if found is None else found.model_copy(deep=True)


def default_template_for(kind: GroupKind) -> Template:
    """A copy of the built-in template a new group of this kind starts with.

    Peer support groups get "Peer support group", supervision groups "Group supervision
    (Proctor)" and reflective practice groups "Reflective practice (Gibbs)".
    """
    return _DEFAULTS[GroupKind(kind)].model_copy(deep=True)
