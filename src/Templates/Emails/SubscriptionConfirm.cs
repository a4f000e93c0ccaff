using GoodThings.Templates.Formatting;

namespace GoodThings.Templates.Emails;

/// <summary>Double opt-in: asks the person to confirm they want our updates.</summary>
/// <param name="ValidFor">How long the confirm link works; the product promises 7 days.</param>
[Template("SubscriptionConfirm")]
public sealed record SubscriptionConfirm(string? RecipientName, string ConfirmUrl, TimeSpan ValidFor) : IEmailModel
{
    public SubscriptionConfirm(string? recipientName, string confirmUrl) : this(recipientName, confirmUrl, TimeSpan.FromDays(7))
    {
    }

    /// <summary>"7 days".</summary>
    public string LinkLasts => Durations.Describe(ValidFor);

    public string FooterReason => FooterReasons.AskedToSubscribe;

    public string? UnsubscribeUrl => null;
}
