"""The resource types this emulator serves: one package per provider namespace, each type's
table entry next to its hooks. Adding a provider means adding its package to `PROVIDERS`."""

from __future__ import annotations

from tools.arm_emulator.hooks_base import TypeEntry
from tools.arm_emulator.providers import (
    authorization,
    compute,
    containerregistry,
    containerservice,
    insights,
    keyvault,
    machinelearning,
    managedidentity,
    network,
    operationalinsights,
    privatedns,
    resources,
    sql,
    storage,
)
from tools.arm_emulator.type_registry import TypeRegistry

PROVIDERS = (
    resources,
    network,
    privatedns,
    compute,
    managedidentity,
    storage,
    keyvault,
    containerregistry,
    containerservice,
    sql,
    authorization,
    operationalinsights,
    insights,
    machinelearning,
)


def all_entries() -> list[TypeEntry]:
    return [entry for provider in PROVIDERS for entry in provider.TYPES]


def default_registry() -> TypeRegistry:
    return TypeRegistry([entry.rtype for entry in all_entries()])
