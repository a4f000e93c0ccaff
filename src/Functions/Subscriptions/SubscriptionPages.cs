
namespace GoodThings.Subscriptions;

/// <summary>Maps subscribers and the newsletter forms' posts onto the subscription pages' models.</summary>
public static class SubscriptionPages
{
    private static readonly FormWording Wording = new(
        new Dictionary<string, string> { [SubscriptionFields.Email] = "Email address", [SubscriptionFields.Name] = "Name", [SubscriptionFields.Topics] = "Each topic" },
        new Dictionary<(string, string), string> { [(SubscriptionFields.Topics, "must hold at most 20 topics")] = "Choose at most 20 topics" });

    /// <summary>The tags of upcoming events: the topics people are offered.</summary>
    public static IEnumerable<string> TopicsOf(IEnumerable<EventRecord> upcoming) => upcoming.SelectMany(e => e.Tags);

    public static SubscribePage Subscribe(IEnumerable<string> offered) =>
        new(new SubscriptionForm { AsksForEmail = true, Topics = Choices(offered, []) });

    /// <summary>The subscribe form again, with what was typed and ticked kept.</summary>
    public static SubscribePage Subscribe(IEnumerable<string> offered, SubscribeBody submitted, IDictionary<string, string[]> errors) =>
        new(new SubscriptionForm
        {
            AsksForEmail = true,
            Email = submitted.Email,
            Name = submitted.Name,
            Topics = Choices(offered, Ticked(submitted.Topics)),
            Errors = Errors(errors),
        });

    public static PreferencesPage Preferences(SubscriberView view, IEnumerable<string> offered, bool saved) =>
        new(view.Token, view.Subscriber.Email, StatusOf(view.Subscriber.Status), new SubscriptionForm
        {
            Name = view.Subscriber.Name,
            Topics = Choices(offered.Concat(view.Subscriber.Topics), [.. view.Subscriber.Topics]),
        })
        {
            Saved = saved,
        };

    /// <summary>The preferences form again, with what was typed and ticked kept; topics they followed stay on offer.</summary>
    public static PreferencesPage Preferences(SubscriberView view, IEnumerable<string> offered, PreferencesBody submitted, IDictionary<string, string[]> errors) =>
        new(view.Token, view.Subscriber.Email, StatusOf(view.Subscriber.Status), new SubscriptionForm
        {
            Name = submitted.Name,
            Topics = Choices(offered.Concat(view.Subscriber.Topics), Ticked(submitted.Topics)),
            Errors = Errors(errors),
        });

    public static SubscribeBody ToSubscribeBody(IReadOnlyDictionary<string, StringValues> form) => new()
    {
        Email = form.Field(SubscriptionFields.Email),
        Name = form.Field(SubscriptionFields.Name),
        Topics = PostedTopics(form),
    };

    public static PreferencesBody ToPreferencesBody(IReadOnlyDictionary<string, StringValues> form) => new()
    {
        Name = form.Field(SubscriptionFields.Name),
        Topics = PostedTopics(form),
    };

    /// <summary>
    /// Each ticked box posts its topic. Topics are kept in lower case (as <see cref="Validation.Validator.Topics"/> stores them),
    /// so a kept value ticks the box it came from; a blank one is no topic.
    /// </summary>
    private static List<string?> PostedTopics(IReadOnlyDictionary<string, StringValues> form) =>
        [.. form.GetValueOrDefault(SubscriptionFields.Topics).Where(topic => !string.IsNullOrWhiteSpace(topic)).Select(topic => topic!.Trim().ToLowerInvariant())];

    private static string[] Ticked(List<string?>? topics) => [.. topics?.OfType<string>() ?? []];

    /// <summary>Every topic offered or ticked, once each, in alphabetical order.</summary>
    private static TopicChoice[] Choices(IEnumerable<string> offered, IReadOnlyCollection<string> ticked) =>
        [.. offered.Concat(ticked).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(topic => new TopicChoice(topic, ticked.Contains(topic)))];

    private static SubscriptionStatus StatusOf(SubscriberStatus status) => status switch
    {
        SubscriberStatus.Subscribed => SubscriptionStatus.Subscribed,
        SubscriberStatus.Pending => SubscriptionStatus.Pending,
        _ => SubscriptionStatus.Unsubscribed,
    };

    private static FieldError[] Errors(IDictionary<string, string[]> errors) => HtmlForms.Errors(errors, Wording, FieldOf);

    // The validator names one topic's problem "topics[3]"; the form shows it on the topics group.
    private static string FieldOf(string key) =>
        key.StartsWith(SubscriptionFields.Topics + "[", StringComparison.Ordinal) ? SubscriptionFields.Topics : key;
}
