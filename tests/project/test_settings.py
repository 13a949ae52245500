"""One typed settings module (bot/settings.py): every variable documented, read nowhere else,
and an invalid value refused loudly instead of silently replaced."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import settings

ROOT = Path(__file__).resolve().parents[2]
READS = re.compile(r"os\.environ\.get\(|os\.getenv\(|os\.environ\[[\"']")


def test_every_setting_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in settings.REGISTRY if f"`{name}`" not in readme]
    assert not missing, f"document in README (make generate writes the table): {missing}"


def test_no_module_reads_the_environment_for_settings_but_bot_settings():
    offenders = []
    for folder in ("bot", "actions", "eval", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == ROOT / "bot" / "settings.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if READS.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "declare these in bot/settings.py:\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    "name,value",
    [
        ("RETENTION_DAYS", "7,5"),
        ("RETENTION_DAYS", "-1"),
        ("RASA_PORT", "http"),
        ("RASA_PORT", "70000"),
        ("RASA_ENABLE_API", "maybe"),
    ],
)
def test_an_invalid_value_names_the_variable(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(settings.SettingError, match=name):
        settings.REGISTRY[name].get()


def test_a_secret_is_never_echoed_in_the_error(monkeypatch):
    monkeypatch.setenv("RASA_API_TOKEN", "short-secret")
    with pytest.raises(settings.SettingError) as error:
        settings.RASA_API_TOKEN.get()
    assert "short-secret" not in str(error.value)


def test_blank_means_default_and_values_are_typed(monkeypatch):
    monkeypatch.setenv("RETENTION_DAYS", "  ")
    assert settings.RETENTION_DAYS.get() == 30.0
    monkeypatch.setenv("RETENTION_DAYS", "7.5")
    assert settings.RETENTION_DAYS.get() == 7.5
    monkeypatch.setenv("RASA_CORS_ORIGINS", "https://a.example, https://b.example")
    assert settings.RASA_CORS_ORIGINS.get() == ["https://a.example", "https://b.example"]


def test_a_stored_secret_is_made_once_with_private_permissions(tmp_path, monkeypatch):
    monkeypatch.delenv("ACTION_SERVER_TOKEN", raising=False)
    first = settings.stored_secret(settings.ACTION_SERVER_TOKEN, "t", tmp_path)
    assert (
        len(first) >= 32
        and settings.stored_secret(settings.ACTION_SERVER_TOKEN, "t", tmp_path) == first
    )
    assert (tmp_path / "t").stat().st_mode & 0o077 == 0
    monkeypatch.setenv("ACTION_SERVER_TOKEN", "x" * 20)
    assert settings.stored_secret(settings.ACTION_SERVER_TOKEN, "t", tmp_path) == "x" * 20


@pytest.mark.parametrize("value,shown", [(None, "30"), ("7.5", "7.5"), ("14", "14")])
def test_telegram_promises_the_retention_the_store_purges_by(monkeypatch, value, shown):
    from bot.channels import telegram_texts
    from bot.privacy import retention

    if value is None:
        monkeypatch.delenv("RETENTION_DAYS", raising=False)
    else:
        monkeypatch.setenv("RETENTION_DAYS", value)
    assert telegram_texts.retention_days() == shown
    assert float(shown) == retention.retention_days()
    assert f"{shown} days" in telegram_texts.welcome()
