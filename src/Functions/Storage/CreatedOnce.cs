using System.Collections.Concurrent;

namespace GoodThings.Storage;

/// <summary>
/// Runs an asynchronous "create if missing" once per name per process; a failure (storage down at first use)
/// is not remembered, so the next caller tries again.
/// </summary>
internal sealed class CreatedOnce<T>(Func<string, Task<T>> create)
{
    private readonly ConcurrentDictionary<string, Task<T>> _items = new(StringComparer.Ordinal);

    public Task<T> GetAsync(string name, CancellationToken cancellationToken)
    {
        var task = _items.GetOrAdd(name, create);
        if (task.IsFaulted || task.IsCanceled)
        {
            _items.TryRemove(new KeyValuePair<string, Task<T>>(name, task));
        }

        return task.WaitAsync(cancellationToken);
    }
}
