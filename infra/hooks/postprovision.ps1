# azd postprovision hook (Windows): the same as postprovision.sh. Makes sure Key Vault holds the token signing
# key (Tokens:SigningKey), creating a random one the first time and never touching it afterwards, because a new
# key on every provision would invalidate every link already emailed. Then refreshes the app's Key Vault references.
# Needs the Azure CLI signed in (az login) and PowerShell 7.2 or later: before 7.2, `2>$null` on a native command
# under $ErrorActionPreference = 'Stop' turns az's stderr into a terminating error, ending the retries below.
#Requires -Version 7.2
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$vault = $env:AZURE_KEY_VAULT_NAME
if (-not $vault) { throw 'AZURE_KEY_VAULT_NAME is not set: run azd provision first' }
$name = if ($env:TOKENS_SIGNING_KEY_SECRET_NAME) { $env:TOKENS_SIGNING_KEY_SECRET_NAME } else { 'Tokens--SigningKey' }
$attempts = if ($env:GOODTHINGS_HOOK_ATTEMPTS) { [int]$env:GOODTHINGS_HOOK_ATTEMPTS } else { 30 }
$delay = if ($env:GOODTHINGS_HOOK_DELAY_SECONDS) { [int]$env:GOODTHINGS_HOOK_DELAY_SECONDS } else { 10 }

# List, not show: show fails the same way for "missing" and "not allowed yet"; only "missing" may create the key.
$count = $null
for ($attempt = 1; $attempt -le $attempts; $attempt++) {
    $count = az keyvault secret list --vault-name $vault --query "length([?name=='$name'])" --output tsv 2>$null
    if ($LASTEXITCODE -eq 0) { break }
    $count = $null
    if ($attempt -lt $attempts) {
        Write-Host "Waiting for access to Key Vault $vault (attempt $attempt of $attempts)..."
        Start-Sleep -Seconds $delay
    }
}
if ($null -eq $count) {
    throw "Cannot list the secrets of Key Vault $vault. Is the Azure CLI signed in (az login) as the principal that ran azd?"
}

if ("$count".Trim() -ne '0') {
    Write-Host "Key Vault $vault already holds $name; left as it is."
}
else {
    $keyFile = New-TemporaryFile
    try {
        # 48 random bytes, base64: 64 characters (TokenOptions needs at least 32). A file keeps it off the command line.
        $bytes = [System.Security.Cryptography.RandomNumberGenerator]::GetBytes(48)
        [System.IO.File]::WriteAllText($keyFile.FullName, [Convert]::ToBase64String($bytes))
        az keyvault secret set --vault-name $vault --name $name --file $keyFile.FullName --encoding utf-8 `
            --content-type text/plain --output none
        if ($LASTEXITCODE -ne 0) { throw "az keyvault secret set failed for $name in $vault" }
        Write-Host "Created $name in Key Vault $vault."
    }
    finally {
        Remove-Item $keyFile.FullName -Force -ErrorAction SilentlyContinue
    }
}

# The app caches Key Vault reference values for up to a day and re-reads them only on a configuration change or
# this refresh, so a key created above (or a SendGrid key set since the last deployment) is read now.
$app = $env:AZURE_FUNCTION_APP_NAME
if (-not $app) { throw 'AZURE_FUNCTION_APP_NAME is not set: run azd provision first' }
$group = $env:AZURE_RESOURCE_GROUP
if (-not $group) { throw 'AZURE_RESOURCE_GROUP is not set: run azd provision first' }
$subscription = if ($env:AZURE_SUBSCRIPTION_ID) { $env:AZURE_SUBSCRIPTION_ID } else { az account show --query id --output tsv }
if ($LASTEXITCODE -ne 0) { throw 'az account show failed: is the Azure CLI signed in?' }
az rest --method post --output none `
    --url "https://management.azure.com/subscriptions/$subscription/resourceGroups/$group/providers/Microsoft.Web/sites/$app/config/configreferences/appsettings/refresh?api-version=2022-03-01"
if ($LASTEXITCODE -ne 0) { throw "Refreshing the Key Vault references of $app failed" }
Write-Host "Refreshed the Key Vault references of $app."
