"""Pseudonyms for sender ids: a keyed hash, so one person's conversations group
together but nobody without the key can go from a pseudonym back to a Telegram id.

The key is 32 random bytes from ``secrets``, made on first use and stored outside the
database and outside git: ``PSEUDONYM_KEY`` (hex or any string) if set, else the file
at ``PSEUDONYM_KEY_FILE`` (default ``var/secrets/pseudonym.key``, created 0600).
Losing the key only means new conversations get new pseudonyms.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from bot import settings

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_KEY_FILE = settings.PSEUDONYM_KEY_FILE.default
PREFIX = "p_"
LENGTH = 12  # hex characters: 48 bits, collisions negligible for a helpline's users


def key_file() -> Path:
    return settings.PSEUDONYM_KEY_FILE.get()


def _read_or_create(path: Path) -> bytes:
    try:
        data = path.read_text(encoding="ascii").strip()
        if data:
            return bytes.fromhex(data)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(path.parent, 0o700)
    except OSError:
        pass
    new = secrets.token_bytes(32)
    # O_EXCL: if two processes race, the loser reads the winner's key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(new.hex() + "\n")
    return new


@functools.lru_cache(maxsize=8)
def _key_for(env_key: str, path: str) -> bytes:
    if env_key:
        try:
            return bytes.fromhex(env_key)
        except ValueError:
            return env_key.encode("utf-8")
    return _read_or_create(Path(path))


def get_key() -> bytes:
    return _key_for(settings.PSEUDONYM_KEY.get() or "", str(key_file()))


def pseudonym(sender_id, key: bytes | None = None) -> str:
    """``p_`` + the first 12 hex digits of HMAC-SHA256(key, sender_id)."""
    digest = hmac.new(key or get_key(), str(sender_id).encode("utf-8"), hashlib.sha256).hexdigest()
    return PREFIX + digest[:LENGTH]
