"""Password hashing (argon2id via argon2-cffi) and the password policy."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
MAX_LENGTH = 1024  # argon2 handles long input, but a bound stops silly request bodies


class PasswordPolicyError(ValueError):
    pass


def make_hasher(profile: str = "default") -> PasswordHasher:
    """The library's recommended parameters; "fast" is a cheap profile for tests only."""
    if profile == "fast":
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher()


def check_policy(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise PasswordPolicyError(f"The password needs at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        raise PasswordPolicyError(f"The password may have at most {MAX_LENGTH} characters.")
    if password.strip() == "":
        raise PasswordPolicyError("The password cannot be only spaces.")


def hash_password(hasher: PasswordHasher, password: str) -> str:
    check_policy(password)
    return hasher.hash(password)


def verify_password(hasher: PasswordHasher, stored_hash: str, password: str) -> bool:
    """True when the password matches; never raises on a bad or foreign hash."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


class DummyVerifier:
    """Spends the same time as a real check when the account does not exist,
    so response times do not tell which e-mail addresses have accounts."""

    def __init__(self, hasher: PasswordHasher):
        self.hasher = hasher
        self._hash = hasher.hash("not-a-real-password-for-timing")

    def verify(self, password: str) -> None:
        verify_password(self.hasher, self._hash, password)
