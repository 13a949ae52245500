"""Meaningful connection: who feels safe to reach out to, one small step, and help drafting a
first message if the person wants it."""

import re

from actions.common import clean_text, parse_yes_no, render
from actions.exercise import Exercise, Step, closing_message, register

INTROS = (
    "Let's think about connection together, gently and at your pace. You can stop at any time.",
    "Reaching out can feel like a big step, so let's make it a small one. Say \"stop\" whenever you like.",
    "Let's see if there's a small way to feel a bit more connected. No pressure, and you can stop any time.",
)

NO_DRAFT = "-"
_NOBODY = re.compile(
    r"^\s*(no|nope|nah)?\W*(no ?one|nobody|noone|no-one|none|not really|not anyone|there'?s no ?one|"
    r"i (really )?(don'?t|dont) (know|have anyone|have any ?one|have anybody)|idk|dunno|not sure|"
    r"no friends|i have no ?one|i'?ve got no ?one|nobody really|no)\b"
)


def nobody(text) -> bool:
    """True when the person says there is no one (that's okay, and the next step adapts)."""
    return bool(_NOBODY.search(clean_text(text).lower())) if text else False


def _step_prompts(values, tracker):
    if nobody(tracker.get_slot("cn_person")):
        return (
            "That's okay, and it's more common than people think. Connection can start small: a group around something you enjoy, a class, volunteering, an online community, or saying hello to a neighbour. What's one small step that feels possible?",
            "Thank you for being honest. Sometimes connection starts with people we haven't met yet, or an old contact. What's one tiny step you could imagine, even just looking something up?",
            "That sounds lonely, and I'm glad you told me. What's one small thing that might bring a little contact into your week, like a local club, a support group, or messaging someone from the past?",
        )
    return (
        "Thank you. \"{cn_person}\" sounds like someone worth thinking of. What's one small step towards them? It could be a text, a voice note, or replying to something they shared.",
        "Reaching out to \"{cn_person}\" doesn't have to be big. What's the smallest step you could imagine taking?",
        "What might be one small, low-pressure way to reconnect with \"{cn_person}\"?",
    )


STEPS = (
    Step("cn_person", (
        "Who is someone who feels at least a little safe to reach out to? A friend, family, a neighbour, a colleague, or someone you've lost touch with. It's okay if no one comes to mind.",
        "Is there anyone, even one person, you feel comfortable getting in touch with? If not, that's okay too, just say so.",
        "When you think about the people in your life, now or in the past, who feels safest to reach out to?",
    )),
    Step("cn_step", _step_prompts),
    Step("cn_draft_wanted", (
        "That sounds like a good step: \"{cn_step}\". Would you like help drafting a first message?",
        "Shall we write a first message together? It's completely up to you.",
        "Would it help to draft a short message together, so it's ready when you are?",
    ), kind="yesno", buttons=(("Yes, please", "yes please"), ("No, thanks", "no thanks"))),
    Step("cn_draft", (
        "What would you like them to know? Just a rough idea, like \"I've missed you\" or \"I've been thinking about you\".",
        "What do you want to say, in your own words? It doesn't need to be polished.",
        "What's the main thing you'd like the message to say? A few words is enough and I'll help shape it.",
    )),
)


def validate_draft_wanted(value, dispatcher, tracker):
    """Yes or no (anything unclear counts as no: we never push); a no skips the draft step."""
    intent = (tracker.latest_message or {}).get("intent", {}).get("name")
    wanted = parse_yes_no(str(value or ""), intent)
    if wanted:
        return {"cn_draft_wanted": "yes"}
    return {"cn_draft_wanted": "no", "cn_draft": NO_DRAFT}


def _sentence(text: str) -> str:
    text = text.strip().rstrip("…").strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


DRAFTS = (
    "Here's a first draft you could send or change:\n\n\"Hi! I've been thinking about you. {draft} No pressure to reply quickly, it would just be lovely to hear from you.\"",
    "How about something like this?\n\n\"Hey, it's been a while. {draft} Would you fancy catching up sometime?\"",
    "Here's a gentle first message, in your words:\n\n\"Hi, I hope you're doing okay. {draft} I'd love to hear how you are.\"",
)
SUMMARIES = (
    "Your small step: \"{cn_step}\". Whatever happens, reaching out is brave, and how they respond says nothing about your worth.",
    "You've got a plan: \"{cn_step}\". Small steps like this really do add up, even when they feel tiny.",
    "Thank you for thinking this through. Your next step, \"{cn_step}\", is a real one, and you can take it whenever you feel ready.",
)
CLOSINGS = (
    "What would you like to do next?",
    "Would you like to do anything else now?",
    "Where would you like to go from here?",
)


def finish(quoted, raw, rng, tracker):
    messages = []
    draft = raw.get("cn_draft")
    if raw.get("cn_draft_wanted") == "yes" and draft and draft != NO_DRAFT:
        messages.append({"text": render(rng.choice(DRAFTS), {"draft": _sentence(quoted["cn_draft"])})})
    messages.append({"text": render(rng.choice(SUMMARIES), quoted)})
    messages.append(closing_message(CLOSINGS, rng))
    return messages


CONNECTION = register(Exercise(
    key="connection", form="connection_form", label="the connection exercise",
    steps=STEPS, intros=INTROS, finish=finish,
    validators={"cn_draft_wanted": validate_draft_wanted},
))
