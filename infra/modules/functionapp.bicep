// The GoodThings Functions app: a Linux app on the Flex Consumption plan running the .NET isolated worker.
// It reaches Storage, Key Vault and Application Insights with its user-assigned identity; no app setting holds a
// secret or a storage key. Runtime and worker are declared in functionAppConfig: Flex Consumption rejects or
// ignores FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and the WEBSITE_* package and content settings.

@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the plan and the app (the app also gets azd-service-name).')
param tags object

@description('Service name in azure.yaml that azd deploys to this app.')
param serviceName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Blob endpoint of the storage account (ends with a slash).')
param blobEndpoint string

@description('Queue endpoint of the storage account (ends with a slash).')
param queueEndpoint string

@description('Table endpoint of the storage account (ends with a slash).')
param tableEndpoint string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Application Insights connection string (not a secret: local authentication is off).')
param applicationInsightsConnectionString string

@description('URI of the Key Vault holding the app\'s secrets (ends with a slash).')
param keyVaultUri string

@description('Key Vault secret names, by purpose.')
param secretNames {
  sendGridApiKey: string
  tokensSigningKey: string
}

@description('The site\'s public base URL. Empty: https:// plus the app\'s default host name.')
param siteBaseUrl string

@description('Values of the app\'s own settings.')
param settings {
  storagePrefix: string
  sendGridWebhookPublicKey: string
  emailFrom: string
  emailFromName: string
  emailReplyTo: string
  remindersOffsets: string
  followUpDelay: string
  retentionAnonymiseAfter: string
  timersSchedule: string
}

@description('Client id of the Entra ID app registration organisers sign in to the console with (docs/deploy.md). Empty: App Service Authentication stays off, and the console takes only the management key.')
param consoleEntraClientId string = ''

@description('.NET version of the isolated worker.')
param dotnetVersion string

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }
}

var siteUrl = empty(siteBaseUrl) ? 'https://${site.properties.defaultHostName}' : siteBaseUrl

// Names use __ for : (environment variable form), except the flat trigger settings at the end. tests/Infra.Tests checks these names against the options the
// app binds, so a setting the app requires cannot go missing here and a misspelt one cannot slip in.
resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Functions host and the app's storage clients: identity-based connection (no account key).
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: blobEndpoint
    AzureWebJobsStorage__queueServiceUri: queueEndpoint
    AzureWebJobsStorage__tableServiceUri: tableEndpoint
    AzureWebJobsDisableHomepage: 'true'
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

    // The app's own settings.
    Storage__Prefix: settings.storagePrefix
    Site__BaseUrl: siteUrl
    Tokens__SigningKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.tokensSigningKey})'
    SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.sendGridApiKey})'
    SendGrid__WebhookPublicKey: settings.sendGridWebhookPublicKey
    Email__From: settings.emailFrom
    Email__FromName: settings.emailFromName
    Email__ReplyTo: settings.emailReplyTo
    Reminders__Offsets: settings.remindersOffsets
    FollowUp__Delay: settings.followUpDelay
    Retention__AnonymiseAfter: settings.retentionAnonymiseAfter
    Timers__Schedule: settings.timersSchedule

    // Flat copies for the trigger expressions (%StoragePrefix%, %TimersSchedule%): Flex Consumption's scale
    // controller looks %A:B% up literally and misses A__B, so queues would not wake an app scaled to zero. The app
    // refuses to start when a copy differs from its nested setting; both come from the same parameter here.
    StoragePrefix: settings.storagePrefix
    TimersSchedule: settings.timersSchedule

    // App Service Authentication signs in to Entra ID as the app's own identity (a federated credential on the app
    // registration, docs/deploy.md) instead of a client secret. Read only when authsettingsV2 below is on.
    OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: identityClientId
  }
}

// App Service Authentication ("Easy Auth") with Entra ID, for the organiser console. Anonymous requests go through,
// so the public site and the API work as before; the console itself demands a principal holding the Organiser app
// role, and trusts the principal headers only when the platform injects WEBSITE_AUTH_ENABLED=True, which
// platform.enabled does (https://learn.microsoft.com/azure/templates/microsoft.web/sites/config-authsettingsv2).
// Without an app registration it is left off.
resource auth 'Microsoft.Web/sites/config@2024-11-01' = if (!empty(consoleEntraClientId)) {
  parent: site
  name: 'authsettingsV2'
  dependsOn: [
    appSettings
  ]
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: consoleEntraClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
          clientSecretSettingName: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
        }
        validation: {
          allowedAudiences: [
            'api://${consoleEntraClientId}'
          ]
        }
      }
    }
    login: {
      // "For claims mapping to work, you must enable the token store" (configure-authentication-user-identities).
      tokenStore: {
        enabled: true
      }
    }
    httpSettings: {
      requireHttps: true
      routes: {
        apiPrefix: '/.auth'
      }
    }
  }
}

output name string = site.name
output url string = siteUrl
output defaultHostName string = site.properties.defaultHostName
