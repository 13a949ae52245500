"""Pseudonyms: stable per key, different across keys, key file created private."""

from __future__ import annotations

import re
import stat

from bot.privacy import pseudonym as ps


def test_same_id_same_pseudonym_and_format(monkeypatch, tmp_path):
    monkeypatch.delenv("PSEUDONYM_KEY", raising=False)
    monkeypatch.setenv("PSEUDONYM_KEY_FILE", str(tmp_path / "secrets" / "pseudonym.key"))
    a, b = ps.pseudonym("telegram:12345"), ps.pseudonym("telegram:12345")
    assert a == b and re.fullmatch(r"p_[0-9a-f]{12}", a)
    assert ps.pseudonym("telegram:12346") != a
    assert "12345" not in a


def test_key_file_created_once_with_0600(monkeypatch, tmp_path):
    monkeypatch.delenv("PSEUDONYM_KEY", raising=False)
    path = tmp_path / "deep" / "secrets" / "pseudonym.key"
    monkeypatch.setenv("PSEUDONYM_KEY_FILE", str(path))
    first = ps.pseudonym("abc")
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(bytes.fromhex(path.read_text().strip())) == 32
    key = path.read_text()
    ps._key_for.cache_clear()  # a new process reads the same file
    assert ps.pseudonym("abc") == first and path.read_text() == key


def test_different_keys_give_different_pseudonyms(monkeypatch, tmp_path):
    monkeypatch.delenv("PSEUDONYM_KEY", raising=False)
    monkeypatch.setenv("PSEUDONYM_KEY_FILE", str(tmp_path / "k1"))
    one = ps.pseudonym("same-user")
    monkeypatch.setenv("PSEUDONYM_KEY_FILE", str(tmp_path / "k2"))
    two = ps.pseudonym("same-user")
    assert one != two
    monkeypatch.setenv("PSEUDONYM_KEY", "00" * 32)
    three = ps.pseudonym("same-user")
    monkeypatch.setenv("PSEUDONYM_KEY", "11" * 32)
    assert ps.pseudonym("same-user") != three


def test_env_key_wins_and_matches_hmac(monkeypatch, tmp_path):
    import hashlib
    import hmac

    monkeypatch.setenv("PSEUDONYM_KEY", "a-passphrase-not-hex")
    monkeypatch.setenv("PSEUDONYM_KEY_FILE", str(tmp_path / "unused.key"))
    expected = "p_" + hmac.new(b"a-passphrase-not-hex", b"42", hashlib.sha256).hexdigest()[:12]
    assert ps.pseudonym(42) == expected
    assert not (tmp_path / "unused.key").exists()


def test_default_key_path_is_outside_git():
    import subprocess

    rel = ps.DEFAULT_KEY_FILE.relative_to(ps.ROOT)
    result = subprocess.run(
        ["git", "check-ignore", str(rel)], cwd=ps.ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, "var/secrets/pseudonym.key must be git-ignored"
