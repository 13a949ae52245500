"""Replies must not repeat the previous bot text when another variation exists."""

from __future__ import annotations

import asyncio

from rasa.shared.core.events import BotUttered, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.nlg import VaryingNLG


def generate(nlg, domain, name, *events):
    t = DialogueStateTracker.from_events("s", list(events), domain.slots)
    return asyncio.run(nlg.generate(name, t, "rest"))


def test_never_repeats_the_last_two_texts_when_it_can(domain):
    nlg = VaryingNLG(domain=domain)
    for _ in range(50):
        out = generate(nlg, domain, "utter_greet", BotUttered("hi one"), BotUttered("hi two"))
        assert out["text"] == "hi three"


def test_avoids_the_previous_text_when_only_two_variations(domain):
    nlg = VaryingNLG(domain=domain)
    for _ in range(30):
        out = generate(
            nlg, domain, "utter_named", SlotSet("belief", "sam"), BotUttered("hello sam")
        )
        assert out["text"] == "hey sam"


def test_single_variation_is_still_said(domain):
    nlg = VaryingNLG(domain=domain)
    assert generate(nlg, domain, "utter_single", BotUttered("only me"))["text"] == "only me"


def test_unknown_response_gives_none(domain):
    assert generate(VaryingNLG(domain=domain), domain, "utter_missing") is None


def test_button_payloads_keep_their_json_and_titles_are_still_filled():
    """Rasa's interpolator reads a payload's JSON as a ``{slot}`` placeholder and logs an ERROR
    with a traceback for every button shown; our payloads never name a slot, so they are left
    as written, while a title's placeholder is still filled."""
    from rasa.shared.core.domain import Domain
    from structlog.testing import capture_logs

    domain = Domain.from_dict(
        {
            "slots": {"belief": {"type": "text", "mappings": [{"type": "custom"}]}},
            "responses": {
                "utter_ask": [
                    {
                        "text": "try it, {belief}?",
                        "buttons": [
                            {"title": "yes, {belief}", "payload": '/affirm{"question":"ask"}'},
                            {"title": "no", "payload": '/deny{"question":"ask"}'},
                        ],
                    }
                ]
            },
        }
    )
    with capture_logs() as logs:
        out = generate(VaryingNLG(domain=domain), domain, "utter_ask", SlotSet("belief", "sam"))
    assert out["text"] == "try it, sam?"
    assert out["buttons"] == [
        {"title": "yes, sam", "payload": '/affirm{"question":"ask"}'},
        {"title": "no", "payload": '/deny{"question":"ask"}'},
    ]
    assert not [e for e in logs if e.get("log_level") in ("error", "exception")], logs
    # The domain's own response is untouched (each reply is filled on a copy).
    assert domain.responses["utter_ask"][0]["buttons"][0]["payload"] == '/affirm{"question":"ask"}'


def test_rasas_interpolator_still_logs_an_error_on_a_json_payload():
    """Canary: when upstream stops reading JSON as a placeholder, the override above can go."""
    from rasa.core.nlg import interpolator
    from structlog.testing import capture_logs

    with capture_logs() as logs:
        out = interpolator.interpolate_text('/affirm{"question":"ask"}', {"belief": "sam"})
    assert out == '/affirm{"question":"ask"}'
    assert any(e.get("event") == "interpolator.interpolate.text" for e in logs), logs


def _info_domain():
    from rasa.shared.core.domain import Domain

    return Domain.from_yaml(
        """
version: "3.1"
responses:
  utter_info:
    - text: "the long answer, with everything in it"
  utter_info_again:
    - text: "the short answer"
  utter_other:
    - text: "said once"
"""
    )


def test_a_response_said_before_gives_its_shorter_again_version():
    from rasa.shared.core.events import ActionExecuted, Restarted

    domain = _info_domain()
    nlg = VaryingNLG(domain=domain)
    said = ActionExecuted("utter_info")
    assert generate(nlg, domain, "utter_info")["text"].startswith("the long answer")
    assert generate(nlg, domain, "utter_info", said)["text"] == "the short answer"
    # Another response said before does not count; a restart starts afresh.
    assert generate(nlg, domain, "utter_info", ActionExecuted("utter_other"))["text"].startswith(
        "the long"
    )
    assert generate(nlg, domain, "utter_info", said, Restarted())["text"].startswith("the long")
    # A response with no shorter version is said as it is, every time.
    assert (
        generate(nlg, domain, "utter_other", ActionExecuted("utter_other"))["text"] == "said once"
    )
