"""Crisis resources: generated outputs are in sync with data/crisis/resources.yml, every
combination of crisis slots selects exactly one response variation, and each rendering
lists the right lines in the right order."""

from __future__ import annotations

import json
from itertools import product

import pytest
from rasa.core.nlg.generator import ResponseVariationFilter
from rasa.shared.core.domain import Domain

from bot.crisis import resources as cr


def test_a_hand_edited_number_is_regenerated_from_resources_yml():
    """The generator owns the block: a number edited by hand in domain.yml comes back as the
    data file says (bot/generate.py's check then reports domain.yml stale)."""
    edited = cr.DOMAIN_FILE.read_text(encoding="utf-8").replace("116 123", "116 124")
    files = cr.generated_files(lambda path: edited)
    block = files[cr.DOMAIN_FILE].split(cr.BEGIN_MARKER)[1].split(cr.END_MARKER)[0]
    assert "116 124" not in block and "116 123" in block
    assert json.loads(files[cr.WIDGET_FILE])


def test_missing_markers_is_an_error():
    with pytest.raises(ValueError):
        cr.splice_domain("version: '3.1'\nresponses:\n  utter_x:\n    - text: hi\n", "")


def test_splice_keeps_everything_outside_the_markers():
    before = (
        "a: 1\nresponses:\n"
        + cr.BEGIN_MARKER
        + "\n  old: 1\n"
        + cr.END_MARKER
        + "\n  utter_after: []\n"
    )
    after = cr.splice_domain(before, "  new: 2\n")
    assert (
        after
        == "a: 1\nresponses:\n"
        + cr.BEGIN_MARKER
        + "\n  new: 2\n"
        + cr.END_MARKER
        + "\n  utter_after: []\n"
    )


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(cr.DOMAIN_FILE))


def test_domain_loads_and_has_all_crisis_responses(domain):
    for name in (
        "utter_crisis_resources",
        "utter_crisis_check_safe",
        "utter_crisis_followup_safe",
        "utter_crisis_followup_unsafe",
    ):
        assert domain.responses.get(name), name
    for slot in ("crisis_region", "crisis_language", "crisis_negated", "crisis_category"):
        assert slot in [s.name for s in domain.slots], slot


REGIONS = [None] + cr.known_regions() + ["FR"]


@pytest.mark.parametrize(
    "region, language, negated", list(product(REGIONS, ["en", "es", None], ["true", "false", None]))
)
def test_exactly_one_variation_for_every_slot_combination(domain, region, language, negated):
    """Rasa picks at random among matching variations: there must never be two."""
    slots = {"crisis_region": region, "crisis_language": language, "crisis_negated": negated}
    chooser = ResponseVariationFilter(domain.responses)
    for name in (
        "utter_crisis_resources",
        "utter_crisis_followup_unsafe",
        "utter_crisis_check_safe",
        "utter_crisis_followup_safe",
    ):
        options = chooser.responses_for_utter_action(name, "rest", slots)
        assert len(options) == 1, (name, slots, len(options))


def pick(domain, name, **slots):
    [only] = ResponseVariationFilter(domain.responses).responses_for_utter_action(
        name, "rest", slots
    )
    return only


def test_default_lists_all_the_required_lines(domain):
    text = pick(domain, "utter_crisis_resources")["text"]
    for needle in ("911 / 999 / 112", "988", "116 123", "13 11 14", "findahelpline.com"):
        assert needle in text
    assert "bot" in text.lower()
    assert text.index("911 / 999 / 112") < text.index("988")


@pytest.mark.parametrize(
    "region, first",
    [
        ("US", "988"),
        ("CA", "988"),
        ("GB", "116 123"),
        ("IE", "116 123"),
        ("AU", "13 11 14"),
        ("NZ", "1737"),
    ],
)
def test_region_line_comes_first(domain, region, first):
    text = pick(
        domain,
        "utter_crisis_resources",
        crisis_region=region,
        crisis_language="en",
        crisis_negated="false",
    )["text"]
    bullets = [line for line in text.splitlines() if line.startswith("•")]
    assert first in bullets[0], (region, bullets)
    emergency = cr.emergency_number(region)
    assert any(emergency in b for b in bullets)


def test_spanish_variation(domain):
    text = pick(
        domain,
        "utter_crisis_resources",
        crisis_region=None,
        crisis_language="es",
        crisis_negated="false",
    )["text"]
    assert "Soy un bot" in text and "988" in text
    check = pick(domain, "utter_crisis_check_safe", crisis_language="es")
    assert check["text"].startswith("¿")
    assert [b["payload"] for b in check["buttons"]] == [
        '/affirm{"question":"crisis_check_safe"}',  # each button says which question it answers
        '/deny{"question":"crisis_check_safe"}',
    ]


def test_negated_variation_is_gentler_but_still_lists_help(domain):
    plain = pick(
        domain,
        "utter_crisis_resources",
        crisis_region="GB",
        crisis_language="en",
        crisis_negated="false",
    )["text"]
    gentle = pick(
        domain,
        "utter_crisis_resources",
        crisis_region="GB",
        crisis_language="en",
        crisis_negated="true",
    )["text"]
    assert gentle != plain
    assert "116 123" in gentle and "999" in gentle


def test_check_safe_buttons(domain):
    check = pick(domain, "utter_crisis_check_safe")
    assert [b["payload"] for b in check["buttons"]] == [
        '/affirm{"question":"crisis_check_safe"}',  # each button says which question it answers
        '/deny{"question":"crisis_check_safe"}',
    ]


def test_followups(domain):
    unsafe = pick(domain, "utter_crisis_followup_unsafe", crisis_region="AU", crisis_language="en")[
        "text"
    ]
    assert "000" in unsafe and "13 11 14" not in unsafe  # top line only
    safe = pick(domain, "utter_crisis_followup_safe")["text"]
    assert "116 123" not in safe and "988" not in safe  # no full list again


def test_widget_json_format():
    data = json.loads(cr.WIDGET_FILE.read_text(encoding="utf-8"))
    assert data["emergency"]["default"] == "911 / 999 / 112"
    assert data["emergency"]["numbers"]["GB"] == "999"
    ids = [r["id"] for r in data["resources"]]
    assert {"us-988", "samaritans", "lifeline-au", "findahelpline"} <= set(ids)
    for r in data["resources"]:
        assert r["name"] and r["description"] and isinstance(r["regions"], list)
        assert r.get("url", "https://").startswith("https://")


def test_plain_text_rendering():
    text = cr.render_plain_text()
    assert "911 / 999 / 112" in text and "findahelpline.com" in text and "bot" in text
    gb = cr.render_plain_text("GB")
    assert gb.splitlines()[1].startswith("• Samaritans")
    assert "<" not in text and "*" not in text  # plain text, no markup
    es = cr.render_plain_text(None, "es")
    assert "Emergencias" in es


def test_unknown_region_renders_the_default():
    assert cr.render_plain_text("ZZ") == cr.render_plain_text(None)


def test_bad_resources_file_is_rejected(tmp_path):
    bad = tmp_path / "resources.yml"
    text = cr.RESOURCES_FILE.read_text(encoding="utf-8").replace(
        "regions: [US, CA]", "regions: [US, XX]"
    )
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError):
        cr.load(bad)
