namespace GoodThings.Templates.Emails;

/// <summary>
/// What every email model gives the shared layout. A model is a record in this folder, marked
/// <c>[Template("Name")]</c>, rendered by <c>Name.subject</c>, <c>Name.html</c> and <c>Name.text</c>.
/// </summary>
public interface IEmailModel
{
    /// <summary>The person's name as they gave it; null or blank greets them without one.</summary>
    string? RecipientName { get; }

    /// <summary>The footer line telling the person why this email reached them.</summary>
    string FooterReason { get; }

    /// <summary>A one-click unsubscribe link for newsletter mail; null for mail about a registration.</summary>
    string? UnsubscribeUrl { get; }
}
