"""The CrisisDetector with both tiers, the guidance step of CrisisPolicy, and the generated
responses for the middle band and the kinds of crisis."""

from __future__ import annotations

import functools

import pytest
from rasa.shared.core.constants import ACTION_DEACTIVATE_LOOP_NAME, ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT

from bot import fast_yaml
from bot.crisis import learned, resources, tiers
from bot.crisis.policy import next_crisis_action
from tests.nlu.test_crisis_detector import entities_of, make_detector, message, run


@pytest.fixture(autouse=True)
def fresh(monkeypatch, fresh_learned_tier):
    monkeypatch.delenv("CRISIS_REGION", raising=False)


# --- detector ----------------------------------------------------------------------------------


def test_learned_only_crisis_sets_the_crisis_entities(tmp_path):
    # Written for this test: a warning sign with no risk word, which no pattern names.
    text = "i gave my guitar and my games to my brother, i wont be needing them after friday"
    assert not tiers.get_lexicon().match(text).matched
    [msg] = run(make_detector(tmp_path), message(text))
    assert msg.get(INTENT)["name"] == "crisis"
    ents = entities_of(msg)
    assert ents["crisis_negated"] in {"false", "unsure"}
    assert ents["crisis_kind"] in tiers.KINDS
    record = msg.get("crisis")
    assert record["source"] == "learned" and 0 <= record["p_learned"] <= 1
    assert text not in str(record)


def test_medical_emergency_gets_the_medical_kind(tmp_path):
    [msg] = run(
        make_detector(tmp_path), message("my chest is crushing and my left arm has gone numb")
    )
    assert msg.get(INTENT)["name"] == "crisis"
    if entities_of(msg)["crisis_negated"] != "unsure":
        assert entities_of(msg)["crisis_kind"] == "medical"


def test_middle_band_asks(tmp_path, monkeypatch):
    tier = learned.get_learned_tier()
    monkeypatch.setattr(
        tier,
        "score",
        lambda text, **_: learned.LearnedScore(
            (tier.thresholds.low + tier.thresholds.high) / 2, "suicidal_passive"
        ),
    )
    [msg] = run(make_detector(tmp_path), message("what a day, honestly"))
    assert msg.get(INTENT)["name"] == "crisis"
    assert entities_of(msg)["crisis_negated"] == "unsure"
    assert entities_of(msg)["crisis_kind"] == "general"


def test_lexicon_match_read_as_everyday_keeps_the_resources_with_the_gentle_intro(
    tmp_path, monkeypatch
):
    tier = learned.get_learned_tier()
    p = (tier.thresholds.clear + tier.thresholds.veto) / 2
    monkeypatch.setattr(tier, "score", lambda text, **_: learned.LearnedScore(p, "suicidal_active"))
    [msg] = run(make_detector(tmp_path), message("i want to kill myself"))
    assert msg.get(INTENT)["name"] == "crisis"
    assert entities_of(msg)["crisis_negated"] == "true"


def test_lexicon_match_the_tier_is_all_but_sure_is_everyday_gets_no_crisis_reply(
    tmp_path, monkeypatch
):
    tier = learned.get_learned_tier()
    assert tier.thresholds.clear > 0
    monkeypatch.setattr(
        tier, "score", lambda text, **_: learned.LearnedScore(0.0, "suicidal_active")
    )
    [msg] = run(make_detector(tmp_path), message("i want to kill myself"))
    assert msg.get(INTENT)["name"] != "crisis"


@pytest.mark.parametrize(
    "text",
    [
        # Written for this test: proud past-tense recovery and study, which the lexicon matches.
        "on this day in 2019 i tried to kill myself, so glad i am still here and happy",
        # (Warning signs listed for an exam no longer match at all: an exclusion of session 18,
        # tests/crisis/test_false_alarms_v14.py.)
        "for my nursing exam we have to learn how to talk to someone who is suicidal",
    ],
)
def test_recovery_and_study_the_lexicon_matches_get_no_full_crisis_reply(text):
    assert tiers.get_lexicon().match(text).matched
    assert tiers.assess(text).band in {learned.NONE, learned.GENTLE}


