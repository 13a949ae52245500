"""nginx's configuration as tests and `make deploy` render it, and a replica's refusal to start
without shared stores (no servers needed)."""

from __future__ import annotations

import pytest

from bot import run
from bot.deploy import nginx_config


def test_render_replaces_every_upstream_and_listens_on_loopback():
    text = nginx_config.render(
        ["127.0.0.1:7001", "127.0.0.1:7002"],
        ["127.0.0.1:7101"],
        8000,
        8001,
        review="127.0.0.1:7201",
    )
    assert nginx_config.upstream_servers(text) == {
        "rasa_sticky": ["127.0.0.1:7001", "127.0.0.1:7002"],
        "rasa_any": ["127.0.0.1:7001", "127.0.0.1:7002"],
        "actions": ["127.0.0.1:7101"],
        "review_app": ["127.0.0.1:7201"],
    }
    assert "listen 127.0.0.1:8000 default_server;" in text  # the bot
    assert "listen 127.0.0.1:8000;" in text  # the review app, by host name
    assert "listen 127.0.0.1:8001;" in text
    assert "listen 80" not in text and "/webhooks/rest" not in text
    # Sticky on the widget's key, falling back to the address; socket.io upgraded.
    assert "hash $socketio_client consistent;" in text
    assert "proxy_set_header Upgrade $http_upgrade;" in text


def test_only_the_benchmark_opens_rest_through_nginx():
    text = nginx_config.render(["127.0.0.1:1"], [], 8000, 8001, bench_rest=True)
    assert "location = /webhooks/rest/webhook" in text
    assert text.index("/webhooks/rest/webhook") < text.index("location / {")


def test_a_changed_template_fails_loudly(tmp_path):
    template = tmp_path / "bot.conf"
    template.write_text(nginx_config.TEMPLATE.read_text().replace("listen 80;", "listen 8080;"))
    with pytest.raises(ValueError, match="listen 80"):
        nginx_config.render(["127.0.0.1:1"], [], 1, 2, template=template)


def test_a_replica_refuses_to_start_without_shared_stores(monkeypatch, capsys):
    for name in ("TRACKER_DB_URL", "REDIS_URL", "ACTION_SERVER_TOKEN", "ACTION_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("WEBCHAT_SECRET", raising=False)
    assert run.main(["--replica"]) == 2
    error = capsys.readouterr().err
    for name in ("TRACKER_DB_URL", "REDIS_URL", "ACTION_SERVER_TOKEN", "WEBCHAT_SECRET"):
        assert name in error


def test_a_replica_with_every_shared_store_has_no_objection(monkeypatch):
    monkeypatch.setenv("TRACKER_DB_URL", "postgresql://bot:x@db/tracker")
    monkeypatch.setenv("REDIS_URL", "redis://:x@redis:6379/0")
    monkeypatch.setenv("ACTION_SERVER_TOKEN", "a" * 32)
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://nginx:5055/webhook")
    monkeypatch.setenv("WEBCHAT_SECRET", "b" * 32)
    assert run.replica_problems() == []
    command = run.replica_command(5005, run.ROOT / "models" / "m.tar.gz")
    assert command[command.index("--endpoints") + 1].endswith("deploy/endpoints.yml")
    assert command[command.index("--credentials") + 1].endswith("deploy/credentials.yml")
    assert "--enable-api" not in command
