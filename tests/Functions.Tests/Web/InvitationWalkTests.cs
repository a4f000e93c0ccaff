using GoodThings.TestSupport.Browser;
using static GoodThings.Invitations.InvitationsApi;

namespace GoodThings.Web;

/// <summary>
/// Invitees in Chromium without JavaScript, from the links in their invitation email: one accepts and is registered,
/// one declines; axe-core finds nothing on the accept, decline and invite-only pages.
/// </summary>
public sealed class InvitationWalkTests(GoodThingsAppFixture fixture, BrowserFixture chromium) : IClassFixture<GoodThingsAppFixture>, IClassFixture<BrowserFixture>
{
    private string Url(string pathAndQuery) => new Uri(fixture.App.BaseAddress, pathAndQuery.TrimStart('/')).AbsoluteUri;

    /// <summary>axe-core needs script, which the walk's pages have off: it checks the same address in a page of its own.</summary>
    private async Task AssertAccessibleAsync(BrowserPage walked, int width)
    {
        await using var page = await chromium.Browser.OpenAsync(walked.Page.Url, width);
        var report = await page.CheckAccessibilityAsync();
        Assert.True(report.Passed, report.Describe());
        Assert.True(await page.ScrollWidthAsync() <= width, $"{walked.Page.Url} scrolls sideways at {width}px");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task AnInviteeAcceptsFromTheEmailAndIsRegisteredWithTheAddressTheInvitationWasFor(int width)
    {
        var (id, slug) = await InviteOnlyEventAsync();
        var ada = EventsApi.Address("ada", id);
        await InvitedAsync(fixture.App, id, [("Ada Lovelace", ada)], message: "We'd love you to **speak from the floor**.");
        var invitation = (await InvitationsToAsync(fixture, [ada])).Single();

        await using var page = await chromium.Browser.OpenAsync(Url(invitation.AcceptPath()), width, javaScriptEnabled: false);

        await AssertAccessibleAsync(page, width);
        Assert.Equal("Ada Lovelace", await page.Page.InputValueAsync("#name"));
        Assert.Equal(ada, await page.Page.InputValueAsync("#email"));
        Assert.NotNull(await page.Page.GetAttributeAsync("#email", "readonly"));

        await page.Page.FillAsync("#organisation", "Analytical Engines");
        await page.Page.ClickAsync("button[type=submit]");

        Assert.Matches("/registrations/[^/?]+\\?new=1$", page.Page.Url);
        var text = await page.Page.InnerTextAsync("main");
        Assert.Contains("Ada Lovelace", text, StringComparison.Ordinal);
        Assert.Contains("You have a place", text, StringComparison.Ordinal);
        await AssertAccessibleAsync(page, width);
        var registration = Assert.Single((await EventsApi.RegistrationsAsync(fixture.App, id)).EnumerateArray());
        Assert.Equal((ada, "confirmed", true), (registration.GetProperty("email").GetString(), registration.GetProperty("status").GetString(), registration.GetProperty("invited").GetBoolean()));
        Assert.Equal("accepted", (await TrackingAsync(fixture.App, id)).Invitee(ada).GetProperty("status").GetString());
        Assert.Equal(RegistrationEmails.Confirmed, (await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Recipients.Contains(ada) && !c.IsInvitation())).Single().Kind());
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task AnInviteeDeclinesWithAReasonAndTheInviteOnlyPageOffersNoFormToOthers(int width)
    {
        var (id, slug) = await InviteOnlyEventAsync();
        var grace = EventsApi.Address("grace", id);
        await InvitedAsync(fixture.App, id, [("Grace Hopper", grace)]);
        var invitation = (await InvitationsToAsync(fixture, [grace])).Single();

        await using var stranger = await chromium.Browser.OpenAsync(Url($"events/{slug}"), width, javaScriptEnabled: false);
        await AssertAccessibleAsync(stranger, width);
        Assert.Equal(0, await stranger.Page.Locator("form").CountAsync());
        Assert.Contains("invitation", await stranger.Page.InnerTextAsync("main"), StringComparison.OrdinalIgnoreCase);

        await using var page = await chromium.Browser.OpenAsync(Url(invitation.DeclinePath()), width, javaScriptEnabled: false);
        await AssertAccessibleAsync(page, width);
        Assert.Equal("pending", (await TrackingAsync(fixture.App, id)).Invitee(grace).GetProperty("status").GetString());

        await page.Page.FillAsync("#reason", "Teaching that evening");
        await page.Page.ClickAsync("button[type=submit]");

        Assert.Equal("Thanks for letting us know", await page.Page.InnerTextAsync("h1"));
        await AssertAccessibleAsync(page, width);
        var invitee = (await TrackingAsync(fixture.App, id)).Invitee(grace);
        Assert.Equal(("declined", "Teaching that evening"), (invitee.GetProperty("status").GetString(), invitee.GetProperty("declineReason").GetString()));
        Assert.Equal(0, (await EventsApi.RegistrationsAsync(fixture.App, id)).GetArrayLength());
    }

    private async Task<(string Id, string Slug)> InviteOnlyEventAsync()
    {
        var body = EventsApi.EventBody(capacity: 20);
        body["visibility"] = "inviteOnly";
        body["invitations"] = new { reservedSeats = 5 };
        var created = await EventsApi.CreateEventAsync(fixture.App, body);
        return (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
    }
}
