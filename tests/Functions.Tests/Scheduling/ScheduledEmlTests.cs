using MimeKit;

namespace GoodThings.Scheduling;

/// <summary>The app with no SendGrid key, on a clock the test moves: scheduled emails land as .eml files.</summary>
public sealed class FakeClockPickupFixture : GoodThingsAppFixture
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"goodthings-scheduled-{Guid.NewGuid():N}");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SendGrid:ApiKey"] = "",
        ["Email:PickupDirectory"] = Directory,
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Time);
}

public sealed class ScheduledEmlTests(FakeClockPickupFixture fixture) : IClassFixture<FakeClockPickupFixture>
{
    private async Task PassAtAsync(DateTimeOffset at)
    {
        fixture.Time.SetUtcNow(at);
        await fixture.App.Services.GetRequiredService<SchedulePass>().RunAsync(CancellationToken.None);
        await Settle.EmailsAsync(fixture.App);
    }

    [Fact]
    public async Task EachScheduledEmailIsAWellFormedEmlFile()
    {
        var startsAt = new DateTimeOffset(fixture.Time.GetUtcNow().UtcDateTime.Date.AddDays(4).AddHours(18), TimeSpan.Zero);
        var body = EventsApi.EventBody(format: "hybrid", startsAt: startsAt);
        body["followUp"] = new { recordingUrl = "https://video.example.org/recording", feedbackUrl = "https://forms.example.org/feedback" };
        var created = await EventsApi.CreateEventAsync(fixture.App, body);
        var (id, slug) = (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
        var ada = EventsApi.Address("ada", id);
        var bob = EventsApi.Address("bob", id);
        var adaId = (await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", ada)).GetProperty("registrationId").GetString();
        await EventsApi.RegisteredAsync(fixture.App, slug, "Bob", bob);

        await PassAtAsync(startsAt.AddHours(-24));
        await PassAtAsync(startsAt.AddHours(-1));
        fixture.Time.SetUtcNow(startsAt.AddMinutes(10));
        (await fixture.App.KeyedClient.PostAsync($"api/manage/events/{id}/registrations/{adaId}/check-in", null)).EnsureSuccessStatusCode();
        await PassAtAsync(startsAt.AddHours(4));

        var emails = await Task.WhenAll(System.IO.Directory.GetFiles(fixture.Directory, "*.eml").Select(f => MimeMessage.LoadAsync(f)));
        var scheduled = emails
            .Where(m => m.Headers["X-GoodThings-kind"] is RegistrationEmails.Reminder or RegistrationEmails.FollowUpThanks or RegistrationEmails.FollowUpMissed)
            .ToLookup(m => (Kind: m.Headers["X-GoodThings-kind"], To: m.To.Mailboxes.Single().Address));
        Assert.Equal(6, scheduled.Sum(g => g.Count()));
        Assert.All(new[] { ada, bob }, person => Assert.Equal(2, scheduled[(RegistrationEmails.Reminder, person)].Count()));
        var thanks = Assert.Single(scheduled[(RegistrationEmails.FollowUpThanks, ada)]);
        var missed = Assert.Single(scheduled[(RegistrationEmails.FollowUpMissed, bob)]);
        var lastReminder = scheduled[(RegistrationEmails.Reminder, ada)].Single(m => (m.TextBody ?? "").Contains("1 hour", StringComparison.Ordinal));
        Assert.Contains("https://meet.example.org/good-things", lastReminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://forms.example.org/feedback", thanks.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("https://video.example.org/recording", missed.TextBody, StringComparison.Ordinal);
        Assert.All(scheduled.SelectMany(g => g), m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Subject));
            var alternative = Assert.IsType<MultipartAlternative>(m.Body);
            // A reminder of an event with a venue shows the check-in QR code: its HTML goes in a multipart/related with the image.
            var html = alternative.Last() is MultipartRelated related ? related.Root : alternative.Last();
            Assert.Equal(["text/plain", "text/html"], [alternative.First().ContentType.MimeType!, html!.ContentType.MimeType!]);
            Assert.Equal(2, alternative.Count);
        });
        Assert.All(scheduled[(RegistrationEmails.Reminder, ada)], m => Assert.IsType<MultipartRelated>(Assert.IsType<MultipartAlternative>(m.Body).Last()));
    }
}
