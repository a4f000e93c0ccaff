using GoodThings.Site;
using GoodThings.Tokens;
using Microsoft.Extensions.Configuration;

namespace GoodThings.OrganiserConsole;

/// <summary>The parts of console sign-in that need no app: when the cookie may go without Secure, and reading the platform's principal.</summary>
public sealed class ConsoleAuthUnitTests
{
    private static ConsoleAuth Auth(string baseUrl, string? platformAuth = null) => new(
        new TokenService(Options.Create(new TokenOptions { SigningKey = new string('k', 32) }), TimeProvider.System),
        Options.Create(new ConsoleOptions()),
        Options.Create(new SiteOptions { BaseUrl = baseUrl }),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ConsoleAuth.PlatformAuthSetting] = platformAuth }).Build(),
        new RecordingDelay(),
        TimeProvider.System);

    [Theory]
    [InlineData("https://events.example.org", true)]
    [InlineData("https://localhost:7071", true)]
    [InlineData("http://events.example.org", true)]
    [InlineData("http://localhost.example.org", true)]
    [InlineData("http://localhost:7071", false)]
    [InlineData("http://127.0.0.1:5000", false)]
    public void TheCookieIsSecureExceptOnHttpLocalhost(string baseUrl, bool secure) => Assert.Equal(secure, Auth(baseUrl).SecureCookie);

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("False", false)]
    [InlineData("1", false)]
    [InlineData("yes", false)]
    [InlineData("True", true)]
    [InlineData("true", true)]
    public void ThePlatformsHeadersAreTrustedOnlyWhenItSaysItsAuthenticationIsOn(string? setting, bool trusted) =>
        Assert.Equal(trusted, Auth("https://events.example.org", setting).PlatformAuthEnabled);

    [Fact]
    public void TheOrganiserRoleIsFoundAsARolesClaimOrUnderRoleTyp()
    {
        const string roleTyp = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
        static string Header(string typ, string val) => Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $$"""{"auth_typ":"aad","claims":[{"typ":"name","val":"Alice"},{"typ":"{{typ}}","val":"{{val}}"}],"name_typ":"name","role_typ":"{{roleTyp}}"}"""));

        Assert.True(PlatformPrincipal.Parse(Header("roles", "Organiser"))!.HasRole("Organiser"));
        Assert.True(PlatformPrincipal.Parse(Header(roleTyp, "Organiser"))!.HasRole("Organiser"));
        Assert.False(PlatformPrincipal.Parse(Header("roles", "organiser"))!.HasRole("Organiser"));
        Assert.False(PlatformPrincipal.Parse(Header("groups", "Organiser"))!.HasRole("Organiser"));
        Assert.Equal("Alice", PlatformPrincipal.Parse(Header("roles", "Organiser"))!.Name);
        Assert.Null(PlatformPrincipal.Parse("e30="));
        Assert.Null(PlatformPrincipal.Parse("%%%"));
    }

    [Fact]
    public void APlatformOrganiserIsAuditedByTheirPrincipalIdAndAKeySessionAsTheConsoleKey()
    {
        var expires = DateTimeOffset.UnixEpoch.AddYears(60);
        var platform = new ConsoleOrganiser("Olive Organiser", true,
            new ConsoleSession(ConsoleSession.Platform, "nonce", expires, System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes("entra-object-id-1"))));
        var key = new ConsoleOrganiser("Organiser (key)", false, new ConsoleSession(ConsoleSession.Key, "nonce", expires));

        Assert.Equal(new Audit.Actor("entra-object-id-1", "Olive Organiser"), platform.Actor);
        Assert.Equal(new Audit.Actor("console-key", "Organiser (key)"), key.Actor);
    }
}
