using GoodThings.Campaigns;

namespace GoodThings.Audit;

/// <summary>The audit log through the management API: what each change records, what records nothing, and how it reads.</summary>
public sealed class AuditLogTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private FunctionsApp App => fixture.App;

    [Fact]
    public async Task EveryEventRouteThatChangesSomethingRecordsOneEntryByTheManagementKey()
    {
        var e = await EventsApi.CreateEventAsync(App, EventsApi.EventBody(capacity: 1));
        var (id, slug) = (e.GetProperty("id").GetString()!, e.GetProperty("slug").GetString()!);
        (await EventsApi.PatchAsync(App, id, new { capacity = 2 })).EnsureSuccessStatusCode();
        var ada = await EventsApi.RegisteredAsync(App, slug, "Ada Lovelace", EventsApi.Address("ada", id));
        var adaId = ada.GetProperty("registrationId").GetString()!;
        (await App.KeyedClient.PostAsync($"api/manage/events/{id}/registrations/{adaId}/check-in", null)).EnsureSuccessStatusCode();
        (await App.KeyedClient.DeleteAsync($"api/manage/events/{id}/registrations/{adaId}/check-in")).EnsureSuccessStatusCode();
        (await App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/messages", new { subject = "Doors at six", body = "See you there." })).EnsureSuccessStatusCode();
        await InvitationsApi.InvitedAsync(App, id, [("Grace Hopper", EventsApi.Address("grace", id))]);
        Assert.Equal(HttpStatusCode.Accepted, (await App.KeyedClient.PostAsync($"api/manage/events/{id}/invitations/remind", null)).StatusCode);
        (await App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/cancel", new { reason = "The venue flooded." })).EnsureSuccessStatusCode();

        var entries = await AllOfEventAsync(id);

        Assert.Equal(
            new[]
            {
                AuditActions.EventCancelled, AuditActions.InvitationReminded, AuditActions.InvitationsSent, AuditActions.MessageSent,
                AuditActions.RegistrationCheckInUndone, AuditActions.RegistrationCheckedIn, AuditActions.EventUpdated, AuditActions.EventPublished,
                AuditActions.EventCreated,
            },
            entries.Select(Action));
        Assert.All(entries, entry =>
        {
            Assert.Equal("management-key", entry.GetProperty("actor").GetProperty("id").GetString());
            Assert.Equal("management key", entry.GetProperty("actor").GetProperty("name").GetString());
            Assert.Equal(id, entry.GetProperty("eventId").GetString());
        });
        Assert.All(entries.Where(entry => Action(entry).StartsWith("registration.", StringComparison.Ordinal)), entry => Assert.Equal(adaId, entry.GetProperty("registrationId").GetString()));
        var message = entries.Single(entry => Action(entry) == AuditActions.MessageSent).GetProperty("details");
        Assert.Equal("1", message.GetProperty("recipients").GetString());
        Assert.Equal("all", message.GetProperty("audience").GetString());
        Assert.Equal("1", entries.Single(entry => Action(entry) == AuditActions.InvitationsSent).GetProperty("details").GetProperty("invited").GetString());
        Assert.Equal("slug", Assert.Single(entries.Single(entry => Action(entry) == AuditActions.EventCreated).GetProperty("details").EnumerateObject()).Name);

        // Ids only: nobody's name or address, nor the message's text. Matched by case, since ids are lower-case hex,
        // in which "ada" or "dad" turn up by chance.
        var text = string.Join("\n", entries.Select(entry => entry.ToString()));
        foreach (var personal in new[] { "Ada", "Lovelace", "Grace", "Hopper", "example.test", "Doors at six", "flooded" })
        {
            Assert.DoesNotContain(personal, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryCampaignRouteThatChangesSomethingRecordsOneEntryForTheCampaign()
    {
        var now = await CampaignsApi.CreateAsync(App, new { subject = "Spring round-up", body = "What worked." });
        (await App.KeyedClient.PatchAsync($"api/manage/campaigns/{now}", EventsApi.Raw("""{"subject":"Spring notes"}""", "application/merge-patch+json"))).EnsureSuccessStatusCode();
        (await App.KeyedClient.PostAsJsonAsync($"api/manage/campaigns/{now}/test", new { emails = new[] { "tester@example.test", "other@example.test" } })).EnsureSuccessStatusCode();
        (await App.KeyedClient.PostAsync($"api/manage/campaigns/{now}/send", null)).EnsureSuccessStatusCode();
        var later = await CampaignsApi.CreateAsync(App, new { subject = "Autumn notes", body = "Later." });
        (await App.KeyedClient.PostAsJsonAsync($"api/manage/campaigns/{later}/send", new { sendAt = "2031-06-01T09:00:00Z" })).EnsureSuccessStatusCode();
        (await App.KeyedClient.PostAsync($"api/manage/campaigns/{later}/cancel", null)).EnsureSuccessStatusCode();

        var all = await AllAsync();

        Assert.Equal(
            new[] { AuditActions.CampaignSent, AuditActions.CampaignTestSent, AuditActions.CampaignUpdated, AuditActions.CampaignCreated },
            all.Where(entry => entry.GetProperty("campaignId").GetString() == now).Select(Action));
        Assert.Equal(
            new[] { AuditActions.CampaignCancelled, AuditActions.CampaignScheduled, AuditActions.CampaignCreated },
            all.Where(entry => entry.GetProperty("campaignId").GetString() == later).Select(Action));
        var test = all.Single(entry => entry.GetProperty("campaignId").GetString() == now && Action(entry) == AuditActions.CampaignTestSent);
        Assert.Equal("2", test.GetProperty("details").GetProperty("copies").GetString());
        Assert.DoesNotContain("example.test", test.ToString(), StringComparison.Ordinal);
        var scheduled = all.Single(entry => entry.GetProperty("campaignId").GetString() == later && Action(entry) == AuditActions.CampaignScheduled);
        Assert.Equal("2031-06-01T09:00:00.0000000Z", scheduled.GetProperty("details").GetProperty("sendAt").GetString());
        var update = Assert.Single(all.Single(entry => entry.GetProperty("campaignId").GetString() == now && Action(entry) == AuditActions.CampaignUpdated).GetProperty("changes").EnumerateArray());
        Assert.Equal(("subject", "Spring round-up", "Spring notes"), (update.GetProperty("field").GetString(), update.GetProperty("from").GetString(), update.GetProperty("to").GetString()));
    }

    [Fact]
    public async Task AnErasureIsRecordedByWhatItDidAndNeverByTheAddress()
    {
        var e = await EventsApi.CreateEventAsync(App, EventsApi.EventBody());
        var (id, slug) = (e.GetProperty("id").GetString()!, e.GetProperty("slug").GetString()!);
        var email = EventsApi.Address("erased", id);
        await EventsApi.RegisteredAsync(App, slug, "Erin Erased", email);

        (await App.KeyedClient.PostAsJsonAsync("api/manage/erasures", new { email })).EnsureSuccessStatusCode();

        var erasure = (await AllAsync()).First(entry => Action(entry) == AuditActions.ErasureRequested);
        Assert.Equal("1", erasure.GetProperty("details").GetProperty("registrationsCancelled").GetString());
        Assert.Equal(JsonValueKind.Null, erasure.GetProperty("eventId").ValueKind);
        Assert.DoesNotContain("erased", erasure.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Erin", string.Join("\n", (await AllAsync()).Select(entry => entry.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatchRecordsTheOldAndNewValuesOfTheFieldsItChangedAndNoOthers()
    {
        var body = EventsApi.EventBody(title: "Housing that worked");
        var id = (await EventsApi.CreateEventAsync(App, body, publish: false)).GetProperty("id").GetString()!;

        (await EventsApi.PatchAsync(App, id, new { title = "Housing that worked, again", capacity = 80, description = "A new, long description.", tags = new[] { "delivery", "housing" } }))
            .EnsureSuccessStatusCode();
        (await EventsApi.PatchAsync(App, id, new { capacity = 80 })).EnsureSuccessStatusCode();

        var entries = await AllOfEventAsync(id);
        Assert.Equal(new[] { AuditActions.EventUpdated, AuditActions.EventCreated }, entries.Select(Action));
        var changes = entries[0].GetProperty("changes").EnumerateArray()
            .Select(c => (c.GetProperty("field").GetString(), c.GetProperty("from").GetString(), c.GetProperty("to").GetString(), c.GetProperty("valuesKept").GetBoolean()))
            .OrderBy(c => c.Item1, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            new (string?, string?, string?, bool)[] { ("capacity", "50", "80", true), ("description", null, null, false), ("title", "Housing that worked", "Housing that worked, again", true) },
            changes);
    }

    [Fact]
    public async Task RefusedRequestsRecordNothing()
    {
        var cancelled = await EventsApi.CreateEventAsync(App, EventsApi.EventBody(capacity: 1));
        var (id, slug) = (cancelled.GetProperty("id").GetString()!, cancelled.GetProperty("slug").GetString()!);
        await EventsApi.RegisteredAsync(App, slug, "First", EventsApi.Address("first", id));
        var waiting = (await EventsApi.RegisteredAsync(App, slug, "Second", EventsApi.Address("second", id))).GetProperty("registrationId").GetString();
        Assert.Equal(HttpStatusCode.Conflict, (await App.KeyedClient.PostAsync($"api/manage/events/{id}/registrations/{waiting}/check-in", null)).StatusCode);
        (await App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/cancel", new { reason = "Rain." })).EnsureSuccessStatusCode();
        var before = await AllAsync();

        var refused = new[]
        {
            await App.KeyedClient.PostAsJsonAsync("api/manage/events", new { title = "No times" }),
            await EventsApi.PatchAsync(App, id, new { capacity = 9 }),
            await App.KeyedClient.PostAsync($"api/manage/events/{id}/publish", null),
            await App.KeyedClient.PostAsync($"api/manage/events/{Guid.NewGuid():N}/publish", null),
            await App.Client.PostAsJsonAsync("api/manage/events", EventsApi.EventBody()),
            await App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/messages", new { subject = "" }),
            await App.KeyedClient.PostAsJsonAsync("api/manage/campaigns", new { subject = "No body" }),
            await App.KeyedClient.PostAsJsonAsync("api/manage/erasures", new { email = "nobody-held@example.test" }),
        };

        Assert.All(refused, response => Assert.InRange((int)response.StatusCode, 400, 499));
        Assert.Equal(Ids(before), Ids(await AllAsync()));
        Assert.DoesNotContain(await AllOfEventAsync(id), entry => entry.GetProperty("registrationId").GetString() == waiting);
    }

    [Fact]
    public async Task ReplayingARequestWithItsIdempotencyKeyRecordsItOnce()
    {
        var key = Guid.NewGuid().ToString();
        var body = JsonSerializer.Serialize(EventsApi.EventBody());
        HttpResponseMessage? first = null;
        for (var n = 0; n < 2; n++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/manage/events") { Content = EventsApi.Raw(body) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await App.KeyedClient.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            first ??= response;
        }

        var id = (await first!.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        for (var n = 0; n < 2; n++)
        {
            using var publish = new HttpRequestMessage(HttpMethod.Post, $"api/manage/events/{id}/publish");
            publish.Headers.Add("Idempotency-Key", key + "-publish");
            (await App.KeyedClient.SendAsync(publish)).EnsureSuccessStatusCode();
        }

        // Without a key, doing again what is done changes nothing, and records nothing either.
        (await App.KeyedClient.PostAsync($"api/manage/events/{id}/publish", null)).EnsureSuccessStatusCode();

        Assert.Equal(new[] { AuditActions.EventPublished, AuditActions.EventCreated }, (await AllOfEventAsync(id)).Select(Action));
    }

    [Fact]
    public async Task TheConsoleNamesItsOrganiserAsTheActor()
    {
        var id = (await EventsApi.CreateEventAsync(App, EventsApi.EventBody(), publish: false)).GetProperty("id").GetString()!;
        var organiser = new Actor("entra-object-id-1", "Olive Organiser");

        await App.Services.GetRequiredService<EventService>().PublishAsync(id, announce: false, organiser, CancellationToken.None);

        var published = (await AllOfEventAsync(id))[0];
        Assert.Equal(AuditActions.EventPublished, Action(published));
        Assert.Equal(("entra-object-id-1", "Olive Organiser"), (published.GetProperty("actor").GetProperty("id").GetString(), published.GetProperty("actor").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task AnOrganisersCancelOfARegistrationIsRecordedOnceByItsId()
    {
        var e = await EventsApi.CreateEventAsync(App, EventsApi.EventBody());
        var (id, slug) = (e.GetProperty("id").GetString()!, e.GetProperty("slug").GetString()!);
        var registrationId = (await EventsApi.RegisteredAsync(App, slug, "Ada Lovelace", EventsApi.Address("ada", id))).GetProperty("registrationId").GetString()!;
        var registrations = App.Services.GetRequiredService<RegistrationService>();
        var organiser = new Actor("entra-object-id-2", "Otto Organiser");

        Assert.Equal(CancelResult.Cancelled, await registrations.CancelByOrganiserAsync(id, registrationId, organiser, CancellationToken.None));
        Assert.Equal(CancelResult.AlreadyCancelled, await registrations.CancelByOrganiserAsync(id, registrationId, organiser, CancellationToken.None));

        var cancelled = Assert.Single(await AllOfEventAsync(id), entry => Action(entry) == AuditActions.RegistrationCancelledByOrganiser);
        Assert.Equal(registrationId, cancelled.GetProperty("registrationId").GetString());
        Assert.Equal("entra-object-id-2", cancelled.GetProperty("actor").GetProperty("id").GetString());
    }

    [Fact]
    public async Task AChangeStillSucceedsWhenItsAuditEntryCannotBeWritten()
    {
        fixture.Watch.FailWrites = true;
        HttpResponseMessage created;
        try
        {
            created = await App.KeyedClient.PostAsJsonAsync("api/manage/events", EventsApi.EventBody());
        }
        finally
        {
            fixture.Watch.FailWrites = false;
        }

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(id, (await EventsApi.GetManagedAsync(App, id)).GetProperty("id").GetString());
        Assert.Empty(await AllOfEventAsync(id));
    }

    [Fact]
    public async Task BothListsPageNewestFirstFiftyAtATimeWithPartitionBoundQueriesOnly()
    {
        var id = (await EventsApi.CreateEventAsync(App, EventsApi.EventBody(capacity: 100), publish: false)).GetProperty("id").GetString()!;
        for (var capacity = 101; capacity <= 160; capacity++)
        {
            (await EventsApi.PatchAsync(App, id, new { capacity })).EnsureSuccessStatusCode();
        }

        var first = await PageAsync($"api/manage/events/{id}/audit");
        var second = await PageAsync($"api/manage/events/{id}/audit?after={Uri.EscapeDataString(first.GetProperty("next").GetString()!)}");

        Assert.Equal(AuditLog.PageSize, first.GetProperty("items").GetArrayLength());
        Assert.Equal(11, second.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        var entries = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(AuditActions.EventCreated, Action(entries[^1]));
        Assert.Equal(
            Enumerable.Range(101, 60).Reverse().Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            entries.SkipLast(1).Select(entry => entry.GetProperty("changes")[0].GetProperty("to").GetString()));
        var times = entries.Select(entry => entry.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);

        var all = await AllAsync();
        Assert.True(all.Count > AuditLog.PageSize, "the global list is read across pages");
        Assert.Equal(Ids(entries), Ids(all.Where(entry => entry.GetProperty("eventId").GetString() == id)));
        var allTimes = all.Select(entry => entry.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(allTimes.OrderDescending(), allTimes);

        // Every query the log made (these and every other test's) named one partition: no scans.
        Assert.NotEmpty(fixture.Watch.Filters);
        Assert.All(fixture.Watch.Filters, filter => Assert.Matches(@"^\(?PartitionKey eq '(all|event\|[0-9a-f]{32}|campaign\|[0-9a-f]{32})'( and RowKey gt '[0-9]{19}\|[0-9a-f]{32}')?\)?$", filter));
    }

    [Fact]
    public async Task ABadPageMarkIsRefusedAndAnUnknownEventIsNotFound()
    {
        var id = (await EventsApi.CreateEventAsync(App, EventsApi.EventBody(), publish: false)).GetProperty("id").GetString()!;

        await EventsApi.AssertProblemAsync(await App.KeyedClient.GetAsync("api/manage/audit?after=' or 1 eq 1"), 400, "after");
        await EventsApi.AssertProblemAsync(await App.KeyedClient.GetAsync($"api/manage/events/{id}/audit?after=nope"), 400, "after");
        await EventsApi.AssertProblemAsync(await App.KeyedClient.GetAsync($"api/manage/events/{Guid.NewGuid():N}/audit"), 404);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client.GetAsync("api/manage/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client.GetAsync($"api/manage/events/{id}/audit")).StatusCode);
    }

    private static string Action(JsonElement entry) => entry.GetProperty("action").GetString()!;

    private static List<string> Ids(IEnumerable<JsonElement> entries) => [.. entries.Select(entry => entry.GetProperty("id").GetString()!)];

    private async Task<JsonElement> PageAsync(string url)
    {
        var response = await App.KeyedClient.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<List<JsonElement>> AllOfEventAsync(string id) => EveryPageAsync($"api/manage/events/{id}/audit");

    private Task<List<JsonElement>> AllAsync() => EveryPageAsync("api/manage/audit");

    private async Task<List<JsonElement>> EveryPageAsync(string url)
    {
        var entries = new List<JsonElement>();
        string? next = null;
        do
        {
            var page = await PageAsync(next is null ? url : $"{url}?after={Uri.EscapeDataString(next)}");
            entries.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);

        return entries;
    }
}
