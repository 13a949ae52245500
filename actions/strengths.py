"""Inner strengths: a hard time the person got through, what helped, the strength behind it
(examples as buttons), and one way to use it this week."""

from actions.exercise import Exercise, Step, closing_message, context_intent, register, summary_message

INTROS = (
    "Let's look for some of the strengths you already have. A few short questions, and you can stop whenever you like.",
    "I'd love to help you notice your strengths. We'll go one question at a time; say \"stop\" any time.",
    "Let's explore what's helped you before. There are no wrong answers, and you can stop at any point.",
)

STRENGTH_BUTTONS = (
    ("Persistence", "persistence"),
    ("Courage", "courage"),
    ("Kindness", "kindness"),
    ("Patience", "patience"),
    ("Humour", "humour"),
    ("Reaching out to others", "reaching out to others"),
    ("Hope", "hope"),
    ("Creativity", "creativity"),
)

def _first_prompts(values, tracker):
    if context_intent(tracker) == "mood_great":  # coming from a good day: start from what went well
        return (
            "What's something you handled well recently, or a hard time you got through? Tell me a little about it.",
            "Think of something you're proud of getting through, recent or long ago. What happened?",
            "Good days often come after harder ones. What's a challenge you came out the other side of?",
        )
    return (
        "Think of a time you got through something hard, big or small. What happened?",
        "Can you remember a difficult time that you made it through? Tell me a little about it.",
        "What's a challenge from your past that you came out the other side of?",
    )


STEPS = (
    Step("st_hard_time", _first_prompts),
    Step("st_what_helped", (
        "Thank you for sharing that. Getting through \"{st_hard_time}\" took something. What helped you at the time?",
        "That doesn't sound easy. When you think about \"{st_hard_time}\", what got you through it?",
        "You made it through that. What helped you keep going: people, habits, something you told yourself?",
    )),
    Step("st_strength", (
        "Looking at \"{st_what_helped}\", what strength of yours does that show? Pick one below or name it in your own words.",
        "If you had to name the strength behind that, what would it be? Here are some ideas, or use your own words.",
        "What does \"{st_what_helped}\" say about you? Choose a strength below, or describe it yourself.",
    ), buttons=STRENGTH_BUTTONS),
    Step("st_this_week", (
        "That's a real strength: \"{st_strength}\". What's one small way you could use it this week?",
        "You've clearly got \"{st_strength}\" in you. How might you lean on it in the next few days, in one small way?",
        "Knowing you have \"{st_strength}\", is there one small thing this week where it could help you?",
    )),
)

SUMMARIES = (
    "Here's what you found: you got through \"{st_hard_time}\", helped by \"{st_what_helped}\". That shows \"{st_strength}\". And this week you'll try: \"{st_this_week}\".",
    "Let's put it together. The hard time: \"{st_hard_time}\". What helped: \"{st_what_helped}\". Your strength: \"{st_strength}\". Your small step this week: \"{st_this_week}\".",
    "You've shown \"{st_strength}\" before, when you got through \"{st_hard_time}\". This week you're planning to use it like this: \"{st_this_week}\".",
)
CLOSINGS = (
    "These strengths are yours, and they don't disappear on hard days. What would you like to do next?",
    "It's worth remembering this the next time things feel heavy: you've got through hard things before. Where would you like to go from here?",
    "Thank you for taking the time to notice this about yourself. Would you like to do anything else?",
)


def finish(quoted, raw, rng, tracker):
    return [summary_message(SUMMARIES, quoted, rng), closing_message(CLOSINGS, rng)]


STRENGTHS = register(Exercise(
    key="strengths", form="strengths_form", label="the strengths exercise",
    steps=STEPS, intros=INTROS, finish=finish,
))
