"""Self-compassion break: noticing the suffering, remembering that struggle is human, offering
oneself kindness, with "what would you say to a friend?" and the person's words reflected back."""

from actions.exercise import Exercise, Step, closing_message, register, summary_message, with_context

INTROS = (
    "Let's take this slowly together. You can stop at any point by saying \"stop\".",
    "Okay, let's try a short self-compassion break. It's a few small steps, and you can say \"stop\" any time.",
    "Thank you for giving this a try. We'll go one small step at a time, and you can stop whenever you like.",
)

STEPS = (
    Step("sc_situation", with_context(
        (
            "You said \"{context}\". What's happening that you're being hard on yourself about? A sentence or two is plenty.",
            "You mentioned \"{context}\". Can you tell me a little about what happened, or what you keep criticising yourself for?",
            "Thinking about \"{context}\": what's the situation that's bringing up these harsh thoughts?",
        ),
        (
            "What's happening that you're being hard on yourself about? A sentence or two is plenty.",
            "To start, what's the situation that's bringing up these harsh thoughts?",
            "Can you tell me briefly what happened, or what you keep criticising yourself for?",
        ),
    )),
    Step("sc_feeling", (
        "Thank you. \"{sc_situation}\" sounds painful to carry. The first step is simply noticing: this is a moment of suffering. What are you feeling right now, and where do you notice it in your body?",
        "That sounds really hard. Let's start by noticing, without judging: this is a difficult moment. What feelings come up when you think about \"{sc_situation}\"?",
        "I hear you. Step one is to pause and acknowledge that this hurts. What are you feeling as you think about it? Maybe tightness, heaviness, sadness, or something else.",
    )),
    Step("sc_common", (
        "Thank you for noticing that: \"{sc_feeling}\". Step two is remembering that struggle is part of being human. You're not the only one who has felt this way or made a mistake like this. How does it feel to think that others have been here too?",
        "What you're feeling makes sense. The second step: struggling like this is part of being human, and lots of people are feeling something similar right now. When you hold that in mind, does anything shift, even slightly?",
        "Thank you. Here's step two: you are not alone in this. Getting things wrong and feeling bad about it happens to every person. What comes up for you when you remind yourself of that?",
    )),
    Step("sc_friend", (
        "Now imagine a good friend came to you and told you about \"{sc_situation}\". What would you say to them?",
        "Let's try something. If someone you care about were in exactly your place, feeling this way, what would you want to tell them?",
        "Picture a close friend going through the same thing. What kind words would you offer them?",
    )),
    Step("sc_kindness", (
        "That's a kind thing to say: \"{sc_friend}\". Step three is offering the same kindness to yourself. Could you say it, or something like it, to yourself now? Write the words you'd want to hear.",
        "You'd tell a friend \"{sc_friend}\". You deserve that kindness too. What would it sound like to say something similar to yourself?",
        "I really like that you'd say \"{sc_friend}\". For the last step, try turning it towards yourself. What's one kind thing you can say to you, right now?",
    )),
)

SUMMARIES = (
    "You noticed that this was a hard moment, you remembered that struggle is part of being human, and you offered yourself these words: \"{sc_kindness}\". You'd tell a friend \"{sc_friend}\", and it's just as true for you.",
    "Thank you for doing this. You started with \"{sc_situation}\", and you ended up speaking to yourself like this: \"{sc_kindness}\". That's the voice of a good friend, and it's yours.",
    "Look at what you just did: you let yourself notice the pain, remembered you're not alone in it, and said \"{sc_kindness}\" to yourself. The kindness you'd give a friend (\"{sc_friend}\") belongs to you too.",
)
CLOSINGS = (
    "A few phrases you might keep for hard moments: \"This is a moment of suffering.\" \"Struggle is part of being human.\" \"May I be kind to myself right now.\" What would you like to do next?",
    "Some words to keep in your pocket: \"This is really hard right now.\" \"Other people feel this too.\" \"I can be gentle with myself.\" Where would you like to go from here?",
    "If it helps, you can come back to these any time: \"It's okay to struggle.\" \"I'm not alone in this.\" \"I deserve kindness, from me too.\" What would you like now?",
)


def finish(quoted, raw, rng, tracker):
    return [summary_message(SUMMARIES, quoted, rng), closing_message(CLOSINGS, rng)]


SELF_COMPASSION = register(Exercise(
    key="self_compassion", form="self_compassion_form", label="the self-compassion break",
    steps=STEPS, intros=INTROS, finish=finish,
))
