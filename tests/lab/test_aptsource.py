"""Reading the Debian mirror and release from the machine's apt setup (no root needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.lab import aptsource
from tools.lab.aptsource import AptSource

DEB822 = """Types: deb
# a comment: http://elsewhere.invalid/debian
URIs: http://mirror.invalid/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://mirror.invalid/debian
Suites: bookworm
Components: main

Types: deb
URIs: http://mirror.invalid/debian-security
Suites: bookworm-security
Components: main contrib
"""


def test_deb822_stanzas_give_binary_sources_only() -> None:
    assert aptsource.parse_deb822(DEB822) == [
        AptSource("http://mirror.invalid/debian", "bookworm", ("main",)),
        AptSource("http://mirror.invalid/debian", "bookworm-updates", ("main",)),
        AptSource(
            "http://mirror.invalid/debian-security", "bookworm-security", ("main", "contrib")
        ),
    ]


def test_one_line_format_skips_options_and_comments() -> None:
    text = "# deb http://old.invalid/debian buster main\n" + (
        "deb [arch=amd64 signed-by=/k.gpg] http://mirror.invalid/debian bookworm main non-free\n"
    )
    assert aptsource.parse_one_line(text) == [
        AptSource("http://mirror.invalid/debian", "bookworm", ("main", "non-free"))
    ]


def test_release_sources_keep_the_release_and_its_updates() -> None:
    other = AptSource("http://vendor.invalid/apt", "stable", ("main",))
    sources = aptsource.parse_deb822(DEB822) + [other]
    kept = aptsource.release_sources("bookworm", sources)
    assert other not in kept and len(kept) == 3
    assert aptsource.main_mirror("bookworm", kept) == "http://mirror.invalid/debian"
    assert kept[0].line() == "deb http://mirror.invalid/debian bookworm main"


def test_a_missing_release_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="trixie"):
        aptsource.release_sources("trixie", aptsource.parse_deb822(DEB822))


def test_codename_comes_from_os_release(tmp_path: Path) -> None:
    os_release = tmp_path / "os-release"
    os_release.write_text('NAME="Debian GNU/Linux"\nVERSION_CODENAME=bookworm\n')
    assert aptsource.release_codename(os_release) == "bookworm"
