namespace GoodThings.CheckIn;

/// <summary>
/// The check-in QR code as people receive it: registered through the app, the email taken from the fake SendGrid API,
/// the inline PNG decoded with ZXing, and the link it holds followed to the registration it names.
/// </summary>
public sealed class CheckInEmailTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    private CheckInLinks Links => fixture.App.Services.GetRequiredService<CheckInLinks>();

    private string CheckInPage => fixture.App.Configuration["Site:BaseUrl"]!.TrimEnd('/') + "/console/check-in/";

    private async Task<(string Id, string Slug)> EventAsync(string format = "inPerson", int? capacity = 50)
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(format: format, capacity: capacity));
        return (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
    }

    /// <summary>The token in a check-in link, after checking the link is the console's check-in page.</summary>
    private string TokenOf(string link)
    {
        Assert.StartsWith(CheckInPage, link, StringComparison.Ordinal);
        return link[CheckInPage.Length..];
    }

    [Fact]
    public async Task TheConfirmationsQrCodeHoldsTheCheckInLinkForThatRegistration()
    {
        var (id, slug) = await EventAsync();
        var ada = EventsApi.Address("ada", id);
        var registrationId = (await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", ada)).GetProperty("registrationId").GetString();

        var confirmation = Assert.Single(await EventsApi.EmailsForEventAsync(fixture, id, 1, RegistrationEmails.Confirmed));

        var link = confirmation.CheckInLinkInQrCode();
        Assert.Equal(new CheckInLink(id, registrationId!), Links.Read(TokenOf(link)));
        // Below the image and in the text part, for clients that block images.
        Assert.Contains($">{link}</a>", confirmation.Html(), StringComparison.Ordinal);
        Assert.Contains(link, confirmation.Text(), StringComparison.Ordinal);
        // The calendar invite is still the first attachment, a download; the code is shown inline.
        var attachments = confirmation.Body["attachments"]!.AsArray();
        Assert.Equal(["attachment", "inline"], attachments.Select(a => (string?)a!["disposition"]));
        Assert.NotNull(confirmation.CalendarFile());
        Assert.Matches("<img [^>]*alt=\"Your check-in QR code for [^\"]+\"", confirmation.Html());
    }

    [Fact]
    public async Task ATamperedCheckInTokenOrAManageTokenIsRefusedAndACheckInTokenManagesNothing()
    {
        var (id, slug) = await EventAsync();
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));
        var confirmation = Assert.Single(await EventsApi.EmailsForEventAsync(fixture, id, 1, RegistrationEmails.Confirmed));
        var token = TokenOf(confirmation.CheckInLinkInQrCode());
        var tampered = (token[0] == 'A' ? "B" : "A") + token[1..];

        Assert.Null(Links.Read(tampered));
        Assert.Null(Links.Read(confirmation.ManageToken()));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.Client.GetAsync($"api/registrations/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.App.Client.GetAsync($"api/registrations/{confirmation.ManageToken()}")).StatusCode);
    }

    [Fact]
    public async Task AWaitlistedPersonGetsNoQrCodeUntilTheirYoureInEmail()
    {
        var (id, slug) = await EventAsync(capacity: 1);
        var ada = EventsApi.Address("ada", id);
        var bob = EventsApi.Address("bob", id);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", ada);
        var bobId = (await EventsApi.RegisteredAsync(fixture.App, slug, "Bob", bob)).GetProperty("registrationId").GetString();
        var waitlisted = Assert.Single((await EventsApi.EmailsForEventAsync(fixture, id, 1, RegistrationEmails.Waitlisted)).To(bob));

        Assert.Empty(QrCodes.ImageContentIds(waitlisted.Html()));
        Assert.Null(waitlisted.Body["attachments"]);
        Assert.DoesNotContain("/console/check-in/", waitlisted.Html() + waitlisted.Text(), StringComparison.Ordinal);

        (await fixture.App.Client.PostAsync($"api/registrations/{await EventsApi.ManageTokenAsync(fixture.SendGrid, ada)}/cancel", null)).EnsureSuccessStatusCode();
        var promoted = Assert.Single((await EventsApi.EmailsForEventAsync(fixture, id, 1, RegistrationEmails.Promoted)).To(bob));

        Assert.Equal(new CheckInLink(id, bobId!), Links.Read(TokenOf(promoted.CheckInLinkInQrCode())));
    }

    [Fact]
    public async Task AnOnlineEventHasNoDoorSoItsConfirmationHasNoQrCode()
    {
        var (id, slug) = await EventAsync(format: "online");
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));

        var confirmation = Assert.Single(await EventsApi.EmailsForEventAsync(fixture, id, 1, RegistrationEmails.Confirmed));

        Assert.Empty(QrCodes.ImageContentIds(confirmation.Html()));
        Assert.Empty(confirmation.InlineAttachments());
        Assert.DoesNotContain("/console/check-in/", confirmation.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHybridEventsConfirmationHasAQrCodeForThoseWhoComeInPerson()
    {
        var (id, slug) = await EventAsync(format: "hybrid");
        var registrationId = (await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id))).GetProperty("registrationId").GetString();

        var confirmation = Assert.Single(await EventsApi.EmailsForEventAsync(fixture, id, 1, RegistrationEmails.Confirmed));

        Assert.Equal(new CheckInLink(id, registrationId!), Links.Read(TokenOf(confirmation.CheckInLinkInQrCode())));
    }
}
