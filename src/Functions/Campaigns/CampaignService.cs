using System.Text.Json.Nodes;

namespace GoodThings.Campaigns;

/// <summary>A campaign with where its sending stands.</summary>
public sealed record CampaignProgress(CampaignRecord Campaign, CampaignCounts Counts);

/// <summary>The organisers' side of campaigns: drafts, test copies, scheduling and cancelling, each recorded in the audit log once made.</summary>
public sealed class CampaignService(
    CampaignStore store, EventStore events, CampaignSending sending, DeliveryTallies tallies, Outbox outbox, TimeProvider time, AuditLog audit)
{
    public const string TestKind = "campaign-test";

    public async Task<Outcome<CampaignRecord>> CreateAsync(CampaignContent content, Actor actor, CancellationToken cancellationToken)
    {
        if (await UnknownTopicsAsync(content, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var campaign = new CampaignRecord { Id = Guid.NewGuid().ToString("N"), Content = content, Status = CampaignStatus.Draft, CreatedAt = now, UpdatedAt = now };
        await store.AddAsync(campaign, cancellationToken);
        await audit.RecordAsync(actor, AuditActions.CampaignCreated, campaignId: campaign.Id);
        return campaign;
    }

    public async Task<CampaignProgress?> GetAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } loaded ? await ProgressAsync(loaded.Campaign, cancellationToken) : null;

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<CampaignRecord>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(cancellationToken)).OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal)];

    /// <summary>A JSON merge patch of a draft; anything later than a draft has gone, or is going, out as it is.</summary>
    public async Task<Outcome<CampaignRecord>> PatchAsync(string id, JsonObject patch, Actor actor, CancellationToken cancellationToken)
    {
        IReadOnlyList<FieldChange> changed = [];
        var outcome = await Optimistic.RetryRowAsync(
            async () =>
            {
                if (await store.GetAsync(id, cancellationToken) is not { } loaded)
                {
                    return Outcome.NotFound<CampaignRecord>();
                }

                if (loaded.Campaign.Status != CampaignStatus.Draft)
                {
                    return NotDraft(loaded.Campaign);
                }

                var document = (JsonObject)JsonSerializer.SerializeToNode(CampaignInput.From(loaded.Campaign.Content), JsonBinding.Options)!;
                if (JsonBinding.Bind<CampaignInput>((JsonObject)MergePatch.Apply(document, patch)!, out var errors) is not { } patched)
                {
                    return new Outcome<CampaignRecord>.Invalid(errors);
                }

                var validator = new Validator();
                if (CampaignValidation.Validate(patched, validator) is not { } content)
                {
                    return Outcome.Invalid<CampaignRecord>(validator);
                }

                if (await UnknownTopicsAsync(content, cancellationToken) is { } invalid)
                {
                    return invalid;
                }

                var updated = loaded.Campaign with { Content = content, UpdatedAt = time.GetUtcNow() };
                await store.ReplaceAsync(updated, loaded.ETag, cancellationToken);
                changed = FieldChanges.Between(CampaignInput.From(loaded.Campaign.Content), CampaignInput.From(content), FieldsWithoutValues);
                return (Outcome<CampaignRecord>)updated;
            },
            cancellationToken);
        if (outcome is Outcome<CampaignRecord>.Ok && changed.Count > 0)
        {
            await audit.RecordAsync(actor, AuditActions.CampaignUpdated, campaignId: id, changes: changed);
        }

        return outcome;
    }

    /// <summary>Recorded only as changed: the body is long.</summary>
    private static readonly HashSet<string> FieldsWithoutValues = new(StringComparer.Ordinal) { "body" };

    /// <summary>Queues one "[Test]" copy per address; each call sends afresh, as organisers expect of a test button.</summary>
    public async Task<Outcome<IReadOnlyList<string>>> TestAsync(string id, IReadOnlyList<string> emails, Actor actor, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is null)
        {
            return Outcome.NotFound<IReadOnlyList<string>>();
        }

        var request = Guid.NewGuid().ToString("N");
        await outbox.EnqueueAsync(
            emails.Select((email, n) => new OutboxMessage(TestKind, $"campaign:{id}:test:{request}:{n}", email, null, new Dictionary<string, string> { ["campaign"] = id })),
            cancellationToken);

        // How many, not to whom: the log keeps no addresses.
        await audit.RecordAsync(
            actor, AuditActions.CampaignTestSent, campaignId: id, details: new Dictionary<string, string> { ["copies"] = emails.Count.ToString(CultureInfo.InvariantCulture) });
        return new Outcome<IReadOnlyList<string>>.Ok(emails);
    }

    /// <summary>
    /// Schedules a draft (or moves a scheduled campaign) to <paramref name="sendAt"/>, else to the draft's own
    /// <c>sendAt</c>, else now. A due campaign starts at once; a later one when the campaign timer finds it due.
    /// </summary>
    public async Task<Outcome<CampaignRecord>> SendAsync(string id, DateTimeOffset? sendAt, Actor actor, CancellationToken cancellationToken)
    {
        var outcome = await Optimistic.RetryRowAsync(
            async () =>
            {
                if (await store.GetAsync(id, cancellationToken) is not { } loaded)
                {
                    return Outcome.NotFound<CampaignRecord>();
                }

                if (loaded.Campaign.Status is not (CampaignStatus.Draft or CampaignStatus.Scheduled))
                {
                    return Outcome.Conflict<CampaignRecord>(
                        "Campaign already sent", $"The campaign is {EventJson.Camel(loaded.Campaign.Status)}; it cannot be sent again.", "campaign-not-sendable");
                }

                var now = time.GetUtcNow();
                var scheduled = loaded.Campaign with
                {
                    Status = CampaignStatus.Scheduled,
                    Content = loaded.Campaign.Content with { SendAt = sendAt ?? loaded.Campaign.Content.SendAt ?? now },
                    UpdatedAt = now,
                };
                await store.ReplaceAsync(scheduled, loaded.ETag, cancellationToken);
                return (Outcome<CampaignRecord>)scheduled;
            },
            cancellationToken);
        if (outcome is Outcome<CampaignRecord>.Ok { Value: var campaign })
        {
            var due = campaign.Content.SendAt <= time.GetUtcNow();
            if (due)
            {
                await sending.RequestStartAsync(campaign.Id, cancellationToken);
            }

            await audit.RecordAsync(
                actor,
                due ? AuditActions.CampaignSent : AuditActions.CampaignScheduled,
                campaignId: id,
                details: new Dictionary<string, string> { ["sendAt"] = campaign.Content.SendAt!.Value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) });
        }

        return outcome;
    }

    /// <summary>Stops a campaign: batches not yet sent are dropped, with the addresses they held. Idempotent.</summary>
    public async Task<Outcome<CampaignRecord>> CancelAsync(string id, Actor actor, CancellationToken cancellationToken)
    {
        var committed = false;
        var outcome = await Optimistic.RetryRowAsync(
            async () =>
            {
                if (await store.GetAsync(id, cancellationToken) is not { } loaded)
                {
                    return Outcome.NotFound<CampaignRecord>();
                }

                if (loaded.Campaign.Status is CampaignStatus.Sent)
                {
                    return Outcome.Conflict<CampaignRecord>("Campaign already sent", "Every batch of the campaign has gone out; there is nothing left to stop.", "campaign-not-cancellable");
                }

                if (loaded.Campaign.Status is CampaignStatus.Cancelled)
                {
                    return (Outcome<CampaignRecord>)loaded.Campaign;
                }

                var now = time.GetUtcNow();
                var cancelled = loaded.Campaign with { Status = CampaignStatus.Cancelled, CancelledAt = now, UpdatedAt = now };
                await store.ReplaceAsync(cancelled, loaded.ETag, cancellationToken);
                committed = true;
                return (Outcome<CampaignRecord>)cancelled;
            },
            cancellationToken);
        if (outcome is Outcome<CampaignRecord>.Ok)
        {
            await sending.DropUnsentAsync(id, cancellationToken);
        }

        if (committed)
        {
            await audit.RecordAsync(actor, AuditActions.CampaignCancelled, campaignId: id);
        }

        return outcome;
    }

    private async Task<CampaignProgress> ProgressAsync(CampaignRecord campaign, CancellationToken cancellationToken)
    {
        var batches = campaign.Audience is null ? [] : await store.ListBatchesAsync(campaign.Id, cancellationToken);
        var events = await tallies.GetAsync(campaign.Id, cancellationToken);
        return new CampaignProgress(
            campaign,
            new CampaignCounts(
                campaign.Audience?.Recipients ?? 0,
                batches.Where(b => b.Status == BatchStatus.Sent).Sum(b => b.Size),
                batches.Where(b => b.Status == BatchStatus.Failed).Sum(b => b.Size),
                events.Delivered, events.Opened, events.Clicked, events.Bounced, events.Unsubscribed));
    }

    private async Task<Outcome<CampaignRecord>?> UnknownTopicsAsync(CampaignContent content, CancellationToken cancellationToken)
    {
        if (content.Topics.Count == 0)
        {
            return null;
        }

        var known = (await events.ListAsync(cancellationToken)).SelectMany(e => e.Tags).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var validator = new Validator();
        CampaignValidation.CheckTopics(content.Topics, known, validator);
        return validator.IsValid ? null : Outcome.Invalid<CampaignRecord>(validator);
    }

    private static Outcome<CampaignRecord> NotDraft(CampaignRecord campaign) =>
        Outcome.Conflict<CampaignRecord>("Campaign not a draft", $"The campaign is {EventJson.Camel(campaign.Status)}; only a draft can be changed.", "campaign-not-draft");
}
