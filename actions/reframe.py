"""Reframing a limiting belief: a short thought record in the person's own words, with
0-10 ratings of the old and the new thought and a summary at the end."""

from actions.common import render
from actions.exercise import SCALE_BUTTONS, Exercise, Step, closing_message, register, with_context

INTROS = (
    "Let's look at this thought together, with curiosity rather than judgement. You can stop at any time.",
    "Okay, let's gently test this belief. There are a few short questions, and you can say \"stop\" whenever you like.",
    "Let's try a thought record: a few questions that look at the thought from different sides. You set the pace.",
)

STEPS = (
    Step("rf_belief", with_context(
        (
            "You said \"{context}\". What's the belief underneath it, in your own words? For example \"I'm not good enough\" or \"I always fail\".",
            "Thinking about \"{context}\": what's the thought that keeps coming up? Try to put it in one sentence, the way it sounds in your head.",
            "When you say \"{context}\", what's the belief about yourself that sits behind it? Write it just as it sounds to you.",
        ),
        (
            "What's the thought or belief, in your own words? For example \"I'm not good enough\" or \"I always fail\".",
            "What's the belief that's been holding you back? Write it just the way it sounds in your head.",
            "What's the thought that keeps coming up? Try to put it in one sentence.",
        ),
    )),
    Step("rf_evidence_for", (
        "Thank you. \"{rf_belief}\" sounds heavy to carry. What makes it feel true? What happened, or what do you notice, that seems to back it up?",
        "Let's take \"{rf_belief}\" seriously for a moment. What makes it feel so convincing?",
        "When the thought \"{rf_belief}\" shows up, what seems to prove it right?",
    )),
    Step("rf_evidence_against", (
        "That makes sense. Now the other side: is there anything that doesn't fit \"{rf_belief}\"? Times it wasn't true, things people have said, anything at all.",
        "Thank you for being honest about that. Now let's look for what doesn't fit. Can you think of even one moment when \"{rf_belief}\" wasn't completely true?",
        "I hear that. What would someone who knows you well say against \"{rf_belief}\"? Any evidence, big or small, that doesn't match it?",
    )),
    Step("rf_balanced", (
        "So on one side there's \"{rf_evidence_for}\", and on the other \"{rf_evidence_against}\". Putting both together, what's a more balanced way to see it? It doesn't need to be positive, just fairer.",
        "That's important to notice: \"{rf_evidence_against}\". If you hold both sides, how could you put the thought in a way that's kinder and more accurate?",
        "Thank you. Taking everything you've said into account, what would be a fairer, more balanced version of \"{rf_belief}\"?",
    )),
    Step("rf_old_rating", (
        "How strongly do you believe the old thought, \"{rf_belief}\", right now? 0 is not at all, 10 is completely.",
        "Let's check in. Right now, how much do you believe \"{rf_belief}\", from 0 to 10?",
        "On a scale from 0 (not at all) to 10 (completely), how true does \"{rf_belief}\" feel at this moment?",
    ), kind="scale", buttons=SCALE_BUTTONS),
    Step("rf_new_rating", (
        "And how strongly do you believe the new thought, \"{rf_balanced}\", from 0 to 10?",
        "Thanks. Now the balanced view, \"{rf_balanced}\": how much do you believe that, 0 to 10?",
        "And the new way of seeing it, \"{rf_balanced}\": how true does that feel right now, from 0 to 10?",
    ), kind="scale", buttons=SCALE_BUTTONS),
)

SUMMARY_HEADS = (
    "Here's what you worked out, in your own words:",
    "Thank you for sticking with this. Here's your thought record:",
    "This is what you found, all in your own words:",
)
SUMMARY_BODY = (
    "\n- The old thought: \"{rf_belief}\" ({old} now)"
    "\n- What made it feel true: \"{rf_evidence_for}\""
    "\n- What doesn't fit: \"{rf_evidence_against}\""
    "\n- A more balanced view: \"{rf_balanced}\" ({new} now)"
)
SHIFTED = (
    "Noticing that shift matters: the balanced view is something you can come back to whenever the old thought gets loud.",
    "The old thought isn't gone, and it doesn't have to be. You've shown it isn't the whole story.",
    "That's real work. Thoughts like this loosen a little each time you look at them this way.",
)
NOT_SHIFTED = (
    "If the old thought still feels strong, that's okay. Beliefs change slowly, and you've practised seeing it from another side.",
    "Even if it doesn't feel different yet, you've shown the thought isn't the whole story. That gets easier with practice.",
    "It's completely normal for an old belief to keep its grip for a while. What matters is that you looked at it with fresh eyes.",
)
CLOSINGS = (
    "What would you like to do next?",
    "Where would you like to go from here?",
    "Would you like to do something else now?",
)


def _rating(value):
    if value is None:
        return "not rated"
    return f"{value}/10" if str(value).isdigit() else f"\"{value}\""


def finish(quoted, raw, rng, tracker):
    values = dict(quoted, old=_rating(quoted.get("rf_old_rating") or None),
                  new=_rating(quoted.get("rf_new_rating") or None))
    text = rng.choice(SUMMARY_HEADS) + render(SUMMARY_BODY, values)
    old, new = raw.get("rf_old_rating"), raw.get("rf_new_rating")
    shifted = str(old).isdigit() and str(new).isdigit() and int(new) >= int(old)
    comment = rng.choice(SHIFTED if shifted else NOT_SHIFTED)
    closing = closing_message(CLOSINGS, rng)
    closing["text"] = f"{comment} {closing['text']}"
    return [{"text": text}, closing]


REFRAME = register(Exercise(
    key="reframe", form="reframe_form", label="the thought exercise",
    steps=STEPS, intros=INTROS, finish=finish,
))
