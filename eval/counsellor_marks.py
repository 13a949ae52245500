"""How the current model does on what counsellors marked in the review app (its "To teach" export).

The export (bot/review/teaching.py) is a zip, or the folder it unpacks to, holding:
``crisis.tsv`` (missed crises under their category, false alarms under an everyday category),
``nlu.yml`` (misunderstood messages under the intent they should have been) and
``good_replies.yml`` (messages the bot read well, under the intent it found). Figures:

- crisis recall on the missed-crisis lines (share the bot now answers as a crisis);
- false alarms on the false-alarm lines (share it still answers as a crisis);
- intent accuracy on the misunderstood examples (the classifier's own guess, as eval/intents.py);
- on the good replies, the share still read as the intent they were read as then.

So a fix is measured on what counsellors found. Messages are anonymised ([NAME] and the like).

    python -m eval.counsellor_marks --export counsellor-marks-20261202.zip
    make eval MARKS=counsellor-marks-20261202.zip   # or unpack it to var/counsellor_marks/
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EXPORT = ROOT / "var" / "counsellor_marks"
FILES = ("crisis.tsv", "nlu.yml", "good_replies.yml")
# Set by `python -m eval --marks PATH` (eval/__main__.py) for the part run without arguments.
EXPORT: Optional[Path] = None


class ExportError(ValueError):
    """The path is not a counsellors' export (said plainly, with what was expected)."""


def read_export(path: Path) -> Dict[str, str]:
    """The export's files by name, from a zip or a folder (files at its top or one level down)."""
    path = Path(path)
    found: Dict[str, str] = {}
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = Path(info.filename).name
                if name in FILES and name not in found:
                    found[name] = archive.read(info).decode("utf-8")
    elif path.is_dir():
        for name in FILES:
            for candidate in (path / name, *path.glob(f"*/{name}")):
                if candidate.is_file():
                    found[name] = candidate.read_text(encoding="utf-8")
                    break
    else:
        raise ExportError(f"{path}: not a zip file or a folder")
    if not found:
        raise ExportError(f"{path}: none of {', '.join(FILES)} in it (is it a To teach export?)")
    return found


def crisis_rows(text: str) -> List[Tuple[str, str]]:
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        category, message = line.split("\t", 1)
        rows.append((category.strip(), message))
    return rows


def nlu_examples(text: str) -> List[Tuple[str, str]]:
    """(intent, text) pairs, read by Rasa's own reader (as `rasa train` would read the file)."""
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    data = RasaYAMLReader().reads(text)
    return [(m.get("intent"), m.get("text")) for m in data.intent_examples]


@dataclass
class Figures:
    missed: int = 0
    missed_now_caught: List[str] = field(default_factory=list)
    missed_still: List[str] = field(default_factory=list)
    alarms: int = 0
    alarms_still: List[str] = field(default_factory=list)
    misunderstood: int = 0
    misunderstood_wrong: List[Tuple[str, str, str]] = field(default_factory=list)
    good: int = 0
    good_changed: List[Tuple[str, str, str]] = field(default_factory=list)

    @property
    def crisis_recall(self) -> Optional[float]:
        return len(self.missed_now_caught) / self.missed if self.missed else None

    @property
    def false_alarm_rate(self) -> Optional[float]:
        return len(self.alarms_still) / self.alarms if self.alarms else None

    @property
    def intent_accuracy(self) -> Optional[float]:
        if not self.misunderstood:
            return None
        return 1 - len(self.misunderstood_wrong) / self.misunderstood

    @property
    def good_kept(self) -> Optional[float]:
        return 1 - len(self.good_changed) / self.good if self.good else None

    def report(self) -> str:
        def rate(value: Optional[float], n: int, what: str) -> str:
            return f"{value:.3f}  ({what}, n={n})" if value is not None else f"-  (no {what})"

        lines = [
            "counsellors' marks, through the current model",
            "  crisis recall on missed crises  "
            + rate(self.crisis_recall, self.missed, "missed-crisis lines"),
            "  false alarms on false alarms    "
            + rate(self.false_alarm_rate, self.alarms, "false-alarm lines"),
            "  intent accuracy, misunderstood  "
            + rate(self.intent_accuracy, self.misunderstood, "misunderstood examples"),
            "  good replies still read alike   "
            + rate(self.good_kept, self.good, "good-reply examples"),
        ]
        for title, items in (
            ("still missed", self.missed_still),
            ("still a false alarm", self.alarms_still),
        ):
            lines += [f"  {title}: {t}" for t in items]
        for title, items in (
            ("still misunderstood (should be -> read as)", self.misunderstood_wrong),
            ("good reply now read differently (was -> now)", self.good_changed),
        ):
            lines += [f"  {title}: {want} -> {got}: {t}" for want, got, t in items]
        return "\n".join(lines)


def evaluate(
    files: Dict[str, str],
    is_crisis: Callable[[str], bool],
    intent_of: Callable[[str], str],
) -> Figures:
    """Figures for one export: ``is_crisis`` and ``intent_of`` are the model's answers."""
    from bot.crisis.learned import EVERYDAY_CATEGORIES

    figures = Figures()
    for category, text in crisis_rows(files.get("crisis.tsv", "")):
        flagged = bool(is_crisis(text))
        if category in EVERYDAY_CATEGORIES:
            figures.alarms += 1
            if flagged:
                figures.alarms_still.append(text)
        else:
            figures.missed += 1
            (figures.missed_now_caught if flagged else figures.missed_still).append(text)
    for intent, text in nlu_examples(files.get("nlu.yml", "nlu: []")):
        figures.misunderstood += 1
        got = intent_of(text)
        if got != intent:
            figures.misunderstood_wrong.append((intent, got, text))
    for intent, text in nlu_examples(files.get("good_replies.yml", "nlu: []")):
        figures.good += 1
        got = intent_of(text)
        if got != intent:
            figures.good_changed.append((intent, got, text))
    return figures


def model_answers() -> Tuple[Callable[[str], bool], Callable[[str], str]]:
    """The trained model's whole NLU pipeline (crisis detector included), in process."""
    from eval.intents import own_guess
    from eval.nlu_agent import Parser

    parser = Parser()
    cache: Dict[str, dict] = {}

    def parse(text: str) -> dict:
        if text not in cache:
            cache[text] = parser.parse(text)
        return cache[text]

    return (
        lambda t: (parse(t).get("intent") or {}).get("name") == "crisis",
        lambda t: own_guess(parse(t)),
    )


def export_path(given: Optional[str] = None) -> Optional[Path]:
    if given:
        return Path(given)
    if EXPORT is not None:
        return EXPORT
    return DEFAULT_EXPORT if DEFAULT_EXPORT.exists() else None


def main(argv: Optional[List[str]] = None, answers=None) -> Optional[Figures]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", help=f"the zip or folder (default: {DEFAULT_EXPORT})")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    path = export_path(args.export)
    if path is None:
        print(
            f"skipped: no counsellors' export (give --export PATH, or unpack one to "
            f"{DEFAULT_EXPORT.relative_to(ROOT)}/; the review app's To teach page exports it)"
        )
        return None
    try:
        files = read_export(path)
    except (ExportError, OSError, zipfile.BadZipFile) as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(2) from error
    is_crisis, intent_of = answers or model_answers()
    figures = evaluate(files, is_crisis, intent_of)
    print(f"export: {path}")
    print(figures.report())
    return figures


if __name__ == "__main__":
    main()
