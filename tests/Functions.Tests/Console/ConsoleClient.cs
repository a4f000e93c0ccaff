using GoodThings.Tokens;

namespace GoodThings.OrganiserConsole;

/// <summary>The whole app on a clock the test moves, with the wrong-key wait recorded instead of spent.</summary>
public class ConsoleAppFixture : GoodThingsAppFixture
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public RecordingDelay Delay { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IWrongKeyDelay>(Delay);
    }
}

/// <summary>The same, as App Service runs it with its authentication on (the platform then injects WEBSITE_AUTH_ENABLED=True).</summary>
public sealed class PlatformAuthAppFixture : ConsoleAppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { [ConsoleAuth.PlatformAuthSetting] = "True" };
}

public sealed class RecordingDelay : IWrongKeyDelay
{
    private readonly List<TimeSpan> _waits = [];

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_waits)
            {
                return [.. _waits];
            }
        }
    }

    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (_waits)
        {
            _waits.Add(delay);
        }
        return Task.CompletedTask;
    }
}

/// <summary>A browser's view of the console: no redirects followed, cookies sent only as the test says.</summary>
internal sealed partial class ConsoleClient(FunctionsApp app) : IDisposable
{
    public const string CookieName = "gt-console";

    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };

    public async Task<HttpResponseMessage> GetAsync(string path, string? cookie = null, string? principal = null, string? principalId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        Add(request, cookie, principal, principalId);
        return await _http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, string? cookie, IEnumerable<KeyValuePair<string, string>> form, string? principal = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        Add(request, cookie, principal, null);
        return await _http.SendAsync(request);
    }

    /// <summary>Opens the sign-in page as a new browser: its pre-sign-in session cookie and the form's token.</summary>
    public async Task<(string Cookie, string Token)> OpenSignInAsync(string? returnUrl = null)
    {
        var page = await GetAsync(returnUrl is null ? "console/sign-in" : $"console/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return (SessionCookie(page) ?? throw new InvalidOperationException("No session cookie"), Token(await page.Content.ReadAsStringAsync()));
    }

    /// <summary>Signs in with the key: the signed-in session's cookie, and the anti-forgery token its pages carry.</summary>
    public async Task<(string Cookie, string Token)> SignInAsync(string? key = null)
    {
        var (cookie, token) = await OpenSignInAsync();
        var signedIn = await PostAsync("console/sign-in", cookie, [new("csrf", token), new("key", key ?? app.FunctionKey)]);
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        var session = SessionCookie(signedIn)!;
        var dashboard = await GetAsync("console", session);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        return (session, Token(await dashboard.Content.ReadAsStringAsync()));
    }

    /// <summary>A key session's cookie that expired a second ago, signed with the app's real key.</summary>
    public string ExpiredCookie(DateTimeOffset now) =>
        app.Services.GetRequiredService<TokenService>().Create(ConsoleAuth.SessionPurpose, $"key:expired-nonce:{now.AddSeconds(-1).ToUnixTimeSeconds()}", now.AddSeconds(-1));

    /// <summary>The value the response sets for the session cookie, or null when it sets none.</summary>
    public static string? SessionCookie(HttpResponseMessage response) => SetCookieHeader(response)?.Split(';')[0][(CookieName.Length + 1)..];

    public static string? SetCookieHeader(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault(v => v.StartsWith(CookieName + "=", StringComparison.Ordinal)) : null;

    public static string Token(string html) => TokenField().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No anti-forgery token on the page");

    /// <summary>The same cookie with one character of its signature changed.</summary>
    public static string Tampered(string cookie) => cookie[..^2] + (cookie[^2] == 'A' ? 'B' : 'A') + cookie[^1];

    public static string Principal(string name, params string[] roles) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        claims = new[] { new { typ = "name", val = name } }.Concat(roles.Select(role => new { typ = "roles", val = role })),
        name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
        role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
    })));

    private static void Add(HttpRequestMessage request, string? cookie, string? principal, string? principalId)
    {
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"{CookieName}={cookie}");
        }
        if (principal is not null)
        {
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL-ID", principalId ?? "00000000-0000-0000-0000-0000000000a1");
        }
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
