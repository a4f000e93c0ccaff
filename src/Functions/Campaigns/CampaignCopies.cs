namespace GoodThings.Campaigns;

/// <summary>
/// Renders a campaign once per batch with placeholders where each person's copy differs (the greeting's name, the
/// token in their unsubscribe and preferences links); SendGrid, or the pickup directory, fills them per recipient.
/// </summary>
public sealed class CampaignCopies(TemplateRenderer renderer, SubscriptionService subscriptions, IOptions<SiteOptions> site, IOptions<EmailOptions> email)
{
    // Letters, digits and hyphens only, so neither HTML escaping nor a URL changes them; an organiser's body cannot
    // hold them (see CampaignValidation), so only the renderer's own output is ever substituted.
    internal const string PlaceholderPrefix = "gt-placeholder-";
    private const string NameInHtml = PlaceholderPrefix + "name-html";
    private const string NameInText = PlaceholderPrefix + "name-text";
    private const string Token = PlaceholderPrefix + "token";

    /// <summary>Greets people who gave no name; a placeholder cannot change the sentence around it.</summary>
    internal const string NoName = "there";

    public BulkEmail Compose(CampaignRecord campaign, int batch, IReadOnlyList<CampaignRecipient> recipients)
    {
        var html = renderer.RenderEmail(Copy(campaign, NameInHtml, site.Value.Link($"unsubscribe?token={Token}"), site.Value.Link($"preferences?token={Token}")));
        var text = renderer.RenderEmail(Copy(campaign, NameInText, site.Value.Link($"unsubscribe?token={Token}"), site.Value.Link($"preferences?token={Token}")));
        return new BulkEmail(html.Subject, html.Html, text.Text, [.. recipients.Select((recipient, n) => Personalise(campaign, batch, n, recipient))])
        {
            Tracking = new Dictionary<string, string>(StringComparer.Ordinal) { [DeliveryTallies.CampaignArg] = campaign.Id },
        };
    }

    /// <summary>
    /// A "[Test]" copy for an organiser: no greeting name, and links to the public subscription page. Not a newsletter to
    /// the suppression list: asked for by name, it stops only for an address that bounced or complained.
    /// </summary>
    public OutgoingEmail TestCopy(CampaignRecord campaign, string to)
    {
        var subscribe = site.Value.Link("subscribe");
        var rendered = renderer.RenderEmail(Copy(campaign, null, subscribe, subscribe) with { IsTest = true });
        // No campaign id: a test copy's delivery events must not count towards the campaign.
        return new OutgoingEmail(to, null, rendered.Subject, rendered.Html, rendered.Text);
    }

    private static Emails.Newsletter Copy(CampaignRecord campaign, string? name, string unsubscribeUrl, string preferencesUrl) =>
        new(name, campaign.Content.Subject, campaign.Content.Preheader, campaign.Content.Body, unsubscribeUrl, preferencesUrl);

    private BulkRecipient Personalise(CampaignRecord campaign, int batch, int n, CampaignRecipient recipient)
    {
        var token = subscriptions.ManageToken(recipient.Key);
        var name = string.IsNullOrWhiteSpace(recipient.Name) ? NoName : recipient.Name.Trim();
        return new BulkRecipient(
            recipient.Email,
            recipient.Name,
            $"campaign:{campaign.Id}:{batch}:{n}",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [NameInHtml] = TemplateRenderer.AsHtml(name),
                [NameInText] = TemplateRenderer.AsText(name),
                [Token] = token,
            },
            SubscriptionEmails.UnsubscribeHeaders(site.Value, email.Value, token, campaign.Id));
    }
}
