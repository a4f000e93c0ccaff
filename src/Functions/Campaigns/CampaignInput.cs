namespace GoodThings.Campaigns;

/// <summary>A campaign as posted, or as a draft reads before a merge patch is applied.</summary>
public sealed record CampaignInput(string? Subject, string? Preheader, string? Body, List<string?>? Topics, string? SendAt)
{
    public static CampaignInput From(CampaignContent c) =>
        new(c.Subject, c.Preheader, c.Body, [.. c.Topics], c.SendAt?.ToString("O", CultureInfo.InvariantCulture));
}

public sealed record SendInput(string? SendAt);

public sealed record TestSendInput(List<string?>? Emails);

public static class CampaignValidation
{
    public const int SubjectLength = 200;
    public const int PreheaderLength = 200;
    public const int BodyLength = 100_000;
    public const int TestAddresses = 10;

    /// <summary>A body of 100 000 characters, JSON-escaped, outgrows the usual 64 KiB request limit.</summary>
    public const int RequestBytes = 1024 * 1024;

    public static CampaignContent? Validate(CampaignInput input, Validator v)
    {
        var subject = v.Text("subject", input.Subject, SubjectLength, required: true);
        var preheader = v.Text("preheader", input.Preheader, PreheaderLength);
        var body = v.Text("body", input.Body, BodyLength, required: true, multiLine: true, allowMarkup: true);
        if (body?.Contains(CampaignCopies.PlaceholderPrefix, StringComparison.OrdinalIgnoreCase) == true)
        {
            v.Add("body", $"must not contain \"{CampaignCopies.PlaceholderPrefix}\", which the app uses for each person's details");
        }

        var topics = v.Topics("topics", input.Topics);
        var sendAt = v.Instant("sendAt", input.SendAt);
        return v.IsValid ? new CampaignContent(subject!, preheader, body!, topics, sendAt) : null;
    }

    /// <summary>Topics are the events' tags, which are what subscribers choose from; any other would reach nobody.</summary>
    public static void CheckTopics(IReadOnlyList<string> topics, IReadOnlySet<string> known, Validator v)
    {
        foreach (var unknown in topics.Where(topic => !known.Contains(topic)))
        {
            v.Add("topics", $"'{unknown}' is no event's tag, so no subscriber can follow it");
        }
    }

    public static List<string>? ValidateTestAddresses(TestSendInput input, Validator v)
    {
        if (input.Emails is not { Count: > 0 } emails)
        {
            v.Add("emails", "is required: one to ten addresses");
            return null;
        }

        if (emails.Count > TestAddresses)
        {
            v.Add("emails", $"must hold at most {TestAddresses} addresses");
            return null;
        }

        var valid = emails.Select((email, i) => v.Email($"emails[{i}]", email)).ToList();
        return v.IsValid ? [.. valid.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)] : null;
    }
}
