"""The counsellor command line: add (prompt or REVIEW_PASSWORD), list, passwd, disable."""

from __future__ import annotations

import argparse

import pytest
from sqlalchemy import select

from bot.privacy.review_store import make_engine, session_factory
from bot.review import cli
from bot.review.models import Counsellor


def run(argv, db_url):
    parser = argparse.ArgumentParser(prog="bot")
    sub = parser.add_subparsers(dest="command", required=True)
    cli.register(sub)
    args = parser.parse_args(
        argv[:1] + ["--db-url", db_url] + argv[1:] if argv[0] == "counsellor" else argv
    )
    return args.func(args)


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'cli.db'}"


def users(url):
    with session_factory(make_engine(url))() as s:
        return {u.email: u for u in s.execute(select(Counsellor)).scalars()}


def test_add_from_env_then_list(url, monkeypatch, capsys):
    monkeypatch.setenv("REVIEW_PASSWORD", "a long enough password")
    assert run(["counsellor", "add", "First.Admin@Example.org", "--admin"], url) == 0
    assert run(["counsellor", "add", "helper@example.org"], url) == 0
    found = users(url)
    assert set(found) == {"first.admin@example.org", "helper@example.org"}
    assert found["first.admin@example.org"].is_admin and not found["helper@example.org"].is_admin
    assert found["helper@example.org"].password_hash.startswith("$argon2id$")
    capsys.readouterr()
    assert run(["counsellor", "list"], url) == 0
    out = capsys.readouterr().out
    assert "first.admin@example.org\tadmin" in out and "helper@example.org\tcounsellor" in out
    assert "a long enough password" not in out


def test_add_from_prompt_asks_twice(url, monkeypatch):
    monkeypatch.delenv("REVIEW_PASSWORD", raising=False)
    answers = iter(["typed at the prompt", "typed at the prompt"])
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt="": next(answers))
    assert run(["counsellor", "add", "c@example.org"], url) == 0
    assert "c@example.org" in users(url)


def test_mismatched_prompt_short_password_duplicate_and_bad_email_fail(url, monkeypatch, capsys):
    monkeypatch.delenv("REVIEW_PASSWORD", raising=False)
    answers = iter(["first password 123", "second password 123"])
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt="": next(answers))
    assert run(["counsellor", "add", "c@example.org"], url) == 1
    assert "differ" in capsys.readouterr().err
    monkeypatch.setenv("REVIEW_PASSWORD", "short")
    assert run(["counsellor", "add", "c@example.org"], url) == 1
    assert "at least 12 characters" in capsys.readouterr().err
    monkeypatch.setenv("REVIEW_PASSWORD", "a long enough password")
    assert run(["counsellor", "add", "not-an-email"], url) == 1
    assert run(["counsellor", "add", "c@example.org"], url) == 0
    assert run(["counsellor", "add", "C@example.org"], url) == 1
    assert "already has an account" in capsys.readouterr().err
    assert list(users(url)) == ["c@example.org"]


def test_passwd_and_disable(url, monkeypatch):
    monkeypatch.setenv("REVIEW_PASSWORD", "a long enough password")
    run(["counsellor", "add", "c@example.org"], url)
    before = users(url)["c@example.org"]
    monkeypatch.setenv("REVIEW_PASSWORD", "another long password")
    assert run(["counsellor", "passwd", "c@example.org"], url) == 0
    after = users(url)["c@example.org"]
    assert (
        after.password_hash != before.password_hash and after.session_token != before.session_token
    )
    assert run(["counsellor", "disable", "c@example.org"], url) == 0
    assert users(url)["c@example.org"].active is False
    assert run(["counsellor", "enable", "c@example.org"], url) == 0
    assert users(url)["c@example.org"].active is True
    assert run(["counsellor", "passwd", "nobody@example.org"], url) == 1


def test_review_app_command_is_registered():
    parser = argparse.ArgumentParser(prog="bot")
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["review-app", "--port", "9000", "--insecure-cookie"])
    assert args.port == 9000 and args.insecure_cookie and args.host == "127.0.0.1"
