#!/usr/bin/env python3
"""Generate the demo data set, ``fixtures/demo.json``.

    python scripts/make_demo.py            write fixtures/demo.json
    python scripts/make_demo.py --check    regenerate in memory; exit 1 if the file differs
    python scripts/make_demo.py -o FILE    write somewhere else

The output is deterministic: every choice comes from ``random.Random(SEED)`` and every id
from a separate seeded generator (random-looking version-4 UUIDs that are the same on every
run), so the file only changes when this script does.

What it builds (a :class:`psw_tui.models.Bundle`, anchored on Friday 2026-11-20):

* five groups (three peer support groups, group supervision and a reflective practice circle)
  with a group agreement stating the limits of confidentiality, a signposting list, a bank
  of check-in questions and a built-in template as their default agenda;
* rosters of fictional first or chosen names;
* a term of ended sessions over the twelve weeks before the anchor (weekly, fortnightly or
  every four weeks), each with its agenda copied from the template, a timing log with
  realistic overruns and the odd pause, a register, anonymous notes and the facilitator's
  own notes, actions, a debrief, and now and then a concern (what was done and who it went
  to, never what was said);
* one or two planned sessions per group in the two weeks after the anchor;
* a PSW's reflections in Gibbs, Driscoll and free form, some linked to sessions.

The file is the same whatever the date; the app lays it out around the moment it is opened
(``psw_tui.services.demo_layout``): dates move by whole weeks so every group keeps its
weekday, sessions from today on are planned rather than run, no timestamp is later than
now, and exactly one session is planned for today. Any run session of the last week, or
a group's next planned one, may become today's, so each of those has a check-in question.

Built-in templates are not written into the bundle: they ship with psw-tui and are seeded
into every store with stable ids, which the groups and sessions here refer to.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Generic, TypeVar

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from psw_tui.models import (  # noqa: E402
    Action,
    ActionStatus,
    AnonymousNote,
    Attendance,
    Bundle,
    Concern,
    ConcernKind,
    Debrief,
    DriscollReflection,
    FacilitatorNote,
    FreeReflection,
    GibbsReflection,
    Group,
    GroupKind,
    Member,
    MemberRole,
    NoteKind,
    Pause,
    RegisterEntry,
    RegisterKind,
    Segment,
    SegmentKind,
    SegmentRun,
    Session,
    SessionBundle,
    SessionStatus,
    Template,
)
from psw_tui.services.builtin_templates import builtin_template  # noqa: E402

SEED = 20261120
ANCHOR = date(2026, 11, 20)  # a Friday: the demo's "this week"
TERM_WEEKS = 12
PLAN_AHEAD_DAYS = 14
OUTPUT = ROOT / "fixtures" / "demo.json"
EXPORTED_AT = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)

#: Words that must never appear in the demo (peer support is not clinical work).
CLINICAL_WORDS = (
    "patient",
    "patients",
    "symptom",
    "symptoms",
    "diagnosis",
    "diagnosed",
    "disorder",
    "treatment",
    "medication",
    "psychosis",
    "psychotic",
    "schizophrenia",
    "illness",
    "clinical",
)

T = TypeVar("T")

# ---------------------------------------------------------------------------------------
# Text pools
# ---------------------------------------------------------------------------------------

CONFIDENTIALITY = (
    "- What's shared in the group stays in the group. The one exception: if someone is at "
    "risk of serious harm, or someone else is, the facilitator may need to share that with "
    "the right people to keep everyone safe. If that happens, we will always try to talk "
    "with the person first."
)

SIGNPOSTING_CORE = (
    "Samaritans: 116 123, free, 24 hours",
    "Shout: text SHOUT to 85258, free, 24 hours",
    "NHS 111, option 2 for urgent mental health help",
    "Riverside 24-hour crisis line: 0808 157 0192",
)


@dataclass(frozen=True)
class Pools:
    """The texts one kind of group draws its notes, actions and debriefs from."""

    contributions: tuple[str, ...]
    themes: tuple[tuple[str, tuple[str, ...]], ...]
    parking: tuple[str, ...]
    signposts: tuple[str, ...]
    facilitator_notes: tuple[str, ...]
    # (text, who owns it: "facilitator", "co", "member", or None)
    actions: tuple[tuple[str, str | None], ...]
    how_was_it: tuple[str, ...]
    for_supervision: tuple[str, ...]


SELF_CARE = (
    "Walk home the long way and a proper lunch.",
    "Ten minutes outside before the next meeting.",
    "Early night, phone off.",
    "A cuppa and a chat with my co-facilitator before writing anything up.",
    "Music on the way home, loud.",
    "Swim after work; it always clears my head.",
    "Cook something nice and leave the laptop closed.",
    "Text a friend and arrange something for the weekend.",
    "Sit in the car for five minutes before driving off.",
    "Yoga video tonight and a bath.",
    "Finish on time today. No checking emails this evening.",
)

PEER_POOLS = Pools(
    contributions=(
        "Someone shared that giving their voices names made them feel less frightening.",
        "A member said the group is the one place in the week they don't have to explain "
        "themselves.",
        "Keeping a notebook on difficult days helped one person notice what makes things "
        "louder and what makes them quieter.",
        "Several people agreed that being believed matters more than being fixed.",
        "Music through headphones helps when things get loud on the bus.",
        "Someone has started setting limits with a critical voice: 'not now, later'.",
        "A member described the relief of telling a family member about their experiences "
        "for the first time.",
        "Walking to the group is part of the routine that keeps the week steady.",
        "Someone said the group helped them see voices as something they experience, not "
        "who they are.",
        "Mornings are hardest; having one small plan for each morning helps.",
        "A member finished a recovery college course and felt proud of it.",
        "People talked about how tiring it is to hide things at work.",
        "One person has been able to go to the supermarket on their own again.",
        "Someone said a kind voice had come back and they had missed it.",
        "The darker evenings affect people's mood; lamps, routines and company help.",
        "A member said they felt listened to today and that it mattered.",
        "Someone talked about the difference between being alone and being lonely.",
        "Volunteering one morning a week has given someone a reason to get up.",
        "A member said it helped to hear that others have good days and bad days too.",
        "Someone shared a breathing exercise they use before phone calls.",
        "People spoke about stigma from neighbours and how they respond to it.",
        "A member said hope for them is 'one more good day than last month'.",
    ),
    themes=(
        ("Being believed", ("being believed",)),
        ("Loneliness at weekends", ("loneliness",)),
        ("Money worries and the cost of living", ("money",)),
        ("Being kind to ourselves", ("self-compassion",)),
        ("Family and being understood", ("family",)),
        ("Routines that help", ("routine",)),
        ("Stigma and speaking up", ("stigma",)),
        ("Hope", ("hope",)),
        ("Sleep and rest", ("rest",)),
        ("Friendship and connection", ("connection",)),
    ),
    parking=(
        "Could we have a session on talking with family about voices?",
        "Ask about a quieter room: the corridor is noisy on Tuesdays.",
        "Idea: a shared playlist of songs that help.",
        "Would people like a social in December?",
        "Find out about the recovery college's creative writing course.",
        "Ask whether an evening group could run as well.",
        "Could the group have a session on benefits assessments?",
    ),
    signposts=(
        "Recovery college prospectus handed out: the 'Understanding voices' course starts "
        "in January.",
        "Hearing Voices Network website and its online groups.",
        "Citizens Advice for help with benefits forms.",
        "Safe Haven café opening hours: evenings, drop in, no referral needed.",
        "Community pantry and food bank details.",
        "Shout text service, for people who'd rather not phone.",
        "Riverside carers' centre, for family members who want support too.",
        "Peer-led art group on Thursday afternoons at the library.",
        "Samaritans: 116 123, free, any time.",
        "Mind Infoline for information on rights and local services.",
    ),
    facilitator_notes=(
        "Noticed I was talking more than usual in the theme; hold back next time and let "
        "the silence work.",
        "Room too warm. Open a window before we start next week.",
        "Good energy today. Two of the newer members spoke for the first time.",
        "Felt tired going in; keep an eye on my own energy on Tuesdays.",
        "The check-in overran because people needed it. I think that was the right call.",
        "One member seemed quieter than usual; offered a word at the end.",
        "Co-facilitation worked well: we took turns with the clock.",
        "Someone arrived upset; the group made space without being asked. Lovely to see.",
        "I shared a little of my own story when asked. Felt OK; kept it short and relevant.",
        "The theme landed well. Worth coming back to in a few weeks.",
    ),
    actions=(
        ("Bring recovery college prospectuses to the next session", "facilitator"),
        ("Book the larger room for the December session", "facilitator"),
        ("Start the shared playlist and bring it next week", "member"),
        ("Ask the building manager about a quieter room", "co"),
        ("Print new signposting cards with the updated crisis line number", "facilitator"),
        ("Ask the team manager about travel expenses for members", "facilitator"),
        ("Find out dates of the next Hearing Voices Network training", "co"),
        ("Bring the voice diary template to share with the group", "member"),
        ("Put the group dates for the new year on the noticeboard", "co"),
        ("Find a speaker from the benefits advice service", None),
    ),
    how_was_it=(
        "A good group. People were warm with each other.",
        "Harder than usual: the room was quiet and I felt I was working to fill the space.",
        "Busy, with a couple of new faces. Went well overall.",
        "Tired but glad I went. The check-in said a lot.",
        "A lighter session with lots of laughter.",
        "An emotional group today; I think it was needed.",
        "Steady. Nothing dramatic, and the theme got people talking.",
        "Felt rushed at the end; we need to start the check-out earlier.",
    ),
    for_supervision=(
        "How much of my own experience to share when asked directly.",
        "Managing a group when one person talks a lot.",
        "Feeling responsible for people between sessions.",
        "Whether to change the theme when the room wants something else.",
    ),
)

CRISIS_POOLS = Pools(
    contributions=(
        "Someone said just getting out of the house today was a big step.",
        "A member said calling a helpline last week helped them get through the night.",
        "People talked about how lonely the early hours can be.",
        "Hearing other people's stories made someone feel less alone.",
        "A grounding idea from the room: holding something cold, like an ice cube.",
        "Writing a list of people they can call has helped one person.",
        "Staying with a friend for a few days helped someone through a hard week.",
        "People spoke about how hard it is to ask for help, and that it gets easier.",
        "Someone wants to come back next week, which they hadn't expected.",
        "Small routines (a shower, a short walk, a meal) are what got one person through.",
        "Money worries build up at night; talking about them in daylight helps.",
        "Someone was proud of themselves for reaching out.",
        "Breathing together at the start helped people settle.",
        "A member said the group felt like a safe place to land this week.",
        "Someone said they had started to notice the early signs of a bad patch.",
        "People shared what they say to themselves when things feel too much.",
    ),
    themes=(
        ("Getting through the nights", ("nights",)),
        ("Asking for help", ("asking for help",)),
        ("Grounding", ("grounding",)),
        ("Feeling less alone", ("connection",)),
        ("Small steps", ("hope",)),
        ("Money worries", ("money",)),
        ("Hope", ("hope",)),
        ("The festive season coming up", ("festive season",)),
    ),
    parking=(
        "Could we have a list of late-night cafés and safe spaces?",
        "Ask about bus fares being paid back for members.",
        "A session on getting through the festive season.",
        "Find out if the group can continue online over the holidays.",
        "Could there be a follow-on group for people feeling steadier?",
    ),
    signposts=(
        "Samaritans: 116 123, free, 24 hours.",
        "Shout: text SHOUT to 85258.",
        "Riverside 24-hour crisis line repeated at the close.",
        "Safe Haven café, evenings, no referral needed.",
        "NHS 111, option 2, for urgent help out of hours.",
        "Citizens Advice money and debt line.",
        "Grounding cards handed out for people to take home.",
    ),
    facilitator_notes=(
        "Heavy group. Glad there were two of us.",
        "Kept the grounding longer at the start; the room needed it.",
        "Checked in with one member at the break; they were OK to carry on.",
        "I noticed my own shoulders up by my ears. Breathe.",
        "Quieter tonight. Fewer people, but the ones who came used the time well.",
        "Good moment when a long-standing member welcomed a newer one.",
        "We ran over at the close because someone needed a few more minutes. Fine.",
        "Lots of hope in the room tonight, which doesn't always happen here.",
    ),
    actions=(
        ("Put together a list of late-night safe spaces", "facilitator"),
        ("Check whether the group can meet online over the holidays", "co"),
        ("Ask about bus fare reimbursement", "facilitator"),
        ("Bring grounding cards to hand out", "co"),
        ("Share the Safe Haven café leaflet with the group", "member"),
        ("Update the signposting sheet with the new crisis line hours", "facilitator"),
        ("Find out about the follow-on group idea", None),
    ),
    how_was_it=(
        "A heavy group, but people supported each other really well.",
        "Calmer than last week. The grounding helped everyone, me included.",
        "Hard. I'm glad we had time to debrief straight away.",
        "Small group; felt very connected.",
        "There was real hope in the room tonight.",
        "Busy and a bit chaotic at the start, settled after the check-in.",
    ),
    for_supervision=(
        "Staying calm when someone is very distressed.",
        "What I carry home after the crisis group.",
        "Knowing when to involve other services and when to hold.",
    ),
)

WALK_POOLS = Pools(
    contributions=(
        "Being outside made it easier to talk than sitting face to face.",
        "Someone hadn't been to the park since the summer and had missed it.",
        "People swapped favourite walks and places to sit.",
        "Walking side by side felt less intense than a group in a room.",
        "Someone takes photos on walks as a way to notice small things.",
        "The cold was bracing; one person said it woke them up in a good way.",
        "For one member the walk was the first real conversation of the week.",
        "Someone has started walking to the shop instead of taking the bus.",
        "People talked about how autumn affects how they feel.",
        "The halfway stop was a favourite: just sitting and watching the water.",
        "A member said moving helps when their thoughts are racing.",
        "Someone said it felt good to be part of something again.",
        "People talked about what they'd like to try next: a longer route, a café stop.",
    ),
    themes=(
        ("Noticing small things", ("noticing",)),
        ("Moving for wellbeing", ("movement",)),
        ("Seasons and mood", ("seasons",)),
        ("Getting out of the house", ("small steps",)),
        ("Company without pressure", ("connection",)),
    ),
    parking=(
        "Try the canal route next time.",
        "Could we plan a step-free route so everyone can come?",
        "A winter route with a café stop halfway.",
        "Flask rota for hot drinks.",
        "Could we have a longer walk once a month?",
    ),
    signposts=(
        "Park walking group on Saturday mornings, free, all paces.",
        "Green gym volunteering: outdoor conservation sessions.",
        "Recovery college 'Walking for wellbeing' course.",
        "Samaritans: 116 123, free, 24 hours.",
        "Leisure centre concession scheme.",
    ),
    facilitator_notes=(
        "Good pace today; nobody left behind.",
        "Rain at the halfway stop. We sheltered under the bandstand and carried on.",
        "Nice to see people pairing up with someone new on the way back.",
        "Shorter route than planned because of the mud. Check the path next time.",
        "One person struggled on the hill; plan a flatter route.",
        "Lots of laughter. Walk and talk at its best.",
    ),
    actions=(
        ("Plan a step-free route for next time", "facilitator"),
        ("Bring a flask and cups", "member"),
        ("Check the weather and text the group if we need the indoor plan", "facilitator"),
        ("Share the canal route map", "member"),
        ("Find out about the park walking group", None),
    ),
    how_was_it=(
        "Lovely walk. The fresh air did everyone good, me included.",
        "Wet and muddy but people stayed cheerful.",
        "Quieter group; good conversations in pairs.",
        "Went well. It's good to see people's confidence growing.",
        "A bit stretched looking after the back and the front of the group on my own.",
    ),
    for_supervision=(
        "Lone facilitating outdoors: what if someone needs to stop?",
        "Keeping boundaries when the setting is informal.",
    ),
)

SUPERVISION_POOLS = Pools(
    contributions=(
        "Holding hope for someone when they can't hold it for themselves is part of the "
        "role, and it can be heavy.",
        "Using lived experience on purpose: sharing what helps the other person, not what "
        "helps us.",
        "It's all right to say 'I don't know, let's find out together'.",
        "Endings matter: plan a good ending from the first meeting.",
        "Someone noticed they had slipped into fixing rather than walking alongside.",
        "Being the only peer worker in a team meeting, and finding a voice there.",
        "Writing notes in the person's own words keeps them at the centre.",
        "Checking in with ourselves before and after a hard conversation.",
        "Being clear at the start about what we can and can't keep confidential makes "
        "later conversations easier.",
        "Noticing when our own experience is being stirred up, and bringing it here.",
        "Mutuality does not mean having no boundaries.",
        "Sometimes the most useful thing is to stay with someone in not knowing.",
    ),
    themes=(
        ("Boundaries and friendship requests", ("boundaries",)),
        ("Using lived experience safely", ("lived experience",)),
        ("Endings", ("endings",)),
        ("Peer values in a busy team", ("peer values",)),
        ("Workload and saying no", ("workload",)),
        ("Confidentiality and its limits", ("confidentiality",)),
    ),
    parking=(
        "Lone working guidance for home visits: ask the team manager.",
        "Training on using lived experience safely: who runs it next?",
        "Recording standards for peer support notes.",
        "How we cover groups when someone is off sick.",
    ),
    signposts=(
        "Employee assistance programme details re-shared.",
        "Staff wellbeing hub: drop-in sessions on Wednesdays.",
        "Freedom to Speak Up guardian contact details.",
        "Lived experience practitioners' network meets online monthly.",
    ),
    facilitator_notes=(
        "Good use of the bidding round; everyone got some time.",
        "The case discussion stayed with the supervisee's experience rather than advice. Good.",
        "Restorative side needed more time today; people are tired.",
        "Noticed the group rushing to reassure. Named it gently.",
        "Strong peer values in the room; the team is finding its feet.",
    ),
    actions=(
        ("Ask the team manager about lone working guidance", "facilitator"),
        ("Circulate the article on using lived experience on purpose", "member"),
        ("Book a place on the safeguarding refresher", "member"),
        ("Draft a one-page guide on writing peer support notes", "member"),
        ("Raise group cover arrangements at the team meeting", "facilitator"),
        ("Share the Proctor model handout with new starters", "facilitator"),
    ),
    how_was_it=(
        "Rich discussion. The team is getting more confident bringing hard things.",
        "Tired group; the restorative side mattered most today.",
        "Good balance of case work and learning.",
        "Felt a bit rushed; one case needed more time.",
    ),
    for_supervision=(
        "Take to my own supervision: how I hold the group's tiredness.",
        "",
    ),
)

REFLECTIVE_POOLS = Pools(
    contributions=(
        "Naming the feeling in the moment helped make sense of what happened next.",
        "We judge ourselves much more harshly than we would judge a colleague.",
        "Several people related to feeling out of their depth in the first month in post.",
        "Thinking about what the other person might have needed changed how the situation "
        "looked.",
        "The difference between being friendly and being a friend.",
        "Reflection is easier with others than alone at the end of a long day.",
        "Someone said writing it down first helped them bring it to the group.",
        "What looked like a mistake was also a moment of real connection.",
        "Our own recovery stories shape how we hear other people's.",
    ),
    themes=(
        ("Feeling out of our depth", ("confidence",)),
        ("Self-compassion at work", ("self-compassion",)),
        ("Mistakes and learning", ("learning",)),
        ("Boundaries", ("boundaries",)),
    ),
    parking=(
        "A future session on endings.",
        "Could we invite the new starters?",
        "Try Driscoll's model next month for a change.",
    ),
    signposts=(
        "Reflective writing workshop at the recovery college.",
        "Staff wellbeing hub: drop-in sessions on Wednesdays.",
        "Employee assistance programme, free and confidential.",
    ),
    facilitator_notes=(
        "Gibbs' stages gave the discussion a good shape today.",
        "The analysis stage opened up; worth giving it more time.",
        "Quiet start, but people warmed up by the feelings stage.",
    ),
    actions=(
        ("Choose an experience to bring next month", "member"),
        ("Share the Gibbs prompt sheet", "facilitator"),
        ("Invite the new starters to the next circle", "facilitator"),
    ),
    how_was_it=(
        "Thoughtful session. People were brave in what they brought.",
        "Good, though we ran short of time for the action plan.",
        "Gentle and honest. A good space.",
    ),
    for_supervision=("",),
)

AGREEMENT_PEER = """Our group agreement

