using GoodThings.Templates.Formatting;

namespace GoodThings.OrganiserConsole;

/// <summary>
/// The console's event pages: create and edit through the same validation and service calls as the management API
/// (<see cref="EventValidation"/>, <see cref="EventService.CreateAsync"/>, <see cref="EventService.PatchAsync"/>, so
/// the audit log records the fields an edit changed), the event's hub, publishing and cancelling, each recorded
/// under the signed-in organiser.
/// </summary>
public sealed class ConsoleEvents(EventService events, EventStore store)
{
    /// <summary>The <c>?done=</c> values the hub shows a notice for, after the action that sends it there.</summary>
    public static readonly IReadOnlyDictionary<string, string> Notices = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["created"] = "Draft saved. Publish it when it is ready.",
        ["saved"] = "Changes saved.",
        ["published"] = "Event published.",
        ["announced"] = "Event published. Subscribers who follow its topics are being emailed.",
        ["cancelled"] = "Event cancelled.",
    };

    public static ConsoleEventFormPage NewForm(ConsoleHeader header) =>
        new(header, ConsoleEventForm.Empty(ConsoleTimeZones.All), ConsoleRoutes.NewEventPath, null, ConsoleRoutes.Root);

    public async Task<ConsoleAnswer> EditFormAsync(string id, ConsoleHeader header, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is not { Event: var e }
            ? new ConsoleAnswer.NotFound()
            : e.Status == EventStatus.Cancelled
                ? CancelledCannotChange(id)
                : new ConsoleAnswer.Page(EditPage(header, e, ConsoleEventForms.Values(e)));

    /// <summary>"Save draft" creates the event as a draft; "Preview" shows the form again with its description rendered, and stores nothing.</summary>
    public async Task<ConsoleAnswer> CreateAsync(IReadOnlyDictionary<string, StringValues> form, ConsoleHeader header, Actor actor, CancellationToken cancellationToken)
    {
        var values = ConsoleEventForms.Values(form);
        var page = NewForm(header) with { Form = values };
        if (IsPreview(form))
        {
            return new ConsoleAnswer.Page(page with { IsPreview = true, Preview = values.Description });
        }

        var validator = new Validator();
        var input = ConsoleEventForms.ToInput(values, validator);
        if (EventValidation.Validate(input, validator) is not { } content || !validator.IsValid)
        {
            return WithErrors(page, validator.Errors);
        }

        return await events.CreateAsync(content, actor, cancellationToken) switch
        {
            Outcome<EventRecord>.Ok { Value: var created } => new ConsoleAnswer.Redirect(ConsoleRoutes.EventPath(created.Id) + "?done=created"),
            Outcome<EventRecord>.Conflict conflict => Conflict(page, conflict),
            Outcome<EventRecord>.Invalid invalid => WithErrors(page, invalid.Errors),
            _ => new ConsoleAnswer.NotFound(),
        };
    }

    /// <summary>
    /// Saves the edit form as the management API's PATCH does (the whole form as a merge patch, through
    /// <see cref="EventService.PatchAsync"/>); "Preview" changes nothing.
    /// </summary>
    public async Task<ConsoleAnswer> EditAsync(string id, IReadOnlyDictionary<string, StringValues> form, ConsoleHeader header, Actor actor, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { Event: var current })
        {
            return new ConsoleAnswer.NotFound();
        }

        var values = ConsoleEventForms.Values(form);
        var page = EditPage(header, current, values);
        if (IsPreview(form))
        {
            return new ConsoleAnswer.Page(page with { IsPreview = true, Preview = values.Description });
        }

        var validator = new Validator();
        var input = ConsoleEventForms.ToInput(values, validator);
        if (!validator.IsValid)
        {
            // Text that is no number or no time: the API's validation adds its own errors to these.
            EventValidation.Validate(input, validator);
            return WithErrors(page, validator.Errors);
        }

        input = ConsoleEventForms.KeepUntouchedTimes(input, values, current);
        return await events.PatchAsync(id, ConsoleEventForms.ToPatch(input), actor, cancellationToken) switch
        {
            Outcome<EventRecord>.Ok => new ConsoleAnswer.Redirect(ConsoleRoutes.EventPath(id) + "?done=saved"),
            Outcome<EventRecord>.Invalid invalid => WithErrors(page, invalid.Errors),
            Outcome<EventRecord>.Conflict { Type: "event-cancelled" } => CancelledCannotChange(id),
            Outcome<EventRecord>.Conflict conflict => Conflict(page, conflict),
            _ => new ConsoleAnswer.NotFound(),
        };
    }

    /// <summary>The event's hub; <paramref name="done"/> (a <see cref="Notices"/> key) says what was just done.</summary>
    public async Task<ConsoleAnswer> HubAsync(string id, string? done, ConsoleHeader header, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { Event: var e })
        {
            return new ConsoleAnswer.NotFound();
        }

        return new ConsoleAnswer.Page(new ConsoleEventHubPage(
            header, e.Id, e.Title, e.Status.ToString(), EventTimes.Describe(e.StartsAt, e.EndsAt, e.TimeZone), "/events/" + Uri.EscapeDataString(e.Slug),
            e.Counts.Confirmed, e.Counts.Waitlisted, e.Counts.Attended)
        {
            SummaryText = e.Summary,
            Format = e.Format switch { EventFormat.InPerson => "In person", EventFormat.Online => "Online", _ => "Hybrid" },
            VenueName = e.Venue?.Name,
            VenueAddress = e.Venue?.Address,
            OnlineUrl = e.OnlineUrl,
            Capacity = e.Capacity?.ToString(CultureInfo.InvariantCulture) ?? "Unlimited",
            RegistrationCloses = e.RegistrationClosesAt is { } closes ? EventTimes.Moment(closes, e.TimeZone) : "When the event starts",
            IsInviteOnly = e.Visibility == EventVisibility.InviteOnly,
            ReservedSeats = e.ReservedSeats,
            Tags = e.Tags,
            Speakers = [.. e.Speakers.Select(s => new EventSpeaker(s.Name, s.Role))],
            CancellationReason = e.CancellationReason,
            Notice = done is not null && Notices.TryGetValue(done, out var notice) ? notice : null,
        });
    }

    /// <summary>Publishes a draft, announcing it to subscribers when asked. Only a draft: publishing again is refused, not repeated.</summary>
    public async Task<ConsoleAnswer> PublishAsync(string id, bool announce, Actor actor, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { Event: var e })
        {
            return new ConsoleAnswer.NotFound();
        }

        var hub = ConsoleRoutes.EventPath(id);
        if (e.Status != EventStatus.Draft)
        {
            return ConsoleAnswer.Refused(409, e.Status == EventStatus.Cancelled ? "This event is cancelled" : "This event is already published",
                e.Status == EventStatus.Cancelled ? "A cancelled event cannot be published, so nothing was changed." : "Only a draft can be published, so nothing was changed.", hub);
        }

        return await events.PublishAsync(id, announce, actor, cancellationToken) switch
        {
            Outcome<EventRecord>.Ok => new ConsoleAnswer.Redirect(hub + (announce ? "?done=announced" : "?done=published")),
            Outcome<EventRecord>.Conflict conflict => ConsoleAnswer.Refused(409, conflict.Title, conflict.Detail + " Nothing was changed.", hub),
            _ => new ConsoleAnswer.NotFound(),
        };
    }

    public async Task<ConsoleAnswer> CancelPageAsync(string id, ConsoleHeader header, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is not { Event: var e }
            ? new ConsoleAnswer.NotFound()
            : e.Status == EventStatus.Cancelled
                ? AlreadyCancelled(id)
                : new ConsoleAnswer.Page(CancelPage(header, e, new ConsoleCancelForm()));

    /// <summary>
    /// Cancels the event with the reason given, which the console (unlike the API) requires: it goes to everyone
    /// registered. The reason is checked as the API checks it.
    /// </summary>
    public async Task<ConsoleAnswer> CancelAsync(string id, string? reason, ConsoleHeader header, Actor actor, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { Event: var e })
        {
            return new ConsoleAnswer.NotFound();
        }

        if (e.Status == EventStatus.Cancelled)
        {
            return AlreadyCancelled(id);
        }

        var validator = new Validator();
        var text = validator.Text(ConsoleCancelForm.ReasonField, reason, 1000, required: true, multiLine: true);
        if (!validator.IsValid)
        {
            var errors = validator.Errors.SelectMany(error => error.Value.Select(message => new FieldError(ConsoleCancelForm.ReasonField, $"Reason {message}")));
            return new ConsoleAnswer.Page(CancelPage(header, e, new ConsoleCancelForm { Reason = reason, Errors = [.. errors] }), 400);
        }

        return await events.CancelAsync(id, text, actor, cancellationToken) switch
        {
            Outcome<EventRecord>.Ok => new ConsoleAnswer.Redirect(ConsoleRoutes.EventPath(id) + "?done=cancelled"),
            Outcome<EventRecord>.Conflict conflict => ConsoleAnswer.Refused(409, conflict.Title, conflict.Detail, ConsoleRoutes.EventPath(id)),
            _ => new ConsoleAnswer.NotFound(),
        };
    }

    private static ConsoleEventFormPage EditPage(ConsoleHeader header, EventRecord e, ConsoleEventForm values) =>
        new(header, values, ConsoleRoutes.EventPath(e.Id) + "/edit", e.Title, ConsoleRoutes.EventPath(e.Id));

    private static ConsoleCancelEventPage CancelPage(ConsoleHeader header, EventRecord e, ConsoleCancelForm form) => new(
        header, e.Id, e.Title, EventTimes.Describe(e.StartsAt, e.EndsAt, e.TimeZone), e.Status == EventStatus.Published, e.Counts.Confirmed, e.Counts.Waitlisted, form);

    private static bool IsPreview(IReadOnlyDictionary<string, StringValues> form) =>
        form.TryGetValue(ConsoleEventFields.Action, out var action) && action.ToString() == ConsoleEventFields.PreviewAction;

    private static ConsoleAnswer.Page WithErrors(ConsoleEventFormPage page, IDictionary<string, string[]> errors) =>
        new(page with { Form = page.Form with { Errors = ConsoleEventForms.Errors(errors) } }, 400);

    /// <summary>A conflict that one field can fix (a slug taken, a capacity below those confirmed) is that field's error.</summary>
    private static ConsoleAnswer Conflict(ConsoleEventFormPage page, Outcome<EventRecord>.Conflict conflict)
    {
        var field = conflict.Type switch
        {
            "slug-taken" => ConsoleEventFields.Slug,
            "capacity-below-confirmed" => ConsoleEventFields.Capacity,
            _ => null,
        };
        return field is null
            ? ConsoleAnswer.Refused(409, conflict.Title, conflict.Detail + " Nothing was changed.", page.BackPath)
            : new ConsoleAnswer.Page(page with { Form = page.Form with { Errors = [new FieldError(field, conflict.Detail)] } }, 409);
    }

    private static ConsoleAnswer CancelledCannotChange(string id) =>
        ConsoleAnswer.Refused(409, "This event is cancelled", "A cancelled event cannot be changed, so nothing was changed.", ConsoleRoutes.EventPath(id));

    private static ConsoleAnswer AlreadyCancelled(string id) =>
        ConsoleAnswer.Refused(409, "This event is already cancelled", "It cannot be cancelled again, so nothing was changed.", ConsoleRoutes.EventPath(id));
}
