"""bot.fast_yaml reads what yaml.safe_load reads, refuses what it refuses, and is the C loader."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import fast_yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "path", ["domain.yml", "config.yml", "data/crisis/lexicon_en.yml", "data/crisis/resources.yml"]
)
def test_same_data_as_the_python_loader(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    assert fast_yaml.safe_load(text) == yaml.safe_load(text)


def test_python_object_tags_are_refused_as_by_safe_load():
    evil = "!!python/object/apply:os.system ['echo pwned']"
    with pytest.raises(yaml.YAMLError):
        fast_yaml.safe_load(evil)


def test_broken_yaml_raises_the_usual_error():
    with pytest.raises(yaml.YAMLError):
        fast_yaml.safe_load("a: [1, 2\nb: {")


def test_uses_libyaml_when_pyyaml_has_it():
    assert yaml.__with_libyaml__, "PyYAML here should come with libyaml (the wheel does)"
    assert fast_yaml._LOADER is yaml.CSafeLoader
