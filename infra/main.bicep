// GoodThings in Azure: one resource group holding a Flex Consumption function app (.NET isolated worker), its
// storage account (tables, queues, host blobs, deployment package), Key Vault for its secrets, Application
// Insights on Log Analytics, and the user-assigned identity the app uses to reach all of them.
// `azd up` provisions this file (parameters in main.parameters.json) and deploys src/Functions; see docs/deploy.md.
targetScope = 'subscription'

import { isValidStoragePrefix } from 'modules/storage-prefix.bicep'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment (for example "prod"); names the resource group and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region for every resource. It must offer the Flex Consumption plan: az functionapp list-flexconsumption-locations.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the person or pipeline running azd (azd fills it in). Gets Key Vault Secrets Officer on the vault. Empty: nobody.')
param principalId string = ''

@description('Name of the resource group. Empty: rg-<environmentName>.')
param resourceGroupName string = ''

@description('Public https base URL of the site, used for links in emails, for example https://events.example.org. Empty: the function app\'s default host name.')
param siteBaseUrl string = ''

@description('Client id of the Entra ID app registration for the organiser console (docs/deploy.md). Empty: no App Service Authentication; organisers sign in with the management key.')
param consoleEntraClientId string = ''

@secure()
@description('SendGrid API key, stored in Key Vault. Empty: left as it is; set it later with az keyvault secret set (docs/deploy.md).')
param sendGridApiKey string = ''

@description('Public key of the SendGrid Event Webhook (signature verification). Empty until the webhook is set up.')
param sendGridWebhookPublicKey string = ''

@minLength(3)
@description('Sender address of every email; an address on a domain authenticated in SendGrid.')
param emailFrom string

// The settings below default to '' and fall back to the values in `defaults`: azd passes an unset environment
// variable as '' (which would override a Bicep default), so each default lives here, once.
@description('Sender display name. Empty: the value in defaults below.')
param emailFromName string = ''

@description('Reply-To address. Empty: the sender address.')
param emailReplyTo string = ''

@description('When reminders go out before an event starts, as comma-separated TimeSpans. Empty: the value in defaults below.')
param remindersOffsets string = ''

@description('How long after an event ends the follow-up goes out (TimeSpan). Empty: the value in defaults below.')
param followUpDelay string = ''

@description('How long after an event ends its registrants\' personal fields are anonymised (TimeSpan). Empty: the value in defaults below.')
param retentionAnonymiseAfter string = ''

@description('NCRONTAB schedule of the timer functions (reminders, follow-ups, retention, outbox sweep). Empty: the value in defaults below.')
param timersSchedule string = ''

// Bicep has no pattern decorator: the lengths are checked here, the pattern by isValidStoragePrefix below.
@minLength(2)
@maxLength(20)
@description('Prefix of every table and queue name: 2-20 lowercase letters or digits starting with a letter, ^[a-z][a-z0-9]{1,19}$ (the app refuses to start otherwise).')
param storagePrefix string = 'gt'

@description('Most instances the function app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each function app instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

var defaults = {
  emailFromName: 'How to make good things happen'
  remindersOffsets: '24:00:00,01:00:00'
  followUpDelay: '02:00:00'
  retentionAnonymiseAfter: '180.00:00:00'
  timersSchedule: '0 * * * * *'
}
// A bad storagePrefix fails the deployment with this message instead of deploying an app that cannot start.
var checkedStoragePrefix = isValidStoragePrefix(storagePrefix)
  ? storagePrefix
  : fail('storagePrefix must be 2-20 lowercase letters or digits starting with a letter (^[a-z][a-z0-9]{1,19}$).')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-${resourceToken}'
var secretNames = {
  sendGridApiKey: 'SendGrid--ApiKey'
  tokensSigningKey: 'Tokens--SigningKey'
}

resource group 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: group
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: group
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    publisherPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: group
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package-${resourceToken}'
    appPrincipalId: identity.outputs.principalId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: group
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
    operatorPrincipalId: principalId
    sendGridApiKeySecretName: secretNames.sendGridApiKey
    sendGridApiKey: sendGridApiKey
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: group
  // Using the other modules' outputs makes this wait for them, role assignments included, so the app starts
  // with its identity already allowed into storage, Key Vault and Application Insights.
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: 'app-package-${resourceToken}'
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultUri: keyVault.outputs.uri
    secretNames: secretNames
    siteBaseUrl: siteBaseUrl
    settings: {
      storagePrefix: checkedStoragePrefix
      sendGridWebhookPublicKey: sendGridWebhookPublicKey
      emailFrom: emailFrom
      emailFromName: empty(emailFromName) ? defaults.emailFromName : emailFromName
      emailReplyTo: empty(emailReplyTo) ? emailFrom : emailReplyTo
      remindersOffsets: empty(remindersOffsets) ? defaults.remindersOffsets : remindersOffsets
      followUpDelay: empty(followUpDelay) ? defaults.followUpDelay : followUpDelay
      retentionAnonymiseAfter: empty(retentionAnonymiseAfter) ? defaults.retentionAnonymiseAfter : retentionAnonymiseAfter
      timersSchedule: empty(timersSchedule) ? defaults.timersSchedule : timersSchedule
    }
    consoleEntraClientId: consoleEntraClientId
    dotnetVersion: '10.0'
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SITE_URL string = functionApp.outputs.url
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output TOKENS_SIGNING_KEY_SECRET_NAME string = secretNames.tokensSigningKey
output SENDGRID_API_KEY_SECRET_NAME string = secretNames.sendGridApiKey
