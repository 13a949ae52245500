"""Login and its throttle: wrong passwords are slowed, then locked; messages stay generic.

Time is a hand-moved clock and sleeps are recorded, so nothing here waits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.review import throttle
from bot.review.auth import SLOW_DOWN, WRONG
from bot.review.models import AuditEntry, LoginThrottle
from tests.review.helpers import ADMIN, COUNSELLOR, login


def _row(session, key):
    session.expire_all()
    return session.get(LoginThrottle, key)


def _text(response):
    return response.get_data(as_text=True)


def test_right_password_signs_in_and_is_audited(client, session):
    response = login(client, "  Admin@Example.ORG ", ADMIN[1])
    assert response.status_code == 302
    assert client.get("/conversations").status_code == 200
    assert session.execute(
        select(AuditEntry.action).where(AuditEntry.email == ADMIN[0])
    ).scalars().all() == ["account_created_admin", "login"]


def test_wrong_and_unknown_get_the_same_generic_answer(client, session):
    wrong = login(client, ADMIN[0], "not the password at all")
    unknown = login(client, "nobody@example.org", "not the password at all")
    assert wrong.status_code == unknown.status_code == 401
    assert WRONG in _text(wrong) and WRONG in _text(unknown)
    assert "does not exist" not in _text(unknown).lower()
    assert client.get("/conversations").status_code == 302
    failed = (
        session.execute(select(AuditEntry.email).where(AuditEntry.action == "login_failed"))
        .scalars()
        .all()
    )
    assert failed == [ADMIN[0], "nobody@example.org"]


def test_each_wrong_password_is_slowed_more(client, sleeps):
    for _ in range(3):
        login(client, ADMIN[0], "wrong password here")
    assert sleeps == [0.25, 0.5, 0.75]


def test_after_free_failures_even_the_right_password_must_wait(client, session, clock):
    key = throttle.pair_key(ADMIN[0], "127.0.0.1")  # this account from this client
    for _ in range(3):
        assert login(client, ADMIN[0], "wrong password here").status_code == 401
    assert _row(session, key).not_before == clock.now  # three free failures: no delay yet
    assert login(client, ADMIN[0], "wrong password here").status_code == 401
    row = _row(session, key)
    assert row.failures == 4 and row.not_before == clock.now + timedelta(seconds=1)
    refused = login(client, *ADMIN)
    assert refused.status_code == 429 and SLOW_DOWN in _text(refused)
    assert int(refused.headers["Retry-After"]) >= 1
    assert client.get("/conversations").status_code == 302
    assert _row(session, key).failures == 4  # a refused attempt is not even checked
    clock.advance(seconds=2)
    assert login(client, *ADMIN).status_code == 302
    assert _row(session, key) is None  # success clears this client's counter


def test_delays_double_then_the_account_locks(client, session, clock):
    """...for this client: other clients are not locked out (tests/security)."""
    key = throttle.pair_key(ADMIN[0], "127.0.0.1")
    delays = []
    for n in range(1, 11):
        assert login(client, ADMIN[0], "guess number %d" % n).status_code == 401
        row = _row(session, key)
        delays.append(int((row.not_before - clock.now).total_seconds()))
        if n < 10:
            clock.advance(seconds=delays[-1])
    assert delays[:9] == [0, 0, 0, 1, 2, 4, 8, 16, 32]
    row = _row(session, key)
    assert row.failures == 10 and row.locked_until == clock.now + timedelta(minutes=15)
    clock.advance(minutes=14)
    response = login(client, *ADMIN)
    assert response.status_code == 429 and SLOW_DOWN in _text(response)
    assert (
        session.execute(select(AuditEntry.detail).where(AuditEntry.action == "login_refused"))
        .scalars()
        .all()[-1]
        == "locked"
    )
    clock.advance(minutes=2)
    assert login(client, *ADMIN).status_code == 302


def test_lock_of_one_account_does_not_block_another(client, clock):
    for _ in range(10):
        login(client, ADMIN[0], "wrong password here")
        clock.advance(seconds=61)
    assert login(client, *ADMIN).status_code == 429
    assert login(client, *COUNSELLOR).status_code == 302


def test_an_unknown_account_is_throttled_exactly_like_a_real_one(client):
    real = [login(client, ADMIN[0], "wrong password here").status_code for _ in range(5)]
    fake = [login(client, "ghost@example.org", "wrong password here").status_code for _ in range(5)]
    assert real == fake == [401, 401, 401, 401, 429]


def test_many_accounts_from_one_address_lock_the_address(app, session, clock):
    client = app.test_client()
    for n in range(50):
        assert login(client, f"user{n}@example.org", "wrong password here").status_code == 401
        clock.advance(seconds=61)
    row = _row(session, throttle.ip_key("127.0.0.1"))
    assert row.failures == 50 and row.locked_until > clock.now
    assert login(client, *COUNSELLOR).status_code == 429
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "127.0.0.2"
    assert login(other, *COUNSELLOR).status_code == 302


def test_old_failures_are_forgotten(client, session, clock):
    for _ in range(6):
        login(client, ADMIN[0], "wrong password here")
        clock.advance(seconds=10)
    clock.advance(minutes=61)
    assert login(client, ADMIN[0], "wrong password here").status_code == 401
    assert _row(session, throttle.account_key(ADMIN[0])).failures == 1


def test_empty_fields_are_refused_without_counting(client, session):
    from tests.review.helpers import csrf_token

    response = client.post(
        "/login", data={"email": "", "password": "", "csrf_token": csrf_token(client)}
    )
    assert response.status_code == 400
    assert session.execute(select(LoginThrottle)).first() is None


def test_overlong_password_is_refused_cheaply(client):
    assert login(client, ADMIN[0], "x" * 5000).status_code == 400


@pytest.mark.parametrize("failures,expected", [(0, 0), (3, 0), (4, 1), (5, 2), (9, 32), (20, 60)])
def test_delay_schedule(failures, expected):
    assert throttle.delay_for(failures, free=3, max_delay=60) == expected


def test_failure_sleep_is_bounded():
    assert throttle.failure_sleep(1, 2.0) == 0.25
    assert throttle.failure_sleep(100, 2.0) == 2.0
