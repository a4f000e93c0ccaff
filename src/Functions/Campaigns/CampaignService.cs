using System.Text.Json.Nodes;

namespace GoodThings.Campaigns;

/// <summary>A campaign with where its sending stands.</summary>
public sealed record CampaignProgress(CampaignRecord Campaign, CampaignCounts Counts);

/// <summary>The organisers' side of campaigns: drafts, test copies, scheduling and cancelling.</summary>
public sealed class CampaignService(CampaignStore store, EventStore events, CampaignSending sending, DeliveryTallies tallies, Outbox outbox, TimeProvider time)
{
    public const string TestKind = "campaign-test";

    public async Task<Outcome<CampaignRecord>> CreateAsync(CampaignContent content, CancellationToken cancellationToken)
    {
        if (await UnknownTopicsAsync(content, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var campaign = new CampaignRecord { Id = Guid.NewGuid().ToString("N"), Content = content, Status = CampaignStatus.Draft, CreatedAt = now, UpdatedAt = now };
        await store.AddAsync(campaign, cancellationToken);
        return campaign;
    }

    public async Task<CampaignProgress?> GetAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } loaded ? await ProgressAsync(loaded.Campaign, cancellationToken) : null;

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<CampaignRecord>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(cancellationToken)).OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal)];

    /// <summary>A JSON merge patch of a draft; anything later than a draft has gone, or is going, out as it is.</summary>
    public Task<Outcome<CampaignRecord>> PatchAsync(string id, JsonObject patch, CancellationToken cancellationToken) =>
        Optimistic.RetryRowAsync(
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
                return (Outcome<CampaignRecord>)updated;
            },
            cancellationToken);

    /// <summary>Queues one "[Test]" copy per address; each call sends afresh, as organisers expect of a test button.</summary>
    public async Task<Outcome<IReadOnlyList<string>>> TestAsync(string id, IReadOnlyList<string> emails, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is null)
        {
            return Outcome.NotFound<IReadOnlyList<string>>();
        }

        var request = Guid.NewGuid().ToString("N");
        await outbox.EnqueueAsync(
            emails.Select((email, n) => new OutboxMessage(TestKind, $"campaign:{id}:test:{request}:{n}", email, null, new Dictionary<string, string> { ["campaign"] = id })),
            cancellationToken);
        return new Outcome<IReadOnlyList<string>>.Ok(emails);
    }

    /// <summary>
    /// Schedules a draft (or moves a scheduled campaign) to <paramref name="sendAt"/>, else to the draft's own
    /// <c>sendAt</c>, else now. A due campaign starts at once; a later one when the campaign timer finds it due.
    /// </summary>
    public async Task<Outcome<CampaignRecord>> SendAsync(string id, DateTimeOffset? sendAt, CancellationToken cancellationToken)
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
        if (outcome is Outcome<CampaignRecord>.Ok { Value: var campaign } && campaign.Content.SendAt <= time.GetUtcNow())
        {
            await sending.RequestStartAsync(campaign.Id, cancellationToken);
        }

        return outcome;
    }

    /// <summary>Stops a campaign: batches not yet sent are dropped, with the addresses they held. Idempotent.</summary>
    public async Task<Outcome<CampaignRecord>> CancelAsync(string id, CancellationToken cancellationToken)
    {
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
                return (Outcome<CampaignRecord>)cancelled;
            },
            cancellationToken);
        if (outcome is Outcome<CampaignRecord>.Ok)
        {
            await sending.DropUnsentAsync(id, cancellationToken);
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
