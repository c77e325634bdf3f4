"""Names of the resource types the emulator serves, defined once for every module that refers to
another type."""

RESOURCE_GROUP = "Microsoft.Resources/resourceGroups"

VIRTUAL_NETWORK = "Microsoft.Network/virtualNetworks"
SUBNET = "Microsoft.Network/virtualNetworks/subnets"
NETWORK_SECURITY_GROUP = "Microsoft.Network/networkSecurityGroups"
SECURITY_RULE = "Microsoft.Network/networkSecurityGroups/securityRules"
DEFAULT_SECURITY_RULE = "Microsoft.Network/networkSecurityGroups/defaultSecurityRules"
ROUTE_TABLE = "Microsoft.Network/routeTables"
ROUTE = "Microsoft.Network/routeTables/routes"
PUBLIC_IP_ADDRESS = "Microsoft.Network/publicIPAddresses"
NETWORK_INTERFACE = "Microsoft.Network/networkInterfaces"
NIC_IP_CONFIGURATION = "Microsoft.Network/networkInterfaces/ipConfigurations"
VIRTUAL_NETWORK_PEERING = "Microsoft.Network/virtualNetworks/virtualNetworkPeerings"
AZURE_FIREWALL = "Microsoft.Network/azureFirewalls"
FIREWALL_POLICY = "Microsoft.Network/firewallPolicies"
RULE_COLLECTION_GROUP = "Microsoft.Network/firewallPolicies/ruleCollectionGroups"
IP_GROUP = "Microsoft.Network/ipGroups"

PRIVATE_DNS_ZONE = "Microsoft.Network/privateDnsZones"
VIRTUAL_NETWORK_LINK = "Microsoft.Network/privateDnsZones/virtualNetworkLinks"
PRIVATE_DNS_RECORD_TYPES = ("A", "AAAA", "CNAME", "PTR", "TXT")
PRIVATE_DNS_A = "Microsoft.Network/privateDnsZones/A"

VIRTUAL_MACHINE = "Microsoft.Compute/virtualMachines"

USER_ASSIGNED_IDENTITY = "Microsoft.ManagedIdentity/userAssignedIdentities"

STORAGE_ACCOUNT = "Microsoft.Storage/storageAccounts"
BLOB_SERVICE = "Microsoft.Storage/storageAccounts/blobServices"
BLOB_CONTAINER = "Microsoft.Storage/storageAccounts/blobServices/containers"

KEY_VAULT = "Microsoft.KeyVault/vaults"
CONTAINER_REGISTRY = "Microsoft.ContainerRegistry/registries"

MANAGED_CLUSTER = "Microsoft.ContainerService/managedClusters"

SQL_SERVER = "Microsoft.Sql/servers"
SQL_DATABASE = "Microsoft.Sql/servers/databases"

ROLE_ASSIGNMENT = "Microsoft.Authorization/roleAssignments"
ROLE_DEFINITION = "Microsoft.Authorization/roleDefinitions"

LOG_ANALYTICS_WORKSPACE = "Microsoft.OperationalInsights/workspaces"
APPLICATION_INSIGHTS = "Microsoft.Insights/components"
PRIVATE_LINK_SCOPE = "Microsoft.Insights/privateLinkScopes"
SCOPED_RESOURCE = "Microsoft.Insights/privateLinkScopes/scopedResources"
DIAGNOSTIC_SETTING = "Microsoft.Insights/diagnosticSettings"

ML_WORKSPACE = "Microsoft.MachineLearningServices/workspaces"
ML_DATASTORE = "Microsoft.MachineLearningServices/workspaces/datastores"
ML_COMPUTE = "Microsoft.MachineLearningServices/workspaces/computes"
