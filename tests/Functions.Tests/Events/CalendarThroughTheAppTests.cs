using Ical.Net;
using Ical.Net.CalendarComponents;

namespace GoodThings.Events;

/// <summary>Calendar files as attendees receive them: the invite, its updates and its withdrawal.</summary>
public sealed class CalendarThroughTheAppTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    [Fact]
    public async Task TheConfirmationInviteStartsAtTheEventsInstantInItsTimeZone()
    {
        var start = WholeHour(DateTimeOffset.UtcNow.AddDays(60));
        var body = EventsApi.EventBody(startsAt: start);
        body["timeZone"] = "America/New_York";
        var created = await EventsApi.CreateEventAsync(fixture.App, body);
        var id = created.GetProperty("id").GetString()!;
        var email = EventsApi.Address("ada", id);

        await EventsApi.RegisteredAsync(fixture.App, created.GetProperty("slug").GetString()!, "Ada", email);

        var confirmation = Assert.Single(await EventsApi.EmailsForEventAsync(fixture, id, 1));
        Assert.Equal(RegistrationEmails.Confirmed, confirmation.Kind());
        var (type, text) = confirmation.CalendarFile()!.Value;
        Assert.StartsWith("text/calendar; method=REQUEST", type, StringComparison.Ordinal);
        var calendar = Calendar.Load(text)!;
        Assert.Equal("REQUEST", calendar.Method);
        var entry = Assert.Single(calendar.Events);
        Assert.Equal($"{id}@goodthings", entry.Uid);
        Assert.Equal("America/New_York", entry.DtStart!.TzId);
        Assert.Equal(start.UtcDateTime, entry.DtStart.AsUtc);
        Assert.Equal(start.AddHours(2).UtcDateTime, entry.DtEnd!.AsUtc);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "America/New_York");
        Assert.Equal($"mailto:{email}", Assert.Single(entry.Attendees).Value!.ToString(), ignoreCase: true);
    }

    [Fact]
    public async Task ChangingThePublishedTimeSendsEveryActiveRegistrantAnUpdateWithTheSameUidAndAHigherSequence()
    {
        var scene = await SceneAsync();
        var newStart = WholeHour(DateTimeOffset.UtcNow.AddDays(31));

        var patched = await EventsApi.PatchAsync(fixture.App, scene.Id, new { startsAt = newStart.ToString("O"), endsAt = newStart.AddHours(2).ToString("O") });

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var updates = await EventsApi.EmailsForEventAsync(fixture, scene.Id, 3, EventFanOut.Updated);
        Assert.Equal(scene.Active.Order(), updates.SelectMany(u => u.Recipients).Order());
        foreach (var confirmed in scene.Confirmed)
        {
            var entry = Entry(Assert.Single(updates.To(confirmed)), "REQUEST");
            Assert.Equal(scene.Original.Uid, entry.Uid);
            Assert.True(entry.Sequence > scene.Original.Sequence, $"SEQUENCE {entry.Sequence} after {scene.Original.Sequence}");
            Assert.Equal(newStart.UtcDateTime, entry.DtStart!.AsUtc);
        }

        Assert.Null(Assert.Single(updates.To(scene.Waitlisted)).CalendarFile());
    }

    [Fact]
    public async Task ChangingTheVenueSendsAnUpdatedInviteWithTheNewPlace()
    {
        var scene = await SceneAsync();

        var patched = await EventsApi.PatchAsync(fixture.App, scene.Id, new { venue = new { name = "The Town Hall", address = "2 Market Square" } });

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var updates = await EventsApi.EmailsForEventAsync(fixture, scene.Id, 3, EventFanOut.Updated);
        Assert.Equal(scene.Active.Order(), updates.SelectMany(u => u.Recipients).Order());
        var entry = Entry(Assert.Single(updates.To(scene.Confirmed[0])), "REQUEST");
        Assert.Equal(scene.Original.Uid, entry.Uid);
        Assert.True(entry.Sequence > scene.Original.Sequence);
        Assert.Contains("The Town Hall", entry.Location, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("capacity")]
    [InlineData("summary")]
    public async Task ChangingNeitherTimeNorPlaceNorLinkEmailsNobody(string field)
    {
        var scene = await SceneAsync();
        var before = await EventsApi.GetManagedAsync(fixture.App, scene.Id);
        var emailsBefore = fixture.SendGrid.Calls.ForEvent(scene.Id).Count;
        object patch = field switch
        {
            "title" => new { title = "A better title" },
            "capacity" => new { capacity = 10 },
            _ => new { summary = "A better summary." },
        };

        var patched = await EventsApi.PatchAsync(fixture.App, scene.Id, patch);

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var after = await patched.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(before.GetProperty("startsAt").GetString(), after.GetProperty("startsAt").GetString());
        Assert.Equal(before.GetProperty("endsAt").GetString(), after.GetProperty("endsAt").GetString());
        await Settle.EmailsAsync(fixture.App);
        Assert.DoesNotContain(fixture.SendGrid.Calls.ForEvent(scene.Id).Skip(emailsBefore), e => e.Kind() == EventFanOut.Updated);
    }

    [Fact]
    public async Task CancellingTheEventWithdrawsEveryInviteAndClosesRegistration()
    {
        var scene = await SceneAsync();

        var cancelled = await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{scene.Id}/cancel", new { reason = "The speaker is ill" });

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var notices = await EventsApi.EmailsForEventAsync(fixture, scene.Id, 3, EventFanOut.Cancelled);
        Assert.Equal(scene.Active.Order(), notices.SelectMany(u => u.Recipients).Order());
        foreach (var confirmed in scene.Confirmed)
        {
            var notice = Assert.Single(notices.To(confirmed));
            Assert.StartsWith("text/calendar; method=CANCEL", notice.CalendarFile()!.Value.Type, StringComparison.Ordinal);
            var entry = Entry(notice, "CANCEL");
            Assert.Equal(scene.Original.Uid, entry.Uid);
            Assert.True(entry.Sequence > scene.Original.Sequence, $"SEQUENCE {entry.Sequence} after {scene.Original.Sequence}");
            Assert.Equal("CANCELLED", entry.Status);
        }

        Assert.Null(Assert.Single(notices.To(scene.Waitlisted)).CalendarFile());
        var late = await EventsApi.RegisterAsync(fixture.App, scene.Slug, "Late", EventsApi.Address("late", scene.Id));
        var problem = await EventsApi.AssertProblemAsync(late, 409);
        Assert.EndsWith("registration-closed", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A published hybrid event for two: Ada and Grace confirmed, Hal waitlisted, Ivy waitlisted then cancelled.</summary>
    private async Task<Scene> SceneAsync()
    {
        // Sub-second precision, as a client sending DateTimeOffset.ToString("O") gives.
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(capacity: 2, format: "hybrid", startsAt: WholeHour(DateTimeOffset.UtcNow.AddDays(30)).AddTicks(1_234_567)));
        var id = created.GetProperty("id").GetString()!;
        var slug = created.GetProperty("slug").GetString()!;
        string[] names = ["ada", "grace", "hal", "ivy"];
        foreach (var name in names)
        {
            await EventsApi.RegisteredAsync(fixture.App, slug, name, EventsApi.Address(name, id));
        }

        var ivy = EventsApi.Address("ivy", id);
        (await fixture.App.Client.PostAsync($"api/registrations/{await EventsApi.ManageTokenAsync(fixture.SendGrid, ivy)}/cancel", null)).EnsureSuccessStatusCode();
        var emails = await EventsApi.EmailsForEventAsync(fixture, id, 5);
        var original = Entry(Assert.Single(emails.To(EventsApi.Address("ada", id))), "REQUEST");
        return new Scene(id, slug, [EventsApi.Address("ada", id), EventsApi.Address("grace", id)], EventsApi.Address("hal", id), original);
    }

    private static CalendarEvent Entry(SendGridCall email, string method)
    {
        var file = email.CalendarFile();
        Assert.True(file is not null, $"no calendar file in the {email.Kind()} email");
        var calendar = Calendar.Load(file.Value.Text)!;
        Assert.Equal(method, calendar.Method);
        return Assert.Single(calendar.Events);
    }

    private static DateTimeOffset WholeHour(DateTimeOffset instant) => new(instant.Year, instant.Month, instant.Day, instant.Hour, 0, 0, TimeSpan.Zero);

    private sealed record Scene(string Id, string Slug, string[] Confirmed, string Waitlisted, CalendarEvent Original)
    {
        public IEnumerable<string> Active => [.. Confirmed, Waitlisted];
    }
}
