// The API: a Functions app (Node 20, v4 programming model) with its storage account (Tables: contacts, syncs,
// leases, users, integrations; Queue: sync-jobs). Secrets are @secure() parameters stored as app settings.
@maxLength(20)
@minLength(4)
param resourceBaseName string
param location string = resourceGroup().location
param m365ClientId string
@secure()
param m365ClientSecret string
@secure()
@description('base64 of 32 random bytes: the AES-256-GCM key of the stored MSAL token caches')
param tokenCacheKey string
@description('ALLOWED_TENANTS: the tenants this deployment serves (comma list of tenant IDs, or any); default: the deploying tenant')
param allowedTenants string = tenant().tenantId

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: toLower(replace(resourceBaseName, '-', ''))
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { minimumTlsVersion: 'TLS1_2', supportsHttpsTrafficOnly: true, allowBlobPublicAccess: false }
}

resource plan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: resourceBaseName
  location: location
  sku: { name: 'Y1', tier: 'Dynamic' }
  properties: { reserved: true }
}

var storageConnection = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

resource api 'Microsoft.Web/sites@2023-01-01' = {
  name: '${resourceBaseName}-api'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'Node|20'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appSettings: [
        { name: 'AzureWebJobsStorage', value: storageConnection }
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'node' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'M365_CLIENT_ID', value: m365ClientId }
        { name: 'M365_CLIENT_SECRET', value: m365ClientSecret }
        { name: 'TOKEN_CACHE_KEY', value: tokenCacheKey }
        { name: 'ALLOWED_TENANTS', value: allowedTenants }
      ]
    }
  }
}

output API_FUNCTION_ENDPOINT string = 'https://${api.properties.defaultHostName}'
output API_FUNCTION_RESOURCE_ID string = api.id
