"""Fixtures of the NLU tests: the trained model's whole NLU pipeline, loaded once per module."""

from __future__ import annotations

import pytest

from eval.nlu_agent import Parser


@pytest.fixture(scope="module")
def parser(model):
    """The model's NLU pipeline as the bot runs it (crisis tiers, news guard, fallback)."""
    return Parser(model)
