"""Crisis resources from data/crisis/resources.yml, rendered for every channel.

One data file, three outputs, so a number is changed once and everywhere:

* the crisis responses in domain.yml, between the marker lines (Rasa response
  variations selected by the slots the CrisisDetector fills: crisis_region,
  crisis_language, crisis_negated ("unsure": the learned tier's middle band, asked
  directly), crisis_kind (the guidance for medical, abuse, third-party, harm-to-others,
  personal-danger and psychotic crises, a death just found or witnessed, substance danger and
  a missing person, being trapped by fire, flood, gas or weather, ``utter_crisis_guidance``);
  plus an unconditioned default);
* widget/crisis-resources.json, read by the widget's "Get help" panel;
* plain text for Telegram's /resources (``render_plain_text``).

``make generate`` (bot/generate.py) writes both files through ``generated_files``, and
``make test`` fails while they are out of date. ``python -m bot.crisis.resources [REGION]``
prints the plain text.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import yaml

from bot import fast_yaml

ROOT = Path(__file__).resolve().parents[2]
RESOURCES_FILE = ROOT / "data" / "crisis" / "resources.yml"
DOMAIN_FILE = ROOT / "domain.yml"
WIDGET_FILE = ROOT / "widget" / "crisis-resources.json"

BEGIN_MARKER = "  # >>> generated crisis responses (bot/crisis/resources.py; do not edit by hand)"
END_MARKER = "  # <<< generated crisis responses"
LANGUAGES = ("en", "es")
SLOT_REGION, SLOT_LANGUAGE, SLOT_NEGATED = "crisis_region", "crisis_language", "crisis_negated"
SLOT_KIND = "crisis_kind"
# Kinds of crisis with their own guidance after the resources (data/crisis/resources.yml).
GUIDED_KINDS = (
    "medical",
    "abuse",
    "third_party",
    "harm_to_others",
    "danger",
    "psychosis",
    # Finding or witnessing a death now, substance danger, a vulnerable person missing.
    "loss",
    "substance",
    "missing",
    # Trapped or in danger from fire, smoke, flood, gas or extreme weather now.
    "disaster",
)
TONES = ("false", "true", "unsure")  # values of crisis_negated: plain, negated mention, unsure


@functools.lru_cache(maxsize=None)
def _load_cached(path: str, mtime: float) -> Dict[str, Any]:
    data = fast_yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    _validate(data)
    return data


def load(path: Path = RESOURCES_FILE) -> Dict[str, Any]:
    """The parsed resources file (cached until the file changes)."""
    return _load_cached(str(path), path.stat().st_mtime)


def _validate(data: Dict[str, Any]) -> None:
    regions = set(data["regions"])
    for entry in data["resources"]:
        for region in entry.get("regions", []):
            if region not in regions:
                raise ValueError(f"resource {entry['id']}: unknown region {region}")
        for lang in LANGUAGES:
            if lang not in entry["local"]:
                raise ValueError(f"resource {entry['id']}: no local text in {lang}")
    for region in regions:
        if region not in data["emergency"]["numbers"]:
            raise ValueError(f"region {region} has no emergency number")
    for lang in LANGUAGES:
        if lang not in data["texts"]:
            raise ValueError(f"no texts for language {lang}")
    for kind in GUIDED_KINDS + ("default",):
        for lang in LANGUAGES:
            if lang not in (data.get("guidance") or {}).get(kind, {}):
                raise ValueError(f"guidance {kind}: no text in {lang}")
    for region in list(regions) + ["default"]:
        for lang in LANGUAGES:
            if not (data.get("abuse_lines") or {}).get(region, {}).get(lang):
                raise ValueError(f"abuse_lines {region}: no lines in {lang}")


def known_regions(path: Path = RESOURCES_FILE) -> List[str]:
    """Regions with their own entries (what CRISIS_REGION / metadata may name)."""
    return list(load(path)["regions"])


# -- the lists ---------------------------------------------------------------------------
def emergency_number(region: Optional[str], data: Optional[Dict[str, Any]] = None) -> str:
    data = data or load()
    return data["emergency"]["numbers"].get(region or "", data["emergency"]["default"])


def resource_lines(
    region: Optional[str] = None, language: str = "en", data: Optional[Dict[str, Any]] = None
) -> List[str]:
    """The lines to show, most relevant first.

    Known region: its own lines first, then its emergency number, then the
    worldwide directory. Unknown region: emergency numbers first, then every
    region's general line, then the directory.
    """
    data = data or load()
    language = language if language in LANGUAGES else "en"
    texts = data["texts"][language]
    everywhere = [r for r in data["resources"] if not r.get("regions")]
    if region and region in data["regions"]:
        own = [r["local"][language] for r in data["resources"] if region in r.get("regions", [])]
        emergency = texts["emergency_line"].format(emergency=emergency_number(region, data))
        return own + [emergency] + [r["local"][language] for r in everywhere]
    lines = [texts["emergency_line"].format(emergency=data["emergency"]["default"])]
    lines += [r["text"][language] for r in data["resources"] if r.get("regions") and "text" in r]
    lines += [r["text"][language] for r in everywhere if "text" in r]
    return lines


def _bullets(lines: List[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def render_plain_text(region: Optional[str] = None, language: str = "en") -> str:
    """Plain text for Telegram's /resources (no markup)."""
    data = load()
    texts = data["texts"][language if language in LANGUAGES else "en"]
    emergency = emergency_number(region, data)
    return (
        f"{texts['plain_title']}:\n{_bullets(resource_lines(region, language, data))}\n\n"
        f"{texts['bot_note'].format(emergency=emergency)}"
    )


