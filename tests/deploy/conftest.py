"""PostgreSQL and Redis started once per test session (per xdist worker) for tests/deploy.

They come from bot/deploy/services.py, as ``make deploy`` starts them: PostgreSQL as the
non-root user ``pgtest`` with deploy/postgres/init-databases.sh's two databases and roles,
Redis with a password. Both are stopped and their folders removed at the end. Every file
shares them, each on data of its own: the production shape (test_shape.py) on a database pair
``postgres.databases(...)`` and Redis database 1. A test that stops one starts it again.
RabbitMQ is the session's too (tests/conftest.py).
"""

from __future__ import annotations

import pytest

from bot.deploy import services


def _start(starter):
    try:
        return starter()
    except services.ServiceUnavailable as error:
        pytest.fail(f"{error}: run `make deploy-deps` (make test does)")


@pytest.fixture(scope="session")
def postgres():
    server = _start(services.start_postgres)
    yield server
    server.close()


@pytest.fixture(scope="session")
def redis_server():
    server = _start(services.start_redis)
    yield server
    server.close()
