"""Grounding and breathing for anxious moments: 5-4-3-2-1 grounding and paced box breathing,
one step a message. Any reply moves on ("done", "ok", or what they noticed)."""

from actions.exercise import Exercise, Step, closing_message, register

GROUNDING_INTROS = (
    "Let's do the 5-4-3-2-1 grounding exercise together, one step at a time. You can stop any time.",
    "Okay, let's come back to the here and now. I'll guide you one step at a time; say \"stop\" whenever you like.",
    "Let's try a grounding exercise that uses your senses. Take it slowly, there's no rush.",
)

GROUNDING_STEPS = (
    Step("gr_see", (
        "Look around and name five things you can see. Type them, or just notice them and tell me when you're done.",
        "First, find five things you can see right now. They can be small, like a mark on the wall or the colour of a cup.",
        "Let your eyes wander and notice five things you can see. Tell me what they are, or say \"ok\" when you've noticed them.",
    ), kind="ack"),
    Step("gr_touch", (
        "Good. Now four things you can feel: your feet on the floor, the chair under you, the air on your skin, the fabric of your clothes.",
        "Nice. Next, notice four things you can touch or feel right now.",
        "Thank you. Now bring your attention to four things you can physically feel.",
    ), kind="ack"),
    Step("gr_hear", (
        "Now listen for three things you can hear, near or far.",
        "Next, three sounds. Maybe traffic, your own breathing, a fridge humming.",
        "Let's move to sound: what are three things you can hear right now?",
    ), kind="ack"),
    Step("gr_smell", (
        "Two things you can smell. If nothing comes, think of two smells you like.",
        "Now notice two things you can smell, or bring to mind two favourite smells.",
        "Next, two smells: whatever's around you, even just the air.",
    ), kind="ack"),
    Step("gr_taste", (
        "And finally, one thing you can taste, or one thing you're grateful for right now.",
        "Last step: notice one thing you can taste. A sip of water counts.",
        "Finally, one taste. If that's tricky, one kind thing you can say to yourself instead.",
    ), kind="ack"),
)

GROUNDING_CLOSINGS = (
    "Well done. You've just brought yourself back to the present moment. You can use 5-4-3-2-1 any time, anywhere, and nobody needs to know you're doing it. What would you like to do next?",
    "You did it. Take one slow breath. Noticing your senses like this tells your body you're safe right now. Where would you like to go from here?",
    "That's the whole exercise. However you feel now, thank you for staying with it. It gets easier each time you practise. Would you like to do anything else?",
)

BREATHING_INTROS = (
    "Let's do some box breathing together: in for 4, hold for 4, out for 4, hold for 4. I'll guide one step at a time.",
    "Okay, let's slow the breath down with box breathing. Go at your own pace, and you can stop any time.",
    "Let's breathe together. Box breathing has four equal steps, and I'll take you through them one by one.",
)
NEXT = (("Done", "okay"),)
BREATHING_STEPS = (
    Step("br_ready", (
        "Sit or stand comfortably, let your shoulders drop, and breathe out gently. Tell me when you're ready.",
        "Find a comfortable position, feet on the floor if you can. Let your breath out slowly. Ready when you are.",
        "Get comfortable and soften your jaw and shoulders. Let me know when you're ready.",
    ), kind="ack", buttons=(("I'm ready", "i'm ready"),)),
    Step("br_in", (
        "Breathe in slowly through your nose for a count of 4: 1... 2... 3... 4. Tell me when you've done it.",
        "Now breathe in gently through your nose, counting to 4: 1... 2... 3... 4.",
        "Let's begin. A slow breath in for 4: 1... 2... 3... 4.",
    ), kind="ack", buttons=NEXT),
    Step("br_hold", (
        "Now gently hold that breath for 4: 1... 2... 3... 4.",
        "Hold it softly, no strain, for 4: 1... 2... 3... 4.",
        "And hold for a count of 4: 1... 2... 3... 4.",
    ), kind="ack", buttons=NEXT),
    Step("br_out", (
        "Breathe out slowly through your mouth for 4: 1... 2... 3... 4.",
        "Now let it all out, slowly, for 4: 1... 2... 3... 4.",
        "Gently breathe out for a count of 4: 1... 2... 3... 4.",
    ), kind="ack", buttons=NEXT),
    Step("br_rest", (
        "And rest with your lungs empty for 4: 1... 2... 3... 4.",
        "Pause before the next breath, for 4: 1... 2... 3... 4.",
        "Hold, empty and relaxed, for 4: 1... 2... 3... 4.",
    ), kind="ack", buttons=NEXT),
)

BREATHING_CLOSINGS = (
    "That's one full box. Try three or four more rounds at your own pace: in 4, hold 4, out 4, hold 4. If 4 feels too long, 3 works just as well. What would you like to do next?",
    "Well done, that's a whole round. Keep going for a minute or two if it helps, in 4, hold 4, out 4, hold 4. Where would you like to go from here?",
    "Nicely done. Your breath is something you can always come back to. A few more rounds on your own can help it settle further. Would you like to do anything else?",
)


def grounding_finish(quoted, raw, rng, tracker):
    return [closing_message(GROUNDING_CLOSINGS, rng)]


def breathing_finish(quoted, raw, rng, tracker):
    return [closing_message(BREATHING_CLOSINGS, rng)]


GROUNDING = register(Exercise(
    key="grounding", form="grounding_form", label="the grounding exercise",
    steps=GROUNDING_STEPS, intros=GROUNDING_INTROS, finish=grounding_finish,
))
BREATHING = register(Exercise(
    key="breathing", form="breathing_form", label="the breathing exercise",
    steps=BREATHING_STEPS, intros=BREATHING_INTROS, finish=breathing_finish,
))
