namespace GoodThings.Invitations;

/// <summary>What became of one row of an invite request.</summary>
/// <param name="Result"><c>invited</c>, <c>already invited</c>, <c>already registered</c> or <c>invalid</c>.</param>
/// <param name="Reason">Why a row is invalid.</param>
public sealed record InviteReport(int Row, string? Name, string? Email, string Result, string? Reason = null)
{
    public const string Invited = "invited";
    public const string AlreadyInvited = "already invited";
    public const string AlreadyRegistered = "already registered";
    public const string Invalid = "invalid";
}

public sealed record InviteSummary(int Invited, int AlreadyInvited, int AlreadyRegistered, int Invalid, IReadOnlyList<InviteReport> Rows);

/// <summary>An invitee as organisers track them; <see cref="Status"/> adds <c>bounced</c> to what is stored.</summary>
public sealed record InviteeView(InvitationRecord Invitation, string Status);

public sealed record InvitationTotals(int Invited, int Pending, int Accepted, int Declined, int Bounced);

public sealed record InvitationList(IReadOnlyList<InviteeView> Invitees, InvitationTotals Totals);

/// <param name="Reminded">How many invitees the nudge goes to; 0 when one went within the last day.</param>
/// <param name="RemindedAt">When the nudge that counts went: this one, or the earlier one within the last day.</param>
public sealed record ReminderSummary(int Reminded, DateTimeOffset? RemindedAt);

public enum DeclineResult
{
    Declined,
    AlreadyAccepted,
    NotFound,
}

/// <summary>
/// Organisers invite people by email; each invitee gets one invitation (and at most one nudge a day) through the
/// outbox, with personal links to accept (register, possibly into a reserved seat) or decline.
/// </summary>
public sealed class InvitationService(EventStore store, InvitationLinks links, Suppressions suppressions, TimeProvider time, AuditLog audit)
{
    /// <summary>New invitations written per transaction: one row each, with the event row, the message and the fan-out.</summary>
    internal const int InvitationsPerTransaction = 90;

    /// <summary>How long after a nudge another one sends nothing.</summary>
    public static readonly TimeSpan ReminderInterval = TimeSpan.FromHours(24);

    public const string MessageAudience = "invitees";

    /// <summary>
    /// Invites each valid, new address of <paramref name="list"/>, reporting every row. Rows go in transactions of
    /// <see cref="InvitationsPerTransaction"/>, each with the fan-out that emails exactly its invitations, so a request cut
    /// short leaves whole parts sent and a repeat picks up the rest as new.
    /// </summary>
    public async Task<Outcome<InviteSummary>> InviteAsync(string eventId, InviteList list, Actor actor, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(eventId, cancellationToken) is not { } loaded)
        {
            return Outcome.NotFound<InviteSummary>();
        }

        if (Unavailable(loaded.Event) is { } refusal)
        {
            return new Outcome<InviteSummary>.Conflict(refusal.Title, refusal.Detail, refusal.Type);
        }

