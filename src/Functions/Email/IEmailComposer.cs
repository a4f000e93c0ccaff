namespace GoodThings.Email;

/// <summary>Turns one kind of outbox message into an email, loading what it needs at send time.</summary>
public interface IEmailComposer
{
    /// <summary>The outbox message kinds this composer renders.</summary>
    IReadOnlyCollection<string> Kinds { get; }

    /// <returns>The email, or null when there is no longer anything to send (say, the registration was since erased).</returns>
    Task<OutgoingEmail?> ComposeAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>Delivers a rendered email: SendGrid in Azure, a pickup directory locally.</summary>
public interface IEmailSender
{
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);

    /// <summary>Delivers one copy to each recipient: one SendGrid call, or one file per recipient.</summary>
    Task SendBulkAsync(BulkEmail email, CancellationToken cancellationToken);
}
