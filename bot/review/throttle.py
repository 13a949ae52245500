"""Login throttle: slows the guesser, never locks the real person out.

State lives in the database (table ``review_login_throttle``), so it holds across
worker processes and restarts. Each attempt is counted on several keys (the e-mail
as typed, whether or not it exists, so nothing reveals which accounts exist):

- ``ip:<address>``: the client. Delays that double after some free failures, then
  a lock (one address guessing at many accounts).
- ``pair:<e-mail>|<address>``: this account from this client. Delays that double
  after a few free failures, then a lock. This is what stops one guesser at one
  account, and it touches nobody else: the real person signing in from their own
  machine is not on this key.
- ``account:<e-mail>``: the account from any client without a device cookie for it.
  Only delays (capped, never a lock), and only after many free failures, so that a
  guesser spread over many addresses is slowed too.
- ``device:<id>``: instead of the account key when the client shows a signed
  device cookie that an earlier successful sign-in to this account set. The real
  person's own browser is thus never held up by other people's guesses at the
  account; a stolen device cookie is itself slowed and locked.

Attempts made too early are refused without checking the password, so guessing
during a delay or lock gains nothing. Counters reset after a quiet window, and
this client's counters (not the address's) on success.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.review.models import LoginThrottle


@dataclass(frozen=True)
class Policy:
    free_failures: int = 3
    ip_free_failures: int = 10
    account_lock_after: int = 10
    ip_lock_after: int = 50
    lock_minutes: int = 15
    window_minutes: int = 60
    max_delay_seconds: int = 60
    account_wide_free_failures: int = 20

    @classmethod
    def from_config(cls, config) -> "Policy":
        return cls(
            free_failures=config["REVIEW_LOGIN_FREE_FAILURES"],
            ip_free_failures=config.get("REVIEW_LOGIN_IP_FREE_FAILURES", 10),
            account_lock_after=config["REVIEW_LOGIN_ACCOUNT_LOCK_AFTER"],
            ip_lock_after=config["REVIEW_LOGIN_IP_LOCK_AFTER"],
            lock_minutes=config["REVIEW_LOGIN_LOCK_MINUTES"],
            window_minutes=config["REVIEW_LOGIN_WINDOW_MINUTES"],
            max_delay_seconds=config["REVIEW_LOGIN_MAX_DELAY_SECONDS"],
            account_wide_free_failures=config.get("REVIEW_LOGIN_ACCOUNT_WIDE_FREE_FAILURES", 20),
        )


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int = 0  # seconds
    locked: bool = False


def account_key(email: str) -> str:
    return "account:" + email.strip().lower()[:254]


def ip_key(address: str | None) -> str:
    return "ip:" + (address or "unknown")[:64]


def pair_key(email: str, address: str | None) -> str:
    return "pair:" + email.strip().lower()[:254] + "|" + (address or "unknown")[:64]


def device_key(device_id: str) -> str:
    return "device:" + device_id[:64]


def keys_for(email: str, address: str | None, device_id: str | None) -> list[str]:
    """The keys one attempt counts on (see the module docstring)."""
    keys = [ip_key(address), pair_key(email, address)]
    keys.append(device_key(device_id) if device_id else account_key(email))
    return keys


def _limits(key: str, policy: "Policy") -> tuple[int, int | None]:
    """(free failures, lock after or None) for a key."""
    if key.startswith("ip:"):
        return policy.ip_free_failures, policy.ip_lock_after
    if key.startswith("account:"):
        return policy.account_wide_free_failures, None  # never locks the account
    return policy.free_failures, policy.account_lock_after


def _fresh(row: LoginThrottle, now: datetime, policy: Policy) -> bool:
    """False when the row's failures are old enough to be forgotten."""
    if row.locked_until and row.locked_until > now:
        return True
    if row.last_failure is None:
        return False
    return now - row.last_failure < timedelta(minutes=policy.window_minutes)


def delay_for(failures: int, free: int, max_delay: int) -> int:
    """Seconds to wait after the n-th failure: 0 while free, then 1, 2, 4, ... up to max."""
    if failures <= free:
        return 0
    return min(2 ** (failures - free - 1), max_delay)


def check(session: Session, keys: list[str], now: datetime, policy: Policy) -> Decision:
    """May an attempt be checked now? Refused while any key is delayed or locked."""
    wait = 0
    locked = False
    for key in keys:
        row = session.get(LoginThrottle, key)
        if row is None or not _fresh(row, now, policy):
            continue
        if row.locked_until and row.locked_until > now:
            locked = True
            wait = max(wait, int((row.locked_until - now).total_seconds()) + 1)
        elif row.not_before and row.not_before > now:
            wait = max(wait, int((row.not_before - now).total_seconds()) + 1)
    return Decision(allowed=wait == 0, retry_after=wait, locked=locked)


def record_failure(session: Session, keys: list[str], now: datetime, policy: Policy) -> int:
    """Count a wrong password on every key; returns the highest failure count."""
    highest = 0
    for key in keys:
        row = session.get(LoginThrottle, key, with_for_update=True)
        if row is None:
            row = LoginThrottle(key=key, failures=0)
            session.add(row)
        elif not _fresh(row, now, policy):
            row.failures = 0
            row.locked_until = None
            row.not_before = None
        row.failures = (row.failures or 0) + 1
        row.last_failure = now
        free, lock_after = _limits(key, policy)
        if lock_after is not None and row.failures >= lock_after:
            row.locked_until = now + timedelta(minutes=policy.lock_minutes)
            row.not_before = row.locked_until
        else:
            row.not_before = now + timedelta(
                seconds=delay_for(row.failures, free, policy.max_delay_seconds)
            )
        highest = max(highest, row.failures)
    session.flush()
    return highest


def record_success(session: Session, keys: list[str]) -> None:
    """A right password clears this client's and the account's counters (not the address's)."""
    for key in keys:
        if key.startswith("ip:"):
            continue
        row = session.get(LoginThrottle, key)
        if row is not None:
            session.delete(row)
    session.flush()


def forget_stale(session: Session, now: datetime, policy: Policy) -> int:
    """Drop rows whose failures are past the window and not locked."""
    cutoff = now - timedelta(minutes=policy.window_minutes)
    query = session.query(LoginThrottle).filter(
        LoginThrottle.last_failure < cutoff,
        (LoginThrottle.locked_until.is_(None)) | (LoginThrottle.locked_until < now),
    )
    return query.delete(synchronize_session=False)


def failure_sleep(failures: int, cap: float) -> float:
    """A short pause on every wrong password, growing with failures, bounded so a
    worker is never held for long (the real limit is the refusal above)."""
    return min(0.25 * failures, cap)
