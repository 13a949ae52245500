"""What the production shape runs: every service, its command, port and the settings it reads.

One list for ``make deploy`` and the tests (bot/deploy/local.py start exactly these) and for
deploy/compose.yaml and the systemd units, which tests/deploy/test_compose.py checks against
it. Adding a service or a setting here without adding it there fails that test.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

REPLICAS = 2  # Rasa replicas and action servers; nginx balances both

# Settings every Rasa replica reads (deploy/endpoints.yml's ${VARS} and bot/run.py --replica).
REPLICA_ENV = (
    "TRACKER_DB_URL",
    "TRACKER_DB_POOL_SIZE",
    "TRACKER_DB_MAX_OVERFLOW",
    "REDIS_URL",
    "RABBITMQ_URL",
    "REVIEW_QUEUE",
    "EVENT_OUTBOX_PATH",
    "ACTION_ENDPOINT_URL",
    "ACTION_SERVER_TOKEN",
    "WEBCHAT_SECRET",
    "RASA_INTERFACE",
    "RASA_PORT",
    "TELEGRAM_TOKEN",
    "TELEGRAM_BOT_NAME",
    "TELEGRAM_WEBHOOK_URL",
    "TELEGRAM_WEBHOOK_SECRET",
    "TELEGRAM_REGISTER_WEBHOOK",
    "TELEGRAM_OUTBOX_PATH",
    "CRISIS_REGION",
    "RETENTION_DAYS",
)


@dataclass(frozen=True)
class Service:
    """One process of the shape (``{n}`` in the name: one per replica, numbered from 1)."""

    name: str
    command: Tuple[str, ...]  # after the Python interpreter
    port: Optional[int]  # the port it listens on inside its container; None: none
    env: Tuple[str, ...]
    health: Optional[str] = None  # HTTP path that answers once it is ready
    replicated: bool = False


SERVICES = (
    Service(
        "actions-{n}",
        ("-m", "actions.server", "--host", "0.0.0.0", "--port", "5055"),
        5055,
        ("ACTION_SERVER_TOKEN",),
        health="/health",
        replicated=True,
    ),
    Service(
        "rasa-{n}",
        ("-m", "bot.run", "--replica"),
        5005,
        REPLICA_ENV,
        health="/",
        replicated=True,
    ),
    Service(
        "review-app",
        ("-m", "bot.review", "--host", "0.0.0.0", "--port", "8081"),
        8081,
        ("REVIEW_DB_URL", "REVIEW_SECRET_KEY", "REVIEW_TRUST_PROXY", "REVIEW_COOKIE_SECURE"),
        health="/login",
    ),
    Service(
        "review-worker",
        ("-m", "bot", "review-worker"),
        None,
        ("RABBITMQ_URL", "REVIEW_QUEUE", "REVIEW_DB_URL", "PSEUDONYM_KEY"),
    ),
)

# Services from their own images / Debian packages, configured from deploy/.
INFRASTRUCTURE = {
    "postgres": 5432,
    "redis": 6379,
    "rabbitmq": 5672,
    "nginx": 80,
}


def key(service: Service) -> str:
    """The service's name without the replica number: ``rasa``, ``review-app``."""
    return service.name.replace("-{n}", "")


def by_key() -> dict:
    return {key(service): service for service in SERVICES}


def names(service: Service, replicas: int = REPLICAS) -> Tuple[str, ...]:
    """The service's instance names: ``rasa-1``, ``rasa-2``, ... or just its name."""
    if not service.replicated:
        return (service.name,)
    return tuple(service.name.format(n=n) for n in range(1, replicas + 1))
