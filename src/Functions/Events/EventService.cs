using System.Text.Json.Nodes;

namespace GoodThings.Events;

/// <summary>
/// What organisers do to events: create, change, publish, cancel. Each change drops this instance's kept public pages,
/// and is recorded in the audit log under the <see cref="Actor"/> who made it, once it has committed.
/// </summary>
public sealed class EventService(
    EventStore store, Waitlist waitlist, Announcements announcements, ScheduleSettings schedule, TimeProvider time, PublicPageCache pages, AuditLog audit)
{
    public async Task<Outcome<EventRecord>> CreateAsync(EventContent content, Actor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = Guid.NewGuid().ToString("N");
        var slug = content.Slug is { } chosen
            ? await store.ReserveSlugAsync(chosen, id, cancellationToken) ? chosen : null
            : await ReserveDerivedSlugAsync(EventValidation.Slugify(content.Title), id, cancellationToken);
        if (slug is null)
        {
            return Outcome.Conflict<EventRecord>("Slug taken", $"Another event already uses the slug '{content.Slug}'.", "slug-taken");
        }

        var created = content.ApplyTo(new EventRecord
        {
            Id = id,
            Slug = slug,
            Title = content.Title,
            StartsAt = content.StartsAt,
            EndsAt = content.EndsAt,
            TimeZone = content.TimeZone,
            Format = content.Format,
            Status = EventStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        });
        await store.AddAsync(created, cancellationToken);
        await audit.RecordAsync(actor, AuditActions.EventCreated, eventId: id, details: new Dictionary<string, string> { ["slug"] = slug });
        return created;
    }

    /// <summary>What the public lists show (the home page, the API, the feed): invite-only events are never among them.</summary>
    public async Task<IReadOnlyList<EventRecord>> ListUpcomingPublishedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return [.. (await store.ListAsync(cancellationToken)).Where(e => e.Status == EventStatus.Published && e.EndsAt > now && e.Visibility == EventVisibility.Public)];
    }

    /// <summary>A published or cancelled event by slug; drafts are not public.</summary>
    public async Task<EventRecord?> GetPublicAsync(string slug, CancellationToken cancellationToken) =>
        await store.GetBySlugAsync(slug, cancellationToken) is { Event.Status: not EventStatus.Draft } loaded ? loaded.Event : null;

    /// <summary>
    /// Applies a JSON merge patch. On a published event a change of time, place or online link raises the calendar
    /// SEQUENCE and emails every active registrant; raising capacity promotes the waitlist in order (beyond what one
    /// transaction holds, through the promotions queue).
    /// </summary>
    public async Task<Outcome<EventRecord>> PatchAsync(string id, JsonObject patch, Actor actor, CancellationToken cancellationToken)
    {
        string? slugToRelease = null;
        IReadOnlyList<FieldChange> changed = [];
        var outcome = await Optimistic.RetryAsync(
            async () =>
            {
                var loaded = await store.GetAsync(id, cancellationToken);
                if (loaded is null)
                {
                    return Outcome.NotFound<EventRecord>();
                }

                var current = loaded.Event;
                if (current.Status == EventStatus.Cancelled)
                {
                    return Outcome.Conflict<EventRecord>("Event cancelled", "A cancelled event cannot be changed.", "event-cancelled");
                }

                var document = (JsonObject)JsonSerializer.SerializeToNode(EventInput.From(current), JsonBinding.Options)!;
                if (JsonBinding.Bind<EventInput>((JsonObject)MergePatch.Apply(document, patch)!, out var errors) is not { } patched)
                {
                    return new Outcome<EventRecord>.Invalid(errors);
                }

                var validator = new Validator();
                if (EventValidation.Validate(patched, validator) is not { } content)
                {
                    return Outcome.Invalid<EventRecord>(validator);
                }

                if (content.Capacity is { } capacity && capacity < current.Counts.Confirmed)
                {
                    return Outcome.Conflict<EventRecord>(
                        "Capacity below confirmed", $"{current.Counts.Confirmed} people are confirmed; capacity cannot go below that.", "capacity-below-confirmed");
                }

                var slug = content.Slug ?? current.Slug;
                if (slug != current.Slug && !await store.ReserveSlugAsync(slug, id, cancellationToken))
                {
                    return Outcome.Conflict<EventRecord>("Slug taken", $"Another event already uses the slug '{slug}'.", "slug-taken");
                }

                var changes = Changes(current, content);
                var notify = current.Status == EventStatus.Published && changes.Count > 0;
                var moved = current.StartsAt != content.StartsAt || current.EndsAt != content.EndsAt;
                var updated = content.ApplyTo(current) with
                {
                    Slug = slug,
                    Sequence = notify ? current.Sequence + 1 : current.Sequence,
                    TimeVersion = moved ? current.TimeVersion + 1 : current.TimeVersion,
                    UpdatedAt = time.GetUtcNow(),
                };
                if (moved && current.Status == EventStatus.Published)
                {
                    updated = updated with { Schedule = EventSchedule.Rearm(updated, current.Schedule, schedule) };
                }

                var change = new EventWrite();
                if (notify)
                {
                    change.Send(EventFanOut.QueueName, new FanOutRequest(EventFanOut.Updated, id, updated.Sequence, Changes: string.Join(',', changes)));
                }

                updated = updated with { Counts = await waitlist.PromoteAsync(updated, updated.Counts, change, cancellationToken) };
                await store.CommitAsync(loaded, updated, change, cancellationToken: cancellationToken);
                pages.Changed();
                slugToRelease = slug != current.Slug ? current.Slug : null;
                changed = FieldChanges.Between(EventInput.From(current), EventInput.From(updated), FieldsWithoutValues);
                return (Outcome<EventRecord>)updated;
            },
            cancellationToken);

        if (outcome is Outcome<EventRecord>.Ok ok)
        {
            if (changed.Count > 0)
            {
                await audit.RecordAsync(actor, AuditActions.EventUpdated, eventId: id, changes: changed);
            }

            if (slugToRelease is not null)
            {
                await store.ReleaseSlugAsync(slugToRelease, cancellationToken);
                pages.Changed();
            }

            return ok;
        }

        return outcome;
    }

    /// <summary>Draft to published; publishing again changes nothing.</summary>
    /// <param name="announce">Also email the subscribers who follow the event's tags (each at most once, however often asked).</param>
    public async Task<Outcome<EventRecord>> PublishAsync(string id, bool announce, Actor actor, CancellationToken cancellationToken)
    {
        if (announce && await store.GetAsync(id, cancellationToken) is { Event.Visibility: EventVisibility.InviteOnly })
        {
            return Outcome.Conflict<EventRecord>("Invite-only event", "An invite-only event is not announced to subscribers: invite people instead.", "invite-only");
        }

        var outcome = await ChangeStatusAsync(id, current => current.Status switch
        {
            EventStatus.Cancelled => Outcome.Conflict<EventRecord>("Event cancelled", "A cancelled event cannot be published.", "event-cancelled"),
            EventStatus.Published => current,
            _ => current with { Status = EventStatus.Published, Schedule = EventSchedule.Plan(current, schedule, time.GetUtcNow()) },
        }, fanOut: null, actor, AuditActions.EventPublished, new Dictionary<string, string> { ["announce"] = announce ? "true" : "false" }, cancellationToken);
        if (announce && outcome is Outcome<EventRecord>.Ok)
        {
            await announcements.RequestAsync(id, cancellationToken);
        }

        return outcome;
    }

    /// <summary>Cancels the event: registration closes and every active registrant is told, with a calendar cancellation.</summary>
    public Task<Outcome<EventRecord>> CancelAsync(string id, string? reason, Actor actor, CancellationToken cancellationToken) =>
        ChangeStatusAsync(
            id,
            current => current.Status == EventStatus.Cancelled
                ? current
                : current with { Status = EventStatus.Cancelled, CancellationReason = reason, Sequence = current.Sequence + 1, Schedule = EventSchedule.Cancel(current.Schedule) },
            fanOut: (before, after) => before.Status == EventStatus.Published && after.Status == EventStatus.Cancelled
                ? new FanOutRequest(EventFanOut.Cancelled, after.Id, after.Sequence)
                : null,
            actor,
            AuditActions.EventCancelled,
            details: null,
            cancellationToken);

    /// <summary>A change of status, recorded as <paramref name="action"/> when it changed anything (publishing twice records once).</summary>
    private async Task<Outcome<EventRecord>> ChangeStatusAsync(
        string id,
        Func<EventRecord, Outcome<EventRecord>> decide,
        Func<EventRecord, EventRecord, FanOutRequest?>? fanOut,
        Actor actor,
        string action,
        IReadOnlyDictionary<string, string>? details,
        CancellationToken cancellationToken)
    {
        var committed = false;
        var outcome = await Optimistic.RetryAsync(
            async () =>
            {
                if (await store.GetAsync(id, cancellationToken) is not { } loaded)
                {
                    return Outcome.NotFound<EventRecord>();
                }

                var decided = decide(loaded.Event);
                if (decided is not Outcome<EventRecord>.Ok { Value: var updated } || updated == loaded.Event)
                {
                    return decided;
                }

                updated = updated with { UpdatedAt = time.GetUtcNow() };
                var change = new EventWrite();
                if (fanOut?.Invoke(loaded.Event, updated) is { } request)
                {
                    change.Send(EventFanOut.QueueName, request);
                }

                await store.CommitAsync(loaded, updated, change, cancellationToken: cancellationToken);
                pages.Changed();
                committed = true;
                return (Outcome<EventRecord>)updated;
            },
            cancellationToken);
        if (committed)
        {
            await audit.RecordAsync(actor, action, eventId: id, details: details);
        }

        return outcome;
    }

    /// <summary>Recorded only as changed: long texts, and the speakers, who are people.</summary>
    private static readonly HashSet<string> FieldsWithoutValues = new(StringComparer.Ordinal) { "summary", "description", "speakers" };

    private static List<string> Changes(EventRecord current, EventContent content)
    {
        var changes = new List<string>();
        if (current.StartsAt != content.StartsAt || current.EndsAt != content.EndsAt || current.TimeZone != content.TimeZone)
        {
            changes.Add("time");
        }

        if (current.Venue != content.Venue || current.Format != content.Format)
        {
            changes.Add("place");
        }

        if (current.OnlineUrl != content.OnlineUrl)
        {
            changes.Add("link");
        }

        return changes;
    }

    /// <summary>A derived slug that is taken gets a number: "good-things", "good-things-2", …</summary>
    private async Task<string> ReserveDerivedSlugAsync(string slug, string eventId, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? slug : $"{slug}-{n}";
            if (await store.ReserveSlugAsync(candidate, eventId, cancellationToken))
            {
                return candidate;
            }
        }
    }
}
