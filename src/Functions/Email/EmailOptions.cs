using System.ComponentModel.DataAnnotations;

namespace GoodThings.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string FromName { get; set; } = "How to make good things happen";

    [Required(ErrorMessage = "Setting Email:From (env Email__From) is required: the sender address, on a domain authenticated in SendGrid.")]
    [EmailAddress(ErrorMessage = "Setting Email:From must be an email address.")]
    public string From { get; set; } = "";

    [EmailAddress(ErrorMessage = "Setting Email:ReplyTo must be an email address.")]
    public string? ReplyTo { get; set; }

    /// <summary>Where emails are written as .eml files when no SendGrid key is set.</summary>
    public string PickupDirectory { get; set; } = Path.Combine(".local", "outbox");

    public static readonly TimeSpan DefaultClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a claimed delivery keeps other attempts away. Longer than one attempt can take (function timeout
    /// 5 min), so only a claim whose holder died is taken over; a drill that kills processes sets seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807", ParseLimitsInInvariantCulture = true,
        ErrorMessage = "Setting Email:ClaimLease (env Email__ClaimLease) must be a positive time span, such as 00:05:00.")]
    public TimeSpan ClaimLease { get; set; } = DefaultClaimLease;
}

public sealed class SendGridOptions : IValidatableObject
{
    public const string Section = "SendGrid";

    /// <summary>When empty, emails go to <see cref="EmailOptions.PickupDirectory"/> instead of SendGrid.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Overrides the API address (tests point it at a fake SendGrid on loopback).</summary>
    [Url(ErrorMessage = "Setting SendGrid:Host must be an absolute URL.")]
    public string? Host { get; set; }

    /// <summary>
    /// Base64 ECDSA public key that signs SendGrid's Event Webhook (the "verification key" SendGrid shows). Without it
    /// the webhook refuses every batch.
    /// </summary>
    public string? WebhookPublicKey { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ApiKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(WebhookPublicKey) && DeliveryEvents.ParseKey(WebhookPublicKey) is null)
        {
            yield return new ValidationResult(
                "Setting SendGrid:WebhookPublicKey (env SendGrid__WebhookPublicKey) must be the base64 public key SendGrid shows for the signed Event Webhook.",
                [nameof(WebhookPublicKey)]);
        }
    }
}
