using System.Collections.Concurrent;
using System.Diagnostics;

namespace GoodThings.Registrations;

/// <summary>
/// Registers people for events, with group commit. Requests for one event queue in a lane; one drain at a time
/// takes up to <see cref="BatchSize"/> of them, reads the event row, decides each in arrival order (confirmed
/// while seats remain, then waitlisted in ticket order) and writes the lot in one table transaction guarded by
/// the event row's ETag. Correctness never rests on the lane: it only saves this instance from racing itself.
/// Other instances race through the ETag, and a lost race re-reads and decides again. Other writes to the event's
/// partition that a spike must not starve (a self-cancel) take their turn in the same lane
/// (<see cref="InTurnAsync{T}"/>): between two batches, in arrival order, never racing this instance's batches.
/// </summary>
public sealed class RegistrationLanes(
    EventStore store, InvitationLinks invitationLinks, SubscriptionService subscriptions, ForegroundWork foreground, TimeProvider time, ILogger<RegistrationLanes> logger)
{
    /// <summary>
    /// Each registration writes at most 5 rows (registration, email index, waitlist row, outbox, invitation); with
    /// the event row and a promotion request, a transaction holds 100.
    /// </summary>
    internal const int BatchSize = 19;

    /// <summary>Registering again re-sends the confirmation at most this often.</summary>
    public static readonly TimeSpan ConfirmationResendInterval = TimeSpan.FromHours(1);

    /// <summary>Slugs remembered per instance; past this many, they are forgotten and learnt again.</summary>
    internal const int RememberedSlugs = 10_000;

    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    // Slug -> event id, so that a spike on one event reads its slug row once per instance, not once per request.
    // A slug can be moved to another event, so the lane checks each registration's slug against the event row it
    // reads anyway, and a mismatch is looked up afresh.
    private readonly ConcurrentDictionary<string, string> _eventIdsBySlug = new(StringComparer.Ordinal);

    /// <summary>
    /// The event a slug names comes from this instance's memory when it can, else from the slug's row; the lane
    /// reads the event under its own ETag, confirms it still bears the slug, and answers a missing or draft event
    /// with NotFound. A remembered id that no longer fits is forgotten and the slug's row read once.
    /// </summary>
    public async Task<RegisterOutcome> RegisterAsync(string slug, RegistrationInput input, CancellationToken cancellationToken)
    {
        var outcome = await RegisterBySlugAsync(slug, input, cancellationToken);
        return await FollowUpAsync(outcome, input, cancellationToken);
    }

    /// <summary>
    /// For a caller that has already read the event; the lane reads it again under its own ETag. Asking to subscribe
    /// starts the newsletter's double opt-in once the registration stands; it never subscribes anyone directly.
    /// </summary>
    public async Task<RegisterOutcome> RegisterAsync(EventRecord @event, RegistrationInput input, CancellationToken cancellationToken)
    {
        var outcome = @event.Status == EventStatus.Draft
            ? new RegisterOutcome.NotFound()
            : await EnqueueAsync(@event.Id, input, slug: null, cancellationToken);
        return await FollowUpAsync(outcome, input, cancellationToken);
    }

    private async Task<RegisterOutcome> RegisterBySlugAsync(string slug, RegistrationInput input, CancellationToken cancellationToken)
    {
        if (_eventIdsBySlug.TryGetValue(slug, out var remembered))
        {
            var outcome = await EnqueueAsync(remembered, input, slug, cancellationToken);
            if (outcome is not RegisterOutcome.NotFound)
            {
                return outcome;
            }

            _eventIdsBySlug.TryRemove(new KeyValuePair<string, string>(slug, remembered));
        }

        if (await store.EventIdOfSlugAsync(slug, cancellationToken) is not { } eventId)
        {
            return new RegisterOutcome.NotFound();
        }

        var found = await EnqueueAsync(eventId, input, slug, cancellationToken);
        if (found is not RegisterOutcome.NotFound)
        {
            if (_eventIdsBySlug.Count >= RememberedSlugs)
            {
                _eventIdsBySlug.Clear();
            }

            _eventIdsBySlug[slug] = eventId;
        }

        return found;
    }

    private async Task<RegisterOutcome> FollowUpAsync(RegisterOutcome outcome, RegistrationInput input, CancellationToken cancellationToken)
    {
        Telemetry.AppMetrics.Registered(outcome);
        if (input.Subscribe && outcome is RegisterOutcome.Created or RegisterOutcome.Existing)
        {
            await subscriptions.AskAsync(new SubscriptionInput(input.Email, input.Name, Topics: null), SubscriptionSources.Registration, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// Runs another write to the event's partition in the event's lane: after the registrations that arrived before
    /// it and before those that arrive after. Without this, a write racing a spike's back-to-back batches for the
    /// event row's ETag loses nearly every time, until its retry budget runs out. <paramref name="write"/> still
    /// retries optimistically, for other instances' batches, against which it stands as good a chance as any batch.
    /// </summary>
    public async Task<T> InTurnAsync<T>(string eventId, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        var turn = new Turn(async () => await write());
        Enqueue(eventId, turn);
        return (T)(await turn.Outcome.Task.WaitAsync(cancellationToken))!;
    }

    /// <param name="slug">The slug the registrant came by, which the event must still bear; null when the caller read the event.</param>
    private Task<RegisterOutcome> EnqueueAsync(string eventId, RegistrationInput input, string? slug, CancellationToken cancellationToken)
    {
        var pending = new Pending(input, slug, new TaskCompletionSource<RegisterOutcome>(TaskCreationOptions.RunContinuationsAsynchronously), Telemetry.AppTelemetry.CurrentTraceParent());
        Enqueue(eventId, pending);
        return pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    private void Enqueue(string eventId, Work work)
    {
        bool startDrain;
        Lane lane;
        lock (_lanes)
        {
            if (!_lanes.TryGetValue(eventId, out lane!))
            {
                lane = new Lane();
                _lanes[eventId] = lane;
            }

            lane.Queue.Enqueue(work);
            startDrain = !lane.Draining;
            lane.Draining = true;
        }

        if (startDrain)
        {
            _ = Task.Run(() => DrainAsync(eventId, lane), CancellationToken.None);
        }
    }

    private async Task DrainAsync(string eventId, Lane lane)
    {
        using var answering = foreground.Begin();
        while (true)
        {
            List<Pending> batch = [];
            Turn? turn = null;
            lock (_lanes)
            {
                if (lane.Queue.Count == 0)
                {
                    lane.Draining = false;
                    _lanes.Remove(eventId);
                    return;
                }

                // Registrations in arrival order up to the first other write, which then runs alone.
                if (lane.Queue.Peek() is Turn first)
                {
                    turn = first;
                    lane.Queue.Dequeue();
                }

                while (turn is null && batch.Count < BatchSize && lane.Queue.TryPeek(out var next) && next is Pending pending)
                {
                    batch.Add(pending);
                    lane.Queue.Dequeue();
                }
            }

            try
            {
                if (turn is not null)
                {
                    lane.Forget();
                    turn.Outcome.TrySetResult(await turn.Write());
                    continue;
                }

                var outcomes = await CommitAsync(eventId, lane, batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Outcome.TrySetResult(outcomes[i]);
                }

                await Task.Delay(lane.Yield());
            }
            catch (Exception exception)
            {
                if (turn is not null)
                {
                    // The caller's own write failed: it is the caller's to answer, not this lane's to log.
                    turn.Outcome.TrySetException(exception);
                    continue;
                }

                logger.LogError(exception, "Registering a batch of {Count} for event {EventId} failed", batch.Count, eventId);
                var failed = new List<Work>(batch);
                if (exception is not StorageBusyException)
                {
                    // Storage that is down or timing out would fail those waiting too, each only after its own turn to
                    // time out: they are answered at once, having written nothing. Contention is not passed on so: the
                    // next batch has a fresh retry budget.
                    lock (_lanes)
                    {
                        failed.AddRange(lane.Queue);
                        lane.Queue.Clear();
                    }
                }

                foreach (var work in failed)
                {
                    work.Fail(exception);
                }
            }
        }
    }

    private async Task<RegisterOutcome[]> CommitAsync(string eventId, Lane lane, List<Pending> batch)
    {
        // Most people register once, so the first attempt skips looking up each address: the email-index rows
        // in the transaction make a repeat fail it with 409, and the next attempt looks them up.
        var lookUpAddresses = false;
        return await Optimistic.RetryPromptlyAsync(
            async () =>
            {
                var plan = await PlanAsync(eventId, lane, batch, lookUpAddresses);
                if (plan.Write is { } write)
                {
                    var clock = Stopwatch.StartNew();
                    try
                    {
                        await store.CommitAsync(write.Loaded, write.Updated, write.Change, write.NextTicket);
                    }
                    catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412)
                    {
                        lookUpAddresses |= exception.Status == 409;
                        lane.SawOthers();
                        throw;
                    }

                    lane.Wrote(write.Updated, write.NextTicket, clock.Elapsed);
                }

                return plan.Outcomes;
            },
            CancellationToken.None);
    }

    private async Task<Plan> PlanAsync(string eventId, Lane lane, List<Pending> batch, bool lookUpAddresses)
    {
        var clock = Stopwatch.StartNew();
        var loaded = await store.GetAsync(eventId, CancellationToken.None);
        lane.Read(loaded, clock.Elapsed);
        var now = time.GetUtcNow();
        if (loaded is null || loaded.Event.Status == EventStatus.Draft)
        {
            return Plan.Unchanged(batch, new RegisterOutcome.NotFound());
        }

        if (!loaded.Event.IsOpenForRegistration(now))
        {
            return new Plan(null, [.. batch.Select(p => p.Fits(loaded.Event) ? new RegisterOutcome.Closed() : (RegisterOutcome)new RegisterOutcome.NotFound())]);
        }

        var existing = lookUpAddresses ? await ExistingAsync(eventId, batch) : [];
        var @event = loaded.Event;
        var counts = @event.Counts;
        var nextTicket = loaded.NextTicket;
        var change = new EventWrite();
        var changed = false;
        var outcomes = new RegisterOutcome[batch.Count];
        var madeHere = new Dictionary<string, RegisterOutcome>(StringComparer.Ordinal);
        var promotionAsked = false;

        for (var i = 0; i < batch.Count; i++)
        {
            if (!batch[i].Fits(@event))
            {
                outcomes[i] = new RegisterOutcome.NotFound();
                continue;
            }

            var input = batch[i].Input;
            var email = AddressKey.Normalise(input.Email);
            if (madeHere.TryGetValue(email, out var sameBatch))
            {
                // The same address twice in one batch: the second gets the first's registration.
                outcomes[i] = sameBatch is RegisterOutcome.Created created ? new RegisterOutcome.Existing(created.Event, created.Registration, created.WaitlistPosition) : sameBatch;
                continue;
            }

            var (invitation, refusal) = await InvitationOfAsync(@event, input);
            if (refusal is not null)
            {
                outcomes[i] = refusal;
                continue;
            }

            var invited = invitation is not null;
            if (invitation is { Status: not InvitationStatus.Accepted })
            {
                change.Update(invitation with { Status = InvitationStatus.Accepted, RespondedAt = now, DeclineReason = null });
                changed = true;
            }

            if (existing.TryGetValue(email, out var current))
            {
                var (outcome, resent) = await ExistingOutcomeAsync(@event, current, now, change);
                outcomes[i] = madeHere[email] = outcome;
                changed |= resent;
                continue;
            }

            // While someone in line could have a free seat (their promotion is on its way), a newcomer queues behind them.
            var jumping = Waitlist.SomeoneWaitingCouldTakeASeat(@event, counts);
            var confirmed = @event.FreeSeats(counts, invited) > 0 && !jumping;
            if (jumping && !promotionAsked)
            {
                // Should that promotion have been lost, this asks again: the line never stalls behind free seats.
                change.Send(Waitlist.QueueName, new PromotionRequest(eventId));
                promotionAsked = true;
            }

            var registration = new RegistrationRecord
            {
                Id = Guid.NewGuid().ToString("N"),
                EventId = eventId,
                Name = input.Name,
                Email = input.Email,
                Organisation = input.Organisation,
                AccessibilityNeeds = input.AccessibilityNeeds,
                Status = confirmed ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted,
                WaitlistTicket = confirmed ? null : nextTicket,
                RegisteredAt = now,
                ConfirmationsSent = 1,
                LastConfirmationAt = now,
                Invited = invited,
            };
            counts = confirmed
                ? counts with { Confirmed = counts.Confirmed + 1, ConfirmedInvitees = counts.ConfirmedInvitees + (invited ? 1 : 0) }
                : counts with { Waitlisted = counts.Waitlisted + 1 };

            change.Register(registration);
            if (!confirmed)
            {
                nextTicket++;
            }

            // The drain runs in the context of the request that started it: each confirmation joins its own request's trace.
            change.Send(Outbox.QueueName, RegistrationEmails.Confirmation(registration, 1, confirmed ? null : counts.Waitlisted) with { TraceParent = batch[i].TraceParent });
            changed = true;
            // Every earlier waitlisted ticket is still waiting, so the newest is last in line.
            outcomes[i] = madeHere[email] = new RegisterOutcome.Created(@event, registration, confirmed ? null : counts.Waitlisted);
        }

        var write = changed ? new Write(change, loaded, @event with { Counts = counts, UpdatedAt = now }, nextTicket) : null;
        return new Plan(write, outcomes);
    }

    /// <summary>
    /// The invitation a registrant came with, read afresh under the batch's event read; or why they may not register:
    /// an invite-only event needs one, and an invitation is for its own address and event only.
    /// </summary>
    private async Task<(InvitationRecord? Invitation, RegisterOutcome? Refusal)> InvitationOfAsync(EventRecord @event, RegistrationInput input)
    {
        if (input.Invitation is null)
        {
            return @event.Visibility == EventVisibility.InviteOnly
                ? (null, new RegisterOutcome.Forbidden("invitation-required", "This event is by invitation only: register through the link in your invitation."))
                : (null, null);
        }

        if (invitationLinks.Read(input.Invitation) is not { } link || link.EventId != @event.Id ||
            await store.GetInvitationAsync(@event.Id, link.AddressKey, CancellationToken.None) is not { } invitation)
        {
            return (null, new RegisterOutcome.Forbidden("invitation-invalid", "This invitation link is not valid: it may have expired, or be for another event."));
        }

        return link.AddressKey == AddressKey.Of(input.Email)
            ? (invitation, null)
            : (null, new RegisterOutcome.Forbidden("invitation-other-address", "This invitation is for another email address: register with the address it was sent to."));
    }

    /// <summary>Someone registering again: the same registration, and its confirmation again at most once an hour.</summary>
    private async Task<(RegisterOutcome Outcome, bool Resent)> ExistingOutcomeAsync(EventRecord @event, RegistrationRecord current, DateTimeOffset now, EventWrite change)
    {
        int? position = current.WaitlistTicket is { } ticket ? await store.WaitlistPositionAsync(current.EventId, ticket, CancellationToken.None) : null;
        if (current.LastConfirmationAt is { } last && now - last < ConfirmationResendInterval)
        {
            return (new RegisterOutcome.Existing(@event, current, position), false);
        }

        var resent = current with { ConfirmationsSent = current.ConfirmationsSent + 1, LastConfirmationAt = now };
        change.Update(resent);
        change.Send(Outbox.QueueName, RegistrationEmails.Confirmation(resent, resent.ConfirmationsSent, position));
        return (new RegisterOutcome.Existing(@event, resent, position), true);
    }

    private async Task<Dictionary<string, RegistrationRecord>> ExistingAsync(string eventId, List<Pending> batch)
    {
        var emails = batch.Select(p => AddressKey.Normalise(p.Input.Email)).Distinct(StringComparer.Ordinal).ToList();
        var found = await Task.WhenAll(emails.Select(email => store.GetActiveRegistrationByEmailAsync(eventId, email, CancellationToken.None)));
        return emails.Zip(found).Where(p => p.Second is not null).ToDictionary(p => p.First, p => p.Second!, StringComparer.Ordinal);
    }

    private abstract class Work
    {
        public abstract void Fail(Exception exception);
    }

    private sealed class Pending(RegistrationInput input, string? slug, TaskCompletionSource<RegisterOutcome> outcome, string? traceParent) : Work
    {
        public RegistrationInput Input { get; } = input;

        /// <summary>Whether this is the event the registrant asked for: it still bears the slug they came by.</summary>
        public bool Fits(EventRecord @event) => slug is null || slug == @event.Slug;

        public TaskCompletionSource<RegisterOutcome> Outcome { get; } = outcome;

        /// <summary>The trace of the request that asked, for its confirmation email to continue (the batch runs in another's).</summary>
        public string? TraceParent { get; } = traceParent;

        public override void Fail(Exception exception) => Outcome.TrySetException(exception);
    }

    private sealed class Turn(Func<Task<object?>> write) : Work
    {
        public Func<Task<object?>> Write { get; } = write;

        public TaskCompletionSource<object?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Fail(Exception exception) => Outcome.TrySetException(exception);
    }

    /// <summary>
    /// An event's queue in this instance, and what it knows of other instances writing the same event. A lane that
    /// never waits keeps the event row to itself while its queue lasts: each of its commits lands while another
    /// instance's batch (or cancel) is between its re-read and its commit, and that one loses every race until its
    /// retry budget runs out (503). So after each commit a lane pauses: for about two reads' time while it knows of no
    /// other writer, so that a writer that just lost re-reads first and wins the next round; and for about one commit's
    /// time while it has lately seen one (a foreign commit since its own, or a race lost), so that instances take turns.
    /// </summary>
    private sealed class Lane
    {
        /// <summary>How long a sign of another writer counts: longer than any pause between one writer's batches.</summary>
        private static readonly TimeSpan OthersLinger = TimeSpan.FromSeconds(5);

        private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(250);

        private (EventCounts Counts, long NextTicket)? _written;
        private TimeSpan _readTook;
        private TimeSpan _commitTook;
        private long _othersSeenAt = long.MinValue;

        public Queue<Work> Queue { get; } = new();

        public bool Draining { get; set; }

        /// <summary>The event row as read for a batch: not as this lane last wrote it means another writer came between.</summary>
        public void Read(LoadedEvent? loaded, TimeSpan took)
        {
            _readTook = took;

            // Every registration changes the counts, and every waitlisting the next ticket.
            if (loaded is not null && _written is { } written && written != (loaded.Event.Counts, loaded.NextTicket))
            {
                SawOthers();
            }
        }

        public void Wrote(EventRecord updated, long nextTicket, TimeSpan took)
        {
            _written = (updated.Counts, nextTicket);
            _commitTook = took;
        }

        /// <summary>A write in its turn changed the row in ways this lane does not follow: the next read is no sign of others.</summary>
        public void Forget() => _written = null;

        public void SawOthers() => _othersSeenAt = Stopwatch.GetTimestamp();

        /// <summary>How long to pause after a commit before the next batch (jittered, so instances do not keep step).</summary>
        public TimeSpan Yield()
        {
            var othersAbout = _othersSeenAt != long.MinValue && Stopwatch.GetElapsedTime(_othersSeenAt) <= OthersLinger;
            var pause = (othersAbout ? _commitTook : 2 * _readTook) * (0.5 + Random.Shared.NextDouble());
            return pause < LongestPause ? pause : LongestPause;
        }
    }

    private sealed record Write(EventWrite Change, LoadedEvent Loaded, EventRecord Updated, long NextTicket);

    private sealed record Plan(Write? Write, RegisterOutcome[] Outcomes)
    {
        public static Plan Unchanged(List<Pending> batch, RegisterOutcome outcome) => new(null, [.. batch.Select(_ => outcome)]);
    }
}
