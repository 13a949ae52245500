"""The review app reads only the anonymised review store: it never imports the action
server, Rasa or the tracker store, and loads nothing from outside the machine."""

from __future__ import annotations

import ast
import re
from pathlib import Path

REVIEW = Path(__file__).resolve().parents[2] / "bot" / "review"
FORBIDDEN = ("actions", "rasa", "rasa_sdk", "bot.privacy.retention", "bot.privacy.broker")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_forbidden_imports():
    files = sorted(REVIEW.glob("*.py"))
    assert len(files) >= 10
    for path in files:
        for name in _imports(path):
            assert not any(name == f or name.startswith(f + ".") for f in FORBIDDEN), (
                path.name,
                name,
            )


def test_templates_load_nothing_from_elsewhere_and_never_mark_text_safe():
    for path in (REVIEW / "templates").glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", ""), path.name
        assert not re.search(r"(src|href)=\"(https?:)?//", text), path.name
        assert "<script" not in text, path.name
    css = (REVIEW / "static" / "review.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css
