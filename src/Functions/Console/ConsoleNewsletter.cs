using System.Text.Json.Nodes;
using GoodThings.Templates.Formatting;
using NodaTime;

namespace GoodThings.OrganiserConsole;

/// <summary>The campaign form as posted: plain text, checked here exactly as the campaign API checks its JSON.</summary>
/// <param name="SendAt">A <c>datetime-local</c> value ("2026-03-03T18:30"), read in <paramref name="TimeZone"/>.</param>
public sealed record CampaignFormInput(string? Subject, string? Preheader, string? Body, IReadOnlyList<string> Topics, string? SendAt, string? TimeZone);

/// <summary>
/// The console's newsletter pages on <see cref="CampaignService"/> and the subscriber list: counts, the campaign form
/// (the API's fields and messages), a campaign's page with its preview, and test-send, schedule, cancel and edit.
/// Every change goes through <see cref="CampaignService"/>, so it is checked and recorded as the API's is.
/// </summary>
public sealed class ConsoleNewsletter(CampaignService campaigns, CampaignCopies copies, SubscriberStore subscribers, EventStore events, TimeProvider time)
{
    /// <summary>The time zone the forms offer first: the series' own (its sample events are in London).</summary>
    public const string DefaultTimeZone = "Europe/London";

    /// <summary>A preview is a test copy; it is addressed to nobody and never sent.</summary>
    private const string PreviewAddress = "preview@example.invalid";

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [CampaignFields.Subject] = "Subject",
        [CampaignFields.Preheader] = "Preheader",
        [CampaignFields.Body] = "Body",
        [CampaignFields.Topics] = "Topics",
        [CampaignFields.SendAt] = "Send at",
        [CampaignFields.TimeZone] = "Time zone",
        [CampaignFields.Emails] = "Test addresses",
    };

    /// <summary>
    /// Subscriber counts by status, overall and per topic, and the campaigns. The subscriber table is one partition
    /// per address, so counting reads all of it: acceptable for an organiser's page, never for a public one.
    /// </summary>
    public async Task<ConsoleNewsletterPage> PageAsync(ConsoleHeader header, CancellationToken cancellationToken)
    {
        var all = new int[3];
        var byTopic = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var noTopic = new int[3];
        await foreach (var subscriber in subscribers.ListAsync(status: null, after: null, _ => true, cancellationToken))
        {
            var status = (int)subscriber.Status;
            all[status]++;
            if (subscriber.Topics.Count == 0)
            {
                noTopic[status]++;
            }

            foreach (var topic in subscriber.Topics.Distinct(StringComparer.Ordinal))
            {
                if (!byTopic.TryGetValue(topic, out var counts))
                {
                    byTopic[topic] = counts = new int[3];
                }

                counts[status]++;
            }
        }

        var list = await campaigns.ListAsync(cancellationToken);
        return new ConsoleNewsletterPage(
            header,
            Counts(null, all),
            [.. byTopic.Select(t => Counts(t.Key, t.Value)), Counts(null, noTopic)],
            [.. list.Select(c => new ConsoleCampaignRow(
                c.Content.Subject, ConsoleRoutes.CampaignPath(c.Id), StatusText(c.Status), c.Content.SendAt is { } at ? Moment(at) : null, Moment(c.CreatedAt), c.Audience?.Recipients))]);
    }

    private static ConsoleTopicCount Counts(string? topic, int[] counts) => new(
        topic, counts[(int)SubscriberStatus.Pending], counts[(int)SubscriberStatus.Subscribed], counts[(int)SubscriberStatus.Unsubscribed]);

    public async Task<ConsoleCampaignFormPage> NewFormAsync(ConsoleHeader header, CancellationToken cancellationToken) =>
        new(header, new CampaignForm { Topics = await TopicChoicesAsync([], cancellationToken), TimeZones = Zones(DefaultTimeZone) }, ConsoleRoutes.NewCampaignPath);

    /// <summary>Creates a draft and goes to its page; or the form again, with what was typed and the API's messages.</summary>
    public async Task<ConsoleAnswer> CreateAsync(CampaignFormInput input, ConsoleHeader header, Actor actor, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (Read(input, validator) is { } campaignInput && CampaignValidation.Validate(campaignInput, validator) is { } content)
        {
            switch (await campaigns.CreateAsync(content, actor, cancellationToken))
            {
                case Outcome<CampaignRecord>.Ok { Value: var created }:
                    return new ConsoleAnswer.Redirect(ConsoleRoutes.CampaignPath(created.Id) + "?done=created");
                case Outcome<CampaignRecord>.Invalid invalid:
                    validator = FromErrors(invalid.Errors);
                    break;
            }
        }

        return await FormAgainAsync(input, validator, header, ConsoleRoutes.NewCampaignPath, null, cancellationToken);
    }

    /// <summary>A draft's edit form, or null when there is no such campaign. A campaign past its draft opens its page instead.</summary>
    public async Task<ConsoleAnswer?> EditFormAsync(string id, ConsoleHeader header, CancellationToken cancellationToken)
    {
        if (await campaigns.GetAsync(id, cancellationToken) is not { Campaign: var campaign })
        {
            return null;
        }

        if (campaign.Status != CampaignStatus.Draft)
        {
            return new ConsoleAnswer.Redirect(ConsoleRoutes.CampaignPath(id));
        }

        var c = campaign.Content;
        const string zone = DefaultTimeZone;
        var form = new CampaignForm
        {
            Subject = c.Subject,
            Preheader = c.Preheader,
            Body = c.Body,
            Topics = await TopicChoicesAsync(c.Topics, cancellationToken),
            SendAt = c.SendAt is { } at ? LocalValue(at, zone) : null,
            TimeZones = Zones(zone),
        };
        return new ConsoleAnswer.Page(new ConsoleCampaignFormPage(header, form, EditPath(id), ConsoleRoutes.CampaignPath(id)));
    }

    /// <summary>Saves a draft's every field (a merge patch of all of them, as the API's PATCH takes it); null when there is no such campaign.</summary>
    public async Task<ConsoleAnswer?> SaveAsync(string id, CampaignFormInput input, ConsoleHeader header, Actor actor, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (Read(input, validator) is not { } campaignInput)
        {
            return await campaigns.GetAsync(id, cancellationToken) is null
                ? null
                : await FormAgainAsync(input, validator, header, EditPath(id), ConsoleRoutes.CampaignPath(id), cancellationToken);
        }

        // Every field, nulls included: in a merge patch a null removes an optional field, as emptying it in the form means.
        var patch = (JsonObject)JsonSerializer.SerializeToNode(campaignInput, JsonBinding.Options)!;
        return await campaigns.PatchAsync(id, patch, actor, cancellationToken) switch
        {
            Outcome<CampaignRecord>.Ok => new ConsoleAnswer.Redirect(ConsoleRoutes.CampaignPath(id) + "?done=saved"),
            Outcome<CampaignRecord>.NotFound => null,
            Outcome<CampaignRecord>.Invalid invalid => await FormAgainAsync(input, FromErrors(invalid.Errors), header, EditPath(id), ConsoleRoutes.CampaignPath(id), cancellationToken),
            var refused => await PageAgainAsync(id, header, page => page with { Problem = ProblemText(refused) }, 409, cancellationToken),
        };
    }

    private static Validator FromErrors(IDictionary<string, string[]> errors)
    {
        var validator = new Validator();
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                validator.Add(field, message);
            }
        }

        return validator;
    }

    private static string EditPath(string id) => ConsoleRoutes.CampaignPath(id) + "/edit";

    /// <summary>The form's values as the API's input; null, with every field's errors, when the send time cannot be read.</summary>
    private static CampaignInput? Read(CampaignFormInput input, Validator validator)
    {
        string? sendAt = null;
        if (!string.IsNullOrWhiteSpace(input.SendAt))
        {
            sendAt = Instant(input.SendAt, input.TimeZone, validator)?.ToString("O", CultureInfo.InvariantCulture);
        }

        var campaignInput = new CampaignInput(input.Subject, input.Preheader, input.Body, [.. input.Topics], sendAt);
        if (!validator.IsValid)
        {
            // The other fields' errors too, as the API would give them all at once.
            CampaignValidation.Validate(campaignInput, validator);
            return null;
        }

        return campaignInput;
    }

    /// <summary>A <c>datetime-local</c> value in a time zone as an instant; a time the clocks skip is refused, one they repeat is the earlier.</summary>
    private static DateTimeOffset? Instant(string local, string? timeZone, Validator validator)
    {
        var zoneId = validator.TimeZone(CampaignFields.TimeZone, timeZone);
        if (!DateTime.TryParseExact(local.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            validator.Add(CampaignFields.SendAt, "must be a date and a time, such as 2026-03-03 18:30");
            return null;
        }

        if (zoneId is null)
        {
            return null;
        }

        var mapping = DateTimeZoneProviders.Tzdb[zoneId].MapLocal(LocalDateTime.FromDateTime(parsed));
        if (mapping.Count == 0)
        {
            validator.Add(CampaignFields.SendAt, "does not exist in that time zone: the clocks go forward then");
            return null;
        }

        return mapping.First().ToDateTimeOffset();
    }

    private static string LocalValue(DateTimeOffset at, string zone) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private async Task<ConsoleAnswer> FormAgainAsync(
        CampaignFormInput input, Validator validator, ConsoleHeader header, string formPath, string? campaignPath, CancellationToken cancellationToken)
    {
        var form = new CampaignForm
        {
            Subject = input.Subject,
            Preheader = input.Preheader,
            Body = input.Body,
            Topics = await TopicChoicesAsync(input.Topics, cancellationToken),
            SendAt = input.SendAt,
            TimeZones = Zones(input.TimeZone ?? DefaultTimeZone),
            Errors = Errors(validator.Errors),
        };
        return new ConsoleAnswer.Page(new ConsoleCampaignFormPage(header, form, formPath, campaignPath), 400);
    }

    /// <summary>The API's message after the field's label: "Subject is required", "Topic 'x' is no event's tag, …".</summary>
    private static FieldError[] Errors(IDictionary<string, string[]> errors) =>
        [.. errors.SelectMany(e => e.Value.Select(message =>
        {
            var field = e.Key.StartsWith(CampaignFields.Topics, StringComparison.Ordinal) ? CampaignFields.Topics
                : e.Key.StartsWith(CampaignFields.Emails, StringComparison.Ordinal) ? CampaignFields.Emails
                : e.Key;
            var label = message.StartsWith('\'') ? "Topic" : Labels.GetValueOrDefault(field, field);
            if (e.Key.StartsWith(CampaignFields.Emails + "[", StringComparison.Ordinal)
                && int.TryParse(e.Key.AsSpan(CampaignFields.Emails.Length + 1, e.Key.Length - CampaignFields.Emails.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                label = string.Create(CultureInfo.InvariantCulture, $"Test address {n + 1}");
            }

            return new FieldError(field, $"{label} {message}");
        }))];

    /// <summary>The events' tags, and any chosen already (a tag may have gone from every event since).</summary>
    private async Task<IReadOnlyList<TopicChoice>> TopicChoicesAsync(IEnumerable<string> chosen, CancellationToken cancellationToken)
    {
        var picked = chosen.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).ToHashSet(StringComparer.Ordinal);
        var tags = (await events.ListAsync(cancellationToken)).SelectMany(e => e.Tags).Select(t => t.ToLowerInvariant());
        return [.. tags.Concat(picked).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(t => new TopicChoice(t, picked.Contains(t)))];
    }

    private static IReadOnlyList<ConsoleTimeZoneChoice> Zones(string selected) =>
        [.. ConsoleTimeZones.All.Select(id => new ConsoleTimeZoneChoice(id, string.Equals(id, selected, StringComparison.Ordinal)))];

    /// <summary>A campaign's page, or null when there is no such campaign.</summary>
    /// <param name="done">What the POST before did (from the 303's query), for the notice.</param>
    public async Task<ConsoleCampaignPage?> CampaignPageAsync(string id, string? done, ConsoleHeader header, CancellationToken cancellationToken)
    {
        if (await campaigns.GetAsync(id, cancellationToken) is not { } progress)
        {
            return null;
        }

        var (c, counts) = (progress.Campaign, progress.Counts);
        var path = ConsoleRoutes.CampaignPath(id);
        return new ConsoleCampaignPage(
            header,
            path,
            c.Content.Subject,
            c.Content.Preheader,
            c.Content.Topics,
            StatusText(c.Status),
            c.Content.SendAt is { } at ? Moment(at) : null,
            Moment(c.CreatedAt),
            new ConsoleCampaignCounts(counts.Recipients, counts.Sent, counts.Failed, counts.Delivered, counts.Opened, counts.Clicked, counts.Bounced, counts.Unsubscribed),
            path + "/preview",
            CanEdit: c.Status == CampaignStatus.Draft,
            CanSchedule: c.Status is CampaignStatus.Draft or CampaignStatus.Scheduled,
            CanCancel: c.Status is CampaignStatus.Draft or CampaignStatus.Scheduled or CampaignStatus.Sending,
            Zones(DefaultTimeZone))
        {
            Notice = done is "created" or "saved" or "test-sent" or "scheduled" or "sending" or "cancelled" ? done : null,
            ScheduleWhen = c.Status == CampaignStatus.Scheduled ? "later" : "now",
            ScheduleSendAt = c.Content.SendAt is { } sendAt && c.Status == CampaignStatus.Scheduled ? LocalValue(sendAt, DefaultTimeZone) : null,
        };
    }

    /// <summary>The campaign's email as a test copy renders it (<see cref="CampaignCopies.TestCopy"/>, as the test-send's composer does); null when there is none.</summary>
    public async Task<string?> PreviewAsync(string id, CancellationToken cancellationToken) =>
        await campaigns.GetAsync(id, cancellationToken) is { } progress ? copies.TestCopy(progress.Campaign, PreviewAddress).Html : null;

    /// <summary>Sends "[Test]" copies to the addresses typed (one a line, or separated by commas or spaces).</summary>
    public async Task<ConsoleAnswer?> TestAsync(string id, string? emails, ConsoleHeader header, Actor actor, CancellationToken cancellationToken)
    {
        var addresses = (emails ?? "").Split([',', ';', ' ', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var validator = new Validator();
        var valid = CampaignValidation.ValidateTestAddresses(new TestSendInput([.. addresses]), validator);
        if (valid is null)
        {
            return await PageAgainAsync(id, header, page => page with { TestEmails = emails, Errors = Errors(validator.Errors) }, 400, cancellationToken);
        }

        return await campaigns.TestAsync(id, valid, actor, cancellationToken) is Outcome<IReadOnlyList<string>>.Ok
            ? new ConsoleAnswer.Redirect(ConsoleRoutes.CampaignPath(id) + "?done=test-sent")
            : null;
    }

    /// <summary>Schedules the campaign for a later time in a time zone, or sends it now (<paramref name="when"/> is <c>now</c> or <c>later</c>).</summary>
    public async Task<ConsoleAnswer?> ScheduleAsync(string id, string? when, string? sendAt, string? timeZone, ConsoleHeader header, Actor actor, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        DateTimeOffset? at = null;
        if (when == "later")
        {
            if (string.IsNullOrWhiteSpace(sendAt))
            {
                validator.Add(CampaignFields.SendAt, "is required to send later");
            }
            else if (Instant(sendAt, timeZone, validator) is { } instant)
            {
                // A past time would send at once: say so rather than send what was meant for later.
                if (instant <= time.GetUtcNow())
                {
                    validator.Add(CampaignFields.SendAt, "must be in the future; choose \"Send now\" to send it now");
                }

                at = instant;
            }
        }
        else if (when != "now")
        {
            validator.Add(CampaignFields.When, "must be now or later");
        }

        if (!validator.IsValid)
        {
            return await PageAgainAsync(id, header, page => page with
            {
                ScheduleWhen = when == "later" ? "later" : "now",
                ScheduleSendAt = sendAt,
                TimeZones = Zones(timeZone ?? DefaultTimeZone),
                Errors = Errors(validator.Errors),
            }, 400, cancellationToken);
        }

        // "Now" is now, not the draft's own send time, which may still be ahead.
        return await campaigns.SendAsync(id, at ?? time.GetUtcNow(), actor, cancellationToken) switch
        {
            Outcome<CampaignRecord>.Ok => new ConsoleAnswer.Redirect(
                ConsoleRoutes.CampaignPath(id) + (at is null ? "?done=sending" : "?done=scheduled")),
            Outcome<CampaignRecord>.NotFound => null,
            var refused => await PageAgainAsync(id, header, page => page with { Problem = ProblemText(refused) }, 409, cancellationToken),
        };
    }

    public async Task<ConsoleAnswer?> CancelAsync(string id, ConsoleHeader header, Actor actor, CancellationToken cancellationToken) =>
        await campaigns.CancelAsync(id, actor, cancellationToken) switch
        {
            Outcome<CampaignRecord>.Ok => new ConsoleAnswer.Redirect(ConsoleRoutes.CampaignPath(id) + "?done=cancelled"),
            Outcome<CampaignRecord>.NotFound => null,
            var refused => await PageAgainAsync(id, header, page => page with { Problem = ProblemText(refused) }, 409, cancellationToken),
        };

    private async Task<ConsoleAnswer?> PageAgainAsync(string id, ConsoleHeader header, Func<ConsoleCampaignPage, ConsoleCampaignPage> with, int status, CancellationToken cancellationToken) =>
        await CampaignPageAsync(id, null, header, cancellationToken) is { } page ? new ConsoleAnswer.Page(with(page), status) : null;

    private static string ProblemText<T>(Outcome<T> refused) => refused switch
    {
        Outcome<T>.Conflict conflict => conflict.Detail,
        _ => "The campaign could not be changed.",
    };

    private static string StatusText(CampaignStatus status) => status.ToString();

    private static string Moment(DateTimeOffset at) => EventTimes.Moment(at, DefaultTimeZone);
}
