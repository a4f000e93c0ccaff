using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace GoodThings.OrganiserConsole;

/// <summary>Who is signed in to the console: the management key's holder, or an organiser the platform signed in.</summary>
/// <param name="Name">"Organiser (key)", or the platform principal's name.</param>
/// <param name="ThroughPlatform">Signed in by App Service Authentication, so signing out also ends the platform's session.</param>
public sealed record ConsoleOrganiser(string Name, bool ThroughPlatform, ConsoleSession Session)
{
    /// <summary>
    /// Who the audit log names for this organiser's changes: a platform organiser by their principal id (Entra ID's
    /// object id, stable across sessions and renames) and name; a key session as <c>console-key</c>, since the key
    /// names no person but the log should still tell the console's key sign-ins from calls to the management API.
    /// </summary>
    public Actor Actor => Session is { Kind: ConsoleSession.Platform, PrincipalId: { } id }
        ? new Actor(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(id)), Name)
        : new Actor(KeyActorId, Name);

    public const string KeyActorId = "console-key";
}

/// <summary>
/// A console session, carried in a cookie signed with <see cref="TokenService"/> (purpose <c>console-session</c>). Every
/// browser gets one, signed in or not: its random <see cref="Nonce"/> is what the anti-forgery tokens are bound to.
/// </summary>
/// <param name="Kind"><c>anon</c> (not signed in: the sign-in form's session), <c>key</c> or <c>platform</c>.</param>
/// <param name="PrincipalId">For <c>platform</c> sessions, the platform principal's id (base64url), so another account gets a new session.</param>
public sealed record ConsoleSession(string Kind, string Nonce, DateTimeOffset ExpiresAt, string? PrincipalId = null)
{
    public const string Anonymous = "anon";
    public const string Key = "key";
    public const string Platform = "platform";
}

/// <summary>What a request to a console page may do.</summary>
public enum ConsoleRefusal
{
    None,

    /// <summary>Nobody is signed in: a GET goes to the sign-in page, a POST is 401.</summary>
    SignInNeeded,

    /// <summary>The platform signed someone in who does not hold the Organiser role: 403.</summary>
    NotAnOrganiser,

    /// <summary>A POST without its session's anti-forgery token: 403, nothing changed.</summary>
    Forged,
}

/// <summary>The credentials a request brings, as plain strings.</summary>
/// <param name="SessionCookie">The console session cookie's value.</param>
/// <param name="ClientPrincipal">The <c>X-MS-CLIENT-PRINCIPAL</c> header (base64 JSON).</param>
/// <param name="ClientPrincipalId">The <c>X-MS-CLIENT-PRINCIPAL-ID</c> header.</param>
public sealed record ConsoleCredentials(string? SessionCookie, string? ClientPrincipal = null, string? ClientPrincipalId = null);

/// <summary>The answer for a request: the organiser, or why not; and a session cookie to set when a new one began.</summary>
public sealed record ConsoleAccess(ConsoleOrganiser? Organiser, ConsoleRefusal Refusal, ConsoleSession? Session, string? NewSessionCookie)
{
    public bool Allowed => Organiser is not null && Refusal == ConsoleRefusal.None;
}

/// <summary>
/// Sign-in, sessions and anti-forgery for the console, in plain terms (the HTTP side is <see cref="Web.ConsoleGate"/>).
/// Two ways in: the management key on the sign-in page (everywhere; the only way locally), or App Service
/// Authentication with Entra ID, trusted only when the platform says it is on.
/// </summary>
public sealed class ConsoleAuth(TokenService tokens, IOptions<ConsoleOptions> options, IOptions<SiteOptions> site, IConfiguration configuration, IWrongKeyDelay delay, TimeProvider time)
{
    public const string SessionPurpose = "console-session";
    public const string AntiForgeryPurpose = "console-csrf";
    public const string OrganiserRole = "Organiser";
    public const string KeyOrganiserName = "Organiser (key)";

    /// <summary>The platform's switch: "Read-only. Injected into a Windows or Linux app to indicate whether App Service authentication is enabled."</summary>
    public const string PlatformAuthSetting = "WEBSITE_AUTH_ENABLED";

    private const char Separator = ':';

    public ConsoleOptions Options => options.Value;

    /// <summary>
    /// Whether the <c>X-MS-CLIENT-PRINCIPAL*</c> headers may be believed. Trust them only when the platform's auth is on
    /// (WEBSITE_AUTH_ENABLED, "Read-only. Injected ... to indicate whether App Service authentication is enabled",
    /// https://learn.microsoft.com/azure/app-service/reference-app-settings): only then does the auth module front every
    /// request, and "External requests aren't allowed to set these headers, so they're present only if set by App Service"
    /// (https://learn.microsoft.com/azure/app-service/configure-authentication-user-identities). Anywhere else anyone can
    /// send them. Parsed as the Functions host parses it: bool.TryParse, so "True" or "true".
    /// </summary>
    public bool PlatformAuthEnabled => bool.TryParse(configuration[PlatformAuthSetting], out var enabled) && enabled;

