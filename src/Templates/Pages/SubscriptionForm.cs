namespace GoodThings.Templates.Pages;

/// <summary>
/// The newsletter form's values and errors: email, name and topics on the subscribe page, name and topics on the
/// preferences page. After an invalid POST, what the person typed and ticked, and one error per field to fix.
/// </summary>
public sealed record SubscriptionForm
{
    /// <summary>True on the subscribe page; the preferences page shows the address instead of asking for it.</summary>
    public bool AsksForEmail { get; init; }

    public string? Email { get; init; }

    public string? Name { get; init; }

    /// <summary>The topics offered as checkboxes, in the order shown; none offered leaves the question out.</summary>
    public IReadOnlyList<TopicChoice> Topics { get; init; } = [];

    /// <summary>Keyed by the form's field names (<see cref="SubscriptionFields"/>).</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public bool HasErrors => Errors.Count > 0;

    public bool HasTopics => Topics.Count > 0;

    /// <summary>The topics with their inputs' ids: the first is <c>topics</c>, so the error summary's link reaches it.</summary>
    public IReadOnlyList<TopicCheckbox> Checkboxes =>
        [.. Topics.Select((topic, i) => new TopicCheckbox(i == 0 ? SubscriptionFields.Topics : $"{SubscriptionFields.Topics}-{i + 1}", topic.Name, topic.Chosen))];

    /// <summary>The error summary: the first error of each field, in the order the fields appear.</summary>
    public IReadOnlyList<ErrorLink> Summary => FormErrors.Summary(Errors, [.. Fields()]);

    public string? EmailError => FormErrors.MessageFor(Errors, SubscriptionFields.Email);

    public string? NameError => FormErrors.MessageFor(Errors, SubscriptionFields.Name);

    public string? TopicsError => FormErrors.MessageFor(Errors, SubscriptionFields.Topics);

    private IEnumerable<string> Fields()
    {
        if (AsksForEmail)
        {
            yield return SubscriptionFields.Email;
        }

        yield return SubscriptionFields.Name;
        if (HasTopics)
        {
            yield return SubscriptionFields.Topics;
        }
    }
}

/// <summary>A topic (an event tag) someone can follow, ticked when they chose it.</summary>
public sealed record TopicChoice(string Name, bool Chosen);

/// <summary>A <see cref="TopicChoice"/> as a checkbox: <c>id</c> for its label, <c>name="topics"</c>, the topic as its value.</summary>
public sealed record TopicCheckbox(string Id, string Name, bool Chosen);

/// <summary>The newsletter forms' field names, which are also the ids of their inputs.</summary>
public static class SubscriptionFields
{
    public const string Email = "email";
    public const string Name = "name";

    /// <summary>One checkbox per topic, each posting its topic under this name.</summary>
    public const string Topics = "topics";

    /// <summary>The honeypot: hidden from people, so anything in it came from a bot.</summary>
    public const string Honeypot = "website";
}
