"""deploy/ agrees with itself and with what `make deploy` and the tests start.

compose.yaml cannot be run here (images cannot be pulled), so these checks are what keeps it
honest: the same services, commands, ports and settings as bot/deploy/shape.py (which
bot/deploy/local.py starts for the tests), nginx's upstreams naming those services, the
systemd units running the same commands, and every variable declared and documented.
"""

from __future__ import annotations

import configparser
import re
from pathlib import Path

import pytest

from bot import fast_yaml, settings
from bot.deploy import nginx_config, shape

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
COMPOSE = fast_yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
# Variables only the official images or the database set-up script read.
IMAGE_VARIABLES = {
    "POSTGRES_PASSWORD",
    "REDIS_PASSWORD",
    "RABBITMQ_PASSWORD",
    "TRACKER_DB_PASSWORD",
    "REVIEW_DB_PASSWORD",
}
VARIABLE = re.compile(r"\$\{([A-Z0-9_]+)(?::?-[^}]*)?\}")


def _instances():
    for service in shape.SERVICES:
        for name in shape.names(service):
            yield name, service


def test_compose_has_exactly_the_services_of_the_shape():
    expected = {name for name, _ in _instances()} | set(shape.INFRASTRUCTURE)
    assert set(SERVICES) == expected


@pytest.mark.parametrize("name,service", list(_instances()), ids=lambda v: str(v))
def test_each_bot_service_runs_the_shapes_command_with_its_settings(name, service):
    compose = SERVICES[name]
    assert compose["command"] == ["python", *service.command]
    assert set(compose.get("environment") or {}) == set(service.env)
    if service.port is None:
        assert "expose" not in compose and "ports" not in compose
    else:
        assert compose["expose"] == [str(service.port)]


def test_only_nginx_is_published():
    published = {name for name, svc in SERVICES.items() if svc.get("ports")}
    assert published == {"nginx"}


def test_exactly_one_replica_registers_the_telegram_webhook():
    flags = [
        SERVICES[name]["environment"]["TELEGRAM_REGISTER_WEBHOOK"]
        for name, service in _instances()
        if service.name.startswith("rasa")
    ]
    assert sorted(flags) == ["0"] * (len(flags) - 1) + ["1"]


def test_nginx_upstreams_are_the_compose_replicas_and_action_servers():
    config = (DEPLOY / "nginx" / "bot.conf").read_text(encoding="utf-8")
    upstreams = nginx_config.upstream_servers(config)
    by_name = shape.by_key()
    rasa = [f"{n}:{by_name['rasa'].port}" for n in shape.names(by_name["rasa"])]
    actions = [f"{n}:{by_name['actions'].port}" for n in shape.names(by_name["actions"])]
    review = [f"review-app:{by_name['review-app'].port}"]
    assert upstreams == {
        "rasa_sticky": rasa,
        "rasa_any": rasa,
        "actions": actions,
        "review_app": review,
    }
    assert "./nginx/bot.conf:/etc/nginx/conf.d/default.conf:ro" in SERVICES["nginx"]["volumes"]
    env = SERVICES["rasa-1"]["environment"]
    assert env["ACTION_ENDPOINT_URL"] == "http://nginx:5055/webhook"


def test_postgres_runs_the_same_database_setup_as_the_tests():
    postgres = SERVICES["postgres"]
    assert "./postgres:/docker-entrypoint-initdb.d:ro" in postgres["volumes"]
    assert {"TRACKER_DB_PASSWORD", "REVIEW_DB_PASSWORD"} <= set(postgres["environment"])


def test_every_variable_is_declared_documented_and_in_the_example_env():
    example = {
        line.split("=", 1)[0]
        for line in (DEPLOY / "env.example").read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.startswith("#")
    }
    used = set()
    for path in (DEPLOY / "compose.yaml", DEPLOY / "endpoints.yml"):
        used |= set(VARIABLE.findall(path.read_text(encoding="utf-8")))
    for _name, service in _instances():
        used |= set(service.env)
    undeclared = used - set(settings.REGISTRY) - IMAGE_VARIABLES
    assert not undeclared, f"declare in bot/settings.py: {sorted(undeclared)}"
    # Set per replica by compose/systemd, or optional: the example need not list them.
    per_process = {"RASA_PORT", "TELEGRAM_REGISTER_WEBHOOK", "TELEGRAM_OUTBOX_PATH"}
    per_process |= {"EVENT_OUTBOX_PATH"}
    missing = used - example - per_process
    assert not missing, f"add to deploy/env.example: {sorted(missing)}"
    assert not re.search(r"=(?!CHANGE_ME\b)[0-9a-f]{32,}", (DEPLOY / "env.example").read_text())


def test_no_secret_is_written_in_deploy():
    secret_names = {name for name, s in settings.REGISTRY.items() if s.secret} | IMAGE_VARIABLES
    for path in sorted(DEPLOY.rglob("*")):
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            for name in secret_names:
                match = re.match(rf"\s*{name}\s*[=:]\s*(\S+)", line)
                if match:
                    value = match.group(1).strip("\"'")
                    placeholder = value in ("", "CHANGE_ME") or value.startswith("${")
                    assert placeholder or ":CHANGE_ME@" in value, (path, name)


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(DEPLOY / "systemd" / name)
    return parser


@pytest.mark.parametrize(
    "unit,service",
    [
        ("supportive-rasa@.service", "rasa"),
        ("supportive-actions@.service", "actions"),
        ("supportive-review-worker.service", "review-worker"),
        ("supportive-review.service", "review-app"),
    ],
)
def test_systemd_units_run_the_shapes_commands(unit, service):
    by_name = shape.by_key()
    command = _unit(unit)["Service"]["ExecStart"].split()
    assert command[0].endswith("/.venv/bin/python")
    expected = list(by_name[service].command)
    if "--host" in expected:  # on one host: loopback (replicated: the instance's port)
        expected[expected.index("--host") + 1] = "127.0.0.1"
        if by_name[service].replicated:
            expected[expected.index("--port") + 1] = "%i"
    assert command[1:] == expected


def test_endpoints_use_the_shared_stores():
    endpoints = fast_yaml.safe_load((DEPLOY / "endpoints.yml").read_text(encoding="utf-8"))
    assert endpoints["tracker_store"] == {
        "type": "bot.privacy.tracker_store.PrivacySQLTrackerStore",
        "url": "${TRACKER_DB_URL}",
    }
    assert endpoints["lock_store"]["type"] == "bot.deploy.lock_store.AtomicRedisLockStore"
    assert endpoints["event_broker"]["type"] == "bot.privacy.queue_broker.QueueEventBroker"
    credentials = fast_yaml.safe_load((DEPLOY / "credentials.yml").read_text(encoding="utf-8"))
    assert "bot.channels.rest.SecureRestInput" not in credentials  # never exposed
