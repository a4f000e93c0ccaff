namespace GoodThings.Email;

/// <summary>
/// One logical email to send: what kind, the references its composer loads the content from, and the idempotency
/// key that names it (e.g. <c>registration:{id}:confirmation:1</c>). Sending the same key twice delivers once.
/// <see cref="To"/> is only for composers that have nowhere else to read the address from; messages about a
/// registration leave it out, so no queue holds a registrant's details.
/// </summary>
public sealed record OutboxMessage(
    string Kind,
    string IdempotencyKey,
    string? To,
    string? ToName,
    IReadOnlyDictionary<string, string> References)
{
    /// <summary>
    /// The W3C <c>traceparent</c> of the operation that asked for this email (the registration's HTTP request, a timer
    /// run), so its send joins that trace across the queue. Taken when the message is made; a message read back
    /// without one (queued before it existed) takes the reader's own, where its send would hang anyway.
    /// </summary>
    public string? TraceParent { get; init; } = Telemetry.AppTelemetry.CurrentTraceParent();

    public string Reference(string name) =>
        References.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"Outbox message {IdempotencyKey} ({Kind}) has no '{name}' reference.");
}

/// <summary>A rendered email, ready for a sender.</summary>
public sealed record OutgoingEmail(
    string To,
    string? ToName,
    string Subject,
    string Html,
    string Text)
{
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    /// <summary>Extra headers, such as <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A newsletter or announcement: not sent to an address under any suppression, where transactional email (a
    /// confirmation, a reminder) is stopped only by a bounce or spam report.
    /// </summary>
    public bool IsNewsletter { get; init; }

    /// <summary>Values SendGrid echoes in its event webhook (idempotency key, campaign id).</summary>
    public IReadOnlyDictionary<string, string> Tracking { get; init; } = new Dictionary<string, string>();
}

/// <param name="ContentType">Full type with parameters, e.g. <c>text/calendar; method=REQUEST; charset=utf-8</c>.</param>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content)
{
    /// <summary>
    /// Set for an inline image: the HTML shows it as <c>&lt;img src="cid:{ContentId}"&gt;</c>, and it goes with
    /// disposition <c>inline</c> (a MIME <c>multipart/related</c> part) rather than as a file to download.
    /// </summary>
    public string? ContentId { get; init; }

    public bool IsInline => ContentId is not null;

    public static EmailAttachment Inline(string fileName, string contentType, byte[] content, string contentId) =>
        new(fileName, contentType, content) { ContentId = contentId };
}
