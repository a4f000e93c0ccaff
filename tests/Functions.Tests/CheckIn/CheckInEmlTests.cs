using MimeKit;

namespace GoodThings.CheckIn;

/// <summary>With no SendGrid key the check-in code travels in the .eml file, as a mail client opening it shows it.</summary>
public sealed class CheckInEmlTests(Scheduling.FakeClockPickupFixture fixture) : IClassFixture<Scheduling.FakeClockPickupFixture>
{
    [Fact]
    public async Task TheConfirmationFileShowsTheQrCodeFromItsMultipartRelatedPart()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(startsAt: fixture.Time.GetUtcNow().AddDays(20)));
        var id = created.GetProperty("id").GetString()!;
        var ada = EventsApi.Address("ada", id);
        var registrationId = (await EventsApi.RegisteredAsync(fixture.App, created.GetProperty("slug").GetString()!, "Ada", ada)).GetProperty("registrationId").GetString();
        await Settle.EmailsAsync(fixture.App);

        var file = await Eventually.GetAsync(
            async () => (await Task.WhenAll(Directory.GetFiles(fixture.Directory, "*.eml").Select(f => MimeMessage.LoadAsync(f))))
                .FirstOrDefault(m => m.To.Mailboxes.Single().Address == ada && m.Headers["X-GoodThings-kind"] == RegistrationEmails.Confirmed),
            m => m is not null, because: "Ada's confirmation .eml");

        var contentId = Assert.Single(QrCodes.ImageContentIds(file!.HtmlBody ?? ""));
        var related = Assert.Single(file.BodyParts.OfType<MimePart>(), part => part.ContentId == contentId);
        Assert.Equal("image/png", related.ContentType.MimeType);
        using var png = new MemoryStream();
        await related.Content!.DecodeToAsync(png);
        var link = QrCodes.Decode(png.ToArray());
        Assert.NotNull(link);
        Assert.Contains(link, file.TextBody, StringComparison.Ordinal);
        var links = fixture.App.Services.GetRequiredService<CheckInLinks>();
        Assert.Equal(new CheckInLink(id, registrationId!), links.Read(link[(link.LastIndexOf('/') + 1)..]));
    }
}
