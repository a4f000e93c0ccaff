using Azure.Data.Tables;
using GoodThings.Campaigns;

namespace GoodThings.Drills;

/// <summary>
/// A campaign to 10 000 subscribers from a runner process that is killed (SIGKILL) while SendGrid calls are in flight,
/// then restarted: the fake SendGrid API counts, per address, the copies it accepted, and each must be exactly one.
/// </summary>
public sealed class CampaignDrillTests : IDisposable
{
    private const int Subscribers = 10_000;

    private static readonly Dictionary<string, string?> FastTakeOver = new()
    {
        // A killed process's messages and claims come back within seconds, not minutes.
        ["LocalRunner__QueueMessageLease"] = "00:00:10",
        ["Email__ClaimLease"] = "00:00:05",
    };

    private readonly DrillSite _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task KillingTheSenderMidCampaignAndRestartingItSendsEveryoneExactlyOneCopy()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        var options = _site.Options("A", new Dictionary<string, string?>(FastTakeOver) { ["SendGrid__ApiKey"] = "SG.fake-key-for-tests", ["SendGrid__Host"] = sendGrid.Host });
        var readers = await SeedAsync();
        var a = await RunnerProcess.StartAsync(options);
        try
        {
            var created = await a.KeyedClient.PostAsJsonAsync("api/manage/campaigns", new { subject = "Ten thousand", body = "Hello, everyone." });
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            sendGrid.HoldFrom(4);

            (await a.KeyedClient.PostAsync($"api/manage/campaigns/{id}/send", null)).EnsureSuccessStatusCode();
            // Killed once three batches are accepted and recorded, and the rest in flight or waiting. A kill between
            // SendGrid's accept and the record would repeat that batch: the one window docs/email.md owns up to.
            await DrillSite.WithOutputOnTimeoutAsync(
                () => Eventually.GetAsync(
                    () => a.KeyedClient.GetFromJsonAsync<JsonElement>($"api/manage/campaigns/{id}"),
                    c => c.GetProperty("counts").GetProperty("sent").GetInt32() == 3000 && sendGrid.CallsSeen >= 4,
                    TimeSpan.FromMinutes(2),
                    because: "three batches sent and recorded, a fourth in flight"),
                a);
            a.Kill();
            // Every call in flight has seen its client go before SendGrid "answers" again.
            await Eventually.PollAsync(() => sendGrid.Calls.Count, recorded => recorded == sendGrid.CallsSeen, because: "the killed process's calls dropped");
            sendGrid.Release();
            Assert.Equal(3, sendGrid.Accepted.Count);
            Assert.Contains(sendGrid.Calls, c => c.Status == 499);

            var restarted = await RunnerProcess.StartAsync(options);
            await a.DisposeAsync();
            a = restarted;
            await DrillSite.WithOutputOnTimeoutAsync(
                () => Eventually.GetAsync(
                    () => a.KeyedClient.GetFromJsonAsync<JsonElement>($"api/manage/campaigns/{id}"),
                    c => c.GetProperty("status").GetString() == "sent",
                    TimeSpan.FromMinutes(3),
                    because: "the campaign sent after the restart"),
                a);

            var perAddress = sendGrid.AcceptedPerAddress();
            Assert.Equal(Subscribers, perAddress.Count);
            Assert.All(readers, reader => Assert.Equal(1, perAddress.GetValueOrDefault(reader)));
            var campaign = await a.KeyedClient.GetFromJsonAsync<JsonElement>($"api/manage/campaigns/{id}");
            Assert.Equal(Subscribers, campaign.GetProperty("counts").GetProperty("sent").GetInt32());
        }
        finally
        {
            await a.DisposeAsync();
        }
    }

    /// <summary>Confirmed subscribers written straight to the drill's table, as the app writes them.</summary>
    private async Task<string[]> SeedAsync()
    {
        var service = new TableServiceClient(await SharedAzurite.ConnectionStringAsync());
        var store = new SubscriberStore(new Tables(service, Options.Create(new StorageOptions { Prefix = _site.Prefix })));
        var readers = Enumerable.Range(0, Subscribers).Select(n => $"reader{n}-{Guid.NewGuid():N}@list.test").ToArray();
        await CampaignsApi.SaveAsync(store, readers.Select(email => CampaignsApi.Subscriber(email, "Reader")));
        return readers;
    }
}
