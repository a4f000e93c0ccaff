namespace GoodThings.Email;

/// <summary>
/// One email to many people in one call: shared content in which each recipient's <see cref="BulkRecipient.Substitutions"/>
/// replace their placeholders (SendGrid personalizations, at most <see cref="MaxRecipients"/> of them per call).
/// </summary>
public sealed record BulkEmail(string Subject, string Html, string Text, IReadOnlyList<BulkRecipient> Recipients)
{
    /// <summary>SendGrid takes at most 1 000 personalizations in one request.</summary>
    public const int MaxRecipients = 1000;

    /// <summary>Values SendGrid echoes in its event webhook for every recipient (campaign id).</summary>
    public IReadOnlyDictionary<string, string> Tracking { get; init; } = new Dictionary<string, string>();

    /// <summary>The recipient's own copy, as <see cref="IEmailSender"/> sends single emails.</summary>
    public OutgoingEmail CopyFor(BulkRecipient recipient) => new(
        recipient.To, recipient.ToName, Substitute(Subject, recipient), Substitute(Html, recipient), Substitute(Text, recipient))
    {
        Headers = recipient.Headers,
        Tracking = new Dictionary<string, string>(Tracking, StringComparer.Ordinal) { [EmailDispatcher.IdempotencyKeyTracking] = recipient.IdempotencyKey },
    };

    private static string Substitute(string content, BulkRecipient recipient)
    {
        var builder = new StringBuilder(content);
        foreach (var (placeholder, value) in recipient.Substitutions)
        {
            builder.Replace(placeholder, value);
        }

        return builder.ToString();
    }
}

/// <param name="IdempotencyKey">Names this recipient's copy, e.g. <c>campaign:{id}:{batch}:{n}</c>; the pickup directory writes it once.</param>
/// <param name="Substitutions">Placeholder → this recipient's value, already escaped for where the placeholder stands.</param>
/// <param name="Headers">This recipient's own headers, such as their <c>List-Unsubscribe</c>.</param>
public sealed record BulkRecipient(
    string To,
    string? ToName,
    string IdempotencyKey,
    IReadOnlyDictionary<string, string> Substitutions,
    IReadOnlyDictionary<string, string> Headers);