def test_learned_tier_raising_in_the_detector_leaves_the_lexicon(tmp_path, monkeypatch):
    tier = learned.get_learned_tier()

    def boom(text, **_):
        raise MemoryError()

    monkeypatch.setattr(tier, "score", boom)
    detector = make_detector(tmp_path)
    out = run(detector, message("i want to kill myself"), message("hello there"))
    assert [m.get(INTENT)["name"] for m in out] == ["crisis", "mood_low"]
    assert entities_of(out[0])["crisis_negated"] == "false"


def test_assess_raising_falls_back_to_the_lexicon_alone(tmp_path, monkeypatch):
    """Even a fault outside the tier's own guard (here: assess itself) loses nothing."""
    import bot.crisis.detector as cd

    real = cd.assess

    def flaky(text, use_learned=True):
        if use_learned:
            raise RuntimeError("broken")
        return real(text, use_learned=False)

    monkeypatch.setattr(cd, "assess", flaky)
    [msg] = run(make_detector(tmp_path), message("i want to kill myself"))
    assert msg.get(INTENT)["name"] == "crisis"


def test_detector_loads_with_the_tier_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv(learned.ENV_ENABLED, "0")
    detector = make_detector(tmp_path)
    text = "i gave my guitar and my games to my brother, i wont be needing them after friday"
    [msg] = run(detector, message(text))
    assert msg.get(INTENT)["name"] == "mood_low"  # the lexicon alone, as before the tier
    [msg] = run(detector, message("i want to kill myself"))
    assert msg.get(INTENT)["name"] == "crisis"


# --- policy --------------------------------------------------------------------------------------

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [greet, crisis]
slots:
  crisis_kind:
    type: text
    influence_conversation: false
    mappings: [{type: custom}]
  belief:
    type: text
    influence_conversation: false
    mappings: [{type: custom}]
forms:
  reframe_form:
    required_slots: [belief]
responses:
  utter_crisis_resources: [{text: "resources"}]
  utter_crisis_guidance: [{text: "guidance"}]
  utter_crisis_check_safe: [{text: "safe"}]
""")


def steps(policy, *events):
    done, out = list(events), []
    for _ in range(6):
        t = DialogueStateTracker.from_events(
            "s", [ActionExecuted(ACTION_LISTEN_NAME), *done], DOMAIN.slots
        )
        action = next_crisis_action(t)
        if action is None:
            break
        out.append(action)
        if action == ACTION_LISTEN_NAME:
            break
        done.append(ActionExecuted(action))
        if action == ACTION_DEACTIVATE_LOOP_NAME:
            done.append(ActiveLoop(None))
    return out


def crisis(kind):
    events = [UserUttered("x", intent={"name": "crisis", "confidence": 1.0})]
    if kind:
        events.append(SlotSet("crisis_kind", kind))
    return events


@pytest.mark.parametrize("kind", resources.GUIDED_KINDS)
def test_guided_kinds_get_their_guidance_after_the_resources(kind):
    assert steps(None, *crisis(kind)) == [
        "utter_crisis_resources",
        "utter_crisis_guidance",
        "utter_crisis_check_safe",
        ACTION_LISTEN_NAME,
    ]


@pytest.mark.parametrize("kind", [None, "general", "something else"])
def test_general_crisis_has_no_guidance_step(kind):
    assert steps(None, *crisis(kind)) == [
        "utter_crisis_resources",
        "utter_crisis_check_safe",
        ACTION_LISTEN_NAME,
    ]


def test_guidance_inside_a_form_then_the_form_ends():
    events = [ActionExecuted("reframe_form"), ActiveLoop("reframe_form")] + crisis("abuse")
    assert steps(None, *events) == [
        "utter_crisis_resources",
        "utter_crisis_guidance",
        ACTION_DEACTIVATE_LOOP_NAME,
        "utter_crisis_check_safe",
        ACTION_LISTEN_NAME,
    ]


# --- responses -------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _domain_responses():
    """domain.yml's responses, read once for the ~110 cases here (tests only read them)."""
    return fast_yaml.safe_load(resources.DOMAIN_FILE.read_text(encoding="utf-8"))["responses"]


