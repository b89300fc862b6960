// Azure resources of docs/deploy.md: App Service (Linux, Node 20, several instances), a user-assigned managed
// identity that is also the bot's identity (no bot secret), Azure Bot with the Teams and Microsoft 365 channels,
// PostgreSQL Flexible Server (connection store and shared InLoox rate limiter), Key Vault for the two secrets, and
// optionally Application Insights. Secrets arrive only as @secure() parameters and live only in Key Vault.

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name; web app, Key Vault and PostgreSQL names must be globally unique.')
param resourceBaseName string

param location string = resourceGroup().location

@description('App Service plan SKU; B1 or higher (Always On).')
param appServiceSku string = 'B1'

@minValue(1)
@description('Server instances; more than one works because PostgreSQL holds the connections and the rate limiter.')
param instanceCount int = 2

@minValue(1)
@maxValue(64)
@description('Server processes per instance (WEB_CONCURRENCY, node:cluster); B1 has one core, so one. Needs PostgreSQL, which this template creates.')
param workersPerInstance int = 1

@maxLength(42)
param botDisplayName string = 'InLoox'

@description('Azure Bot pricing tier: F0 (free) or S1.')
param botSku string = 'F0'

@description('Also enable the Microsoft 365 channel (message extension and link unfurling in Outlook).')
param enableMicrosoft365Channel bool = true

@description('Application (client) id of the Entra app for single sign-on (SSO_APP_ID).')
param ssoAppId string

@description('InLoox API base URL; empty means InLoox Cloud.')
param inlooxBaseUrl string = ''

@secure()
@description('KEY_ENCRYPTION_KEY: 32 random bytes, base64 (openssl rand -base64 32). Stored in Key Vault only.')
param keyEncryptionKey string

param postgresAdminLogin string = 'inlooxadmin'

@secure()
@description('Password of the PostgreSQL administrator. Stored in Key Vault only (inside DATABASE_URL).')
param postgresAdminPassword string

param postgresSkuName string = 'Standard_B1ms'
param postgresSkuTier string = 'Burstable'
param postgresVersion string = '16'

@description('Create Application Insights and export traces and metrics to it.')
param enableApplicationInsights bool = true

@description('Optional OTLP/HTTP collector address (OTEL_EXPORTER_OTLP_ENDPOINT), in addition to or instead of Application Insights.')
param otlpEndpoint string = ''

var webAppName = resourceBaseName
var databaseName = 'inloox_m365'
// Built-in role "Key Vault Secrets User".
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: resourceBaseName
  location: location
}

resource plan 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: resourceBaseName
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: 'psql-${resourceBaseName}'
  location: location
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: postgresVersion
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: databaseName
}

// 0.0.0.0 - 0.0.0.0 admits Azure services (the App Service outbound addresses), not the internet.
resource postgresAzureAccess 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-02-01' = {
  name: 'kv-${resourceBaseName}'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
  }
}

resource keyEncryptionKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-02-01' = {
  parent: vault
  name: 'key-encryption-key'
  properties: {
    value: keyEncryptionKey
  }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-02-01' = {
  parent: vault
  name: 'database-url'
  properties: {
    value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require'
  }
}

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = if (enableApplicationInsights) {
  name: 'log-${resourceBaseName}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = if (enableApplicationInsights) {
  name: 'appi-${resourceBaseName}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

// Empty values mean "off" for the server (no Application Insights, no OTLP export, InLoox Cloud).
var appSettings = [
  {
    name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
    value: 'true'
  }
  {
    name: 'MicrosoftAppId'
    value: identity.properties.clientId
  }
  {
    name: 'MicrosoftAppType'
    value: 'UserAssignedMSI'
  }
  {
    name: 'MicrosoftAppTenantId'
    value: identity.properties.tenantId
  }
  {
    name: 'SSO_APP_ID'
    value: ssoAppId
  }
  {
    name: 'PUBLIC_BASE_URL'
    value: 'https://${webAppName}.azurewebsites.net'
  }
  {
    name: 'INLOOX_BASE_URL'
    value: inlooxBaseUrl
  }
  {
    name: 'DATA_DIR'
    value: '/home/data'
  }
  {
    name: 'KEY_ENCRYPTION_KEY'
    value: '@Microsoft.KeyVault(SecretUri=${keyEncryptionKeySecret.properties.secretUri})'
  }
  {
    name: 'DATABASE_URL'
    value: '@Microsoft.KeyVault(SecretUri=${databaseUrlSecret.properties.secretUri})'
  }
  {
    name: 'WEB_CONCURRENCY'
    value: string(workersPerInstance)
  }
  {
    // glibc: two malloc arenas instead of up to eight per core (docs/deploy.md, memory).
    name: 'MALLOC_ARENA_MAX'
    value: '2'
  }
  {
    name: 'OTEL_SERVICE_NAME'
    value: 'inloox-m365'
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: enableApplicationInsights ? insights.properties.ConnectionString : ''
  }
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT'
    value: otlpEndpoint
  }
]

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      // As npm start, without npm, which does not pass SIGTERM on (docs/deploy.md). The flags: scripts/start.mjs.
      appCommandLine: 'node --max-semi-space-size=4 scripts/start.mjs'
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appSettings: appSettings
    }
  }
  dependsOn: [
    identityReadsSecrets
    postgresDatabase
    postgresAzureAccess
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

resource microsoft365Channel 'Microsoft.BotService/botServices/channels@2022-09-15' = if (enableMicrosoft365Channel) {
  parent: bot
  name: 'M365Extensions'
  location: 'global'
  properties: {
    channelName: 'M365Extensions'
  }
}

// Written into env/.env.<environment> by the Toolkit; the manual path reads them with az deployment group show.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output POSTGRES_HOST string = postgres.properties.fullyQualifiedDomainName
output KEY_VAULT_NAME string = vault.name
