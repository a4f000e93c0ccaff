using GoodThings.Site;

namespace GoodThings.Web;

/// <summary>
/// The public pages and feeds through the running app, on a clock the test moves: kept briefly and revalidated by
/// ETag, an organiser's change shown at once, counts refreshed after the lifetime, and personal pages never shared.
/// </summary>
public sealed class PublicPagesTests(FakeClockAppFixture fixture) : IClassFixture<FakeClockAppFixture>
{
    private static readonly TimeSpan Lifetime = new SiteOptions().PageCacheLifetime;

    public static TheoryData<string> PublicPaths => ["", "events/{slug}", "events/{slug}.ics", "events.ics"];

    private async Task<(string Id, string Slug)> EventAsync(int capacity = 5, bool inviteOnly = false)
    {
        var body = EventsApi.EventBody(capacity: capacity, startsAt: fixture.Time.GetUtcNow().AddDays(30));
        if (inviteOnly)
        {
            body["visibility"] = "inviteOnly";
        }

        var created = await EventsApi.CreateEventAsync(fixture.App, body);
        return (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
    }

    private Task<HttpResponseMessage> GetAsync(string path, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return fixture.App.Client.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(PublicPaths))]
    public async Task APublicPageCarriesAStrongETagAndAMatchingIfNoneMatchGets304WithoutABody(string template)
    {
        var (_, slug) = await EventAsync();
        var path = template.Replace("{slug}", slug, StringComparison.Ordinal);

        var first = await GetAsync(path);
        var etag = first.Headers.ETag;
        var notModified = await GetAsync(path, etag?.Tag);
        var weakForm = await GetAsync(path, $"\"other\", W/{etag?.Tag}");
        var another = await GetAsync(path, "\"0123456789abcdef0123456789abcdef\"");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Equal("public, no-cache", first.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Equal("public, no-cache", notModified.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, weakForm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, another.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await another.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AnOrganisersChangeShowsAtOnceOnTheInstanceThatMadeIt()
    {
        var (id, slug) = await EventAsync();
        var before = await GetAsync($"events/{slug}");
        var home = await fixture.App.Client.GetStringAsync("");
        var calendar = await fixture.App.Client.GetStringAsync($"events/{slug}.ics");
        var retitled = $"Renamed {Guid.NewGuid():N}";

        (await EventsApi.PatchAsync(fixture.App, id, new { title = retitled })).EnsureSuccessStatusCode();
        var afterPatch = await GetAsync($"events/{slug}", before.Headers.ETag?.Tag);
        var homeAfterPatch = await fixture.App.Client.GetStringAsync("");
        var calendarAfterPatch = await fixture.App.Client.GetStringAsync($"events/{slug}.ics");
        (await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/cancel", new { reason = "The venue flooded" })).EnsureSuccessStatusCode();
        var afterCancel = await fixture.App.Client.GetStringAsync($"events/{slug}");

        Assert.DoesNotContain(retitled, home, StringComparison.Ordinal);
        Assert.DoesNotContain(retitled, calendar, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, afterPatch.StatusCode);
        Assert.NotEqual(before.Headers.ETag, afterPatch.Headers.ETag);
        Assert.Contains(retitled, await afterPatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(retitled, homeAfterPatch, StringComparison.Ordinal);
        Assert.Contains(retitled, calendarAfterPatch, StringComparison.Ordinal);
        Assert.Contains("This event is cancelled", afterCancel, StringComparison.Ordinal);
        Assert.Contains("The venue flooded", afterCancel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountsMayLagForTheCacheLifetimeAndThenRefresh()
    {
        var (id, slug) = await EventAsync(capacity: 5);
        Assert.Contains("5 places left", await fixture.App.Client.GetStringAsync($"events/{slug}"), StringComparison.Ordinal);

        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));
        var withinLifetime = await fixture.App.Client.GetStringAsync($"events/{slug}");
        fixture.Time.Advance(Lifetime);
        var afterLifetime = await fixture.App.Client.GetStringAsync($"events/{slug}");

        Assert.Contains("5 places left", withinLifetime, StringComparison.Ordinal);
        Assert.Contains("4 places left", afterLifetime, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageOpenedWithAnInvitationIsNeverKeptOrShownToAnotherVisitor()
    {
        var (id, slug) = await EventAsync(inviteOnly: true);
        var guest = EventsApi.Address("guest", id);
        await InvitationsApi.InvitedAsync(fixture.App, id, [("Guest Person", guest)]);
        var invitation = (await InvitationsApi.InvitationsToAsync(fixture, [guest])).Single();
        var token = invitation.InvitationToken();

        var strangerFirst = await GetAsync($"events/{slug}");
        var invited = await GetAsync(invitation.AcceptPath().TrimStart('/'));
        var strangerAfter = await GetAsync($"events/{slug}");
        var invitedAgain = await GetAsync(invitation.AcceptPath().TrimStart('/'), strangerAfter.Headers.ETag?.Tag);
        var junkToken = await GetAsync($"events/{slug}?invitation=not-a-real-token");

        var invitedHtml = await invited.Content.ReadAsStringAsync();
        Assert.Contains(guest, invitedHtml, StringComparison.Ordinal);
        Assert.Contains("name=\"invitation\"", invitedHtml, StringComparison.Ordinal);
        Assert.Equal("no-store", invited.Headers.CacheControl?.ToString());
        Assert.Null(invited.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, invitedAgain.StatusCode);
        Assert.Contains(guest, await invitedAgain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var stranger in new[] { strangerFirst, strangerAfter })
        {
            var html = await stranger.Content.ReadAsStringAsync();
            Assert.DoesNotContain(guest, html, StringComparison.Ordinal);
            Assert.DoesNotContain(token, html, StringComparison.Ordinal);
            Assert.DoesNotContain("name=\"invitation\"", html, StringComparison.Ordinal);
            Assert.Equal("public, no-cache", stranger.Headers.CacheControl?.ToString());
        }

        Assert.Equal(HttpStatusCode.OK, junkToken.StatusCode);
        Assert.Equal("no-store", junkToken.Headers.CacheControl?.ToString());
        Assert.DoesNotContain(guest, await junkToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonalPagesAndFormAnswersAreSentNoStore()
    {
        var (id, slug) = await EventAsync();
        var email = EventsApi.Address("grace", id);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Grace", email);
        var token = await EventsApi.ManageTokenAsync(fixture.SendGrid, email);

        var registration = await GetAsync($"registrations/{token}");
        var formAnswer = await fixture.App.Client.PostAsync($"events/{slug}", new FormUrlEncodedContent([new("name", "Grace"), new("email", "not-an-address")]));
        var unknownEvent = await GetAsync("events/no-such-event");

        Assert.Equal(HttpStatusCode.OK, registration.StatusCode);
        Assert.Equal("no-store", registration.Headers.CacheControl?.ToString());
        Assert.Null(registration.Headers.ETag);
        Assert.Equal(HttpStatusCode.BadRequest, formAnswer.StatusCode);
        Assert.Equal("no-store", formAnswer.Headers.CacheControl?.ToString());
        Assert.Null(formAnswer.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotFound, unknownEvent.StatusCode);
        Assert.Null(unknownEvent.Headers.ETag);
    }

    [Fact]
    public async Task AQueryStringOtherThanAnInvitationGetsTheSamePage()
    {
        var (_, slug) = await EventAsync();

        var plain = await GetAsync($"events/{slug}");
        var tracked = await GetAsync($"events/{slug}?utm_source=newsletter&utm_medium=email");

        Assert.Equal(plain.Headers.ETag, tracked.Headers.ETag);
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), await tracked.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/html", tracked.Content.Headers.ContentType?.MediaType);
    }
}
