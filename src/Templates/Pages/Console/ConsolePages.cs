namespace GoodThings.Templates.Pages;

// The organiser console's pages: the public pages' layout, stylesheet and rules, under /console. Their models share
// the Pages namespace (a namespace named Console would hide System.Console from the code around it).

/// <summary>What every signed-in console page shows first: who is signed in, and the sign-out form.</summary>
/// <param name="OrganiserName">"Ada Lovelace" from the platform's sign-in, or "Organiser (key)" for the management key.</param>
/// <param name="AntiForgeryToken">The session's anti-forgery token, posted back by every console form.</param>
public sealed record ConsoleHeader(string OrganiserName, string AntiForgeryToken);

/// <summary>
/// <c>GET /console/sign-in</c>: the management key form. After a wrong key it is shown again with <see cref="WrongKey"/>,
/// the same for every wrong key (nothing typed is echoed).
/// </summary>
/// <param name="AntiForgeryToken">Binds the form to the browser's pre-sign-in session, so no other site can sign it in.</param>
/// <param name="ReturnPath">The local path to go to after signing in, already checked to be local.</param>
/// <param name="PlatformSignIn">The platform's sign-in path (<c>/.auth/login/aad?…</c>) when it is on; null otherwise.</param>
[Template("Console/SignIn")]
public sealed record ConsoleSignInPage(string AntiForgeryToken, string ReturnPath, bool WrongKey = false, string? PlatformSignIn = null) : IPageModel
{
    public string Title => WrongKey ? "Error: Sign in to the console" : "Sign in to the console";
}

/// <summary>One event on the dashboard, drafts included, with its counts and a link to its console page.</summary>
/// <param name="Path">The event's console page: <c>/console/events/{id}</c>.</param>
/// <param name="When">"Tuesday 3 March 2026, 6:30pm to 8pm (London time, UTC)".</param>
/// <param name="Status">"Draft", "Published" or "Cancelled".</param>
public sealed record ConsoleEventRow(string Title, string Path, string When, string Status, int Confirmed, int Waitlisted, int Attended);

/// <summary><c>GET /console</c>: upcoming events (soonest first) and recent ones (latest first), and a link to create one.</summary>
[Template("Console/Dashboard")]
public sealed record ConsoleDashboardPage(ConsoleHeader Header, IReadOnlyList<ConsoleEventRow> Upcoming, IReadOnlyList<ConsoleEventRow> Recent) : IPageModel
{
    public string Title => "Console";
}

/// <summary>A console answer that is one sentence: "Sign in again", "You are not an organiser".</summary>
[Template("Console/Message")]
public sealed record ConsoleMessagePage(string Title, string Message, string LinkPath, string LinkText) : IPageModel;

/// <summary>
/// <c>GET /console/check-in/{token}</c>: the page a check-in QR code opens on an organiser's phone. One button checks
/// the person in, or undoes it; only a confirmed registration has it.
/// </summary>
/// <param name="Status">"Confirmed", "Waitlisted" or "Cancelled".</param>
/// <param name="CheckedInAt">"Tuesday 3 March 2026, 6:42pm (London time, UTC)", when checked in; null otherwise.</param>
/// <param name="FormPath">This page's own path, which the button posts to.</param>
[Template("Console/CheckIn")]
public sealed record ConsoleCheckInPage(
    ConsoleHeader Header, string Name, string EventTitle, string EventWhen, string Status, bool CanCheckIn, string? CheckedInAt, string FormPath) : IPageModel
{
    public string Title => CheckedInAt is null ? $"Check in {Name}" : $"{Name} is checked in";
}
