using GoodThings.Audit;
using GoodThings.Campaigns;

namespace GoodThings.OrganiserConsole;

/// <summary>
/// The console's audit log and newsletter pages against the running app: what the API and the console change shows
/// in the log, the newsletter's counts, and a campaign written, test-sent, scheduled and cancelled through its forms.
/// </summary>
public sealed partial class ConsoleNewsTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    private FunctionsApp App => fixture.App;

    private async Task<(ConsoleClient Client, string Cookie, string Token)> SignedInAsync()
    {
        var client = new ConsoleClient(App);
        var (cookie, token) = await client.SignInAsync();
        return (client, cookie, token);
    }

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    /// <summary>The global log's pages, newest first, until <paramref name="found"/> holds (other tests write to it too).</summary>
    private static async Task<string> AuditPageWithAsync(ConsoleClient client, string cookie, Func<string, bool> found)
    {
        var path = "console/audit";
        for (var page = 0; page < 20; page++)
        {
            var html = await HtmlAsync(await client.GetAsync(path, cookie));
            if (found(html))
            {
                return html;
            }

            if (OlderLink().Match(html) is not { Success: true } older)
            {
                break;
            }

            path = WebUtility.HtmlDecode(older.Groups[1].Value).TrimStart('/');
        }

        throw new InvalidOperationException("The audit log does not show the change.");
    }

    /// <summary>A campaign's audit entries, newest first (the API has no per-campaign route; the log has).</summary>
    private async Task<IReadOnlyList<AuditEntry>> CampaignAuditAsync(string id) =>
        ((Outcome<AuditPage>.Ok)await App.Services.GetRequiredService<AuditLog>().ListForCampaignAsync(id, null, CancellationToken.None)).Value.Items;

    private static KeyValuePair<string, string> Field(string name, string value) => new(name, value);

    [Fact]
    public async Task TheAuditLogShowsAChangeMadeThroughTheApiWithWhatItChangedAndLinksTheEvent()
    {
        var created = await EventsApi.CreateEventAsync(App, EventsApi.EventBody(capacity: 40), publish: false);
        var id = created.GetProperty("id").GetString()!;
        var title = created.GetProperty("title").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await EventsApi.PatchAsync(App, id, new { capacity = 60 })).StatusCode);
        var (client, cookie, _) = await SignedInAsync();
        using var _c = client;

        var eventLog = await client.GetAsync($"console/events/{id}/audit", cookie);
        var html = await HtmlAsync(eventLog);

        Assert.Equal(HttpStatusCode.OK, eventLog.StatusCode);
        Assert.Equal("no-store", eventLog.Headers.CacheControl?.ToString());
        Assert.Contains($"<h1>Audit log: {title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Changed the event</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<li><span class=\"audit__field\">capacity</span>: <del>40</del> → <ins>60</ins></li>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Created the event</strong>", html, StringComparison.Ordinal);
        Assert.Contains(", by management key</p>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("Changed the event", StringComparison.Ordinal) < html.IndexOf("Created the event", StringComparison.Ordinal), "newest first");
        var global = await AuditPageWithAsync(client, cookie, page => page.Contains($"<a href=\"/console/events/{id}\">{title}</a>", StringComparison.Ordinal));
        Assert.Contains($"<strong>Changed the event</strong>: <a href=\"/console/events/{id}\">{title}</a>", global, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEventsAuditLogPagesByFiftyWithTheApisContinuation()
    {
        var id = (await EventsApi.CreateEventAsync(App, EventsApi.EventBody(), publish: false)).GetProperty("id").GetString()!;
        var audit = App.Services.GetRequiredService<AuditLog>();
        for (var n = 0; n < AuditLog.PageSize + 2; n++)
        {
            await audit.RecordAsync(Actor.ManagementKey, AuditActions.RegistrationCheckedIn, eventId: id, registrationId: $"r{n}");
        }
        var (client, cookie, _) = await SignedInAsync();
        using var _c = client;
        var apiNext = (await App.KeyedClient.GetFromJsonAsync<JsonElement>($"api/manage/events/{id}/audit")).GetProperty("next").GetString()!;

        var first = await HtmlAsync(await client.GetAsync($"console/events/{id}/audit", cookie));
        var older = OlderLink().Match(first);
        var second = await HtmlAsync(await client.GetAsync(WebUtility.HtmlDecode(older.Groups[1].Value).TrimStart('/'), cookie));

        Assert.Equal(AuditLog.PageSize, AuditEntries().Count(first));
        Assert.Equal($"/console/events/{id}/audit?after={Uri.EscapeDataString(apiNext)}", WebUtility.HtmlDecode(older.Groups[1].Value));
        Assert.Equal(3, AuditEntries().Count(second));
        Assert.Contains("<strong>Created the event</strong>", second, StringComparison.Ordinal);
        Assert.DoesNotMatch(OlderLink(), second);
        Assert.Contains($"<li><a href=\"/console/events/{id}/audit\">Newest</a></li>", second, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"console/events/{id}/audit?after=not-a-page", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("console/events/no-such-event/audit", cookie)).StatusCode);
    }

    [Fact]
    public async Task TheNewsletterPageCountsTheSubscribersOfATopicByStatus()
    {
        var topic = await CampaignsApi.TopicAsync(App);
        await CampaignsApi.SubscribersAsync(App, 3, topic);
        await CampaignsApi.SubscribersAsync(App, 2, topic, SubscriberStatus.Pending);
        await CampaignsApi.SubscribersAsync(App, 1, topic, SubscriberStatus.Unsubscribed);
        var (client, cookie, _) = await SignedInAsync();
        using var _c = client;

        var page = await client.GetAsync("console/newsletter", cookie);
        var html = await HtmlAsync(page);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"<th scope=\"row\">{topic}</th>\n      <td>3</td>\n      <td>2</td>\n      <td>1</td>", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"button\" href=\"/console/newsletter/campaigns/new\">New campaign</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACampaignWithAnErrorIsShownAgainWithTheApisMessageAndOnceFixedIsADraftRecordedAsTheConsoleOrganiser()
    {
        var topic = await CampaignsApi.TopicAsync(App);
        var subject = $"Spring notes {Guid.NewGuid():N}";
        var (client, cookie, token) = await SignedInAsync();
        using var _c = client;
        var form = await HtmlAsync(await client.GetAsync("console/newsletter/campaigns/new", cookie));
        Assert.Contains($"value=\"{topic}\">", form, StringComparison.Ordinal);

        var invalid = await client.PostAsync("console/newsletter/campaigns/new", cookie,
            [Field("csrf", token), Field("subject", ""), Field("body", "Hi gt-placeholder-name"), Field("topics", topic), Field("sendAt", ""), Field("timeZone", "Europe/London")]);
        var invalidHtml = await HtmlAsync(invalid);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("<li><a href=\"#subject\">Subject is required</a></li>", invalidHtml, StringComparison.Ordinal);
        Assert.Contains("Body must not contain &quot;gt-placeholder-&quot;", invalidHtml, StringComparison.Ordinal);
        Assert.Contains($"value=\"{topic}\" checked>", invalidHtml, StringComparison.Ordinal);
        var api = await App.KeyedClient.PostAsJsonAsync("api/manage/campaigns", new { subject = "", body = "Hi gt-placeholder-name" });
        var problem = await EventsApi.AssertProblemAsync(api, 400, "subject");
        Assert.Contains("is required", problem.GetProperty("errors").GetProperty("subject")[0].GetString(), StringComparison.Ordinal);

        var created = await client.PostAsync("console/newsletter/campaigns/new", cookie,
            [Field("csrf", token), Field("subject", subject), Field("preheader", "What worked"), Field("body", "**Bold** news"), Field("topics", topic),
             Field("sendAt", "2030-07-01T09:30"), Field("timeZone", "Europe/Paris")]);

        Assert.Equal(HttpStatusCode.SeeOther, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        var id = CampaignId().Match(location).Groups[1].Value;
        Assert.Equal($"/console/newsletter/campaigns/{id}?done=created", location);
        var campaign = await CampaignsApi.GetAsync(App, id);
        Assert.Equal(("draft", subject, "What worked", "**Bold** news"), (campaign.GetProperty("status").GetString(), campaign.GetProperty("subject").GetString(),
            campaign.GetProperty("preheader").GetString(), campaign.GetProperty("body").GetString()));
        Assert.Equal([topic], campaign.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(new DateTimeOffset(2030, 7, 1, 7, 30, 0, TimeSpan.Zero), campaign.GetProperty("sendAt").GetDateTimeOffset());
        var page = await HtmlAsync(await client.GetAsync(location.TrimStart('/'), cookie));
        Assert.Contains("<p class=\"notice__title\">Draft saved</p>", page, StringComparison.Ordinal);
        Assert.Contains($"<h1>{subject}</h1>", page, StringComparison.Ordinal);
        var newsletter = await HtmlAsync(await client.GetAsync("console/newsletter", cookie));
        Assert.Contains($"<a href=\"/console/newsletter/campaigns/{id}\">{subject}</a>", newsletter, StringComparison.Ordinal);
        var log = await AuditPageWithAsync(client, cookie, html => html.Contains($"<a href=\"/console/newsletter/campaigns/{id}\">", StringComparison.Ordinal));
        Assert.Matches($"<strong>Created the campaign</strong>: <a href=\"/console/newsletter/campaigns/{id}\">{subject}</a></p>\\s*<p class=\"audit__meta\">.*, by Organiser \\(key\\)</p>", log);
    }

    private async Task<string> DraftAsync(string? topic = null) => await CampaignsApi.CreateAsync(App, new
    {
        subject = $"Autumn notes {Guid.NewGuid():N}",
        body = "**Bold** news",
        topics = new[] { topic ?? await CampaignsApi.TopicAsync(App) },
    });

    [Fact]
    public async Task EditingADraftSavesEveryFieldAndRecordsWhatChanged()
    {
        var id = await CampaignsApi.CreateAsync(App, new
        {
            subject = "Autumn notes", preheader = "Before", body = "**Bold** news", topics = new[] { await CampaignsApi.TopicAsync(App) }, sendAt = DateTimeOffset.UtcNow.AddDays(7),
        });
        var (client, cookie, token) = await SignedInAsync();
        using var _c = client;
        var form = await HtmlAsync(await client.GetAsync($"console/newsletter/campaigns/{id}/edit", cookie));
        Assert.Contains("**Bold** news</textarea>", form, StringComparison.Ordinal);

        var saved = await client.PostAsync($"console/newsletter/campaigns/{id}/edit", cookie,
            [Field("csrf", token), Field("subject", "Winter notes"), Field("preheader", ""), Field("body", "Plain news"), Field("sendAt", ""), Field("timeZone", "Europe/London")]);

        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal($"/console/newsletter/campaigns/{id}?done=saved", saved.Headers.Location?.OriginalString);
        var campaign = await CampaignsApi.GetAsync(App, id);
        Assert.Equal(("Winter notes", "Plain news", 0), (campaign.GetProperty("subject").GetString(), campaign.GetProperty("body").GetString(), campaign.GetProperty("topics").GetArrayLength()));
        // Emptied in the form, the optional fields are gone.
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (campaign.GetProperty("preheader").ValueKind, campaign.GetProperty("sendAt").ValueKind));
        var entry = (await CampaignAuditAsync(id)).First(e => e.Action == AuditActions.CampaignUpdated);
        Assert.Equal(ConsoleOrganiser.KeyActorId, entry.Actor.Id);
        Assert.Contains(entry.Changes!, c => c.Field == "subject" && c.To == "Winter notes");
    }

    [Fact]
    public async Task ATestSendReachesSendGridAndBadAddressesSendNothing()
    {
        var id = await DraftAsync();
        var subject = (await CampaignsApi.GetAsync(App, id)).GetProperty("subject").GetString();
        string[] testers = [$"editor-{id}@example.test", $"chair-{id}@example.test"];
        var (client, cookie, token) = await SignedInAsync();
        using var _c = client;

        var invalid = await client.PostAsync($"console/newsletter/campaigns/{id}/test", cookie, [Field("csrf", token), Field("emails", $"{testers[0]}, not-an-address")]);
        var invalidHtml = await HtmlAsync(invalid);
        var sent = await client.PostAsync($"console/newsletter/campaigns/{id}/test", cookie, [Field("csrf", token), Field("emails", $"{testers[0]}\r\n{testers[1]}")]);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("<li><a href=\"#emails\">Test address 2 must be an email address</a></li>", invalidHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal($"/console/newsletter/campaigns/{id}?done=test-sent", sent.Headers.Location?.OriginalString);
        var copies = await fixture.SendGrid.WaitForAcceptedAsync(2, where: c => c.Recipients.Any(testers.Contains));
        Assert.Equal(testers.Order(), copies.SelectMany(c => c.Recipients).Order());
        Assert.All(copies, c => Assert.Equal($"[Test] {subject}", c.Subject()));
        await Settle.EmailsAsync(App);
        Assert.Equal(2, fixture.SendGrid.Accepted.Count(c => c.Recipients.Any(testers.Contains)));
    }

    [Fact]
    public async Task ThePreviewIsTheTestCopysEmailUnderAPolicyThatAllowsOnlyItsStyles()
    {
        var id = await DraftAsync();
        var (client, cookie, _) = await SignedInAsync();
        using var _c = client;

        var preview = await client.GetAsync($"console/newsletter/campaigns/{id}/preview", cookie);
        var page = await HtmlAsync(await client.GetAsync($"console/newsletter/campaigns/{id}", cookie));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("<strong>Bold</strong>", await HtmlAsync(preview), StringComparison.Ordinal);
        Assert.Equal(ConsoleNewsFunctions.PreviewPolicy, preview.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains($"<iframe class=\"preview\" src=\"/console/newsletter/campaigns/{id}/preview\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("console/newsletter/campaigns/no-such-campaign/preview", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("console/newsletter/campaigns/no-such-campaign", cookie)).StatusCode);
    }

    [Fact]
    public async Task ACampaignScheduledForLaterInATimeZoneCanBeCancelledAndThenNotSent()
    {
        var id = await DraftAsync();
        var (client, cookie, token) = await SignedInAsync();
        using var _c = client;
        var later = DateTimeOffset.UtcNow.AddDays(7);
        var local = TimeZoneInfo.ConvertTime(later, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var sendAt = local.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

        var past = await client.PostAsync($"console/newsletter/campaigns/{id}/schedule", cookie,
            [Field("csrf", token), Field("when", "later"), Field("sendAt", "2020-01-01T09:00"), Field("timeZone", "Europe/London")]);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("Send at must be in the future", await HtmlAsync(past), StringComparison.Ordinal);
        Assert.Equal("draft", (await CampaignsApi.GetAsync(App, id)).GetProperty("status").GetString());

        var scheduled = await client.PostAsync($"console/newsletter/campaigns/{id}/schedule", cookie,
            [Field("csrf", token), Field("when", "later"), Field("sendAt", sendAt), Field("timeZone", "America/New_York")]);

        Assert.Equal(HttpStatusCode.SeeOther, scheduled.StatusCode);
        Assert.Equal($"/console/newsletter/campaigns/{id}?done=scheduled", scheduled.Headers.Location?.OriginalString);
        var campaign = await CampaignsApi.GetAsync(App, id);
        Assert.Equal("scheduled", campaign.GetProperty("status").GetString());
        Assert.Equal(new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, local.Offset), campaign.GetProperty("sendAt").GetDateTimeOffset());
        Assert.Contains("<p class=\"notice__title\">Campaign scheduled</p>", await HtmlAsync(await client.GetAsync(scheduled.Headers.Location!.OriginalString.TrimStart('/'), cookie)), StringComparison.Ordinal);

        var cancelled = await client.PostAsync($"console/newsletter/campaigns/{id}/cancel", cookie, [Field("csrf", token)]);

        Assert.Equal(HttpStatusCode.SeeOther, cancelled.StatusCode);
        Assert.Equal($"/console/newsletter/campaigns/{id}?done=cancelled", cancelled.Headers.Location?.OriginalString);
        Assert.Equal("cancelled", (await CampaignsApi.GetAsync(App, id)).GetProperty("status").GetString());
        var again = await client.PostAsync($"console/newsletter/campaigns/{id}/schedule", cookie, [Field("csrf", token), Field("when", "now")]);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("it cannot be sent again", await HtmlAsync(again), StringComparison.Ordinal);
        Assert.Equal("cancelled", (await CampaignsApi.GetAsync(App, id)).GetProperty("status").GetString());
        var actions = (await CampaignAuditAsync(id)).Select(e => (e.Action, e.Actor.Id));
        Assert.Equal([(AuditActions.CampaignCancelled, ConsoleOrganiser.KeyActorId), (AuditActions.CampaignScheduled, ConsoleOrganiser.KeyActorId), (AuditActions.CampaignCreated, "management-key")], actions);
    }

    [Fact]
    public async Task SendNowSendsTheCampaignToItsSubscribersAtOnce()
    {
        var topic = await CampaignsApi.TopicAsync(App);
        var subscriber = (await CampaignsApi.SubscribersAsync(App, 1, topic)).Single();
        // A send time of its own a week ahead: "Send now" must not wait for it.
        var id = await CampaignsApi.CreateAsync(App, new { subject = "Now notes", body = "News", topics = new[] { topic }, sendAt = DateTimeOffset.UtcNow.AddDays(7) });
        var (client, cookie, token) = await SignedInAsync();
        using var _c = client;

        var sent = await client.PostAsync($"console/newsletter/campaigns/{id}/schedule", cookie, [Field("csrf", token), Field("when", "now")]);

        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal($"/console/newsletter/campaigns/{id}?done=sending", sent.Headers.Location?.OriginalString);
        var campaign = await CampaignsApi.StatusAsync(App, id, "sent");
        Assert.Equal(1, campaign.Count("sent"));
        Assert.Equal([subscriber.Email], fixture.SendGrid.CopiesOf(id).Select(c => c.To));
        var page = await HtmlAsync(await client.GetAsync($"console/newsletter/campaigns/{id}", cookie));
        Assert.Contains("<div><dt>Status</dt><dd>Sent</dd></div>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/schedule\"", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">Older</a>")]
    private static partial Regex OlderLink();

    [GeneratedRegex("<li class=\"audit__entry\">")]
    private static partial Regex AuditEntries();

    [GeneratedRegex("/console/newsletter/campaigns/([0-9a-f]{32})")]
    private static partial Regex CampaignId();
}
