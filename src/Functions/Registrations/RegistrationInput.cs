
namespace GoodThings.Registrations;

/// <summary>What a person submits to register (already validated and trimmed).</summary>
/// <param name="Invitation">The token of the personal link in an invitation, when the person came through one.</param>
public sealed record RegistrationInput(string Name, string Email, string? Organisation, string? AccessibilityNeeds, bool Subscribe, string? Invitation = null);

/// <summary>How a registration request ended.</summary>
public abstract record RegisterOutcome
{
    private RegisterOutcome()
    {
    }

    /// <summary>A new registration: confirmed or waitlisted.</summary>
    public sealed record Created(EventRecord Event, RegistrationRecord Registration, int? WaitlistPosition) : RegisterOutcome;

    /// <summary>The address already holds an active registration for the event; nothing new was made.</summary>
    public sealed record Existing(EventRecord Event, RegistrationRecord Registration, int? WaitlistPosition) : RegisterOutcome;

    /// <summary>Unknown or draft event.</summary>
    public sealed record NotFound : RegisterOutcome;

    /// <summary>Closed, cancelled or over.</summary>
    public sealed record Closed : RegisterOutcome;

    /// <summary>An invite-only event without a valid invitation, or an invitation used by another address.</summary>
    public sealed record Forbidden(string Type, string Detail) : RegisterOutcome;
}
