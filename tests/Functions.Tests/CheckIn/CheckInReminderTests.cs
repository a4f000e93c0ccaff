namespace GoodThings.CheckIn;

/// <summary>The reminders carry the check-in QR code too, and the code stops working a day after the event.</summary>
public sealed class CheckInReminderTests(Registrations.FakeClockAppFixture fixture) : IClassFixture<Registrations.FakeClockAppFixture>
{
    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    [Fact]
    public async Task TheReminderCarriesAQrCodeForTheRegistrationValidUntilADayAfterTheEvent()
    {
        var startsAt = new DateTimeOffset(Now.UtcDateTime.Date.AddDays(5).AddHours(18), TimeSpan.Zero);
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(startsAt: startsAt));
        var id = created.GetProperty("id").GetString()!;
        var ada = EventsApi.Address("ada", id);
        var registrationId = (await EventsApi.RegisteredAsync(fixture.App, created.GetProperty("slug").GetString()!, "Ada", ada)).GetProperty("registrationId").GetString();
        await EventsApi.EmailsForEventAsync(fixture, id, 1, RegistrationEmails.Confirmed);

        await fixture.PassAtAsync(startsAt.AddHours(-24));

        var reminder = Assert.Single(fixture.SendGrid.Accepted.ForEvent(id), c => c.Kind() == RegistrationEmails.Reminder);
        var link = reminder.CheckInLinkInQrCode();
        Assert.Contains(link, reminder.Text(), StringComparison.Ordinal);
        var token = link[(link.LastIndexOf('/') + 1)..];
        var links = fixture.App.Services.GetRequiredService<CheckInLinks>();
        Assert.Equal(new CheckInLink(id, registrationId!), links.Read(token));
        var endsAt = startsAt.AddHours(2);
        fixture.Time.SetUtcNow(endsAt.AddDays(1).AddSeconds(-1));
        Assert.NotNull(links.Read(token));
        fixture.Time.SetUtcNow(endsAt.AddDays(1));
        Assert.Null(links.Read(token));
    }
}