def _pick(name, **slots):
    for variation in _domain_responses()[name]:
        cond = variation.get("condition")
        if cond and all(slots.get(c["name"]) == c["value"] for c in cond):
            return variation["text"]
    raise AssertionError(f"no variation of {name} for {slots}")


@pytest.mark.parametrize(
    "language, question",
    [("en", "are you thinking about suicide"), ("es", "estás pensando en el suicidio")],
)
def test_unsure_asks_directly_with_the_resources_in_the_same_reply(language, question):
    text = _pick(
        "utter_crisis_resources",
        crisis_region="GB",
        crisis_language=language,
        crisis_negated="unsure",
    )
    assert question in text.lower() and "116 123" in text


@pytest.mark.parametrize("region", [None, "US", "CA", "GB", "IE", "AU", "NZ", "ES", "MX"])
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kind", resources.GUIDED_KINDS)
def test_every_kind_region_and_language_has_guidance(kind, region, language):
    text = _pick(
        "utter_crisis_guidance", crisis_region=region, crisis_language=language, crisis_kind=kind
    )
    assert resources.emergency_number(region) in text


def test_abuse_guidance_says_it_is_not_their_fault_and_names_a_childrens_line():
    text = _pick(
        "utter_crisis_guidance", crisis_region="GB", crisis_language="en", crisis_kind="abuse"
    )
    assert "not your fault" in text and "Childline" in text and "0800 1111" in text


@pytest.mark.parametrize(
    "language, mine, theirs",
    [("en", "to you", "someone you know"), ("es", "a ti", "alguien que conoces")],
)
def test_abuse_guidance_speaks_to_the_victim_and_to_someone_telling_about_another(
    language, mine, theirs
):
    """Abuse is often told by a son, a friend or a neighbour ("her carer locks my mum in"): the
    reply must not tell them it is happening to them."""
    text = _pick(
        "utter_crisis_guidance", crisis_region="GB", crisis_language=language, crisis_kind="abuse"
    )
    assert mine in text and theirs in text


@pytest.mark.parametrize(
    "region, line", [("GB", "Forced Marriage Unit"), ("GB", "08000 121 700"), ("US", "233733")]
)
def test_abuse_guidance_names_the_trafficking_and_forced_marriage_lines(region, line):
    text = _pick(
        "utter_crisis_guidance", crisis_region=region, crisis_language="en", crisis_kind="abuse"
    )
    assert line in text and "not your fault" in text


def test_guidance_variations_are_mutually_exclusive():
    seen = set()
    for variation in _domain_responses()["utter_crisis_guidance"]:
        key = tuple(sorted((c["name"], str(c["value"])) for c in variation.get("condition") or []))
        assert key not in seen
        seen.add(key)


def test_personal_danger_guidance_says_call_now_and_find_a_safe_place():
    text = _pick(
        "utter_crisis_guidance", crisis_region="US", crisis_language="en", crisis_kind="danger"
    )
    assert "call 911 now" in text and "room that locks" in text


def test_psychosis_guidance_says_the_voices_need_not_be_obeyed_and_care_is_urgent():
    text = _pick(
        "utter_crisis_guidance", crisis_region="GB", crisis_language="en", crisis_kind="psychosis"
    )
    assert "don't have to do what the voices" in text and "999" in text


@pytest.mark.parametrize(
    "category, kind",
    [
        ("personal_danger", "danger"),
        ("psychosis", "psychosis"),
        ("domestic_abuse", "abuse"),
        ("carer_abuse", "abuse"),
        ("forced_marriage_trafficking", "abuse"),
        ("sextortion", "abuse"),
    ],
)
def test_every_mapped_kind_has_guidance_and_the_policy_uses_it(category, kind):
    assert tiers.kind_of(category) == kind and kind in resources.GUIDED_KINDS
    assert "utter_crisis_guidance" in steps(None, *crisis(kind))
