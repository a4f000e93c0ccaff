// The app's rule for its storage prefix (StorageOptions: ^[a-z][a-z0-9]{1,19}$) as a Bicep function, because Bicep
// has no pattern decorator. main.bicep fails the deployment when it is false; tests/Infra.Tests evaluates it.

@export()
@description('Whether prefix is 2-20 lowercase letters or digits starting with a letter (^[a-z][a-z0-9]{1,19}$).')
func isValidStoragePrefix(prefix string) bool =>
  length(prefix) >= 2 && length(prefix) <= 20 && contains('abcdefghijklmnopqrstuvwxyz', first(prefix)) && empty(filter(
    range(0, length(prefix)),
    i => !contains('abcdefghijklmnopqrstuvwxyz0123456789', substring(prefix, i, 1))
  ))
