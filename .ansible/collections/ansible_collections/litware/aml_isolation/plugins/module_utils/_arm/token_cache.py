# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""One sign-in per run: access tokens and cloud metadata kept between tasks.

Every task is a new process, so without a cache each one fetches the cloud metadata, the
OpenID configuration and a token. The cache lives in a directory only its owner can use
(0700, files 0600, both checked before every read: anything else is ignored, never trusted).
A token is kept under a hash of everything that chose it (authority, tenant, client id,
secret, scope), so a changed secret never reuses a token, and only until 5 minutes before it
expires. Switched off with the `token_cache` option or ANSIBLE_AZURE_TOKEN_CACHE=false.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import time
from typing import Any, Callable

CACHE_DIR_VARIABLE = "ANSIBLE_AZURE_TOKEN_CACHE_DIR"
CACHE_SWITCH_VARIABLE = "ANSIBLE_AZURE_TOKEN_CACHE"
CACHE_SUBDIR = "litware-aml-isolation"
# A token closer to its expiry than this is fetched anew, so no request outlives its token.
EXPIRY_MARGIN_SECONDS = 300
METADATA_MAX_AGE_SECONDS = 3600
# Entries not rewritten for this long are stale (tokens live hours at most) and are removed.
STALE_ENTRY_SECONDS = 86400


def default_cache_dir(environ: Any = None) -> str:
    environ = os.environ if environ is None else environ
    if environ.get(CACHE_DIR_VARIABLE):
        return environ[CACHE_DIR_VARIABLE]
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, CACHE_SUBDIR)


def _private(status: os.stat_result, kind: int) -> bool:
    return (
        stat.S_IFMT(status.st_mode) == kind
        and status.st_uid == os.geteuid()
        and not status.st_mode & 0o077
    )


class FileCache:
    """JSON entries by key in one private directory; every failure means "not cached"."""

    def __init__(self, directory: str) -> None:
        self.directory = directory

    def _path(self, kind: str, key: str) -> str:
        return os.path.join(self.directory, f"{kind}-{key}.json")

    def _directory_is_private(self, create: bool) -> bool:
        try:
            if create and not os.path.isdir(self.directory):
                os.makedirs(self.directory, mode=0o700)
            return _private(os.lstat(self.directory), stat.S_IFDIR)
        except OSError:
            return False

    def read(self, kind: str, key: str) -> dict | None:
        if not self._directory_is_private(create=False):
            return None
        path = self._path(kind, key)
        try:
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None
        try:
            if not _private(os.fstat(descriptor), stat.S_IFREG):
                return None
            with os.fdopen(descriptor, encoding="utf-8") as entry_file:
                descriptor = -1
                entry = json.load(entry_file)
        except (OSError, ValueError):
            return None
        finally:
            if descriptor >= 0:
                os.close(descriptor)
        return entry if isinstance(entry, dict) else None

    def write(self, kind: str, key: str, entry: dict) -> None:
        if not self._directory_is_private(create=True):
            return
        self._remove_stale()
        try:
            descriptor, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
            with os.fdopen(descriptor, "w", encoding="utf-8") as entry_file:
                json.dump(entry, entry_file)
            os.replace(temporary, self._path(kind, key))
        except OSError:
            return

    def _remove_stale(self) -> None:
        cutoff = time.time() - STALE_ENTRY_SECONDS
        try:
            with os.scandir(self.directory) as entries:
                for entry in entries:
                    if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                        os.unlink(entry.path)
        except OSError:
            return


def cache_key(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


class CachedTokenCredential:
    """A token credential that asks the real one (built on first need) only on a cache miss."""

    def __init__(
        self, build: Callable[[], Any], identity: tuple, cache: FileCache, clock=time.time
    ) -> None:
        self._build = build
        self._inner: Any = None
        self._identity = identity
        self._cache = cache
        self._clock = clock

    def get_token(self, *scopes: str, **kwargs: Any) -> Any:
        from azure.core.credentials import AccessToken

        # A claims challenge (continuous access evaluation) always needs a fresh token.
        cacheable = not kwargs.get("claims")
        key = cache_key(*self._identity, sorted(scopes), kwargs.get("tenant_id"))
        if cacheable:
            entry = self._cache.read("token", key)
            if entry and entry.get("expires_on", 0) - self._clock() > EXPIRY_MARGIN_SECONDS:
                return AccessToken(str(entry["token"]), int(entry["expires_on"]))
        if self._inner is None:
            self._inner = self._build()
        token = self._inner.get_token(*scopes, **kwargs)
        if cacheable:
            self._cache.write("token", key, {"token": token.token, "expires_on": token.expires_on})
        return token

    def close(self) -> None:
        if self._inner is not None and hasattr(self._inner, "close"):
            self._inner.close()


def cached_metadata(cache: FileCache, url: str, fetch: Callable[[], Any], clock=time.time) -> Any:
    """The cloud metadata document of URL, fetched at most once an hour."""
    key = cache_key(url)
    entry = cache.read("metadata", key)
    if entry and clock() - entry.get("fetched_at", 0) < METADATA_MAX_AGE_SECONDS:
        return entry.get("document")
    document = fetch()
    cache.write("metadata", key, {"fetched_at": clock(), "document": document})
    return document
