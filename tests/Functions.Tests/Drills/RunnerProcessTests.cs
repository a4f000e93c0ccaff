using Azure.Data.Tables;
using Azure.Storage.Queues;
using MimeKit;

namespace GoodThings.Drills;

/// <summary>
/// Runner processes (separate OS processes) as instances of the app, here two on one storage prefix and one pickup
/// folder: the ground a multi-instance drill stands on. Both work the same queues, an email still goes once, and
/// killing one (SIGKILL) leaves the other serving.
/// </summary>
public sealed class RunnerProcessTests : IDisposable
{
    private readonly string _pickup = Path.Combine(Path.GetTempPath(), $"goodthings-drill-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_pickup))
        {
            Directory.Delete(_pickup, recursive: true);
        }
    }

    [Fact]
    public async Task TwoProcessesOnOnePrefixSendAConfirmationOnceAndOneServesOnAfterTheOtherIsKilled()
    {
        var prefix = StoragePrefix.New();
        await using var a = await RunnerProcess.StartAsync(new RunnerProcessOptions { Name = "A", StoragePrefix = prefix, PickupDirectory = _pickup });
        await using var b = await RunnerProcess.StartAsync(new RunnerProcessOptions { Name = "B", StoragePrefix = prefix, PickupDirectory = _pickup });
        var email = $"drill-{Guid.NewGuid():N}@example.test";

        var slug = await CreatePublishedEventAsync(a);
        var registered = await a.Client.PostAsJsonAsync($"api/events/{slug}/registrations", new { name = "Ada Drill", email });

        Assert.True(registered.IsSuccessStatusCode, $"registering answered {(int)registered.StatusCode}: {await registered.Content.ReadAsStringAsync()}");
        try
        {
            await Eventually.PollAsync(() => EmailsTo(email), emails => emails.Count >= 1, because: "the confirmation's .eml file");
            await SettledAsync(prefix);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message}\n--- {a}:\n{a.Output}\n--- {b}:\n{b.Output}", timeout);
        }

        var confirmation = Assert.Single(EmailsTo(email));
        Assert.Equal(RegistrationEmails.Confirmed, confirmation.Headers["X-GoodThings-kind"]);

        a.Kill();

        Assert.True(a.HasExited);
        using var health = await b.Client.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ARunnerThatCannotStartFailsAtOnceWithItsOutput()
    {
        var options = new RunnerProcessOptions
        {
            Name = "broken",
            StoragePrefix = StoragePrefix.New(),
            PickupDirectory = _pickup,
            // The caller's variables win over the harness's own; this one stops start-up.
            Environment = new Dictionary<string, string?> { ["Email__ClaimLease"] = "00:00:00" },
        };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => RunnerProcess.StartAsync(options));

        Assert.Contains("exited with code", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Email:ClaimLease", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<string> CreatePublishedEventAsync(RunnerProcess runner)
    {
        var created = await runner.KeyedClient.PostAsJsonAsync("api/manage/events", EventsApi.EventBody());
        Assert.True(created.IsSuccessStatusCode, $"creating the event answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var published = await runner.KeyedClient.PostAsync($"api/manage/events/{id}/publish", null);
        Assert.True(published.IsSuccessStatusCode, $"publishing answered {(int)published.StatusCode}: {await published.Content.ReadAsStringAsync()}");
        return (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString()!;
    }

    private List<MimeMessage> EmailsTo(string email) => Directory.Exists(_pickup)
        ? [.. Directory.GetFiles(_pickup, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(to => to.Address == email))]
        : [];

    /// <summary>
    /// Waits until the event table holds no outbox row (each is deleted once its message is queued) and the outbox
    /// queue no message, visible or held (each is deleted once its function returned): after that, no further
    /// email for what was done so far can come, from either process.
    /// </summary>
    private static async Task SettledAsync(string prefix)
    {
        var connection = await SharedAzurite.ConnectionStringAsync();
        var events = new TableClient(connection, prefix + EventRows.TableName);
        // Row keys from "outbox|" up to, not including, "outbox}" ('}' follows '|'): every outbox row of every event.
        var outboxRows = TableClient.CreateQueryFilter($"RowKey ge {EventRows.OutboxPrefix} and RowKey lt {"outbox}"}");
        await Eventually.GetAsync(
            async () => await events.QueryAsync<TableEntity>(outboxRows, maxPerPage: 1).AnyAsync(),
            any => !any,
            because: "every outbox row relayed");
        var outbox = new QueueClient(connection, $"{prefix}-{Outbox.QueueName}");
        await Eventually.GetAsync(
            async () => (await outbox.GetPropertiesAsync()).Value.ApproximateMessagesCount,
            count => count == 0,
            because: "the outbox queue worked through");
    }
}