        var reports = new InviteReport[list.Rows.Count];
        var candidates = new List<ValidInvitee>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in list.Rows)
        {
            var (invitee, reason) = InvitationInput.Check(row);
            if (invitee is null)
            {
                reports[row.Row - 1] = new InviteReport(row.Row, row.Name, row.Email, InviteReport.Invalid, reason);
            }
            else if (seen.TryGetValue(AddressKey.Of(invitee.Email), out var first))
            {
                reports[row.Row - 1] = new InviteReport(row.Row, invitee.Name, invitee.Email, InviteReport.Invalid, $"email repeats row {first}");
            }
            else
            {
                seen[AddressKey.Of(invitee.Email)] = row.Row;
                candidates.Add(invitee);
            }
        }

        var messageId = list.Message is null ? null : Guid.NewGuid().ToString("N");
        var messageStored = false;
        // Read once and kept up to date as parts commit; read again only after a part lost a race (409 or 412).
        HashSet<string>? invited = null, registered = null;
        foreach (var part in candidates.Chunk(InvitationsPerTransaction))
        {
            var batch = Guid.NewGuid().ToString("N");
            var answers = await Optimistic.RetryAsync(
                async () =>
                {
                    var current = await store.GetAsync(eventId, cancellationToken) ?? throw new InvalidOperationException($"Event {eventId} vanished.");
                    invited ??= await store.ListInvitedAddressKeysAsync(eventId, cancellationToken);
                    registered ??= await store.ListRegisteredAddressKeysAsync(eventId, cancellationToken);
                    var change = new EventWrite();
                    var now = time.GetUtcNow();
                    var answered = new List<InviteReport>();
                    foreach (var invitee in part)
                    {
                        var key = AddressKey.Of(invitee.Email);
                        var result = invited.Contains(key) ? InviteReport.AlreadyInvited
                            : registered.Contains(key) ? InviteReport.AlreadyRegistered
                            : InviteReport.Invited;
                        if (result == InviteReport.Invited)
                        {
                            change.Invite(new InvitationRecord
                            {
                                EventId = eventId, Key = key, Name = invitee.Name, Email = invitee.Email, InvitedAt = now, Batch = batch, MessageId = messageId,
                            });
                        }

                        answered.Add(new InviteReport(invitee.Row, invitee.Name, invitee.Email, result));
                    }

                    if (answered.Any(a => a.Result == InviteReport.Invited))
                    {
                        if (messageId is not null && !messageStored)
                        {
                            change.AddMessage(new OrganiserMessageRecord(messageId, eventId, "", list.Message!, MessageAudience), now);
                        }

                        change.Send(EventFanOut.QueueName, new FanOutRequest(EventFanOut.Invitations, eventId, current.Event.Sequence, Batch: batch));
                        try
                        {
                            await store.CommitAsync(current, current.Event with { UpdatedAt = now }, change, cancellationToken: cancellationToken);
                        }
                        catch (TableTransactionFailedException)
                        {
                            invited = registered = null;
                            throw;
                        }

                        invited.UnionWith(answered.Where(a => a.Result == InviteReport.Invited).Select(a => AddressKey.Of(a.Email!)));
                    }

                    return answered;
                },
                cancellationToken);
            messageStored |= answers.Any(a => a.Result == InviteReport.Invited);
            foreach (var answer in answers)
            {
                reports[answer.Row - 1] = answer;
            }
        }

        var summary = new InviteSummary(
            reports.Count(r => r.Result == InviteReport.Invited),
            reports.Count(r => r.Result == InviteReport.AlreadyInvited),
            reports.Count(r => r.Result == InviteReport.AlreadyRegistered),
            reports.Count(r => r.Result == InviteReport.Invalid),
            reports);
        if (summary.Invited > 0)
        {
            // Counts only: the invitees' names and addresses stay in their inv| rows, which an erasure deletes.
            await audit.RecordAsync(actor, AuditActions.InvitationsSent, eventId: eventId, details: new Dictionary<string, string>
            {
                ["invited"] = summary.Invited.ToString(CultureInfo.InvariantCulture),
                ["alreadyInvited"] = summary.AlreadyInvited.ToString(CultureInfo.InvariantCulture),
                ["alreadyRegistered"] = summary.AlreadyRegistered.ToString(CultureInfo.InvariantCulture),
                ["invalid"] = summary.Invalid.ToString(CultureInfo.InvariantCulture),
            });
        }

        return summary;
    }

    /// <summary>Every invitee with their answer; a pending one whose address hard-bounced shows as bounced.</summary>
    public async Task<InvitationList?> ListAsync(string eventId, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(eventId, cancellationToken) is null)
        {
            return null;
        }

        var invitations = await store.ListInvitationsAsync(eventId, cancellationToken);
        var views = new InviteeView[invitations.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, invitations.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, token) => views[i] = new InviteeView(invitations[i], await StatusAsync(invitations[i], token)));
        var ordered = views.OrderBy(v => v.Invitation.InvitedAt).ThenBy(v => v.Invitation.Email, StringComparer.OrdinalIgnoreCase).ToList();
        return new InvitationList(ordered, new InvitationTotals(
            ordered.Count,
            ordered.Count(v => v.Status == Statuses.Pending),
            ordered.Count(v => v.Status == Statuses.Accepted),
            ordered.Count(v => v.Status == Statuses.Declined),
            ordered.Count(v => v.Status == Statuses.Bounced)));
    }

    /// <summary>
    /// Nudges, through the outbox, every invitee who has neither accepted nor declined; a second call within
    /// <see cref="ReminderInterval"/> sends nothing.
    /// </summary>
    public async Task<Outcome<ReminderSummary>> RemindAsync(string eventId, Actor actor, CancellationToken cancellationToken)
    {
        var outcome = await Optimistic.RetryAsync(
            async () =>
            {
                if (await store.GetAsync(eventId, cancellationToken) is not { } loaded)
                {
                    return Outcome.NotFound<ReminderSummary>();
                }

                var e = loaded.Event;
                if (Unavailable(e) is { } refusal)
                {
                    return new Outcome<ReminderSummary>.Conflict(refusal.Title, refusal.Detail, refusal.Type);
                }

                var now = time.GetUtcNow();
                if (e.InvitationsRemindedAt is { } last && now - last < ReminderInterval)
                {
                    return new ReminderSummary(0, last);
                }

                var pending = (await store.ListInvitationsAsync(eventId, cancellationToken)).Count(i => i.Status == InvitationStatus.Pending);
                if (pending == 0)
                {
                    return new ReminderSummary(0, e.InvitationsRemindedAt);
                }

                var round = e.InvitationReminders + 1;
                var change = new EventWrite();
                change.Send(EventFanOut.QueueName, new FanOutRequest(EventFanOut.InvitationReminders, eventId, e.Sequence, Batch: round.ToString(CultureInfo.InvariantCulture)));
                await store.CommitAsync(loaded, e with { InvitationsRemindedAt = now, InvitationReminders = round, UpdatedAt = now }, change, cancellationToken: cancellationToken);
                return (Outcome<ReminderSummary>)new ReminderSummary(pending, now);
            },
            cancellationToken);
        if (outcome is Outcome<ReminderSummary>.Ok { Value.Reminded: > 0 and var reminded })
        {
            await audit.RecordAsync(
                actor, AuditActions.InvitationReminded, eventId: eventId, details: new Dictionary<string, string> { ["reminded"] = reminded.ToString(CultureInfo.InvariantCulture) });
        }

        return outcome;
    }

    /// <summary>The invitation a personal link names, with its event; null when the link is not valid (or the invitation erased).</summary>
    public async Task<(EventRecord Event, InvitationRecord Invitation)?> GetByTokenAsync(string? token, CancellationToken cancellationToken) =>
        links.Read(token) is { } link &&
        await store.GetAsync(link.EventId, cancellationToken) is { Event.Status: not EventStatus.Draft } loaded &&
        await store.GetInvitationAsync(link.EventId, link.AddressKey, cancellationToken) is { } invitation
            ? (loaded.Event, invitation)
            : null;

    /// <summary>Records a decline, with its optional one-line reason; declining again keeps the first answer's time.</summary>
    public Task<DeclineResult> DeclineAsync(string token, string? reason, CancellationToken cancellationToken) =>
        Optimistic.RetryAsync(
            async () =>
            {
                if (links.Read(token) is not { } link || await store.GetAsync(link.EventId, cancellationToken) is not { } loaded ||
                    await store.GetInvitationAsync(link.EventId, link.AddressKey, cancellationToken) is not { } invitation)
                {
                    return DeclineResult.NotFound;
                }

                switch (invitation.Status)
                {
                    case InvitationStatus.Accepted:
                        return DeclineResult.AlreadyAccepted;
                    case InvitationStatus.Declined when invitation.DeclineReason == reason:
                        return DeclineResult.Declined;
                }

                var now = time.GetUtcNow();
                var change = new EventWrite();
                change.Update(invitation with { Status = InvitationStatus.Declined, RespondedAt = invitation.RespondedAt ?? now, DeclineReason = reason });
                await store.CommitAsync(loaded, loaded.Event with { UpdatedAt = now }, change, cancellationToken: cancellationToken);
                return DeclineResult.Declined;
            },
            cancellationToken);

    /// <summary>Deletes invitations (and everything they hold about people) in transactions; for retention and erasure.</summary>
    public async Task ForgetAsync(string eventId, IReadOnlyCollection<InvitationRecord> invitations, CancellationToken cancellationToken)
    {
        foreach (var part in invitations.Chunk(InvitationsPerTransaction))
        {
            await Optimistic.RetryAsync(
                async () =>
                {
                    if (await store.GetAsync(eventId, cancellationToken) is not { } loaded)
                    {
                        return false;
                    }

                    var change = new EventWrite();
                    foreach (var invitation in part)
                    {
                        change.Forget(invitation);
                    }

                    await store.CommitAsync(loaded, loaded.Event, change, cancellationToken: cancellationToken);
                    return true;
                },
                cancellationToken);
        }
    }

    /// <summary>The JSON names of an invitee's status.</summary>
    public static class Statuses
    {
        public const string Pending = "pending";
        public const string Accepted = "accepted";
        public const string Declined = "declined";
        public const string Bounced = "bounced";
    }

    private async Task<string> StatusAsync(InvitationRecord invitation, CancellationToken cancellationToken) => invitation.Status switch
    {
        InvitationStatus.Accepted => Statuses.Accepted,
        InvitationStatus.Declined => Statuses.Declined,
        _ => await suppressions.GetAsync(invitation.Email, cancellationToken) is { Reason: SuppressionReasons.Bounce } ? Statuses.Bounced : Statuses.Pending,
    };

    private (string Title, string Detail, string Type)? Unavailable(EventRecord e) => e.Status switch
    {
        EventStatus.Draft => ("Event not published", "Publish the event before inviting people: the invitation links lead to its page.", "event-not-published"),
        EventStatus.Cancelled => ("Event cancelled", "A cancelled event takes no invitations.", "event-cancelled"),
        _ when !e.IsOpenForRegistration(time.GetUtcNow()) => ("Registration closed", "Registration for this event has closed, so an invitation could not be accepted.", "registration-closed"),
        _ => null,
    };
}
