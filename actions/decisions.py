"""Decision-making: the options in the person's words, what matters most, how each option
fits that, and the smallest next step; a summary at the end."""

from actions.exercise import Exercise, Step, closing_message, register, summary_message, with_context

INTROS = (
    "Let's untangle this decision together, step by step. You can stop any time.",
    "Okay, let's think this through. A few short questions, and there's no need to decide anything today.",
    "Decisions can feel heavy. Let's break this one into small pieces, and you can say \"stop\" whenever you like.",
)

STEPS = (
    Step("dc_options", with_context(
        (
            "You said \"{context}\". What are the options you're weighing, in your own words?",
            "Thinking about \"{context}\": what choices are in front of you? List them however they come to mind.",
            "About \"{context}\": tell me the options as you see them right now, even the ones that feel unlikely.",
        ),
        (
            "What are the options you're weighing? Describe them in your own words, for example \"stay in my job or look for a new one\".",
            "What choices are in front of you? List them however they come to mind.",
            "Tell me the options as you see them right now, even the ones that feel unlikely.",
        ),
    )),
    Step("dc_values", (
        "Thank you. So it's between \"{dc_options}\". What matters most to you in this? For example security, freedom, the people you love, your health, growing.",
        "When you think about \"{dc_options}\", what matters most to you, deep down?",
        "Let's set the options aside for a second. What's most important to you in this situation?",
    )),
    Step("dc_fit", (
        "So \"{dc_values}\" really matters to you. How does each option fit with that?",
        "Keeping \"{dc_values}\" in mind, how do the options compare? Which one sits closer to it?",
        "If you look at each option through \"{dc_values}\", what do you notice?",
    )),
    Step("dc_next_step", (
        "That's really useful to see. What's the smallest next step you could take, something you could do in the next day or two?",
        "You don't have to decide everything now. What's one small step that would move you forward, even just finding something out?",
        "What's the tiniest next step that would make this a bit clearer?",
    )),
)

SUMMARIES = (
    "Here's where you got to, in your own words:\n- Your options: \"{dc_options}\"\n- What matters most: \"{dc_values}\"\n- How they fit: \"{dc_fit}\"\n- Your next small step: \"{dc_next_step}\"",
    "A summary of your thinking:\n- The choice: \"{dc_options}\"\n- What you care about most: \"{dc_values}\"\n- How the options measure up: \"{dc_fit}\"\n- Next step: \"{dc_next_step}\"",
    "Let's put it all together:\n- Options: \"{dc_options}\"\n- Most important to you: \"{dc_values}\"\n- What you noticed: \"{dc_fit}\"\n- The smallest next step: \"{dc_next_step}\"",
)
CLOSINGS = (
    "You know your life better than anyone, and it's okay to take this one step at a time. What would you like to do next?",
    "However it turns out, choosing with what matters to you in mind is a good way to decide. Where would you like to go from here?",
    "There's no perfect choice, only the next step, and you've found yours. Would you like to do anything else?",
)


def finish(quoted, raw, rng, tracker):
    return [summary_message(SUMMARIES, quoted, rng), closing_message(CLOSINGS, rng)]


DECISION = register(Exercise(
    key="decision", form="decision_form", label="the decision exercise",
    steps=STEPS, intros=INTROS, finish=finish,
))
