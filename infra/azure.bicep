// Outlook Contact Sync for Microsoft Teams: everything the app runs on in Azure.
//   storage account (Tables, the sync-jobs queue, the Functions deployment container), reached by managed identity only
//   Function App on Flex Consumption (FC1, Node 22): the API and the bot's /api/messages
//   Static Web App: the tab (build/tab)
//   Azure Bot (single-tenant Entra app, or a user-assigned managed identity) with the Teams channel
//   Key Vault: the Entra app's client secret, the token-cache key and the bot's secret, as Key Vault references
//   Application Insights on a Log Analytics workspace
// Outputs are named as teamsapp.yml uses them (the drift test in tools/src/drift checks both ways).

@maxLength(7)
@description('RESOURCE_SUFFIX: lower-case letters and digits after "contactsync" in every resource name; empty: derived from the resource group')
param resourceSuffix string = ''
param location string = resourceGroup().location
@description('Static Web Apps run in a few regions only (westus2, centralus, eastus2, westeurope, eastasia)')
param staticWebAppLocation string = 'westeurope'

@description('M365_CLIENT_ID: the Entra app the tab signs in to and the API exchanges tokens for')
param m365ClientId string
@secure()
@description('M365_CLIENT_SECRET: the Entra app\'s client secret (stored in Key Vault)')
param m365ClientSecret string
@secure()
@description('TOKEN_CACHE_KEY: base64 of 32 random bytes, the AES-256-GCM key of the stored token caches (stored in Key Vault)')
param tokenCacheKey string
@description('ALLOWED_TENANTS: the tenants this deployment serves (comma list of tenant IDs, or any); empty: the deploying tenant only')
param allowedTenants string = ''

@allowed(['SingleTenant', 'UserAssignedMSI'])
@description('BOT_APP_TYPE: the bot\'s identity: its own single-tenant Entra app (botId + botPassword), or a user-assigned managed identity made here')
param botAppType string = 'SingleTenant'
@description('BOT_ID for SingleTenant: the bot\'s Entra app (client) ID; ignored for UserAssignedMSI')
param botId string = ''
@secure()
@description('BOT_PASSWORD for SingleTenant: the bot\'s Entra app secret (stored in Key Vault); ignored for UserAssignedMSI')
param botPassword string = ''
@description('BOT_TENANT_ID: the directory the bot\'s identity lives in; empty: the deploying tenant')
param botTenantId string = ''

@description('TEAMS_APP_ID: the Teams app (written by teamsApp/create); the bot\'s cards open its Contacts tab')
param teamsAppId string

@description('GRAPH_MAX_CONCURRENCY: Graph requests in flight per mailbox (1-4)')
param graphMaxConcurrency int = 4
@description('RATE_LIMIT_USER_PER_MINUTE: sync starts and contact searches per user and minute')
param rateLimitUserPerMinute int = 10
@description('RATE_LIMIT_TENANT_PER_MINUTE: the same per tenant and minute')
param rateLimitTenantPerMinute int = 300
@allowed([2048, 4096])
param instanceMemoryMB int = 2048
param maximumInstanceCount int = 40

// Storage and Key Vault names are global: the suffix keeps two deployments apart.
var resourceBaseName = 'contactsync${empty(resourceSuffix) ? take(uniqueString(resourceGroup().id), 6) : resourceSuffix}'
var singleTenantBot = botAppType == 'SingleTenant'
// Empty values from env/.env.<env> mean "this directory": a single-tenant deployment is the default.
var servedTenants = empty(allowedTenants) ? tenant().tenantId : allowedTenants
var botTenant = empty(botTenantId) ? tenant().tenantId : botTenantId
var deploymentContainer = 'app-package'
var syncQueueName = 'sync-jobs'
// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: '${resourceBaseName}st'
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // No account keys: the app and the Functions runtime sign in with the app's managed identity.
    allowSharedKeyAccess: false
  }
  resource blobs 'blobServices' = {
    name: 'default'
    resource packages 'containers' = { name: deploymentContainer }
  }
  resource queues 'queueServices' = {
    name: 'default'
    resource jobs 'queues' = { name: syncQueueName }
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logs.id, DisableLocalAuth: true }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${resourceBaseName}-kv'
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
  resource clientSecret 'secrets' = { name: 'm365-client-secret', properties: { value: m365ClientSecret } }
  resource cacheKey 'secrets' = { name: 'token-cache-key', properties: { value: tokenCacheKey } }
}

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (singleTenantBot) {
  parent: vault
  name: 'bot-password'
  properties: { value: botPassword }
}

resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (!singleTenantBot) {
  name: '${resourceBaseName}-bot'
  location: location
}