# -- domain responses ----------------------------------------------------------------------
def _condition(
    region: Optional[str], language: str, negated: Optional[str] = None
) -> List[Dict[str, Any]]:
    cond = [
        {"type": "slot", "name": SLOT_REGION, "value": region},
        {"type": "slot", "name": SLOT_LANGUAGE, "value": language},
    ]
    if negated is not None:
        cond.append({"type": "slot", "name": SLOT_NEGATED, "value": negated})
    return cond


def _resources_text(region: Optional[str], language: str, tone: str, data: Dict[str, Any]) -> str:
    """tone: "false" (plain), "true" (risk words negated), "unsure" (ask directly)."""
    texts = data["texts"][language]
    emergency = emergency_number(region, data)
    intro = texts[{"true": "intro_negated", "unsure": "intro_unsure"}.get(tone, "intro")]
    note = texts["bot_note_negated" if tone == "true" else "bot_note"].format(emergency=emergency)
    return f"{intro}\n{_bullets(resource_lines(region, language, data))}\n{note}"


def guidance_text(
    kind: str, region: Optional[str], language: str, data: Optional[Dict[str, Any]] = None
) -> str:
    """What follows the resources for one kind of crisis (data/crisis/resources.yml)."""
    data = data or load()
    language = language if language in LANGUAGES else "en"
    template = data["guidance"].get(kind, data["guidance"]["default"])[language]
    lines = data["abuse_lines"].get(region or "", data["abuse_lines"]["default"])[language]
    return template.format(emergency=emergency_number(region, data), lines=_bullets(lines))


def build_responses(data: Optional[Dict[str, Any]] = None) -> Dict[str, List[Dict[str, Any]]]:
    """All crisis responses with their variations.

    Rasa picks at random among every conditioned variation that matches, so the
    conditions are mutually exclusive: each names region (null = unknown),
    language and, where it matters, negation. Before any crisis slot is set the
    unconditioned default (English, region unknown) is used.
    """
    data = data or load()
    regions: List[Optional[str]] = [None] + list(data["regions"])
    resources, unsafe, check, safe, guidance = [], [], [], [], []
    stay: Dict[str, List[Dict[str, Any]]] = {"stay": [], "stay_on": [], "followup_unsure": []}
    for language in LANGUAGES:
        texts = data["texts"][language]
        for region in regions:
            for tone in TONES:
                resources.append(
                    {
                        "text": _resources_text(region, language, tone, data),
                        "condition": _condition(region, language, tone),
                    }
                )
            for kind in GUIDED_KINDS:
                guidance.append(
                    {
                        "text": guidance_text(kind, region, language, data),
                        "condition": _condition(region, language)
                        + [{"type": "slot", "name": SLOT_KIND, "value": kind}],
                    }
                )
            unsafe.append(
                {
                    "text": texts["followup_unsafe"].format(
                        emergency=emergency_number(region, data)
                    ),
                    "condition": _condition(region, language),
                }
            )
            for key, variations in stay.items():
                variations.append(
                    {
                        "text": texts[key].format(emergency=emergency_number(region, data)),
                        "condition": _condition(region, language),
                    }
                )
        if language != "en":
            lang_cond = [{"type": "slot", "name": SLOT_LANGUAGE, "value": language}]
            check.append(
                {
                    "text": texts["check_safe"],
                    "buttons": _safe_buttons(texts),
                    "condition": lang_cond,
                }
            )
            safe.append({"text": texts["followup_safe"], "condition": lang_cond})
    en = data["texts"]["en"]
    resources.append({"text": _resources_text(None, "en", "false", data)})
    guidance.append({"text": guidance_text("default", None, "en", data)})
    unsafe.append({"text": en["followup_unsafe"].format(emergency=data["emergency"]["default"])})
    check.append({"text": en["check_safe"], "buttons": _safe_buttons(en)})
    safe.append({"text": en["followup_safe"]})
    for key, variations in stay.items():
        variations.append({"text": en[key].format(emergency=data["emergency"]["default"])})
    general = _bullets(resource_lines(None, "en", data))
    unavailable = [{"text": f"{apology}\n{general}"} for apology in en["unavailable"]]
    return {
        "utter_action_unavailable": unavailable,
        "utter_crisis_resources": resources,
        "utter_crisis_check_safe": check,
        "utter_crisis_followup_safe": safe,
        "utter_crisis_followup_unsafe": unsafe,
        # A hedged answer to the check ("i think so", "kinda"): bot/crisis/aftercare.py.
        "utter_crisis_followup_unsure": stay["followup_unsure"],
        "utter_crisis_guidance": guidance,
        # The turns after "I'm not safe" (bot/crisis/aftercare.py).
        "utter_crisis_stay": stay["stay"],
        "utter_crisis_stay_on": stay["stay_on"],
    }