- We listen to each other and take turns; one person speaks at a time.
- Everyone's experience is valid. We don't judge, and we don't tell each other what our experiences mean.
- We share from our own experience; we don't give each other advice unless it's asked for.
- It's fine to pass, to just listen, or to step out for a moment.
{confidentiality}
- Phones on silent, please; step out if you need to take a call.
- We look after ourselves and each other, during the group and after it.
- We can look at this agreement together and change it at any time."""

AGREEMENT_CRISIS = """Our group agreement

- This is a safe space. We treat each other with kindness and respect.
- We listen without judging and without trying to fix each other.
- You can share as much or as little as you want. Passing is always fine.
- If you need to step out, that's OK: one of the facilitators will check in with you.
{confidentiality}
- Please don't share details that could upset others, like methods or specific places.
- Before you leave, let us know if you'd like to talk. We stay behind after every group.
- We can review this agreement together at any time."""

AGREEMENT_WALK = """Our walking agreement

- We walk at the pace of the slowest walker. Nobody gets left behind.
- You can talk, or just walk. Both are welcome.
- We stick together at road crossings and wait at the gates.
{confidentiality}
- Tell a facilitator if you need to stop or head home early, so we know you're OK.
- If the weather is bad, we'll text by 10am with the indoor plan.
- We can change this agreement together at any time."""

AGREEMENT_SUPERVISION = """Supervision agreement

