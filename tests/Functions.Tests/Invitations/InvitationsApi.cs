namespace GoodThings.Invitations;

/// <summary>Test-side helpers over the invitation API and the invitations the fake SendGrid API received.</summary>
public static partial class InvitationsApi
{
    public static string Url(string eventId) => $"api/manage/events/{eventId}/invitations";

    public static Task<HttpResponseMessage> InviteAsync(FunctionsApp app, string eventId, IEnumerable<(string Name, string Email)> invitees, string? message = null) =>
        app.KeyedClient.PostAsJsonAsync(Url(eventId), new { invitees = invitees.Select(i => new { name = i.Name, email = i.Email }), message });

    public static Task<HttpResponseMessage> InviteCsvAsync(FunctionsApp app, string eventId, string csv, string? message = null) =>
        InviteCsvAsync(app, eventId, Encoding.UTF8.GetBytes(csv), message);

    public static Task<HttpResponseMessage> InviteCsvAsync(FunctionsApp app, string eventId, byte[] csv, string? message = null, string contentType = "text/csv") =>
        app.KeyedClient.PostAsync(Url(eventId) + (message is null ? "" : $"?message={Uri.EscapeDataString(message)}"), EventsApi.Raw(csv, contentType));

    /// <summary>A CSV file of invitees, as a spreadsheet would save it.</summary>
    public static string Csv(IEnumerable<(string Name, string Email)> invitees) =>
        "name,email\r\n" + string.Concat(invitees.Select(i => $"{i.Name},{i.Email}\r\n"));

    /// <summary>Invites and expects 200; returns the summary.</summary>
    public static async Task<JsonElement> InvitedAsync(FunctionsApp app, string eventId, IEnumerable<(string Name, string Email)> invitees, string? message = null)
    {
        var response = await InviteAsync(app, eventId, invitees, message);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"inviting answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> TrackingAsync(FunctionsApp app, string eventId) =>
        await app.KeyedClient.GetFromJsonAsync<JsonElement>(Url(eventId));

    /// <summary>One invitee's row of the tracking list.</summary>
    public static JsonElement Invitee(this JsonElement tracking, string email) =>
        tracking.GetProperty("invitees").EnumerateArray().Single(i => i.GetProperty("email").GetString() == email);

    public static bool IsInvitation(this SendGridCall call) => call.Kind() is InvitationEmails.InvitationKind or InvitationEmails.ReminderKind;

    /// <summary>The invitation token from an invitation's Accept link.</summary>
    public static string InvitationToken(this SendGridCall call) => Uri.UnescapeDataString(AcceptLink().Match(call.Text()).Groups[1].Value);

    /// <summary>The path and query of an invitation's Accept link.</summary>
    public static string AcceptPath(this SendGridCall call) => new Uri(AcceptLink().Match(call.Text()).Value).PathAndQuery;

    /// <summary>The path of an invitation's Decline link.</summary>
    public static string DeclinePath(this SendGridCall call) => new Uri(DeclineLink().Match(call.Text()).Value).AbsolutePath;

    /// <summary>Waits for the invitations to these addresses, then for the pipeline to settle, so any extra shows.</summary>
    public static async Task<IReadOnlyList<SendGridCall>> InvitationsToAsync(GoodThingsAppFixture fixture, IReadOnlyCollection<string> emails, string kind = InvitationEmails.InvitationKind)
    {
        bool Matches(SendGridCall c) => c.Kind() == kind && c.Recipients.Any(emails.Contains);
        await fixture.SendGrid.WaitForAcceptedAsync(emails.Count, TimeSpan.FromMinutes(3), where: Matches);
        await Settle.EmailsAsync(fixture.App);
        return [.. fixture.SendGrid.Accepted.Where(Matches)];
    }

    public static Task<HttpResponseMessage> AcceptAsync(FunctionsApp app, string slug, string token, string name, string email) =>
        app.Client.PostAsJsonAsync($"api/events/{slug}/registrations", new { name, email, invitation = token });

    [GeneratedRegex(@"https?://[^\s""<>]+/events/[a-z0-9-]+\?invitation=([A-Za-z0-9_%.-]+)(#register)?")]
    private static partial Regex AcceptLink();

    [GeneratedRegex(@"https?://[^\s""<>]+/invitations/[A-Za-z0-9_%.-]+/decline")]
    private static partial Regex DeclineLink();
}
