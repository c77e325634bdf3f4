"""Firewall policies and their rule collection groups: ARM's validation of priorities, rule
names, sources and destinations, FQDNs in network rules only with the DNS proxy, and one rule
collection group write at a time per policy."""

from __future__ import annotations

import re
from typing import Any

from tools.arm_emulator.errors import ArmError
from tools.arm_emulator.hooks_base import TypeEntry, TypeHooks, World, WriteContext
from tools.arm_emulator.providers.network.common import TAGS_PATCH, network_type
from tools.arm_emulator.providers.network.ip_groups import valid_address
from tools.arm_emulator.references import ref_id, require_reference, same_id
from tools.arm_emulator.store import Record
from tools.arm_emulator.type_names import (
    AZURE_FIREWALL,
    FIREWALL_POLICY,
    IP_GROUP,
    RULE_COLLECTION_GROUP,
)

PRIORITIES = range(100, 65001)
# A service tag as Azure spells it (AzureMachineLearning, Storage.BrazilSouth): a host name is
# never one, so a destination address like login.microsoftonline.com is refused.
_SERVICE_TAG = re.compile(r"^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)?$")


def dns_proxy_on(policy: Record | dict[str, Any]) -> bool:
    properties = policy.properties if isinstance(policy, Record) else policy
    return bool((properties.get("dnsSettings") or {}).get("enableProxy"))


def _fqdn_network_rules(collections: list[dict[str, Any]]) -> list[str]:
    return [
        f"{collection.get('name')}/{rule.get('name')}"
        for collection in collections
        for rule in collection.get("rules") or []
        if str(rule.get("ruleType", "")).lower() == "networkrule" and rule.get("destinationFqdns")
    ]


def _firewalls_of(world: World, policy_id: str) -> list[Record]:
    return [
        firewall
        for firewall in world.store.of_type(AZURE_FIREWALL)
        if same_id(ref_id(firewall.properties.get("firewallPolicy")), policy_id)
    ]


class FirewallPolicyHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        tier = str((ctx.properties.get("sku") or {}).get("tier", "Standard"))
        if tier.lower() == "basic" and dns_proxy_on(ctx.properties):
            raise ArmError(
                400,
                "FirewallPolicyBasicSkuDnsProxyNotSupported",
                f"Firewall policy {ctx.name}: DNS proxy is not supported in the Basic tier.",
                target="properties.dnsSettings.enableProxy",
            )
        if ctx.existing is not None and not dns_proxy_on(ctx.properties):
            for group in ctx.world.store.children(ctx.existing.id, RULE_COLLECTION_GROUP):
                rules = _fqdn_network_rules(group.properties.get("ruleCollections") or [])
                if rules:
                    raise ArmError(
                        400,
                        "FirewallPolicyNetworkRuleFqdnRequiresDnsProxy",
                        f"Firewall policy {ctx.name} cannot turn the DNS proxy off: network rule "
                        f"{rules[0]} of rule collection group {group.name} uses FQDNs.",
                    )

    def derive(self, ctx: WriteContext) -> None:
        ctx.properties.setdefault("sku", {"tier": "Standard"})
        ctx.properties.setdefault("threatIntelMode", "Alert")

    def render(self, world: World, record: Record, document: dict[str, Any]) -> None:
        properties = document["properties"]
        groups = world.store.children(record.id, RULE_COLLECTION_GROUP)
        properties["ruleCollectionGroups"] = [{"id": group.id} for group in groups]
        properties["firewalls"] = [{"id": item.id} for item in _firewalls_of(world, record.id)]
        properties["childPolicies"] = []

    def before_delete(self, world: World, record: Record) -> None:
        firewalls = _firewalls_of(world, record.id)
        if firewalls:
            raise ArmError(
                400,
                "FirewallPolicyInUse",
                f"Firewall policy {record.name} is associated with firewall {firewalls[0].id} and "
                "cannot be deleted.",
            )


def _priority(value: Any, where: str, owner: str) -> int:
    if not isinstance(value, int) or value not in PRIORITIES:
        raise ArmError(
            400,
            "FirewallPolicyRuleCollectionGroupInvalidPriority",
            f"{owner}: priority {value} at {where} must be between 100 and 65000.",
            target=where,
        )
    return value


