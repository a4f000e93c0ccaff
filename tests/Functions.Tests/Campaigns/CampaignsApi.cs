namespace GoodThings.Campaigns;

public static class CampaignsApi
{
    /// <summary>A topic no other test uses, made known to campaigns by an event tagged with it.</summary>
    public static async Task<string> TopicAsync(FunctionsApp app)
    {
        var topic = $"topic-{Guid.NewGuid():N}"[..20];
        var body = EventsApi.EventBody();
        body["tags"] = new[] { topic };
        await EventsApi.CreateEventAsync(app, body, publish: false);
        return topic;
    }

    /// <summary>Subscribers written straight to the table, as many as a campaign test needs; every tenth without a name.</summary>
    public static async Task<IReadOnlyList<SubscriberRecord>> SubscribersAsync(FunctionsApp app, int count, string topic, SubscriberStatus status = SubscriberStatus.Subscribed)
    {
        var subscribers = Enumerable.Range(0, count)
            .Select(n => Subscriber($"reader{n}-{Guid.NewGuid():N}@list.test", n % 10 == 0 ? null : $"Reader {n}", status) with { Topics = [topic] })
            .ToList();
        await SaveAsync(app.Services.GetRequiredService<SubscriberStore>(), subscribers);
        return subscribers;
    }

    public static SubscriberRecord Subscriber(string email, string? name, SubscriberStatus status = SubscriberStatus.Subscribed) => new()
    {
        Key = SubscriberStore.KeyOf(email),
        Email = email,
        Name = name,
        Status = status,
        RequestedAt = DateTimeOffset.UtcNow,
        RequestSource = SubscriptionSources.Form,
        Consent = status == SubscriberStatus.Subscribed ? new Consent(DateTimeOffset.UtcNow, SubscriptionSources.Form, "192.0.2.1") : null,
    };

    public static Task SaveAsync(SubscriberStore store, IEnumerable<SubscriberRecord> subscribers) =>
        Parallel.ForEachAsync(subscribers, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (s, token) => await store.SaveAsync(s, null, token));

    public static async Task<string> CreateAsync(FunctionsApp app, object body)
    {
        var response = await app.KeyedClient.PostAsJsonAsync("api/manage/campaigns", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> GetAsync(FunctionsApp app, string id) =>
        await app.KeyedClient.GetFromJsonAsync<JsonElement>($"api/manage/campaigns/{id}");

    /// <summary>Waits for the campaign to reach a status, and returns it as the API shows it.</summary>
    public static Task<JsonElement> StatusAsync(FunctionsApp app, string id, string status, TimeSpan? timeout = null) =>
        Eventually.GetAsync(() => GetAsync(app, id), c => c.GetProperty("status").GetString() == status, because: $"campaign {id} {status}", timeout: timeout);

    public static int Count(this JsonElement campaign, string name) => campaign.GetProperty("counts").GetProperty(name).GetInt32();

    /// <summary>The copies of one campaign SendGrid accepted, one per recipient.</summary>
    public static IReadOnlyList<DeliveredCopy> CopiesOf(this FakeSendGrid sendGrid, string campaignId) =>
        [.. sendGrid.Accepted.Where(c => c.CustomArg(DeliveryTallies.CampaignArg) == campaignId).SelectMany(c => c.Copies())];
}
