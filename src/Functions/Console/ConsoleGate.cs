using GoodThings.OrganiserConsole;

namespace GoodThings.Web;

/// <summary>A console request let in: the organiser, and (for a POST) the form it sent.</summary>
public sealed record ConsoleEntry(ConsoleOrganiser Organiser, ConsoleHeader Header, IReadOnlyDictionary<string, StringValues> Form);

/// <summary>Either the way in or the answer to send instead.</summary>
public sealed record ConsoleGateResult(ConsoleEntry? Entry, IActionResult? Refusal);

/// <summary>
/// The console's HTTP side of <see cref="ConsoleAuth"/>. Each console page function makes one call, <see cref="EnterAsync"/>,
/// and gets either the signed-in organiser or the refusal to return: a GET without a session goes to the sign-in page
/// (with a local returnUrl), a POST without one is 401, a POST without its anti-forgery token is 403, and a platform
/// principal without the Organiser role is 403. Nothing is read from a refused POST's form beyond its token.
/// </summary>
public sealed class ConsoleGate(ConsoleAuth auth)
{
    public const string SessionCookie = "gt-console";
    public const string AntiForgeryField = "csrf";
    public const string ClientPrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    public const string ClientPrincipalIdHeader = "X-MS-CLIENT-PRINCIPAL-ID";

    public async Task<ConsoleGateResult> EnterAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var access = auth.Authenticate(Credentials(request));
        var isPost = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
        if (!access.Allowed)
        {
            return new ConsoleGateResult(null, access.Refusal switch
            {
                ConsoleRefusal.NotAnOrganiser => Refuse(StatusCodes.Status403Forbidden, "You are not an organiser",
                    "You are signed in, but your account does not hold the Organiser role. Ask an organiser to give it to you.", "/", "Go to the public site"),
                _ when isPost => Refuse(StatusCodes.Status401Unauthorized, "Sign in to continue",
                    "You are not signed in, or your session has ended, so nothing was changed.", ConsoleRoutes.SignInPath, "Sign in"),
                _ => new SeeOther(ConsoleRoutes.SignInFor(ReturnUrl(request))),
            });
        }

        var organiser = access.Organiser!;
        IReadOnlyDictionary<string, StringValues> form = new Dictionary<string, StringValues>();
        if (isPost)
        {
            // A platform session that began on this very request has no token yet; it is refused like any other.
            var posted = await HtmlForms.ReadAsync(request, cancellationToken);
            if (posted is null || access.NewSessionCookie is not null || !auth.IsAntiForgeryTokenValid(organiser.Session, posted.Field(AntiForgeryField)))
            {
                return new ConsoleGateResult(null, Forged());
            }
            form = posted;
        }

        if (access.NewSessionCookie is { } cookie)
        {
            SetSession(request.HttpContext.Response, cookie, organiser.Session.ExpiresAt);
        }
        return new ConsoleGateResult(new ConsoleEntry(organiser, new ConsoleHeader(organiser.Name, auth.AntiForgeryToken(organiser.Session)), form), null);
    }

    public static ConsoleCredentials Credentials(HttpRequest request) => new(
        request.Cookies[SessionCookie],
        request.Headers[ClientPrincipalHeader].ToString() is { Length: > 0 } principal ? principal : null,
        request.Headers[ClientPrincipalIdHeader].ToString() is { Length: > 0 } id ? id : null);

    /// <summary>403, nothing changed: the form did not carry this session's anti-forgery token.</summary>
    public static IActionResult Forged() => Refuse(StatusCodes.Status403Forbidden, "This form has expired",
        "The form was not sent from this console session, so nothing was changed. Go back, reload the page and try again.", ConsoleRoutes.Root, "Go to the console");

    /// <summary>Sets the session cookie: HttpOnly, SameSite=Strict, Path=/console, Secure except on http://localhost.</summary>
    public void SetSession(HttpResponse response, string value, DateTimeOffset expiresAt) =>
        response.Cookies.Append(SessionCookie, value, CookieOptions(expiresAt));

    public void ClearSession(HttpResponse response) =>
        response.Cookies.Delete(SessionCookie, CookieOptions(DateTimeOffset.UnixEpoch));

    private CookieOptions CookieOptions(DateTimeOffset expiresAt) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = ConsoleRoutes.Root,
        Secure = auth.SecureCookie,
        Expires = expiresAt,
        IsEssential = true,
    };

    /// <summary>The path and query asked for, so sign-in can come back to it.</summary>
    private static string ReturnUrl(HttpRequest request) =>
        ConsoleRoutes.LocalPath(request.Path.Value + request.QueryString.Value) ?? ConsoleRoutes.Root;

    private static HtmlPage Refuse(int status, string title, string message, string linkPath, string linkText) =>
        new(new ConsoleMessagePage(title, message, linkPath, linkText), status, personal: true);
}

/// <summary>The HTTP answer to a console page operation: every console page is personal, so none is stored by a cache.</summary>
public static class ConsoleAnswers
{
    public static IActionResult ToActionResult(this ConsoleAnswer answer) => answer switch
    {
        ConsoleAnswer.Page page => new HtmlPage(page.Model, page.Status, personal: true),
        ConsoleAnswer.Redirect redirect => new SeeOther(redirect.Path),
        _ => HtmlPage.NotFound(),
    };
}