- This is protected time: phones away, and we start and finish on time.
- We bring situations without names or identifying details of the people we support.
- We offer each other curiosity, not judgement; it's safe to say what was hard.
{confidentiality} For supervision this includes safeguarding: where a situation meets the threshold, we agree together who will act and by when.
- Actions are recorded with an owner and reviewed at the next session.
- Supervision notes are kept securely and shared only as this agreement allows.
- We review this agreement every six months, or whenever anyone asks."""

AGREEMENT_REFLECTIVE = """Reflective practice agreement

- This is a space to think, not to be assessed.
- We bring experiences without names or details that could identify anyone.
- We listen with curiosity and take turns.
{confidentiality}
- We are kind to ourselves and each other about mistakes: they are how we learn.
- We can change this agreement together at any time."""


# ---------------------------------------------------------------------------------------
# The groups
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupPlan:
    """Everything needed to generate one group and its term of sessions."""

    name: str
    kind: GroupKind
    template: str
    pools: Pools
    weekday_time: time
    next_date: date  # the first planned session after the anchor
    every_weeks: int
    slot_minutes: int
    created_on: date
    agreement: str
    signposting: tuple[str, ...]
    question_bank: tuple[str, ...]
    roster: tuple[tuple[str, MemberRole], ...]
    walk_ins: tuple[str, ...] = ()
    guests: tuple[str, ...] = ()
    # Per-session subjects: used for the title and the theme segment, in date order.
    subjects: tuple[str, ...] = ()
    title_style: str = "plain"  # plain | subject (no dates: demo dates are shifted)
    subject_is_theme: bool = True  # also note the subject as a theme of the session
    planned_count: int = 2


HVG = GroupPlan(
    name="Tuesday Hearing Voices Group",
    kind=GroupKind.PEER_SUPPORT,
    template="Peer support group",
    pools=PEER_POOLS,
    weekday_time=time(14, 0),
    next_date=date(2026, 11, 24),
    every_weeks=1,
    slot_minutes=90,
    created_on=date(2024, 3, 5),
    agreement=AGREEMENT_PEER,
    signposting=(
        *SIGNPOSTING_CORE,
        "Hearing Voices Network: hearing-voices.org, with online groups",
        "Riverside Recovery College: free courses on wellbeing and recovery; prospectus at "
        "reception",
        "Safe Haven café, Mill Street: evenings 6pm to 11pm, drop in, no referral needed",
        "Citizens Advice: help with benefits, debt and housing",
    ),
    question_bank=(
        "What's one word for how you're arriving today?",
        "What's one thing that helped you get through this week?",
        "What's something small that made you smile recently?",
        "If your week were weather, what would it be?",
        "What's one thing you're looking forward to?",
        "What's something you did for yourself this week?",
        "Where do you feel most at ease?",
        "What would you like from the group today?",
    ),
    roster=(
        ("Juniper", MemberRole.FACILITATOR),
        ("Rowan", MemberRole.CO_FACILITATOR),
        ("Wren", MemberRole.MEMBER),
        ("Ash", MemberRole.MEMBER),
        ("Sparrow", MemberRole.MEMBER),
        ("Moss", MemberRole.MEMBER),
        ("Sorrel", MemberRole.MEMBER),
        ("Bramble", MemberRole.MEMBER),
        ("Pip", MemberRole.MEMBER),
        ("Tansy", MemberRole.MEMBER),
    ),
    walk_ins=("Ember",),
    guests=("Ola",),
    subjects=(
        "Making sense of voices in our own words",
        "Living alongside voices",
        "Hope and what keeps it going",
        "Being kind to ourselves",
        "Talking about voices with people close to us",
        "Strengths we forget we have",
        "Sleep and rest",
        "Dealing with stigma",
        "Connection and loneliness",
        "When the clocks go back",
        "Creativity and wellbeing",
        "What recovery means to me",
        "Getting through December",
        "Looking back on the year",
    ),
    title_style="subject",
)

CRISIS = GroupPlan(
    name="Crisis peer support group",
    kind=GroupKind.PEER_SUPPORT,
    template="Crisis peer support group",
    pools=CRISIS_POOLS,
    weekday_time=time(18, 0),
    next_date=date(2026, 11, 26),
    every_weeks=1,
    slot_minutes=60,
    created_on=date(2025, 1, 16),
    agreement=AGREEMENT_CRISIS,
    signposting=(
        *SIGNPOSTING_CORE,
        "Safe Haven café, Mill Street: evenings 6pm to 11pm, drop in, no referral needed",
        "Riverside Recovery College: free courses, including 'Coping with crisis'",
        "Citizens Advice money and debt line",
    ),
    question_bank=(
        "On a scale from stormy to calm, how are you arriving?",
        "What got you here today?",
        "What's one thing you need from the group tonight?",
        "What has helped, even a little, since last week?",
        "Who or what has been a comfort this week?",
        "What would make tonight feel worthwhile?",
    ),
    roster=(
        ("Rowan", MemberRole.FACILITATOR),
        ("Lark", MemberRole.CO_FACILITATOR),
        ("Kit", MemberRole.MEMBER),
        ("Fern", MemberRole.MEMBER),
        ("Quill", MemberRole.MEMBER),
        ("Hazel", MemberRole.MEMBER),
        ("Linnet", MemberRole.MEMBER),
        ("Marlow", MemberRole.MEMBER),
    ),
    walk_ins=("Tamsin",),
)

WALK = GroupPlan(
    name="Walk and talk",
    kind=GroupKind.PEER_SUPPORT,
    template="Walk and talk",
    pools=WALK_POOLS,
    weekday_time=time(11, 0),
    next_date=date(2026, 12, 2),
    every_weeks=2,
    slot_minutes=60,
    created_on=date(2025, 5, 7),
    agreement=AGREEMENT_WALK,
    signposting=(
        *SIGNPOSTING_CORE,
        "Riverside Recovery College: 'Walking for wellbeing' course",
        "Park walking group: Saturday mornings, free, all paces",
    ),
    question_bank=(
        "What's the weather like inside you today?",
        "What's one thing you noticed on your way here?",
        "Where's your favourite place to be outdoors?",
        "What's something that gave you energy this week?",
        "What would make today's walk a good one?",
    ),
    roster=(
        ("Juniper", MemberRole.FACILITATOR),
        ("Sparrow", MemberRole.MEMBER),
        ("Bramble", MemberRole.MEMBER),
        ("Clover", MemberRole.MEMBER),
        ("Indigo", MemberRole.MEMBER),
        ("Robin", MemberRole.MEMBER),
        ("Sage", MemberRole.MEMBER),
    ),
    guests=("Noor",),
    subjects=(
        "Canal towpath to the lock",
        "Round the park lake",
        "Riverside path to the old mill",
        "Up to the allotments and the viewpoint",
        "Cemetery gardens loop",
        "Old railway line",
        "Town centre loop with a café stop",
    ),
    title_style="subject",
    subject_is_theme=False,  # the subjects are routes
    planned_count=1,
)

SUPERVISION = GroupPlan(
    name="PSW group supervision",
    kind=GroupKind.SUPERVISION,
    template="Group supervision (Proctor)",
    pools=SUPERVISION_POOLS,
    weekday_time=time(10, 0),
    next_date=date(2026, 11, 30),
    every_weeks=4,
    slot_minutes=90,
    created_on=date(2024, 9, 2),
    agreement=AGREEMENT_SUPERVISION,
    signposting=(
        "Employee assistance programme: free and confidential, 24 hours (number on the "
        "staff intranet)",
        "Staff wellbeing hub: drop-in sessions on Wednesdays",
        "Freedom to Speak Up guardian",
        "Safeguarding lead: via the duty desk, or the on-call manager out of hours",
        "Samaritans: 116 123, free, 24 hours",
    ),
    question_bank=(
        "How has work been since we last met, in a sentence?",
        "What are you proud of this month?",
        "What's taking up most of your energy at the moment?",
        "What do you need from supervision today?",
    ),
    roster=(
        ("Marigold", MemberRole.SUPERVISOR),
        ("Juniper", MemberRole.SUPERVISEE),
        ("Rowan", MemberRole.SUPERVISEE),
        ("Lark", MemberRole.SUPERVISEE),
        ("Teasel", MemberRole.SUPERVISEE),
        ("Briar", MemberRole.SUPERVISEE),
        ("Saffron", MemberRole.SUPERVISEE),
    ),
    subjects=(
        "Boundaries and friendship requests",
        "Using lived experience on purpose",
        "Endings",
        "Lone working and staying safe",
        "Workload and wellbeing",
    ),
    title_style="subject",
    planned_count=1,
)

REFLECTIVE = GroupPlan(
    name="Reflective practice circle",
    kind=GroupKind.REFLECTIVE_PRACTICE,
    template="Reflective practice (Gibbs)",
    pools=REFLECTIVE_POOLS,
    weekday_time=time(13, 0),
    next_date=date(2026, 11, 25),
    every_weeks=4,
    slot_minutes=75,
    created_on=date(2025, 2, 4),
    agreement=AGREEMENT_REFLECTIVE,
    signposting=(
        "Employee assistance programme: free and confidential, 24 hours",
        "Staff wellbeing hub: drop-in sessions on Wednesdays",
        "Riverside Recovery College: reflective writing workshop",
    ),
    question_bank=(
        "What's on your mind as you arrive?",
        "What's one thing you've learned about yourself at work this month?",
        "What are you bringing with you today?",
    ),
    roster=(
        ("Lark", MemberRole.FACILITATOR),
        ("Juniper", MemberRole.MEMBER),
        ("Rowan", MemberRole.MEMBER),
        ("Teasel", MemberRole.MEMBER),
        ("Briar", MemberRole.MEMBER),
        ("Saffron", MemberRole.MEMBER),
        ("Yarrow", MemberRole.MEMBER),
    ),
    subjects=(
        "Feeling out of our depth",
        "An ending",
        "Mistakes and learning",
        "Being asked for more than the role",
        "Self-compassion at work",
    ),
    title_style="subject",
    planned_count=1,
)

GROUP_PLANS = (HVG, CRISIS, WALK, SUPERVISION, REFLECTIVE)

# Concerns across the term: (group, n-th ended session counted from the last, kind,
# action taken, escalated to). Never what was said.
CONCERNS = (
    (
        "Crisis peer support group",
        9,
        ConcernKind.RISK_TO_SELF,
        "Spoke with the person after group; agreed to contact their care coordinator together, "
        "and made the call with them before they left.",
        "Duty team",
    ),
    (
        "Tuesday Hearing Voices Group",
        6,
        ConcernKind.SAFEGUARDING_ADULT,
        "Talked with the person after group about what they had shared. With their agreement, "
        "raised a safeguarding concern and let the team manager know the same day.",
        "Adult safeguarding team",
    ),
    (
        "PSW group supervision",
        2,
        ConcernKind.SAFEGUARDING_CHILD,
        "A supervisee brought a situation about a child's welfare. We agreed it met the "
        "threshold; the supervisee phoned the safeguarding lead during the session, with the "
        "supervisor present.",
        "Safeguarding lead",
    ),
    (
        "Crisis peer support group",
        2,
        ConcernKind.RISK_TO_SELF,
        "Stayed with the person after group until they felt calmer. With their agreement, "
        "phoned the crisis line together and arranged for a friend to meet them.",
        "Riverside 24-hour crisis line",
    ),
)

# Who writes the reflections: the demo user.
REFLECTION_AUTHOR = "Juniper"


# ---------------------------------------------------------------------------------------
# Reflections (written by hand; linked sessions are found by group and position)
# ---------------------------------------------------------------------------------------

# Each: (model, written_on or (group, n-th ended session from the last, days after),
#        title, tags, fields)
REFLECTIONS: tuple[tuple[str, Any, str, tuple[str, ...], dict[str, str]], ...] = (
    (
        "gibbs",
        ("Tuesday Hearing Voices Group", 11, 0),
        "A group that went quiet",
        ("group dynamics", "silence", "facilitation"),
        {
            "description": "Halfway through the theme the group went quiet for a long time "
            "after someone shared something painful. I filled the silence with a question "
            "quite quickly and the conversation moved on.",
            "feelings": "Anxious and a bit exposed. I wanted to rescue the moment, for them "
            "and, honestly, for me.",
            "evaluation": "Good: the person was thanked and nobody was pushed to say more. "
            "Not so good: I think I cut short something the group might have held together.",
            "analysis": "Silence in a group is often people thinking, not discomfort. My own "
            "history makes silence feel like disapproval; that's mine to notice, not the "
            "group's to fix. The Hearing Voices approach values people speaking in their own "
            "time.",
            "conclusion": "I could have waited, or named the silence gently: 'Let's take a "
            "moment with that.'",
            "action_plan": "Count to ten before speaking after a heavy share. Agree a signal "
            "with my co-facilitator. Take it to supervision.",
        },
    ),
    (
        "driscoll",
        ("Tuesday Hearing Voices Group", 10, 1),
        "Overrunning the check-in",
        ("timekeeping", "facilitation"),
        {
            "what": "The check-in round ran nearly ten minutes over. Everyone had a lot to "
            "say after a hard week, and I let it run.",
            "so_what": "The theme got squeezed and we rushed the check-out, which is the bit "
            "that helps people leave well. But people clearly needed the check-in. Both "
            "things matter.",
            "now_what": "Next time, name it as it happens: 'We're running over; shall we make "
            "the check-in today's theme?' That makes it the group's choice, not mine.",
        },
    ),
    (
        "free",
        date(2026, 8, 30),
        "Why I do this work",
        ("lived experience", "hope", "values"),
        {
            "text": "Starting a new term tomorrow, so a note to myself. Ten years ago I sat in "
            "a group like the Tuesday one and said nothing for six weeks. Nobody made me. "
            "When I did speak, nobody tried to fix me either. That's the whole reason I do "
            "this. On hard days I want to remember that the job isn't to make people better; "
            "it's to make the room safe enough for people to find their own way, and to be "
            "living proof that things can change."
        },
    ),
    (
        "gibbs",
        ("Tuesday Hearing Voices Group", 6, 0),
        "Recording a concern for the first time this year",
        ("safeguarding", "confidentiality", "supervision"),
        {
            "description": "After group, someone told me something that meant I had to pass "
            "it on. I talked it through with them first, and we agreed what I'd share and "
            "with whom. I recorded the concern and let the manager know.",
            "feelings": "A knot in my stomach. Worried I'd damage the trust we'd built. "
            "Relieved afterwards that they understood why.",
            "evaluation": "The group agreement did its job: they'd heard the limits of "
            "confidentiality every week, so it wasn't a shock. I stayed calm and didn't make "
            "promises I couldn't keep.",
            "analysis": "Being open about the limits from the start is what makes moments "
            "like this survivable for the relationship. Talking with the person first kept "
            "them involved in what happened next.",
            "conclusion": "I did the right thing in the right order. I also need to let "
            "myself feel it afterwards rather than rushing on.",
            "action_plan": "Bring it to supervision. Check in with the person next week, "
            "gently. Book the safeguarding refresher.",
        },
    ),
    (
        "driscoll",
        date(2026, 9, 18),
        "When someone asked to be friends online",
        ("boundaries", "social media"),
        {
            "what": "A member sent me a friend request on social media after the group. I "
            "like them a lot and it felt unkind to ignore it.",
            "so_what": "Peer support is mutual, but it isn't friendship. If I accept, "
            "the group becomes less safe for everyone else, and for them too if things get "
            "complicated. My wanting to be liked is part of why this felt hard.",
            "now_what": "Decline the request and talk about it kindly next week, one to one. "
            "Add a line about social media to the group agreement. Mention it in "
            "supervision so the team has a shared answer.",
        },
    ),
    (
        "gibbs",
        ("Walk and talk", 4, 0),
        "Walk and talk in the rain",
        ("walk and talk", "adapting", "hope"),
        {
            "description": "It poured at the halfway stop. Three people wanted to turn back, "
            "two wanted to carry on. We sheltered for ten minutes, then took the short route "
            "back together.",
            "feelings": "Responsible for everyone's wet feet. Then, oddly, happy: people were "
            "laughing about it.",
            "evaluation": "Staying together was right. I hadn't checked the forecast properly "
            "or told people about the indoor plan.",
            "analysis": "The shared bit of adversity brought the group closer. People "
            "remember how a group made them feel, not whether the plan worked.",
            "conclusion": "Plans can flex; the connection is the point.",
            "action_plan": "Check the weather the day before and text the group. Keep a "
            "short route in reserve.",
        },
    ),
    (
        "free",
        date(2026, 10, 9),
        "Tired after a full week",
        ("self-care", "workload"),
        {
            "text": "Four groups, two cover shifts and a team away day this week. I noticed "
            "I was short with someone on the phone and that's not me. I need to say no to "
            "the next cover request, and actually take my lunch break. Writing it here so I "
            "can't pretend I didn't notice."
        },
    ),
    (
        "driscoll",
        ("PSW group supervision", 1, 1),
        "Bringing something I felt ashamed of to supervision",
        ("supervision", "self-compassion"),
        {
            "what": "I brought the silence moment from the Tuesday group to supervision. I "
            "expected to be told I'd got it wrong.",
            "so_what": "Nobody judged. Two colleagues said they'd done the same. The "
            "supervisor asked what the silence was like for me, which opened up something "
            "about my own history I hadn't linked before.",
            "now_what": "Keep bringing the things I'd rather hide; they're where the "
            "learning is. Try the ten-count in the group and report back next month.",
        },
    ),
    (
        "free",
        date(2026, 10, 26),
        "The clocks went back",
        ("self-care", "seasons"),
        {
            "text": "Dark by five now. Every year I forget how much this affects me, and "
            "every year the groups talk about it too. Light box back on the desk, walk at "
            "lunchtime, and maybe a theme on the darker evenings for Tuesdays."
        },
    ),
    (
        "gibbs",
        ("Reflective practice circle", 1, 0),
        "Hearing colleagues' stories in the circle",
        ("reflective practice", "team", "lived experience"),
        {
            "description": "In the circle a colleague walked us through an ending with "
            "someone they'd supported for a year. We used Gibbs' stages together.",
            "feelings": "Moved. A bit envious of how well they'd handled it, then curious "
            "about why.",
            "evaluation": "The structure kept us from jumping to advice. The action plan "
            "stage was rushed.",
            "analysis": "Endings stir up our own experiences of loss and of services "
            "ending on us. Naming that made it easier to think clearly.",
            "conclusion": "Endings deserve planning from the start, not just in the last "
            "week.",
            "action_plan": "Start talking about endings earlier in my one-to-one work. "
            "Suggest endings as a theme for the next circle.",
        },
    ),
    (
        "driscoll",
        ("Walk and talk", 1, 0),
        "A member who used to walk at the back",
        ("hope", "walk and talk", "recovery"),
        {
            "what": "Someone who spent the first walks at the very back, not talking, led "
            "the route today and chatted all the way.",
            "so_what": "This is what recovery looks like from the outside: small, steady and "
            "completely their own. I didn't do it; the group made room for it.",
            "now_what": "Ask them whether they'd like to co-lead a walk in the new year. "
            "Remember this on hard days.",
        },
    ),
    (
        "free",
        date(2026, 11, 13),
        "Notes to self before appraisal",
        ("appraisal", "learning"),
        {
            "text": "Things I'm proud of this year: the Tuesday group is steady and welcoming; "
            "walk and talk has grown; I've got better at naming the limits of "
            "confidentiality without it sounding scary. Things to work on: timekeeping in "
            "check-ins, saying no to extra cover, writing up notes the same day. Training I "
            "want: the Hearing Voices facilitator course, and the safeguarding refresher."
        },
    ),
    (
        "gibbs",
        ("Tuesday Hearing Voices Group", 2, 0),
        "Sharing my own experience when asked directly",
        ("lived experience", "self-disclosure", "boundaries"),
        {
            "description": "A newer member asked me, in the middle of the theme, whether I'd "
            "ever heard voices myself.",
            "feelings": "A flash of panic, then calm. I've thought about this question a lot.",
            "evaluation": "I said yes, briefly, and that what helped me might not be what "
            "helps them. Then I turned it back to the group. It felt honest and it didn't "
            "take over.",
            "analysis": "Self-disclosure is a tool of the peer role when it serves the other "
            "person. The test is: who is this for? Today it was for them: it offered hope.",
            "conclusion": "Short, relevant, and handed back to the group is the right shape.",
            "action_plan": "Keep using the 'who is this for?' test. Share this example in "
            "the reflective practice circle.",
        },
    ),
    (
        "free",
        date(2026, 11, 6),
        "Covering the crisis group",
        ("crisis group", "self-care", "co-facilitation"),
        {
            "text": "Covered the Thursday crisis group as co-facilitator. Heavier than my "
            "usual groups, and I noticed how much the grounding at the start helped me as "
            "well as the room. The regular facilitators have a lovely rhythm between them. "
            "I went home and slept ten hours. If I cover again, I'll keep Friday morning "
            "light."
        },
    ),
    (
        "driscoll",
        date(2026, 11, 19),
        "Saying no to a cover request",
        ("boundaries", "workload", "self-care"),
        {
            "what": "I was asked to cover another group on Thursday evening and said no, "
            "for the first time this year.",
            "so_what": "I felt guilty for about an hour, then relieved. Nobody was let down: "
            "the team found someone else. Looking after myself is part of being able to do "
            "this work for years, not months.",
            "now_what": "Keep a note of how many extra sessions I take on each month and "
            "bring it to supervision.",
        },
    ),
    (
        "free",
        date(2026, 9, 7),
        "Small things that went well",
        ("hope", "gratitude"),
        {
            "text": "A new member came back for a second week. Someone laughed out loud in "
            "the check-out. My co-facilitator and I finally sorted out who does the clock. "
            "Little things, but they're the job."
        },
    ),
)


# ---------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------


def london_to_utc(day: date, at: time) -> datetime:
    """A UK wall-clock time on ``day`` as an aware UTC datetime (BST: last Sunday of March
    to last Sunday of October). Written out so the result never depends on the host's
    time zone database."""

    def last_sunday(month: int) -> date:
        last = date(day.year, month + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - 6) % 7)

    summer = last_sunday(3) <= day < last_sunday(10)
    local = datetime.combine(day, at, tzinfo=UTC)
    return local - timedelta(hours=1) if summer else local


class Deck(Generic[T]):
    """Draws items in a shuffled order, reshuffling when used up, so texts vary."""

    def __init__(self, items: Sequence[T], rng: random.Random) -> None:
        self._items = list(items)
        self._rng = rng
        self._pile: list[T] = []

    def draw(self) -> T:
        if not self._pile:
            self._pile = list(self._items)
            self._rng.shuffle(self._pile)
        return self._pile.pop()

    def draw_many(self, count: int) -> list[T]:
        found: list[T] = []
        for _ in range(count * 3):
            if len(found) == count:
                break
            item = self.draw()
            if item not in found:
                found.append(item)
        return found


@dataclass
class GroupDecks:
    """The decks of one group (so each group varies its own texts)."""

    contributions: Deck
    themes: Deck
    parking: Deck
    signposts: Deck
    facilitator_notes: Deck
    actions: Deck
    how_was_it: Deck
    for_supervision: Deck
    self_care: Deck
    questions: Deck

    @classmethod
    def of(cls, plan: GroupPlan, rng: random.Random) -> GroupDecks:
        pools = plan.pools
        return cls(
            contributions=Deck(pools.contributions, rng),
            themes=Deck(pools.themes, rng),
            parking=Deck(pools.parking, rng),
            signposts=Deck(pools.signposts, rng),
            facilitator_notes=Deck(pools.facilitator_notes, rng),
            actions=Deck(pools.actions, rng),
            how_was_it=Deck(pools.how_was_it, rng),
            for_supervision=Deck(pools.for_supervision, rng),
            self_care=Deck(SELF_CARE, rng),
            questions=Deck(plan.question_bank, rng),
        )


@dataclass
class BuiltGroup:
    """A generated group with its roster and sessions."""

    plan: GroupPlan
    group: Group
    members: list[Member]
    template: Template
    decks: GroupDecks
    ended: list[SessionBundle] = field(default_factory=list)
    planned: list[SessionBundle] = field(default_factory=list)

    def by_role(self, *roles: MemberRole) -> list[Member]:
        return [m for m in self.members if m.role in roles]

    @property
    def lead(self) -> Member:
        """The facilitator (or supervisor) who runs the group."""
        return self.by_role(MemberRole.FACILITATOR, MemberRole.SUPERVISOR)[0]


class DemoBuilder:
    """Builds the demo bundle; one instance, one deterministic run."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self._ids = random.Random(seed * 7919 + 1)

    # -- helpers -------------------------------------------------------------------------

    def new_id(self) -> uuid.UUID:
        """A stable, random-looking version-4 UUID."""
        return uuid.UUID(int=self._ids.getrandbits(128), version=4)

    def seconds(self, low: int, high: int) -> timedelta:
        return timedelta(seconds=self.rng.randint(low, high))

    def copy_agenda(self, template: Template) -> list[Segment]:
        """The template's segments with fresh ids, as a new session's agenda."""
        return [
            segment.model_copy(update={"id": self.new_id(), "prompts": list(segment.prompts)})
            for segment in template.segments
        ]

    # -- groups --------------------------------------------------------------------------

    def build_group(self, plan: GroupPlan) -> BuiltGroup:
        template = builtin_template(plan.template)
        assert template is not None, plan.template
        group = Group(
            id=self.new_id(),
            name=plan.name,
            kind=plan.kind,
            agreement=plan.agreement.format(confidentiality=CONFIDENTIALITY),
            default_template_id=template.id,
            slot_minutes=plan.slot_minutes,
            signposting=list(plan.signposting),
            question_bank=list(plan.question_bank),
            created_on=plan.created_on,
        )
        members = [
            Member(id=self.new_id(), group_id=group.id, display_name=name, role=role)
            for name, role in plan.roster
        ]
        return BuiltGroup(plan, group, members, template, GroupDecks.of(plan, self.rng))

    @staticmethod
    def term_dates(plan: GroupPlan) -> tuple[list[date], list[date]]:
        """(past session dates, oldest first; planned dates after the anchor)."""
        step = timedelta(weeks=plan.every_weeks)
        first_day = ANCHOR - timedelta(weeks=TERM_WEEKS)
        past: list[date] = []
        day = plan.next_date - step
        while day > first_day:
            past.append(day)
            day -= step
        planned = [
            plan.next_date + step * i
            for i in range(plan.planned_count)
            if plan.next_date + step * i <= ANCHOR + timedelta(days=PLAN_AHEAD_DAYS)
        ]
        return sorted(past), planned

    def title_and_agenda(self, built: BuiltGroup, index: int) -> tuple[str, list[Segment]]:
        plan = built.plan
        agenda = self.copy_agenda(built.template)
        if plan.title_style == "subject" and plan.subjects:
            subject = plan.subjects[index % len(plan.subjects)]
            title = f"{plan.name}: {subject}"
            for segment in agenda:
                if segment.kind is SegmentKind.THEME and segment.title == "Theme":
                    segment.title = f"Theme: {subject}"
        else:
            title = plan.name
        return title, agenda

    def edit_agenda(self, built: BuiltGroup, agenda: list[Segment]) -> list[Segment]:
        """Now and then, the facilitator edits the copied agenda before the session."""
        optional = [s for s in agenda if s.optional]
        if optional and self.rng.random() < 0.2:
            dropped = optional[0]
            agenda = [s for s in agenda if s is not dropped]
            # Give the time to the longest remaining sharing/case segment.
            candidates = [
                s for s in agenda if s.kind in (SegmentKind.SHARING, SegmentKind.CASE_DISCUSSION)
            ]
            if candidates:
                longest = max(candidates, key=lambda s: s.minutes)
                longest.minutes += dropped.minutes
        return agenda

    # -- timing --------------------------------------------------------------------------

    def run_segments(
        self, agenda: list[Segment], start: datetime
    ) -> tuple[list[SegmentRun], datetime, list[Segment]]:
        """A realistic timing log: mostly near plan, some overruns, the odd pause, minutes
        added live, now and then a return to the check-in, and an optional segment dropped
        live when the session is running behind. Returns (runs, end, dropped segments)."""
        runs: list[SegmentRun] = []
        dropped: list[Segment] = []
        cursor = start
        planned_so_far = 0
        paused_so_far = 0
        revisited = False
        for position, segment in enumerate(agenda):
            behind = (cursor - start).total_seconds() - paused_so_far - planned_so_far
            if segment.optional and behind > 300 and self.rng.random() < 0.45:
                dropped.append(segment)  # "Drop the optional segment" when rebalancing
                continue
            planned_so_far += segment.minutes * 60
            planned = segment.minutes * 60
            extra = 0
            roll = self.rng.random()
            if roll < 0.08:
                extra = self.rng.choice((60, 120, 180, 300))
            elif roll < 0.11 and segment.minutes >= 5:
                extra = -60 * self.rng.choice((1, 2))
            target = planned + extra
            shape = self.rng.random()
            if segment.kind is SegmentKind.BREAK:
                factor = self.rng.uniform(0.9, 1.35)
            elif shape < 0.16:
                factor = self.rng.uniform(1.1, 1.4)  # an overrun
            elif shape < 0.32:
                factor = self.rng.uniform(0.75, 0.92)  # finished early
            else:
                factor = self.rng.uniform(0.93, 1.06)
            active = max(30, round(target * factor))
            pauses: list[Pause] = []
            paused = 0
            if self.rng.random() < 0.03 and active > 120:
                at = cursor + timedelta(seconds=self.rng.randint(60, active - 30))
                paused = self.rng.randint(60, 420)
                pauses.append(Pause(started_at=at, ended_at=at + timedelta(seconds=paused)))
            paused_so_far += paused
            end = cursor + timedelta(seconds=active + paused)
            runs.append(
                SegmentRun(
                    segment_id=segment.id,
                    started_at=cursor,
                    ended_at=end,
                    pauses=pauses,
                    extra_seconds=extra,
                )
            )
            cursor = end + self.seconds(1, 20)
            # Someone arrives late after the check-in: go back for their check-in.
            if (
                not revisited
                and position > 0
                and agenda[position - 1].kind is SegmentKind.CHECK_IN
                and segment.kind is not SegmentKind.CHECK_IN
                and self.rng.random() < 0.12
            ):
                revisited = True
                back = self.rng.randint(60, 180)
                runs.append(
                    SegmentRun(
                        segment_id=agenda[position - 1].id,
                        started_at=cursor,
                        ended_at=cursor + timedelta(seconds=back),
                    )
                )
                cursor += timedelta(seconds=back) + self.seconds(1, 10)
        return runs, cursor, dropped

    # -- register ------------------------------------------------------------------------

    def register(
        self,
        built: BuiltGroup,
        session: Session,
        index: int,
        total: int,
        reliability: dict[uuid.UUID, float],
    ) -> list[RegisterEntry]:
        entries: list[RegisterEntry] = []
        for member in built.members:
            status = self.attendance(built, member, index, total, reliability[member.id])
            entries.append(
                RegisterEntry(
                    id=self.new_id(),
                    session_id=session.id,
                    kind=RegisterKind.ROSTER,
                    member_id=member.id,
                    status=status,
                )
            )
        plan = built.plan
        if plan.walk_ins and self.rng.random() < 0.2:
            entries.append(
                RegisterEntry(
                    id=self.new_id(),
                    session_id=session.id,
                    kind=RegisterKind.WALK_IN,
                    display_name=self.rng.choice(plan.walk_ins),
                    status=Attendance.PRESENT,
                )
            )
        if plan.guests and index in (total // 2, total - 3):
            entries.append(
                RegisterEntry(
                    id=self.new_id(),
                    session_id=session.id,
                    kind=RegisterKind.GUEST,
                    display_name=self.rng.choice(plan.guests),
                    status=Attendance.PRESENT,
                )
            )
        return entries

    def attendance(
        self, built: BuiltGroup, member: Member, index: int, total: int, reliability: float
    ) -> Attendance:
        name = member.display_name
        if member.role in (MemberRole.FACILITATOR, MemberRole.SUPERVISOR):
            return Attendance.PRESENT
        if name == REFLECTION_AUTHOR:
            return Attendance.PRESENT  # the demo user, whose reflections link to these sessions
        if built.plan is HVG and name == "Tansy" and index >= total - 5:
            # Has drifted away: the "not seen for N sessions" report should find them.
            return Attendance.APOLOGIES if index < total - 3 else Attendance.DID_NOT_ATTEND
        if built.plan is SUPERVISION and name == "Briar" and index >= total - 2:
            # Missed the last two supervisions: the compliance report should find them.
            return Attendance.APOLOGIES
        if member.role is MemberRole.CO_FACILITATOR:
            return Attendance.APOLOGIES if self.rng.random() < 0.08 else Attendance.PRESENT
        roll = self.rng.random()
        if roll < reliability:
            mood = self.rng.random()
            if mood < 0.12:
                return Attendance.LATE
            if mood < 0.19:
                return Attendance.LEFT_EARLY
            return Attendance.PRESENT
        return Attendance.APOLOGIES if self.rng.random() < 0.55 else Attendance.DID_NOT_ATTEND

    # -- notes ---------------------------------------------------------------------------

    def segment_for(self, agenda: list[Segment], kinds: Sequence[SegmentKind]) -> uuid.UUID | None:
        fitting = [s for s in agenda if s.kind in kinds]
        return self.rng.choice(fitting).id if fitting else None

    def notes(
        self, built: BuiltGroup, session: Session, subject: str | None, present: list[Member]
    ) -> list[AnonymousNote | FacilitatorNote]:
        decks, agenda = built.decks, session.agenda
        notes: list[AnonymousNote | FacilitatorNote] = []

        def anonymous(
            kind: NoteKind, text: str, segment: uuid.UUID | None, tags: Sequence[str] = ()
        ) -> None:
            notes.append(
                AnonymousNote(
                    id=self.new_id(),
                    kind=kind,
                    session_id=session.id,
                    session_date=session.date,
                    segment_id=segment,
                    text=text,
                    tags=list(tags),
                )
            )

        theme_kinds = (SegmentKind.THEME, SegmentKind.SHARING, SegmentKind.CASE_DISCUSSION)
        if subject and built.plan.subject_is_theme:
            where = self.segment_for(agenda, (SegmentKind.CASE_DISCUSSION,)) or self.segment_for(
                agenda, (SegmentKind.THEME,)
            )
            anonymous(NoteKind.THEME, subject, where, ["session theme"])
        for text, tags in decks.themes.draw_many(self.rng.randint(1, 2)):
            anonymous(NoteKind.THEME, text, self.segment_for(agenda, theme_kinds), tags)
        for text in decks.contributions.draw_many(self.rng.randint(2, 4)):
            anonymous(
                NoteKind.CONTRIBUTION,
                text,
                self.segment_for(agenda, (SegmentKind.CHECK_IN, *theme_kinds)),
            )
        if self.rng.random() < 0.45:
            anonymous(
                NoteKind.PARKING_LOT,
                decks.parking.draw(),
                self.segment_for(
                    agenda, (SegmentKind.SHARING, SegmentKind.THEME, SegmentKind.ACTIONS_REVIEW)
                ),
            )
        for text in decks.signposts.draw_many(self.rng.randint(1, 2)):
            anonymous(
                NoteKind.SIGNPOST,
                text,
                self.segment_for(agenda, (SegmentKind.CLOSE, SegmentKind.CHECK_OUT)),
            )
        if self.rng.random() < 0.6:
            run = self.rng.choice(session.runs)
            assert run.ended_at is not None
            span = int((run.ended_at - run.started_at).total_seconds())
            leads = built.by_role(
                MemberRole.FACILITATOR, MemberRole.CO_FACILITATOR, MemberRole.SUPERVISOR
            )
            author = self.rng.choice(leads)
            notes.append(
                FacilitatorNote(
                    id=self.new_id(),
                    session_id=session.id,
                    session_date=session.date,
                    segment_id=run.segment_id,
                    text=decks.facilitator_notes.draw(),
                    author=author.display_name,
                    created_at=run.started_at + timedelta(seconds=self.rng.randint(0, span)),
                )
            )
        return notes

    # -- actions -------------------------------------------------------------------------

    def owner(self, built: BuiltGroup, who: str | None, present: list[Member]) -> Member | None:
        if who == "facilitator":
            return built.lead
        if who == "co":
            cos = built.by_role(MemberRole.CO_FACILITATOR)
            return cos[0] if cos else built.lead
        if who == "member":
            regulars = [
                m for m in present if m.role in (MemberRole.MEMBER, MemberRole.SUPERVISEE)
            ]
            return self.rng.choice(regulars) if regulars else None
        return None

    def actions(
        self, built: BuiltGroup, session: Session, present: list[Member], later: list[date]
    ) -> list[Action]:
        actions: list[Action] = []
        count = self.rng.choice((0, 1, 1, 1, 2))
        for text, who in built.decks.actions.draw_many(count):
            owner = self.owner(built, who, present)
            due = session.date + timedelta(weeks=self.rng.choice((1, 2, 2, 4)))
            if self.rng.random() < 0.15:
                due = None
            status, closed_on = ActionStatus.OPEN, None
            age = (ANCHOR - session.date).days
            if later and age > 20:
                roll = self.rng.random()
                if roll < 0.8:
                    status = ActionStatus.DONE
                    closed_on = later[min(len(later) - 1, self.rng.choice((0, 0, 1)))]
                elif roll < 0.88:
                    status = ActionStatus.DROPPED
                    closed_on = later[0]
            actions.append(
                Action(
                    id=self.new_id(),
                    session_id=session.id,
                    group_id=built.group.id,
                    text=text,
                    owner_id=owner.id if owner else None,
                    due=due,
                    status=status,
                    raised_on=session.date,
                    closed_on=closed_on,
                )
            )
        return actions

    # -- sessions ------------------------------------------------------------------------

    def build_sessions(self, built: BuiltGroup) -> None:
        plan = built.plan
        past, planned = self.term_dates(plan)
        reliability = {m.id: self.rng.uniform(0.6, 0.95) for m in built.members}
        concerns = {
            len(past) - nth: (kind, taken, to)
            for group, nth, kind, taken, to in CONCERNS
            if group == plan.name
        }
        for index, day in enumerate(past):
            title, agenda = self.title_and_agenda(built, index)
            agenda = self.edit_agenda(built, agenda)
            scheduled = london_to_utc(day, plan.weekday_time)
            started = scheduled + self.seconds(0, 300)
            session = Session(
                id=self.new_id(),
                group_id=built.group.id,
                title=title,
                date=day,
                start_time=plan.weekday_time,
                status=SessionStatus.ENDED,
                template_id=built.template.id,
                agenda=agenda,
                check_in_question=built.decks.questions.draw(),
            )
            runs, finished, dropped = self.run_segments(agenda, started)
            for segment in session.agenda:
                if segment in dropped:
                    session.original_minutes[segment.id] = segment.minutes
                    session.dropped_segment_ids.append(segment.id)
                    segment.minutes = 0
            session.runs = runs
            session.started_at = started
            session.ended_at = finished + self.seconds(5, 40)
            register = self.register(built, session, index, len(past), reliability)
            attending = {Attendance.PRESENT, Attendance.LATE, Attendance.LEFT_EARLY}
            present = [
                m
                for m in built.members
                for e in register
                if e.member_id == m.id and e.status in attending
            ]
            subject = plan.subjects[index % len(plan.subjects)] if plan.subjects else None
            notes = self.notes(built, session, subject, present)
            actions = self.actions(built, session, present, past[index + 1 :])
            concern_list: list[Concern] = []
            to_escalate = ""
            if index in concerns:
                kind, taken, escalated_to = concerns[index]
                concern_list.append(
                    Concern(
                        id=self.new_id(),
                        session_id=session.id,
                        kind=kind,
                        action_taken=taken,
                        escalated_to=escalated_to,
                        recorded_by=built.lead.display_name,
                        recorded_at=session.ended_at + self.seconds(300, 1500),
                    )
                )
                to_escalate = (
                    f"Concern recorded and passed to: {escalated_to}. Follow up gently "
                    "before next session."
                )
            elif self.rng.random() < 0.5:
                to_escalate = "Nothing to escalate."
            session.debrief = Debrief(
                how_was_it=built.decks.how_was_it.draw(),
                to_escalate=to_escalate,
                self_care=built.decks.self_care.draw(),
                for_supervision=(
                    built.decks.for_supervision.draw() if self.rng.random() < 0.4 else ""
                ),
            )
            built.ended.append(
                SessionBundle(
                    session=session,
                    register_entries=register,
                    notes=sorted(notes, key=lambda note: str(note.id)),  # never entry order
                    actions=actions,
                    concerns=concern_list,
                )
            )
        for offset, day in enumerate(planned):
            title, agenda = self.title_and_agenda(built, len(past) + offset)
            session = Session(
                id=self.new_id(),
                group_id=built.group.id,
                title=title,
                date=day,
                start_time=plan.weekday_time,
                status=SessionStatus.PLANNED,
                template_id=built.template.id,
                agenda=agenda,
                check_in_question=built.decks.questions.draw() if offset == 0 else "",
            )
            built.planned.append(SessionBundle(session=session))

    # -- reflections ---------------------------------------------------------------------

    def reflections(self, groups: dict[str, BuiltGroup]) -> list[Any]:
        made: list[Any] = []
        for model, when, title, tags, fields in REFLECTIONS:
            session_id = None
            if isinstance(when, tuple):
                group_name, nth, days_after = when
                part = groups[group_name].ended[-nth]
                session_id = part.session.id
                written_on = part.session.date + timedelta(days=days_after)
            else:
                written_on = when
            evening = datetime.combine(written_on, time(17, 0), tzinfo=UTC)
            updated_at = evening + self.seconds(0, 4 * 3600)
            common = {
                "id": self.new_id(),
                "title": title,
                "written_on": written_on,
                "tags": list(tags),
                "session_id": session_id,
                "updated_at": updated_at,
            }
            kinds = {"gibbs": GibbsReflection, "driscoll": DriscollReflection, "free": FreeReflection}
            made.append(kinds[model](**common, **fields))
        return sorted(made, key=lambda r: (r.written_on, r.title))

    # -- the whole bundle ----------------------------------------------------------------

    def build(self) -> Bundle:
        built = [self.build_group(plan) for plan in GROUP_PLANS]
        for group in built:
            self.build_sessions(group)
        by_name = {group.plan.name: group for group in built}
        sessions = sorted(
            [part for group in built for part in (*group.ended, *group.planned)],
            key=lambda part: (
                part.session.date,
                part.session.start_time or time(0),
                part.session.title,
            ),
        )
        return Bundle(
            exported_at=EXPORTED_AT,
            anchor_date=ANCHOR,
            groups=[group.group for group in built],
            members=[member for group in built for member in group.members],
            templates=[],
            sessions=sessions,
            reflections=self.reflections(by_name),
        )


# ---------------------------------------------------------------------------------------
# Checks and output
# ---------------------------------------------------------------------------------------


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def verify(bundle: Bundle) -> None:
    """Refuse to write a demo that breaks the privacy or vocabulary rules."""
    people = {m.display_name for m in bundle.members}
    people |= {
        e.display_name for part in bundle.sessions for e in part.register_entries if e.display_name
    }
    name_pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, people))) + r")\b", re.I)
    for part in bundle.sessions:
        for note in part.notes:
            if isinstance(note, AnonymousNote):
                found = name_pattern.search(note.text)
                if found:
                    raise SystemExit(f"anonymous note names {found.group(0)!r}: {note.text!r}")
    clinical = re.compile(r"\b(" + "|".join(CLINICAL_WORDS) + r")\b", re.I)
    for text in _strings(bundle.model_dump(mode="json")):
        found = clinical.search(text)
        if found:
            raise SystemExit(f"clinical word {found.group(0)!r} in: {text!r}")


def render(bundle: Bundle) -> str:
    """The bundle as the fixture's exact text."""
    return json.dumps(bundle.model_dump(mode="json"), indent=1, ensure_ascii=False) + "\n"


def generate(seed: int = SEED) -> str:
    """Build, verify and render the demo data set."""
    bundle = DemoBuilder(seed).build()
    verify(bundle)
    return render(bundle)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is not up to date")
    parser.add_argument(
        "-o", "--output", type=Path, default=OUTPUT, help="where to write (or check)"
    )
    args = parser.parse_args(argv)
    text = generate()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != text:
            print(f"{args.output} is out of date: run python scripts/make_demo.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text.encode('utf-8')):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
