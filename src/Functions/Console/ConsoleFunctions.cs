namespace GoodThings.OrganiserConsole;

/// <summary>The console's sign-in, sign-out and dashboard. Pages built on it call <see cref="ConsoleGate.EnterAsync"/> first.</summary>
public sealed class ConsoleFunctions(ConsoleGate gate, ConsoleAuth auth, ConsoleDashboard dashboard)
{
    private const string PlatformSignIn = "/.auth/login/aad?post_login_redirect_uri=%2Fconsole";
    private const string PlatformSignOut = "/.auth/logout?post_logout_redirect_uri=%2F";

    [Function("ConsoleDashboard")]
    public async Task<IActionResult> Dashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsoleRoutes.Dashboard)] HttpRequest request, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        return refusal ?? new HtmlPage(await dashboard.PageAsync(entry!.Header, cancellationToken), personal: true);
    }

    [Function("ConsoleSignInPage")]
    public IActionResult SignInPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsoleRoutes.SignIn)] HttpRequest request)
    {
        var existing = request.Cookies[ConsoleGate.SessionCookie];
        var (session, cookie) = auth.SignInSession(existing);
        // Set every time, a kept session unchanged: so HEAD and GET answer alike whether the browser had one or not.
        gate.SetSession(request.HttpContext.Response, cookie ?? existing!, session.ExpiresAt);
        return SignInForm(session, request.Query["returnUrl"].ToString(), wrongKey: false);
    }

    [Function("ConsoleSignIn")]
    public async Task<IActionResult> SignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsoleRoutes.SignIn)] HttpRequest request, CancellationToken cancellationToken)
    {
        // Login CSRF: the form must come from a sign-in page this browser was given.
        var form = await HtmlForms.ReadAsync(request, cancellationToken);
        var session = auth.Authenticate(ConsoleGate.Credentials(request)).Session;
        if (form is null || !auth.IsAntiForgeryTokenValid(session, form.Field(ConsoleGate.AntiForgeryField)))
        {
            return ConsoleGate.Forged();
        }

        var returnUrl = form.Field("returnUrl");
        if (await auth.SignInAsync(form.Field("key"), cancellationToken) is not var (signedIn, cookie))
        {
            return SignInForm(session!, returnUrl, wrongKey: true);
        }

        gate.SetSession(request.HttpContext.Response, cookie, signedIn.ExpiresAt);
        return new SeeOther(ConsoleRoutes.LocalPath(returnUrl) ?? ConsoleRoutes.Root);
    }

    [Function("ConsoleSignOut")]
    public async Task<IActionResult> SignOut(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsoleRoutes.SignOut)] HttpRequest request, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        gate.ClearSession(request.HttpContext.Response);
        return new SeeOther(entry!.Organiser.ThroughPlatform ? PlatformSignOut : ConsoleRoutes.SignInPath);
    }

    private HtmlPage SignInForm(ConsoleSession session, string? returnUrl, bool wrongKey) => new(
        new ConsoleSignInPage(auth.AntiForgeryToken(session), ConsoleRoutes.LocalPath(returnUrl) ?? ConsoleRoutes.Root, wrongKey, auth.PlatformAuthEnabled ? PlatformSignIn : null),
        wrongKey ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK,
        personal: true);
}