# The question "Are you safe right now?" answers; its buttons say so, like every button
# (bot/rasa_compat/payload_guard.py: an old "not safe" still counts, as a crisis message).
CHECK_SAFE_QUESTION = "crisis_check_safe"


def _safe_buttons(texts: Dict[str, str]) -> List[Dict[str, str]]:
    return [
        {"title": texts["safe_yes"], "payload": f'/affirm{{"question":"{CHECK_SAFE_QUESTION}"}}'},
        {"title": texts["safe_no"], "payload": f'/deny{{"question":"{CHECK_SAFE_QUESTION}"}}'},
    ]


class _IndentedDumper(yaml.SafeDumper):
    """Indent list items under their key, as the rest of domain.yml does."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def _str_representer(dumper: yaml.SafeDumper, value: str) -> Any:
    """Multi-line texts as literal blocks (readable in review); others quoted plainly."""
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_IndentedDumper.add_representer(str, _str_representer)


def responses_block(data: Optional[Dict[str, Any]] = None) -> str:
    """The YAML between the markers (indented to sit under `responses:`)."""
    dumped = yaml.dump(
        build_responses(data),
        Dumper=_IndentedDumper,
        sort_keys=False,
        allow_unicode=True,
        width=10_000,
        default_flow_style=False,
    )
    return "".join(f"  {line}\n" if line.strip() else "\n" for line in dumped.splitlines())


def splice_domain(domain_text: str, block: str) -> str:
    """Replace what lies between the markers; error if they are missing."""
    lines = domain_text.splitlines(keepends=True)
    try:
        begin = next(i for i, line in enumerate(lines) if line.rstrip("\n") == BEGIN_MARKER)
        end = next(
            i for i, line in enumerate(lines) if line.rstrip("\n") == END_MARKER and i > begin
        )
    except StopIteration:
        raise ValueError("domain.yml has no generated-crisis-responses markers") from None
    return "".join(lines[: begin + 1]) + block + "".join(lines[end:])


# -- widget JSON ---------------------------------------------------------------------------
def widget_json(data: Optional[Dict[str, Any]] = None) -> str:
    """The widget's format: emergency.default / emergency.numbers; resources[] with
    name, regions (empty = everywhere), description, phone, sms, url; plus texts by
    language for a translated panel."""
    data = data or load()
    resources = []
    for entry in data["resources"]:
        item = {
            "id": entry["id"],
            "name": entry["name"],
            "regions": list(entry.get("regions", [])),
            "description": entry.get("text", entry["local"])["en"],
        }
        for key in ("phone", "sms", "url"):
            if entry.get(key):
                item[key] = entry[key]
        item["texts"] = {
            lang: {
                "local": entry["local"][lang],
                "general": entry.get("text", entry["local"])[lang],
            }
            for lang in LANGUAGES
        }
        resources.append(item)
    payload = {
        "_comment": "Generated by bot/crisis/resources.py from data/crisis/resources.yml; do not edit by hand.",
        "version": 1,
        "emergency": {
            "default": data["emergency"]["default"],
            "numbers": dict(data["emergency"]["numbers"]),
        },
        "resources": resources,
        "bot_note": {lang: data["texts"][lang]["bot_note_negated"] for lang in LANGUAGES},
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


# -- generated files (written by `make generate`, bot/generate.py) --------------------------
FALLBACK_FILE = ROOT / "bot" / "crisis" / "fallback_text.py"


def fallback_module(data: Dict[str, Any]) -> str:
    """A Python module holding the general resources text, for the code paths that must answer
    even when this YAML file cannot be read (the channels, the crisis guard)."""
    texts = data["texts"]["en"]
    text = (
        f"{texts['plain_title']}:\n{_bullets(resource_lines(None, 'en', data))}\n\n"
        f"{texts['bot_note'].format(emergency=data['emergency']['default'])}"
    )
    return (
        '"""The general crisis resources as plain text, generated from data/crisis/resources.yml\n'
        "by `make generate` (bot/crisis/resources.py): the last resort of code that must answer\n"
        'when the YAML file itself cannot be read. Do not edit by hand."""\n\n'
        f"FALLBACK_TEXT = {text!r}\n"
    )


def generated_files(read: Callable[[Path], str]) -> Dict[Path, str]:
    """domain.yml with the crisis responses spliced in, the widget's resources file, and the
    fallback text module."""
    data = load()
    return {
        DOMAIN_FILE: splice_domain(read(DOMAIN_FILE), responses_block(data)),
        WIDGET_FILE: widget_json(data),
        FALLBACK_FILE: fallback_module(data),
    }


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "region",
        nargs="?",
        default="",
        help="print the plain-text rendering (optionally for a region)",
    )
    args = parser.parse_args(argv)
    print(render_plain_text(args.region or None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
