using MimeKit;

namespace GoodThings.Campaigns;

/// <summary>The app with no SendGrid key: a campaign lands as .eml files in the pickup directory.</summary>
public sealed class CampaignPickupFixture : GoodThingsAppFixture
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"goodthings-campaign-{Guid.NewGuid():N}");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SendGrid:ApiKey"] = "",
        ["Email:PickupDirectory"] = Directory,
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

public sealed class CampaignPickupTests(CampaignPickupFixture fixture) : IClassFixture<CampaignPickupFixture>
{
    [Fact]
    public async Task EachRecipientGetsTheirOwnEmlFileAndARepeatedBatchWritesNoSecond()
    {
        var app = fixture.App;
        var topic = await CampaignsApi.TopicAsync(app);
        var readers = await CampaignsApi.SubscribersAsync(app, 1200, topic);
        var id = await CampaignsApi.CreateAsync(app, new { subject = "On file", body = "Text", topics = new[] { topic } });

        (await app.KeyedClient.PostAsync($"api/manage/campaigns/{id}/send", null)).EnsureSuccessStatusCode();
        await CampaignsApi.StatusAsync(app, id, "sent");

        var files = Directory.GetFiles(fixture.Directory, "*.eml");
        var emails = files.Select(f => MimeMessage.Load(f)).Where(m => m.Headers["X-GoodThings-" + DeliveryTallies.CampaignArg] == id).ToList();
        Assert.Equal(readers.Select(r => r.Email).Order(StringComparer.Ordinal), emails.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        var named = emails.Single(m => m.To.Mailboxes.Single().Address == readers[7].Email);
        Assert.Contains("Hi Reader 7,", named.TextBody, StringComparison.Ordinal);
        Assert.Matches(@"^<https?://[^>]+/api/subscriptions/unsubscribe\?token=[^>]+>, <mailto:[^>]+>$", named.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", named.Headers["List-Unsubscribe-Post"]);

        // As after a crash between writing the files and recording the batch: the first three of batch 0 again, in
        // their places, find their files written.
        var firstThree = Enumerable.Range(0, 3)
            .Select(n => emails.Single(m => m.Headers["X-GoodThings-" + EmailDispatcher.IdempotencyKeyTracking] == $"campaign:{id}:0:{n}").To.Mailboxes.Single().Address)
            .Select(address => readers.Single(r => r.Email == address));
        var loaded = (await app.Services.GetRequiredService<CampaignStore>().GetAsync(id, CancellationToken.None))!;
        var again = app.Services.GetRequiredService<CampaignCopies>().Compose(loaded.Campaign, 0, [.. firstThree.Select(r => new CampaignRecipient(r.Key, r.Email, r.Name))]);
        await app.Services.GetRequiredService<PickupDirectoryEmailSender>().SendBulkAsync(again, CancellationToken.None);
        Assert.Equal(files.Length, Directory.GetFiles(fixture.Directory, "*.eml").Length);
    }
}
