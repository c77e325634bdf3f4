"""One sign-in per run: tokens and cloud metadata kept in a private cache between tasks."""

from __future__ import annotations

import os
from pathlib import Path

from azure.core.credentials import AccessToken

SCOPE = "https://management.core.windows.net/.default"
IDENTITY = ("https://login.example.test", "tenant", "client", "secret-1")


def token_cache():
    from ansible_collections.litware.aml_isolation.plugins.module_utils._arm import token_cache

    return token_cache


class CountingCredential:
    def __init__(self, expires_on: int) -> None:
        self.calls = 0
        self.expires_on = expires_on

    def get_token(self, *scopes: str, **kwargs) -> AccessToken:
        self.calls += 1
        return AccessToken(f"token-{self.calls}", self.expires_on)


def cached(directory: Path, inner: CountingCredential, identity=IDENTITY, now: float = 1000.0):
    cache = token_cache().FileCache(str(directory))
    return token_cache().CachedTokenCredential(lambda: inner, identity, cache, clock=lambda: now)


def test_a_second_process_reuses_the_token_without_building_a_credential(tmp_path: Path) -> None:
    inner = CountingCredential(expires_on=5000)
    assert cached(tmp_path / "c", inner).get_token(SCOPE).token == "token-1"

    def never_built():
        raise AssertionError("a cached token needs no credential")

    cache = token_cache().FileCache(str(tmp_path / "c"))
    second = token_cache().CachedTokenCredential(never_built, IDENTITY, cache, clock=lambda: 1000)
    assert second.get_token(SCOPE).token == "token-1"
    assert inner.calls == 1


def test_the_cache_is_private_to_its_owner(tmp_path: Path) -> None:
    cached(tmp_path / "c", CountingCredential(5000)).get_token(SCOPE)
    assert (tmp_path / "c").stat().st_mode & 0o777 == 0o700
    entries = list((tmp_path / "c").iterdir())
    assert len(entries) == 1
    assert entries[0].stat().st_mode & 0o777 == 0o600
    assert "secret-1" not in entries[0].name and "secret-1" not in entries[0].read_text()


def test_a_cache_others_can_read_is_ignored(tmp_path: Path) -> None:
    inner = CountingCredential(5000)
    cached(tmp_path / "c", inner).get_token(SCOPE)
    os.chmod(tmp_path / "c", 0o755)
    cached(tmp_path / "c", inner).get_token(SCOPE)
    assert inner.calls == 2
    os.chmod(tmp_path / "c", 0o700)
    entry = next((tmp_path / "c").iterdir())
    os.chmod(entry, 0o644)
    cached(tmp_path / "c", inner).get_token(SCOPE)
    assert inner.calls == 3


def test_another_secret_or_scope_never_reuses_a_token(tmp_path: Path) -> None:
    inner = CountingCredential(5000)
    cached(tmp_path / "c", inner).get_token(SCOPE)
    cached(tmp_path / "c", inner, identity=IDENTITY[:3] + ("secret-2",)).get_token(SCOPE)
    cached(tmp_path / "c", inner).get_token("https://other/.default")
    assert inner.calls == 3


def test_a_token_near_its_expiry_is_fetched_anew(tmp_path: Path) -> None:
    inner = CountingCredential(expires_on=1200)
    cached(tmp_path / "c", inner).get_token(SCOPE)
    cached(tmp_path / "c", inner).get_token(SCOPE)
    assert inner.calls == 2


def test_a_claims_challenge_bypasses_the_cache(tmp_path: Path) -> None:
    inner = CountingCredential(5000)
    cached(tmp_path / "c", inner).get_token(SCOPE)
    cached(tmp_path / "c", inner).get_token(SCOPE, claims='{"access_token": {}}')
    assert inner.calls == 2


def test_metadata_is_fetched_at_most_once_an_hour(tmp_path: Path) -> None:
    cache = token_cache().FileCache(str(tmp_path / "c"))
    fetches = []

    def fetch():
        fetches.append(1)
        return [{"name": "Emulator"}]

    url = "https://127.0.0.1:1/metadata/endpoints"
    for now in (0, 10, 3599):
        assert token_cache().cached_metadata(cache, url, fetch, clock=lambda now=now: now) == [
            {"name": "Emulator"}
        ]
    token_cache().cached_metadata(cache, url, fetch, clock=lambda: 3601)
    assert len(fetches) == 2


def test_the_cache_directory_follows_the_environment(tmp_path: Path) -> None:
    module = token_cache()
    assert module.default_cache_dir({module.CACHE_DIR_VARIABLE: "/x"}) == "/x"
    assert module.default_cache_dir({"XDG_CACHE_HOME": "/y"}) == "/y/litware-aml-isolation"


def test_entries_not_rewritten_for_a_day_are_removed(tmp_path: Path) -> None:
    cache = token_cache().FileCache(str(tmp_path / "c"))
    cache.write("token", "old", {"token": "t", "expires_on": 1})
    old = tmp_path / "c" / "token-old.json"
    os.utime(old, (1, 1))
    cache.write("token", "new", {"token": "t", "expires_on": 1})
    assert not old.exists()
    assert (tmp_path / "c" / "token-new.json").exists()
