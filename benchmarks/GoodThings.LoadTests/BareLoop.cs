using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using GoodThings.Storage;
using Microsoft.Extensions.Configuration;

namespace GoodThings.LoadTests;

/// <summary>
/// The least storage work the same registrations need, in a tight loop on the same Azurite, with no HTTP, no
/// functions host, no JSON API, no slug or per-request event reads, no outbox relay and no email. It does what
/// <c>RegistrationLanes</c> must do to keep its guarantees, and nothing else: every registrant "arrives" at once,
/// and batch after batch of <see cref="BatchSize"/> it reads the event row, decides each in order (confirmed while
/// seats remain, else the next waitlist ticket) and writes one table transaction guarded by that row's ETag:
/// the event row with its new counts, and per registrant the registration row, the email-index row that refuses a
/// second registration, the waitlist row when waitlisted, and the outbox row that carries the confirmation email.
/// So two round trips a batch, the floor for group commit under an ETag; writing each registration on its own
/// instead would cost at least one round trip each and contend on the event row.
/// </summary>
public static class BareLoop
{
    /// <summary>The app's batch (<c>RegistrationLanes.BatchSize</c>), so both write the same transactions.</summary>
    public const int BatchSize = 19;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<ScenarioResult> RunAsync(string storageConnection, int requests, int capacity, RoundTripTally tally)
    {
        // The app's own client factory: the same retry settings and the same round-trip counter.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storageConnection }).Build();
        var table = StorageConnection.CreateTableServiceClient(configuration).GetTableClient($"bare{Guid.NewGuid():N}"[..20] + "Events");
        await table.CreateIfNotExistsAsync();
        var eventId = Guid.NewGuid().ToString("N");
        await table.AddEntityAsync(new TableEntity(eventId, "event")
        {
            ["Title"] = "Bare loop",
            ["Capacity"] = capacity,
            ["Confirmed"] = 0,
            ["Waitlisted"] = 0,
            ["NextTicket"] = 1L,
        });

        var before = tally.Snapshot();
        var done = new double[requests];
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < requests; start += BatchSize)
        {
            var row = (await table.GetEntityAsync<TableEntity>(eventId, "event")).Value;
            var confirmed = row.GetInt32("Confirmed")!.Value;
            var waitlisted = row.GetInt32("Waitlisted")!.Value;
            var nextTicket = row.GetInt64("NextTicket")!.Value;
            var now = DateTimeOffset.UtcNow;
            var actions = new List<TableTransactionAction>();
            var end = Math.Min(start + BatchSize, requests);
            for (var i = start; i < end; i++)
            {
                var id = Guid.NewGuid().ToString("N");
                var email = $"spike-{i}@example.test";
                var isConfirmed = confirmed < capacity;
                long? ticket = isConfirmed ? null : nextTicket++;
                _ = isConfirmed ? confirmed++ : waitlisted++;
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(eventId, "reg_" + id)
                {
                    ["Name"] = "Load Tester",
                    ["Email"] = email,
                    ["Status"] = isConfirmed ? "Confirmed" : "Waitlisted",
                    ["WaitlistTicket"] = ticket,
                    ["RegisteredAt"] = now,
                    ["ConfirmationsSent"] = 1,
                    ["LastConfirmationAt"] = now,
                    ["Invited"] = false,
                }));
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(eventId, "email_" + email) { ["RegistrationId"] = id }));
                if (ticket is { } t)
                {
                    actions.Add(new(TableTransactionActionType.Add, new TableEntity(eventId, $"wait_{t:D12}") { ["RegistrationId"] = id, ["Invited"] = false }));
                }

                actions.Add(new(TableTransactionActionType.Add, new TableEntity(eventId, "outbox_" + Guid.NewGuid().ToString("N"))
                {
                    ["Queue"] = "outbox",
                    ["Body"] = JsonSerializer.Serialize(new { kind = "registrationConfirmation", eventId, registrationId = id, sequence = 1, waitlistPosition = isConfirmed ? (int?)null : waitlisted, idempotencyKey = $"{id}-1" }, Json),
                    ["CreatedAt"] = now,
                }));
            }

            row["Confirmed"] = confirmed;
            row["Waitlisted"] = waitlisted;
            row["NextTicket"] = nextTicket;
            actions.Insert(0, new(TableTransactionActionType.UpdateReplace, row, row.ETag));
            await table.SubmitTransactionAsync(actions);
            var committed = clock.Elapsed.TotalMilliseconds;
            for (var i = start; i < end; i++)
            {
                done[i] = committed;
            }
        }

        var wall = clock.Elapsed;
        var roundTrips = tally.Snapshot() - before;
        var stored = (await table.GetEntityAsync<TableEntity>(eventId, "event")).Value;
        await table.DeleteAsync();
        var storedConfirmed = stored.GetInt32("Confirmed")!.Value;
        var storedWaitlisted = stored.GetInt32("Waitlisted")!.Value;
        var right = storedConfirmed == Math.Min(capacity, requests) && storedWaitlisted == Math.Max(0, requests - capacity);
        return new ScenarioResult("bare loop", requests, wall, done, roundTrips, roundTrips, null, null, right ? null : $"stored {storedConfirmed} confirmed / {storedWaitlisted} waitlisted");
    }
}
