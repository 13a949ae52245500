"""The words of every guided exercise, read from data/exercises/*.yml and checked at start-up.

Why data: the questions, reflections, summaries and offers are clinical content. Kept in one
YAML file per exercise (plus `_shared.yml` for what every exercise says), a clinician can review
and edit them without reading Python, and a typo cannot reach a person: every file is checked
when the action server imports it (and by tests/actions/test_wording.py), and a bad file stops
start-up with a message naming the file and the place.

What is checked: only known keys; every step has an id, a kind and at least one question; every
text is a non-empty string; every `{placeholder}` is one the code fills at that place (a step may
quote only answers given before it, or `{context}`, what the person said before the exercise);
the variant groups (`questions_when`, `texts`, `buttons`) are exactly those the code asks for.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, Mapping, Optional, Sequence, Set, Tuple

import yaml

from bot import fast_yaml

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "exercises"
SHARED = "_shared"
KINDS = ("text", "scale", "yesno", "ack")
CONTEXT = "context"  # what the person said that led to the exercise
QUOTE = "q"  # the person's own words in an offer's reflection
QUOTING_CONTEXT = "quoting_context"  # the one question variant every step may have
_ID = re.compile(r"^[a-z][a-z0-9_]*$")

Button = Tuple[str, str]


class WordingError(ValueError):
    """A wording file is missing, malformed, or uses a placeholder the code does not fill."""


@dataclass(frozen=True)
class StepWording:
    id: str
    kind: str
    questions: Tuple[str, ...]
    when: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)
    buttons: Tuple[Button, ...] = ()


@dataclass(frozen=True)
class OfferWording:
    """How a theme message (an intent) is answered before the exercise is offered."""

    reflections_quoting: Tuple[str, ...]
    reflections: Tuple[str, ...]
    offers: Tuple[str, ...]
    buttons: Tuple[Button, ...]


@dataclass(frozen=True)
class ExerciseWording:
    name: str
    label: str
    menu_button: str
    intros: Tuple[str, ...]
    steps: Tuple[StepWording, ...]
    summaries: Tuple[str, ...]
    closings: Tuple[str, ...]
    texts: Mapping[str, Tuple[str, ...]]
    buttons: Mapping[str, Tuple[Button, ...]]
    offered_for: Mapping[str, OfferWording]

    def step(self, step_id: str) -> StepWording:
        return next(s for s in self.steps if s.id == step_id)


@dataclass(frozen=True)
class SharedWording:
    texts: Mapping[str, Tuple[str, ...]]
    buttons: Mapping[str, Tuple[Button, ...]]
    menu: Tuple[str, ...]


def placeholders(template: str) -> Set[str]:
    """The `{names}` in a template; positional, indexed or formatted fields are refused."""
    names: Set[str] = set()
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:  # an unmatched brace
        raise WordingError(f"malformed braces in {template!r}: {exc}") from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not _ID.match(name) or spec or conversion:
            raise WordingError(f"placeholder {{{name}}} in {template!r}: use a plain {{name}}")
        names.add(name)
    return names


class _Reader:
    """Reads one parsed file, naming the file and the place in every error."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, where: str, problem: str) -> WordingError:
        return WordingError(f"{self.path.name}: {where}: {problem}")

    def mapping(
        self, value: Any, where: str, required: Iterable[str], optional: Iterable[str] = ()
    ) -> Dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "expected a mapping of keys")
        required, optional = set(required), set(optional)
        missing = required - set(value)
        unknown = set(value) - required - optional
        if missing:
            raise self.fail(where, f"missing {', '.join(sorted(missing))}")
        if unknown:
            raise self.fail(where, f"unknown key {', '.join(sorted(map(str, unknown)))}")
        return value

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "expected some words")
        return value

    def texts(
        self, value: Any, where: str, allowed: Set[str], allow_empty: bool = False
    ) -> Tuple[str, ...]:
        """A list of variations (one is picked at random), each using only `allowed` placeholders."""
        if not isinstance(value, list) or (not value and not allow_empty):
            raise self.fail(where, "expected a list of one or more variations")
        out = []
        for number, item in enumerate(value, 1):
            text = self.text(item, f"{where} #{number}")
            try:
                unknown = placeholders(text) - allowed
            except WordingError as exc:
                raise self.fail(f"{where} #{number}", str(exc)) from None
            if unknown:
                known = ", ".join("{%s}" % n for n in sorted(allowed)) or "none"
                raise self.fail(
                    f"{where} #{number}",
                    f"unknown placeholder {', '.join('{%s}' % n for n in sorted(unknown))} "
                    f"(known here: {known})",
                )
            out.append(text)
        return tuple(out)

    def buttons(self, value: Any, where: str) -> Tuple[Button, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(where, "expected a list of buttons")
        out = []
        for number, item in enumerate(value, 1):
            item = self.mapping(item, f"{where} #{number}", ("title", "payload"))
            out.append(
                (
                    self.text(item["title"], f"{where} #{number} title"),
                    self.text(item["payload"], f"{where} #{number} payload"),
                )
            )
        return tuple(out)

    def groups(
        self, value: Any, where: str, wanted: Mapping[str, Set[str]], common: Set[str], read
    ) -> Dict[str, Any]:
        """A mapping whose keys are exactly those the code asks for (`wanted`: name -> extra
        placeholders beyond `common`)."""
        value = {} if value is None else value
        self.mapping(value, where, wanted)
        return {
            name: read(value[name], f"{where}.{name}", common | set(extras))
            for name, extras in wanted.items()
        }


def _load_yaml(path: Path) -> Any:
    if not path.exists():
        raise WordingError(f"{path.name}: no such wording file in {path.parent}")
    try:
        return fast_yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise WordingError(f"{path.name}: not valid YAML: {exc}") from None


def load_exercise(
    name: str,
    *,
    when: Optional[Mapping[str, Sequence[str]]] = None,
    texts: Optional[Mapping[str, Iterable[str]]] = None,
    buttons: Sequence[str] = (),
    offered_for: Sequence[str] = (),
    directory: Optional[Path] = None,
) -> ExerciseWording:
    """Read and check data/exercises/<name>.yml.

    The caller (the exercise's module) says which variants its code uses: `when` maps a step id
    to its extra question variants (every step may also have `quoting_context`), `texts` maps a
    text group to the placeholders the code fills in it (besides the answers and {context}),
    `buttons` names button sets, `offered_for` the theme intents that offer this exercise."""
    path = (directory or DATA_DIR) / f"{name}.yml"
    r = _Reader(path)
    doc = r.mapping(
        _load_yaml(path),
        "top level",
        ("name", "label", "menu_button", "steps"),
        ("intros", "summaries", "closings", "texts", "buttons", "offered_for"),
    )
    if doc["name"] != name:
        raise r.fail(
            "name",
            f"is {doc['name']!r}, but the file is named {name}.yml (use one name everywhere)",
        )
    when = {k: set(v) for k, v in (when or {}).items()}
    if not isinstance(doc["steps"], list) or not doc["steps"]:
        raise r.fail("steps", "expected a list of one or more steps")
    steps = []
    earlier: Set[str] = set()
    for number, raw in enumerate(doc["steps"], 1):
        where = f"step {number}"
        raw = r.mapping(raw, where, ("id", "kind", "questions"), ("questions_when", "buttons"))
        step_id = raw["id"]
        if not isinstance(step_id, str) or not _ID.match(step_id):
            raise r.fail(f"{where} id", "expected a lower_case name such as situation")
        where = f"step {number} ({step_id})"
        if step_id in earlier:
            raise r.fail(where, "the same id twice")
        if raw["kind"] not in KINDS:
            raise r.fail(f"{where} kind", f"expected one of {', '.join(KINDS)}")
        allowed = earlier | {CONTEXT}
        variants = r.mapping(
            raw.get("questions_when") or {},
            f"{where} questions_when",
            when.get(step_id, set()),
            (QUOTING_CONTEXT,),
        )
        steps.append(
            StepWording(
                id=step_id,
                kind=raw["kind"],
                questions=r.texts(raw["questions"], f"{where} questions", allowed),
                when={
                    k: r.texts(v, f"{where} questions_when.{k}", allowed)
                    for k, v in variants.items()
                },
                buttons=r.buttons(raw["buttons"], f"{where} buttons") if "buttons" in raw else (),
            )
        )
        earlier.add(step_id)
    unknown_steps = set(when) - earlier
    if unknown_steps:
        raise r.fail("steps", f"the code expects steps {', '.join(sorted(unknown_steps))}")
    answers = earlier | {CONTEXT}
    offers = r.groups(
        doc.get("offered_for"),
        "offered_for",
        {i: set() for i in offered_for},
        set(),
        lambda v, w, _: _offer(r, v, w),
    )
    return ExerciseWording(
        name=name,
        label=r.text(doc["label"], "label"),
        menu_button=r.text(doc["menu_button"], "menu_button"),
        intros=r.texts(doc.get("intros") or [], "intros", set(), allow_empty=True),
        steps=tuple(steps),
        summaries=r.texts(doc.get("summaries") or [], "summaries", answers, allow_empty=True),
        closings=r.texts(doc.get("closings") or [], "closings", set(), allow_empty=True),
        texts=r.groups(
            doc.get("texts"),
            "texts",
            {k: set(v) for k, v in (texts or {}).items()},
            answers,
            r.texts,
        ),
        buttons=r.groups(
            doc.get("buttons"),
            "buttons",
            {k: set() for k in buttons},
            set(),
            lambda v, w, _: r.buttons(v, w),
        ),
        offered_for=offers,
    )


def _offer(r: _Reader, value: Any, where: str) -> OfferWording:
    value = r.mapping(value, where, ("reflections_quoting", "reflections", "offers", "buttons"))
    return OfferWording(
        reflections_quoting=r.texts(
            value["reflections_quoting"], f"{where}.reflections_quoting", {QUOTE}
        ),
        reflections=r.texts(value["reflections"], f"{where}.reflections", set()),
        offers=r.texts(value["offers"], f"{where}.offers", set()),
        buttons=r.buttons(value["buttons"], f"{where}.buttons"),
    )


def load_shared(
    texts: Mapping[str, Iterable[str]], buttons: Sequence[str], directory: Optional[Path] = None
) -> SharedWording:
    """Read and check data/exercises/_shared.yml (`texts`: group -> placeholders the code fills)."""
    path = (directory or DATA_DIR) / f"{SHARED}.yml"
    r = _Reader(path)
    doc = r.mapping(_load_yaml(path), "top level", ("texts", "buttons", "menu"))
    menu = doc["menu"]
    if (
        not isinstance(menu, list)
        or not menu
        or not all(isinstance(m, str) and _ID.match(m) for m in menu)
    ):
        raise r.fail("menu", "expected a list of exercise names")
    return SharedWording(
        texts=r.groups(
            doc["texts"], "texts", {k: set(v) for k, v in texts.items()}, set(), r.texts
        ),
        buttons=r.groups(
            doc["buttons"],
            "buttons",
            {k: set() for k in buttons},
            set(),
            lambda v, w, _: r.buttons(v, w),
        ),
        menu=tuple(menu),
    )
