namespace GoodThings.Campaigns;

/// <param name="Sent">Recipients whose batch SendGrid accepted.</param>
/// <param name="Failed">Recipients whose batch was refused or given up on.</param>
/// <param name="Delivered">From SendGrid's delivery events, each event counted once.</param>
public sealed record CampaignCounts(
    int Recipients, int Sent, int Failed,
    int Delivered, int Opened, int Clicked, int Bounced, int Unsubscribed);

public sealed record CampaignResponse(
    string Id, string Status,
    string Subject, string? Preheader, string Body, IReadOnlyList<string> Topics,
    DateTime? SendAt, DateTime CreatedAt, DateTime UpdatedAt, DateTime? StartedAt, DateTime? FinishedAt, DateTime? CancelledAt,
    CampaignCounts Counts);

/// <summary>A campaign in the list: what it is and where it stands, without its body.</summary>
public sealed record CampaignSummary(
    string Id, string Status, string Subject, IReadOnlyList<string> Topics,
    DateTime? SendAt, DateTime CreatedAt, DateTime? FinishedAt, int? Recipients);

public sealed record TestSendResponse(IReadOnlyList<string> Emails);

public static class CampaignJson
{
    public static CampaignResponse Of(CampaignRecord c, CampaignCounts counts) => new(
        c.Id, EventJson.Camel(c.Status),
        c.Content.Subject, c.Content.Preheader, c.Content.Body, c.Content.Topics,
        c.Content.SendAt?.UtcDateTime, c.CreatedAt.UtcDateTime, c.UpdatedAt.UtcDateTime, c.StartedAt?.UtcDateTime, c.FinishedAt?.UtcDateTime, c.CancelledAt?.UtcDateTime,
        counts);

    /// <summary>A campaign just written: nothing sent yet, so only its audience (if taken) counts.</summary>
    public static CampaignResponse Of(CampaignRecord c) => Of(c, new CampaignCounts(c.Audience?.Recipients ?? 0, 0, 0, 0, 0, 0, 0, 0));

    public static CampaignSummary Summary(CampaignRecord c) => new(
        c.Id, EventJson.Camel(c.Status), c.Content.Subject, c.Content.Topics,
        c.Content.SendAt?.UtcDateTime, c.CreatedAt.UtcDateTime, c.FinishedAt?.UtcDateTime, c.Audience?.Recipients);
}
