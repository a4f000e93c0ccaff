
namespace GoodThings.Events;

/// <summary>A change to tell many registrants about, expanded into one outbox message each by <see cref="EventFanOutFunction"/>.</summary>
/// <param name="Kind">One of the <see cref="EventFanOut"/> kinds.</param>
/// <param name="Audience">For organiser messages: all, confirmed, waitlisted, attended or noShows.</param>
/// <param name="Changes">For updates: what changed (time, place, link), comma-separated.</param>
/// <param name="Batch">For invitations: the part of an invite request to email; for their nudges, the nudge's number.</param>
public sealed record FanOutRequest(string Kind, string EventId, int Sequence, string? MessageId = null, string? Audience = null, string? Changes = null, string? Batch = null);

public sealed class EventFanOut(EventStore store, Outbox outbox)
{
    public const string QueueName = "fanout";

    public const string Updated = "event-updated";
    public const string Cancelled = "event-cancelled";
    public const string OrganiserMessage = "organiser-message";
    public const string Invitations = "invitations";
    public const string InvitationReminders = "invitation-reminders";

    public static readonly string[] Audiences = ["all", "confirmed", "waitlisted", "attended", "noShows"];

    /// <summary>Who an organiser's message reaches. Cancelled registrations never hear anything.</summary>
    public static bool InAudience(RegistrationRecord r, string audience) => audience switch
    {
        "confirmed" => r.Status == RegistrationStatus.Confirmed,
        "waitlisted" => r.Status == RegistrationStatus.Waitlisted,
        "attended" => r.Status == RegistrationStatus.Confirmed && r.CheckedInAt is not null,
        "noShows" => r.Status == RegistrationStatus.Confirmed && r.CheckedInAt is null,
        _ => r.Status != RegistrationStatus.Cancelled,
    };

    /// <summary>One outbox message per recipient. Keys name (change, person), so running this twice sends nothing twice.</summary>
    public async Task ExpandAsync(FanOutRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind is Invitations or InvitationReminders)
        {
            await outbox.EnqueueAsync(await InvitationMessagesAsync(request, cancellationToken), cancellationToken);
            return;
        }

        var registrations = await store.ListRegistrationsAsync(request.EventId, cancellationToken);
        var (occasion, audience) = request.Kind switch
        {
            Updated => ($"update:{request.Sequence}", "all"),
            Cancelled => ("cancelled", "all"),
            OrganiserMessage => ($"message:{request.MessageId}", request.Audience ?? "all"),
            _ => throw new InvalidOperationException($"Unknown fan-out kind '{request.Kind}'."),
        };

        var messages = registrations
            .Where(r => InAudience(r, audience))
            .Select(r =>
            {
                var message = RegistrationEmails.Message(request.Kind, r, $"event:{occasion}");
                var references = new Dictionary<string, string>(message.References, StringComparer.Ordinal) { ["sequence"] = request.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                if (request.MessageId is { } messageId)
                {
                    references["messageId"] = messageId;
                }

                if (request.Changes is { } changes)
                {
                    references["changes"] = changes;
                }

                return message with { References = references };
            });
        await outbox.EnqueueAsync(messages, cancellationToken);
    }

    /// <summary>An invite request's part: each invitation it wrote; a nudge: everyone who has not answered yet.</summary>
    private async Task<IEnumerable<OutboxMessage>> InvitationMessagesAsync(FanOutRequest request, CancellationToken cancellationToken)
    {
        var invitations = await store.ListInvitationsAsync(request.EventId, cancellationToken);
        var batch = request.Batch ?? throw new InvalidOperationException($"A {request.Kind} fan-out for event {request.EventId} names no batch.");
        return request.Kind == Invitations
            ? invitations.Where(i => i.Batch == batch).Select(InvitationEmails.Invitation)
            : invitations.Where(i => i.Status == InvitationStatus.Pending).Select(i => InvitationEmails.Reminder(i, batch));
    }
}
