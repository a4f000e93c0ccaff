using System.Collections.Concurrent;
using Azure.Core;

namespace GoodThings.Audit;

/// <summary>The app with every request to its AuditLog table watched, and its audit writes breakable on demand.</summary>
public sealed class AuditFixture : GoodThingsAppFixture
{
    public AuditTableWatch Watch { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddTablePolicy(Watch);
}

/// <summary>Records the <c>$filter</c> of each query on the AuditLog table, and can fail its writes.</summary>
public sealed class AuditTableWatch : RequestWatch
{
    private readonly ConcurrentQueue<string> _filters = new();

    public IReadOnlyCollection<string> Filters => _filters;

    /// <summary>While set, every write to the AuditLog table fails before it is sent.</summary>
    public bool FailWrites { get; set; }

    protected override void Observe(Request request)
    {
        var path = Uri.UnescapeDataString(request.Uri.Path);
        if (!path.Contains(AuditLog.TableName, StringComparison.Ordinal) || path.EndsWith("/Tables", StringComparison.Ordinal))
        {
            return;
        }

        if (request.Method == RequestMethod.Get)
        {
            // A point read is not a query; a query without $filter (a scan) is recorded as empty.
            if (!path.EndsWith(')') || path.EndsWith("()", StringComparison.Ordinal))
            {
                _filters.Enqueue(Query(request.Uri.ToUri(), "$filter") ?? "");
            }
        }
        else if (FailWrites)
        {
            // Not an error the SDK retries: the write fails at once, as a broken storage call would after its retries.
            throw new InvalidOperationException("The test broke the audit log's writes.");
        }
    }

    private static string? Query(Uri uri, string name) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => Uri.UnescapeDataString(pair[0]) == name)
            .Select(pair => Uri.UnescapeDataString(pair[1].Replace('+', ' ')))
            .FirstOrDefault();
}
