namespace GoodThings.OrganiserConsole;

/// <summary>Organisers signed in by App Service Authentication (Entra ID), on an app where the platform says it is on.</summary>
public sealed class ConsolePlatformAuthTests(PlatformAuthAppFixture fixture) : IClassFixture<PlatformAuthAppFixture>
{
    [Fact]
    public async Task APrincipalWithTheOrganiserRoleSeesTheConsoleUnderTheirOwnName()
    {
        using var client = new ConsoleClient(fixture.App);

        var response = await client.GetAsync("console", principal: ConsoleClient.Principal("Alice Example", "Reader", ConsoleAuth.OrganiserRole));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Signed in as <strong>Alice Example</strong>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A session of its own, for the anti-forgery tokens to be bound to.
        Assert.NotNull(ConsoleClient.SessionCookie(response));
    }

    [Fact]
    public async Task APrincipalWithoutTheRoleIsForbidden()
    {
        using var client = new ConsoleClient(fixture.App);

        var page = await client.GetAsync("console", principal: ConsoleClient.Principal("Eve", "Reader"));
        var signOut = await client.PostAsync("console/sign-out", null, [], principal: ConsoleClient.Principal("Eve"));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("You are not an organiser", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, signOut.StatusCode);
        Assert.Null(ConsoleClient.SetCookieHeader(page));
    }

    [Fact]
    public async Task APlatformOrganiserSignsOutWithTheTokenAndLeavesThroughThePlatformsSignOut()
    {
        using var client = new ConsoleClient(fixture.App);
        var principal = ConsoleClient.Principal("Alice Example", ConsoleAuth.OrganiserRole);
        var first = await client.GetAsync("console", principal: principal);
        var cookie = ConsoleClient.SessionCookie(first)!;
        var token = ConsoleClient.Token(await first.Content.ReadAsStringAsync());

        var again = await client.GetAsync("console", cookie, principal);
        var withoutToken = await client.PostAsync("console/sign-out", cookie, [], principal);
        var signedOut = await client.PostAsync("console/sign-out", cookie, [new("csrf", token)], principal);

        Assert.Null(ConsoleClient.SetCookieHeader(again));
        Assert.Equal(token, ConsoleClient.Token(await again.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, signedOut.StatusCode);
        Assert.Equal("/.auth/logout?post_logout_redirect_uri=%2F", signedOut.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TheSignInPageOffersThePlatformSignInAndTheKeyStillWorks()
    {
        using var client = new ConsoleClient(fixture.App);

        var page = await client.GetAsync("console/sign-in");
        await client.SignInAsync();

        Assert.Contains("href=\"/.auth/login/aad?post_login_redirect_uri=%2Fconsole\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHeaderThatIsNotThePlatformsIsNobody()
    {
        using var client = new ConsoleClient(fixture.App);

        var response = await client.GetAsync("console", principal: "not base64 {]");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }
}
