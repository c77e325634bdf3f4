"""The Debian mirror and release to build from, read from this machine's own apt setup."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SOURCES_LIST = Path("/etc/apt/sources.list")
SOURCES_DIR = Path("/etc/apt/sources.list.d")
OS_RELEASE = Path("/etc/os-release")


@dataclass(frozen=True)
class AptSource:
    uri: str
    suite: str
    components: tuple[str, ...]

    def line(self) -> str:
        return f"deb {self.uri} {self.suite} {' '.join(self.components)}"


def release_codename(os_release: Path = OS_RELEASE) -> str:
    for line in os_release.read_text().splitlines():
        key, _, value = line.partition("=")
        if key == "VERSION_CODENAME":
            return value.strip().strip('"')
    raise RuntimeError(f"no VERSION_CODENAME in {os_release}")


def parse_deb822(text: str) -> list[AptSource]:
    sources = []
    for stanza in text.split("\n\n"):
        fields: dict[str, str] = {}
        for line in stanza.splitlines():
            if line.startswith("#") or ":" not in line:
                continue
            key, _, value = line.partition(":")
            fields[key.strip().lower()] = value.strip()
        if "deb" not in fields.get("types", "").split() or fields.get("enabled") == "no":
            continue
        for uri in fields.get("uris", "").split():
            for suite in fields.get("suites", "").split():
                sources.append(AptSource(uri, suite, tuple(fields.get("components", "").split())))
    return sources


def parse_one_line(text: str) -> list[AptSource]:
    sources = []
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) < 4 or words[0] != "deb":
            continue
        if words[1].startswith("["):  # options such as [signed-by=...]
            while words and not words[1].endswith("]"):
                del words[1]
            del words[1]
        sources.append(AptSource(words[1], words[2], tuple(words[3:])))
    return sources


def host_sources() -> list[AptSource]:
    sources = []
    for path in sorted(SOURCES_DIR.glob("*.sources")):
        sources += parse_deb822(path.read_text())
    for path in [SOURCES_LIST, *sorted(SOURCES_DIR.glob("*.list"))]:
        if path.exists():
            sources += parse_one_line(path.read_text())
    return sources


def release_sources(codename: str, sources: list[AptSource]) -> list[AptSource]:
    """The host's sources for this release and its updates (codename, -updates, -security)."""
    wanted = [s for s in sources if s.suite == codename or s.suite.startswith(codename + "-")]
    if not any(s.suite == codename for s in wanted):
        raise RuntimeError(f"no apt source for {codename} in {SOURCES_LIST} or {SOURCES_DIR}")
    return wanted


def main_mirror(codename: str, sources: list[AptSource]) -> str:
    return next(s.uri for s in sources if s.suite == codename)