class RuleCollectionGroupHooks(TypeHooks):
    def validate(self, ctx: WriteContext) -> None:
        assert ctx.parent is not None
        self._one_write_at_a_time(ctx)
        priority = _priority(ctx.properties.get("priority"), "properties.priority", ctx.name)
        for sibling in ctx.world.store.children(ctx.parent.id, RULE_COLLECTION_GROUP):
            if (
                sibling.name.lower() != ctx.name.lower()
                and sibling.properties.get("priority") == priority
            ):
                raise ArmError(
                    400,
                    "FirewallPolicyRuleCollectionGroupPriorityConflict",
                    f"Rule collection group {ctx.name} has priority {priority}, already used by "
                    f"rule collection group {sibling.name} of policy {ctx.parent.name}.",
                    target="properties.priority",
                )
        collections = ctx.properties.get("ruleCollections") or []
        names: set[str] = set()
        priorities: set[int] = set()
        for index, collection in enumerate(collections):
            where = f"properties.ruleCollections[{index}]"
            name = str(collection.get("name") or "")
            if not name or name.lower() in names:
                raise ArmError(
                    400,
                    "FirewallPolicyRuleCollectionNameNotUnique",
                    f"Rule collection group {ctx.name}: every rule collection needs a unique name "
                    f"({name or 'missing'} at {where}).",
                    target=f"{where}.name",
                )
            names.add(name.lower())
            value = _priority(collection.get("priority"), f"{where}.priority", ctx.name)
            if value in priorities:
                raise ArmError(
                    400,
                    "FirewallPolicyRuleCollectionPriorityNotUnique",
                    f"Rule collection group {ctx.name}: priority {value} of rule collection {name} "
                    "is used by another rule collection of the group.",
                    target=f"{where}.priority",
                )
            priorities.add(value)
            self._rules(ctx, collection.get("rules") or [], where)

    @staticmethod
    def _one_write_at_a_time(ctx: WriteContext) -> None:
        assert ctx.parent is not None
        for sibling in ctx.world.store.children(ctx.parent.id, RULE_COLLECTION_GROUP):
            if sibling.operation_id and sibling.name.lower() != ctx.name.lower():
                raise ArmError(
                    409,
                    "AnotherOperationInProgress",
                    f"Another operation on firewall policy {ctx.parent.name} is in progress "
                    f"(rule collection group {sibling.name}): rule collection groups of a policy "
                    "are written one at a time.",
                )

    def _rules(self, ctx: WriteContext, rules: list[dict[str, Any]], where: str) -> None:
        assert ctx.parent is not None
        names: set[str] = set()
        for index, rule in enumerate(rules):
            path = f"{where}.rules[{index}]"
            name = str(rule.get("name") or "")
            if not name or name.lower() in names:
                raise ArmError(
                    400,
                    "FirewallPolicyRuleNameNotUnique",
                    f"Rule collection group {ctx.name}: rule names must be unique within a "
                    f"collection ({name or 'missing'} at {path}).",
                    target=f"{path}.name",
                )
            names.add(name.lower())
            for group_id in [
                *(rule.get("sourceIpGroups") or []),
                *(rule.get("destinationIpGroups") or []),
            ]:
                require_reference(ctx.world, {"id": group_id}, IP_GROUP, ctx.resource_id)
            if not (rule.get("sourceAddresses") or rule.get("sourceIpGroups")):
                raise ArmError(
                    400,
                    "FirewallPolicyRuleSourceMissing",
                    f"Rule {name} needs sourceAddresses or sourceIpGroups.",
                    target=path,
                )
            kind = str(rule.get("ruleType", "")).lower()
            if kind == "networkrule":
                self._network_rule(ctx, rule, path)
            elif kind == "applicationrule" and not (
                rule.get("targetFqdns")
                or rule.get("fqdnTags")
                or rule.get("webCategories")
                or rule.get("targetUrls")
            ):
                raise ArmError(
                    400,
                    "FirewallPolicyApplicationRuleTargetMissing",
                    f"Application rule {name} needs targetFqdns, fqdnTags, targetUrls or "
                    "webCategories.",
                    target=path,
                )

    @staticmethod
    def _network_rule(ctx: WriteContext, rule: dict[str, Any], path: str) -> None:
        assert ctx.parent is not None
        name = rule.get("name")
        for index, address in enumerate(rule.get("destinationAddresses") or []):
            value = str(address)
            if value != "*" and not valid_address(value) and not _SERVICE_TAG.match(value):
                raise ArmError(
                    400,
                    "FirewallPolicyNetworkRuleInvalidDestinationAddress",
                    f"Network rule {name}: destination address {value} is not an IP address, "
                    "range, CIDR or service tag (host names go into destinationFqdns or "
                    "application rules).",
                    target=f"{path}.destinationAddresses[{index}]",
                )
        if rule.get("destinationFqdns") and not dns_proxy_on(ctx.parent):
            raise ArmError(
                400,
                "FirewallPolicyNetworkRuleFqdnRequiresDnsProxy",
                f"Network rule {name} uses destinationFqdns: FQDNs in network rules need the "
                f"DNS proxy of firewall policy {ctx.parent.name} (dnsSettings.enableProxy).",
                target=f"{path}.destinationFqdns",
            )
        if not rule.get("destinationPorts"):
            raise ArmError(
                400,
                "FirewallPolicyNetworkRuleDestinationPortsMissing",
                f"Network rule {name} needs destinationPorts.",
                target=path,
            )


TYPES = [
    TypeEntry(
        network_type(FIREWALL_POLICY, "FirewallPolicy", 20, patch_model=TAGS_PATCH),
        FirewallPolicyHooks(),
    ),
    TypeEntry(
        network_type(
            RULE_COLLECTION_GROUP,
            "FirewallPolicyRuleCollectionGroup",
            30,
            parent=FIREWALL_POLICY,
            location="none",
            list_in_subscription=False,
        ),
        RuleCollectionGroupHooks(),
    ),
]
