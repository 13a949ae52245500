"""Fixtures of the NLU tests: the trained model's whole NLU pipeline, loaded once per worker."""

from __future__ import annotations

import pytest

from eval.nlu_agent import Parser


@pytest.fixture(scope="session")
def parser(model):
    """The model's NLU pipeline as the bot runs it (crisis tiers, news guard, fallback).

    One per test worker, not one per module: loading the model costs about 20 CPU-seconds,
    and parsing keeps no state between messages (each is a fresh UserMessage)."""
    return Parser(model)
