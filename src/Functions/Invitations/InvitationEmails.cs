namespace GoodThings.Invitations;

/// <summary>The outbox messages about one invitation. Like a registration's, they hold no address: the composer reads the row.</summary>
public static class InvitationEmails
{
    public const string InvitationKind = "invitation";
    public const string ReminderKind = "invitation-reminder";

    public const string InviteeReference = "invitee";

    /// <summary>One invitation per address and event, however often the fan-out runs.</summary>
    public static OutboxMessage Invitation(InvitationRecord invitation) => Message(InvitationKind, invitation, "");

    /// <summary>One nudge per address and nudge number.</summary>
    public static OutboxMessage Reminder(InvitationRecord invitation, string round) => Message(ReminderKind, invitation, $":reminder:{round}");

    private static OutboxMessage Message(string kind, InvitationRecord invitation, string occasion) => new(
        kind,
        $"invitation:{invitation.EventId}:{invitation.Key}{occasion}",
        To: null,
        ToName: null,
        new Dictionary<string, string> { ["eventId"] = invitation.EventId, [InviteeReference] = invitation.Key });
}