var effectiveBotId = singleTenantBot ? botId : botIdentity!.properties.clientId

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource tab 'Microsoft.Web/staticSites@2023-12-01' = {
  name: '${resourceBaseName}-tab'
  location: staticWebAppLocation
  sku: { name: 'Free', tier: 'Free' }
  properties: {}
}

var tabDomain = tab.properties.defaultHostname

// One app setting per line, `{ name: 'X', value: … }`: the drift test reads the names from these lines.
var apiAppSettings = [
  { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
  { name: 'SYNC_QUEUE_NAME', value: syncQueueName }
  { name: 'SYNC_RESULTS_QUEUE_NAME', value: 'sync-results' }
  { name: 'GRAPH_BASE_URL', value: 'https://graph.microsoft.com/v1.0' }
  { name: 'GRAPH_MAX_CONCURRENCY', value: string(graphMaxConcurrency) }
  { name: 'ENTRA_AUTHORITY_HOST', value: environment().authentication.loginEndpoint }
  { name: 'M365_CLIENT_ID', value: m365ClientId }
  { name: 'M365_CLIENT_SECRET', value: '@Microsoft.KeyVault(SecretUri=${vault::clientSecret.properties.secretUri})' }
  { name: 'TOKEN_CACHE_KEY', value: '@Microsoft.KeyVault(SecretUri=${vault::cacheKey.properties.secretUri})' }
  { name: 'ALLOWED_TENANTS', value: servedTenants }
  { name: 'TAB_DOMAIN', value: tabDomain }
  { name: 'RATE_LIMIT_USER_PER_MINUTE', value: string(rateLimitUserPerMinute) }
  { name: 'RATE_LIMIT_TENANT_PER_MINUTE', value: string(rateLimitTenantPerMinute) }
  // Sized together with host.json's functionTimeout (10 min) and queue visibilityTimeout (90 s): see
  // docs/architecture.md, "The lease, the time budget and the continuation".
  { name: 'SYNC_LEASE_MS', value: '60000' }
  { name: 'SYNC_TIME_BUDGET_MS', value: '360000' }
  { name: 'GRAPH_MAX_RETRY_AFTER_SECONDS', value: '30' }
  { name: 'BOT_ID', value: effectiveBotId }
  { name: 'BOT_TENANT_ID', value: botTenant }
  { name: 'BOT_APP_TYPE', value: botAppType }
  { name: 'TEAMS_APP_ID', value: teamsAppId }
  // Graph posts change notifications (instant sync) here; the app's own name, since the site cannot name its own hostname.
  { name: 'NOTIFICATION_URL', value: 'https://${resourceBaseName}-api.azurewebsites.net/api/notifications' }
  { name: 'SYNC_RESULTS_QUEUE_NAME', value: 'sync-results' }
]
var botPasswordSetting = singleTenantBot ? [
  { name: 'BOT_PASSWORD', value: '@Microsoft.KeyVault(SecretUri=${botSecret!.properties.secretUri})' }
] : []

resource api 'Microsoft.Web/sites@2024-04-01' = {
  name: '${resourceBaseName}-api'
  location: location
  kind: 'functionapp,linux'
  identity: singleTenantBot ? { type: 'SystemAssigned' } : {
    type: 'SystemAssigned, UserAssigned'
    userAssignedIdentities: { '${botIdentity!.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      cors: { allowedOrigins: ['https://${tabDomain}'] }
      appSettings: concat(apiAppSettings, botPasswordSetting)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: maximumInstanceCount, instanceMemoryMB: instanceMemoryMB }
      runtime: { name: 'node', version: '22' }
    }
  }
}

// The app's system identity: Tables and the queue for the sync, blobs for the runtime and its deployment
// package, Key Vault secrets for the references above, metrics for Application Insights without keys.
resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for roleId in [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]: {
  name: guid(storage.id, api.id, roleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    principalId: api.identity.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, api.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: api.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource insightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, api.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: api.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${resourceBaseName}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: 'Contact Sync'
    endpoint: 'https://${api.properties.defaultHostName}/api/messages'
    msaAppId: effectiveBotId
    msaAppTenantId: botTenant
    msaAppType: botAppType
    msaAppMSIResourceId: singleTenantBot ? null : botIdentity!.id
  }
  resource teams 'channels' = {
    name: 'MsTeamsChannel'
    location: 'global'
    properties: { channelName: 'MsTeamsChannel' }
  }
}

output API_FUNCTION_ENDPOINT string = 'https://${api.properties.defaultHostName}'
output API_FUNCTION_RESOURCE_ID string = api.id
output API_FUNCTION_NAME string = api.name
output TAB_ENDPOINT string = 'https://${tabDomain}'
output TAB_DOMAIN string = tabDomain
output TAB_AZURE_STATIC_WEB_APPS_RESOURCE_ID string = tab.id
output BOT_ID string = effectiveBotId
output BOT_TENANT_ID string = botTenant
output BOT_APP_TYPE string = botAppType
