namespace GoodThings.Campaigns;

public enum CampaignStatus
{
    Draft,

    /// <summary>Waits for its <see cref="CampaignContent.SendAt"/>; the campaign timer starts it.</summary>
    Scheduled,

    /// <summary>Started: its audience is being taken, or its batches sent.</summary>
    Sending,
    Sent,
    Cancelled,
}

/// <summary>What an organiser writes: the same fields on create and in a merge patch of a draft.</summary>
public sealed record CampaignContent(string Subject, string? Preheader, string Body, IReadOnlyList<string> Topics, DateTimeOffset? SendAt);

/// <summary>A newsletter: its content, where it is in its life, and, once started, how its audience was split.</summary>
public sealed record CampaignRecord
{
    public required string Id { get; init; }

    public required CampaignContent Content { get; init; }

    public CampaignStatus Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>Set once the audience is taken and split into batches; until then a restart takes it again.</summary>
    public CampaignAudience? Audience { get; init; }
}

/// <param name="Recipients">How many people the campaign goes to.</param>
/// <param name="Batches">How many batches of at most <see cref="BulkEmail.MaxRecipients"/> they were split into.</param>
public sealed record CampaignAudience(int Recipients, int Batches);
