using Azure.Data.Tables;
using Azure.Storage.Queues;
using MimeKit;

namespace GoodThings.Drills;

/// <summary>
/// What drills with several runner processes share: one storage prefix and one pickup folder (deleted afterwards),
/// events made through a process's API, the .eml files every process writes, and a wait for the app to go idle.
/// </summary>
public sealed class DrillSite : IDisposable
{
    public string Prefix { get; } = StoragePrefix.New();

    public string Pickup { get; } = Path.Combine(Path.GetTempPath(), $"goodthings-drill-{Guid.NewGuid():N}");

    public RunnerProcessOptions Options(string name, IReadOnlyDictionary<string, string?>? environment = null) => new()
    {
        Name = name,
        StoragePrefix = Prefix,
        PickupDirectory = Pickup,
        Environment = environment ?? new Dictionary<string, string?>(),
    };

    public void Dispose()
    {
        if (Directory.Exists(Pickup))
        {
            Directory.Delete(Pickup, recursive: true);
        }
    }

    /// <returns>The published event as the management API returns it.</returns>
    public static async Task<JsonElement> PublishAsync(RunnerProcess runner, Dictionary<string, object?> body)
    {
        var created = await runner.KeyedClient.PostAsJsonAsync("api/manage/events", body);
        Assert.True(created.IsSuccessStatusCode, $"creating the event answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var published = await runner.KeyedClient.PostAsync($"api/manage/events/{id}/publish", null);
        Assert.True(published.IsSuccessStatusCode, $"publishing answered {(int)published.StatusCode}: {await published.Content.ReadAsStringAsync()}");
        return await published.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Every email written so far, whichever process wrote it.</summary>
    public IReadOnlyList<MimeMessage> Emails() =>
        Directory.Exists(Pickup) ? [.. Directory.GetFiles(Pickup, "*.eml").Select(f => MimeMessage.Load(f))] : [];

    /// <summary>
    /// Waits until the event table holds no outbox row (each is deleted once its message is queued) and each of the
    /// queues no message, visible or held (each is deleted once its function returned), in the order given: after
    /// that, no further email for what was done so far can come, from any process.
    /// </summary>
    public async Task SettledAsync(params string[] queues)
    {
        var connection = await SharedAzurite.ConnectionStringAsync();
        var events = new TableClient(connection, Prefix + EventRows.TableName);
        // Row keys from "outbox|" up to, not including, "outbox}" ('}' follows '|'): every outbox row of every event.
        var outboxRows = TableClient.CreateQueryFilter($"RowKey ge {EventRows.OutboxPrefix} and RowKey lt {"outbox}"}");
        await Eventually.GetAsync(
            async () => await events.QueryAsync<TableEntity>(outboxRows, maxPerPage: 1).AnyAsync(),
            any => !any,
            because: "every outbox row relayed");
        foreach (var name in queues)
        {
            var queue = new QueueClient(connection, $"{Prefix}-{name}");
            await Eventually.GetAsync(
                async () => (await queue.ExistsAsync()).Value ? (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0,
                count => count == 0,
                because: $"the {name} queue worked through");
        }
    }

    /// <summary>Runs a drill step; if it times out, the failure carries what each process wrote.</summary>
    public static async Task WithOutputOnTimeoutAsync(Func<Task> step, params RunnerProcess[] runners)
    {
        try
        {
            await step();
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException(string.Concat([timeout.Message, .. runners.Select(r => $"\n--- {r}:\n{r.Output}")]), timeout);
        }
    }
}
