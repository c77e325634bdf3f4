# PRIVATE to litware.aml_isolation: no compatibility promises.
# Copyright: Contributors to the litware.aml_isolation collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks on Entra ID names and passwords, made before the first request."""

from __future__ import annotations

import re

from ansible_collections.litware.aml_isolation.plugins.module_utils._arm.errors import (
    invalid_option,
)

_UPN = re.compile(r"^[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_NICKNAME = re.compile(r"^[A-Za-z0-9._'-]{1,64}$")
_PASSWORD_CLASSES = (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^a-zA-Z0-9]")


def check_user_principal_name(value: str, option: str) -> None:
    if not _UPN.match(value or ""):
        raise invalid_option(option, f"{value!r} is not a user principal name (name@domain)")


def mail_nickname_of(user_principal_name: str) -> str:
    """The part before @, as a mail alias (characters a mail alias may not hold removed)."""
    return re.sub(r"[^A-Za-z0-9._'-]", "", user_principal_name.split("@", 1)[0])[:64] or "user"


def check_mail_nickname(value: str | None, option: str) -> None:
    if value is not None and not _NICKNAME.match(value):
        raise invalid_option(
            option, f"{value!r}: use 1 to 64 letters, digits, '.', '_', '-' or an apostrophe"
        )


def check_password(password: str, option: str) -> None:
    """Entra ID's rule: 8 to 256 characters, three of lower, upper, digit and symbol."""
    classes = sum(1 for pattern in _PASSWORD_CLASSES if re.search(pattern, password))
    if not 8 <= len(password) <= 256 or classes < 3:
        raise invalid_option(
            option,
            "the password must have 8 to 256 characters and three of: lower case, upper case, "
            "digits, symbols (Entra ID's rule)",
        )
