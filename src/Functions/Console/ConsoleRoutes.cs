namespace GoodThings.OrganiserConsole;

// The folder is Console; the namespace is not, since a GoodThings.Console namespace would hide System.Console from
// every GoodThings.* namespace (the local runner prints its banner with it).

/// <summary>The console's routes and paths: function routes (no leading slash) and the paths pages link to.</summary>
public static class ConsoleRoutes
{
    /// <summary>Every console page lives under this path; the session cookie is scoped to it.</summary>
    public const string Root = "/console";

    public const string Dashboard = "console";
    public const string SignIn = "console/sign-in";
    public const string SignOut = "console/sign-out";

    /// <summary>The page a check-in QR code opens (see <c>CheckInLinks</c>); its button posts back to the same path.</summary>
    public const string CheckIn = "console/check-in/{token}";

    // The event pages: the form (new and edit), the hub, publishing and cancelling.
    public const string NewEvent = "console/events/new";
    public const string Event = "console/events/{id}";
    public const string EditEvent = "console/events/{id}/edit";
    public const string PublishEvent = "console/events/{id}/publish";
    public const string CancelEvent = "console/events/{id}/cancel";

    public const string SignInPath = "/" + SignIn;
    public const string SignOutPath = "/" + SignOut;

    /// <summary>An event's console page (built by later console work).</summary>
    public static string EventPath(string id) => $"{Root}/events/{Uri.EscapeDataString(id)}";

    public static string CheckInPath(string token) => $"{Root}/check-in/{Uri.EscapeDataString(token)}";

    public const string NewEventPath = Root + "/events/new";

    /// <summary>The sign-in page that brings the organiser back to <paramref name="returnUrl"/> (a local path).</summary>
    public static string SignInFor(string returnUrl) => $"{SignInPath}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>
    /// <paramref name="returnUrl"/> when it is a path on this site, else null: it must start with one <c>/</c>, and
    /// neither <c>//</c> nor <c>/\</c> (browsers read both as another host), nor hold a backslash, control character or space.
    /// </summary>
    public static string? LocalPath(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2048 }
        && returnUrl[0] == '/'
        && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
        && !returnUrl.Any(c => c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
        && Uri.TryCreate(returnUrl, UriKind.Relative, out _)
            ? returnUrl
            : null;

    // The audit log and the newsletter.

    public const string Audit = "console/audit";
    public const string EventAudit = "console/events/{id}/audit";
    public const string Newsletter = "console/newsletter";
    public const string NewCampaign = "console/newsletter/campaigns/new";
    public const string Campaign = "console/newsletter/campaigns/{id}";
    public const string CampaignPreview = "console/newsletter/campaigns/{id}/preview";
    public const string CampaignEdit = "console/newsletter/campaigns/{id}/edit";
    public const string CampaignTest = "console/newsletter/campaigns/{id}/test";
    public const string CampaignSchedule = "console/newsletter/campaigns/{id}/schedule";
    public const string CampaignCancel = "console/newsletter/campaigns/{id}/cancel";

    public const string AuditPath = "/" + Audit;
    public const string NewsletterPath = "/" + Newsletter;
    public const string NewCampaignPath = "/" + NewCampaign;

    public static string EventAuditPath(string id) => $"{EventPath(id)}/audit";

    public static string CampaignPath(string id) => $"{NewsletterPath}/campaigns/{Uri.EscapeDataString(id)}";
}