    /// <summary>The cookie may go without <c>Secure</c> only to a site served from http://localhost or http://127.0.0.1.</summary>
    public bool SecureCookie =>
        !(Uri.TryCreate(site.Value.BaseUrl, UriKind.Absolute, out var baseUrl)
          && baseUrl.Scheme == Uri.UriSchemeHttp
          && (baseUrl.Host == "localhost" || baseUrl.Host == "127.0.0.1"));

    /// <summary>Who the request is, from its session cookie and (when trusted) the platform's principal.</summary>
    public ConsoleAccess Authenticate(ConsoleCredentials credentials)
    {
        var session = ReadSession(credentials.SessionCookie);
        if (session is { Kind: ConsoleSession.Key })
        {
            return new ConsoleAccess(new ConsoleOrganiser(KeyOrganiserName, false, session), ConsoleRefusal.None, session, null);
        }

        if (PlatformAuthEnabled && PlatformPrincipal.Parse(credentials.ClientPrincipal) is { } principal)
        {
            if (!principal.HasRole(OrganiserRole))
            {
                return new ConsoleAccess(null, ConsoleRefusal.NotAnOrganiser, session, null);
            }

            var principalId = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(credentials.ClientPrincipalId ?? principal.Id ?? principal.Name ?? ""));
            string? cookie = null;
            if (session is not { Kind: ConsoleSession.Platform } || session.PrincipalId != principalId)
            {
                (session, cookie) = NewSession(ConsoleSession.Platform, principalId);
            }
            return new ConsoleAccess(new ConsoleOrganiser(principal.Name ?? "Organiser", true, session), ConsoleRefusal.None, session, cookie);
        }

        return new ConsoleAccess(null, ConsoleRefusal.SignInNeeded, session, null);
    }

    /// <summary>The session the sign-in form is bound to: the request's own, or a new anonymous one (with its cookie to set).</summary>
    public (ConsoleSession Session, string? NewCookie) SignInSession(string? sessionCookie) =>
        ReadSession(sessionCookie) is { } session ? (session, null) : NewSession(ConsoleSession.Anonymous);

    /// <summary>
    /// Checks a key typed on the sign-in page. A right key starts a new key session (a new nonce: the pre-sign-in
    /// session's tokens stop working). A wrong one waits <see cref="ConsoleOptions.WrongKeyDelay"/> first, whatever the key.
    /// </summary>
    /// <returns>The new session and its cookie, or null for a wrong key.</returns>
    public async Task<(ConsoleSession Session, string Cookie)?> SignInAsync(string? key, CancellationToken cancellationToken)
    {
        if (IsManagementKey(key))
        {
            return NewSession(ConsoleSession.Key);
        }
        await delay.WaitAsync(Options.WrongKeyDelay, cancellationToken);
        return null;
    }

    /// <summary>The anti-forgery token for the session's forms; it lasts as long as the session and is the same on every page.</summary>
    public string AntiForgeryToken(ConsoleSession session) => tokens.Create(AntiForgeryPurpose, session.Nonce, session.ExpiresAt);

    /// <summary>
    /// Signed double-submit (OWASP CSRF cheat sheet, "Signed Double-Submit Cookie"): the form's token must be an HMAC
    /// over this session's random nonce, which only pages served to this browser's session carry.
    /// </summary>
    public bool IsAntiForgeryTokenValid(ConsoleSession? session, string? token) =>
        session is not null && tokens.Read(token, AntiForgeryPurpose) is { } nonce
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(session.Nonce));

    /// <summary>Constant-time, whatever the lengths: both sides are hashed first.</summary>
    private bool IsManagementKey(string? key)
    {
        var expected = Options.ManagementKey;
        if (string.IsNullOrEmpty(expected))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(key ?? "")),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    private (ConsoleSession Session, string Cookie) NewSession(string kind, string? principalId = null)
    {
        var session = new ConsoleSession(kind, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)), time.GetUtcNow().Add(Options.SessionLifetime), principalId);
        var expiry = session.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var subject = principalId is null
            ? string.Join(Separator, kind, session.Nonce, expiry)
            : string.Join(Separator, kind, session.Nonce, expiry, principalId);
        // Seconds, as the token keeps them: the session then reads back exactly as written.
        session = session with { ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(session.ExpiresAt.ToUnixTimeSeconds()) };
        return (session, tokens.Create(SessionPurpose, subject, session.ExpiresAt));
    }

    /// <returns>The session, or null when the cookie is missing, tampered with, expired or not a session.</returns>
    private ConsoleSession? ReadSession(string? cookie) =>
        tokens.Read(cookie, SessionPurpose)?.Split(Separator) switch
        {
            [var kind, var nonce, var expiry, .. var rest] when rest.Length <= 1
                && kind is ConsoleSession.Anonymous or ConsoleSession.Key or ConsoleSession.Platform
                && nonce.Length > 0
                && long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt) =>
                new ConsoleSession(kind, nonce, DateTimeOffset.FromUnixTimeSeconds(expiresAt), rest.Length == 1 ? rest[0] : null),
            _ => null,
        };
}
