using Azure;

namespace GoodThings.Campaigns;

/// <summary>Asks for a campaign's audience to be taken and split into batches.</summary>
public sealed record CampaignStart(string CampaignId);

/// <summary>Asks for one batch of a campaign to be sent.</summary>
public sealed record CampaignBatchRequest(string CampaignId, int Batch);

/// <summary>
/// Sends a campaign in batches of up to 1 000 recipients, one SendGrid call each, so that every recipient gets one
/// copy however often a step is repeated or a process dies:
/// <list type="number">
/// <item>Start: the audience is taken, written as batches and sealed into the campaign row by one conditional update;
/// until sealed, nothing is sent and a restart takes the audience again, overwriting the earlier batches.</item>
/// <item>Each batch is claimed (a conditional update with a lease), sent, and marked sent, which also drops its
/// recipients. A repeated request finds it sent, or claimed and waits for the lease.</item>
/// </list>
/// Only a crash between SendGrid accepting a batch and the mark can repeat it, once its lease has passed.
/// </summary>
public sealed class CampaignSending(
    CampaignStore store,
    SubscriberStore subscribers,
    Suppressions suppressions,
    CampaignCopies copies,
    IEmailSender sender,
    Storage.Queues queues,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<CampaignSending> logger) : IDisposable
{
    public const string StartQueue = "campaign-start";
    public const string BatchQueue = "campaign-batch";

    /// <summary>A batch that keeps failing is given up on, and its recipients counted as failed.</summary>
    internal const int MaxAttempts = 8;

    // A batch in flight holds its 1 000 personalised copies and their JSON, several MB; the queue hands over up to
    // host.json's batchSize (16) at once. Composing is CPU-bound and a few calls keep SendGrid busy, so more batches
    // at once in one process only add memory.
    private readonly SemaphoreSlim _sendsAtOnce = new(4);

    private TimeSpan Lease => options.Value.ClaimLease;

    public void Dispose() => _sendsAtOnce.Dispose();

    public Task RequestStartAsync(string campaignId, CancellationToken cancellationToken) =>
        queues.SendAsync(StartQueue, new CampaignStart(campaignId), cancellationToken: cancellationToken);

    public async Task StartAsync(CampaignStart request, CancellationToken cancellationToken)
    {
        if (await ClaimStartAsync(request.CampaignId, cancellationToken) is not { } claimed)
        {
            return;
        }

        var (campaign, etag) = (claimed.Campaign, claimed.ETag);
        if (campaign.Audience is null)
        {
            var batches = await TakeAudienceAsync(campaign, cancellationToken);
            var now = time.GetUtcNow();
            await store.WriteBatchesAsync(campaign.Id, batches, now, cancellationToken);
            await store.DeleteBatchesFromAsync(campaign.Id, batches.Count, cancellationToken);
            campaign = campaign with { Audience = new CampaignAudience(batches.Sum(b => b.Count), batches.Count), UpdatedAt = now };
            try
            {
                await store.ReplaceAsync(campaign, etag, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                // Cancelled meanwhile (drop what was written, addresses included), or taken over by another attempt
                // after this one's lease ran out (it writes its own batches and seals them).
                if ((await store.GetAsync(campaign.Id, cancellationToken))?.Campaign.Status == CampaignStatus.Cancelled)
                {
                    await store.DeleteBatchesFromAsync(campaign.Id, 0, cancellationToken);
                }

                return;
            }

            logger.LogInformation("Campaign {CampaignId} goes to {Recipients} people in {Batches} batches", campaign.Id, campaign.Audience.Recipients, campaign.Audience.Batches);
        }

        var pending = (await store.ListBatchesAsync(campaign.Id, cancellationToken)).Where(b => !b.IsDone).ToList();
        await EnqueueAsync(campaign.Id, pending, cancellationToken);
        if (pending.Count == 0)
        {
            await FinishIfDoneAsync(campaign.Id, cancellationToken);
        }
    }

    public async Task SendBatchAsync(CampaignBatchRequest request, CancellationToken cancellationToken)
    {
        await _sendsAtOnce.WaitAsync(cancellationToken);
        try
        {
            await SendBatchInTurnAsync(request, cancellationToken);
        }
        finally
        {
            _sendsAtOnce.Release();
        }
    }

    private async Task SendBatchInTurnAsync(CampaignBatchRequest request, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(request.CampaignId, cancellationToken) is not { } loaded
            || await store.GetBatchAsync(request.CampaignId, request.Batch, cancellationToken) is not { Batch.IsDone: false } batch)
        {
            return;
        }

        var campaign = loaded.Campaign;
        var now = time.GetUtcNow();
        if (campaign.Status == CampaignStatus.Cancelled)
        {
            await store.UpdateBatchAsync(campaign.Id, batch.Batch with { Status = BatchStatus.Cancelled, UpdatedAt = now }, batch.ETag, cancellationToken);
            return;
        }

        if (batch.Batch is { Status: BatchStatus.Sending, ClaimedAt: { } claimedAt } && claimedAt + Lease > now)
        {
            // Another attempt holds it; look again when its lease ends (see EmailDispatcher.PutBackAsync for why not throw).
            await queues.SendAsync(BatchQueue, request, claimedAt + Lease - now + TimeSpan.FromSeconds(1), cancellationToken);
            return;
        }

        var attempt = batch.Batch with { Status = BatchStatus.Sending, Attempts = batch.Batch.Attempts + 1, ClaimedAt = now, UpdatedAt = now };
        if (attempt.Attempts > MaxAttempts)
        {
            await MarkAsync(campaign.Id, attempt with { Status = BatchStatus.Failed, LastError = $"{attempt.LastError} (gave up after {MaxAttempts} attempts)" }, batch.ETag);
            return;
        }

        var claim = await store.UpdateBatchAsync(campaign.Id, attempt, batch.ETag, cancellationToken);
        try
        {
            // Not cancelled by a shutdown: a send cut off half way is the one case whose outcome nobody knows.
            await sender.SendBulkAsync(copies.Compose(campaign, request.Batch, batch.Recipients!), CancellationToken.None);
        }
        catch (EmailDeliveryException refused) when ((int)refused.Status is >= 400 and < 500 and not 429)
        {
            await MarkAsync(campaign.Id, attempt with { Status = BatchStatus.Failed, UpdatedAt = time.GetUtcNow(), LastError = refused.Message }, claim);
            throw;
        }
        catch (Exception failure)
        {
            // Released so the queue's retry sends at once rather than after the lease; the failure is what the queue sees.
            await store.UpdateBatchAsync(
                campaign.Id, attempt with { Status = BatchStatus.Pending, UpdatedAt = time.GetUtcNow(), LastError = $"{failure.GetType().Name}: {failure.Message}" }, claim, CancellationToken.None);
            throw;
        }

        await MarkAsync(campaign.Id, attempt with { Status = BatchStatus.Sent, UpdatedAt = time.GetUtcNow(), LastError = null }, claim);
    }

    /// <summary>
    /// The campaign timer's round: starts due campaigns, and puts back on the queues any start or batch whose
    /// message was lost (poisoned, or its attempt died) once its lease has passed.
    /// </summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var campaign in await store.ListActiveAsync(cancellationToken))
        {
            if (campaign.Status == CampaignStatus.Scheduled ? campaign.Content.SendAt <= now : campaign.Audience is null && campaign.StartedAt + Lease <= now)
            {
                await RequestStartAsync(campaign.Id, cancellationToken);
            }
            else if (campaign.Audience is not null)
            {
                var batches = await store.ListBatchesAsync(campaign.Id, cancellationToken);
                await EnqueueAsync(campaign.Id, [.. batches.Where(b => !b.IsDone && (b.ClaimedAt ?? b.UpdatedAt) + Lease <= now)], cancellationToken);
                if (batches.All(b => b.IsDone))
                {
                    await FinishIfDoneAsync(campaign.Id, cancellationToken);
                }
            }
        }
    }

    /// <summary>After a cancel: drops the batches not yet sent, and with them the addresses they held.</summary>
    public async Task DropUnsentAsync(string campaignId, CancellationToken cancellationToken)
    {
        foreach (var batch in (await store.ListBatchesAsync(campaignId, cancellationToken)).Where(b => b.Status == BatchStatus.Pending))
        {
            if (await store.GetBatchAsync(campaignId, batch.Index, cancellationToken) is { Batch.Status: BatchStatus.Pending } loaded)
            {
                await store.UpdateBatchAsync(campaignId, loaded.Batch with { Status = BatchStatus.Cancelled, UpdatedAt = time.GetUtcNow() }, loaded.ETag, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Moves a due scheduled campaign to sending, or takes over a start whose attempt died; null when there is
    /// nothing to start, or another attempt's start is still within its lease.
    /// </summary>
    private Task<LoadedCampaign?> ClaimStartAsync(string id, CancellationToken cancellationToken) =>
        Optimistic.RetryRowAsync(
            async () =>
            {
                var loaded = await store.GetAsync(id, cancellationToken);
                var now = time.GetUtcNow();
                var claimable = loaded?.Campaign switch
                {
                    { Status: CampaignStatus.Scheduled } c => c.Content.SendAt <= now,
                    { Status: CampaignStatus.Sending, Audience: null } c => c.StartedAt + Lease <= now,
                    { Status: CampaignStatus.Sending } => true,
                    _ => false,
                };
                if (!claimable)
                {
                    return null;
                }

                if (loaded!.Campaign.Audience is not null)
                {
                    return loaded;
                }

                var started = loaded.Campaign with { Status = CampaignStatus.Sending, StartedAt = now, UpdatedAt = now };
                return new LoadedCampaign(started, await store.ReplaceAsync(started, loaded.ETag, cancellationToken));
            },
            cancellationToken);

    /// <summary>
    /// Everyone confirmed and not suppressed whose topics meet the campaign's, as they are now, split into batches.
    /// Subscribers come in key (hash) order, so a batch is a fair sample rather than one alphabetical slice.
    /// </summary>
    private async Task<List<IReadOnlyList<CampaignRecipient>>> TakeAudienceAsync(CampaignRecord campaign, CancellationToken cancellationToken)
    {
        var suppressed = await suppressions.ListKeysAsync(cancellationToken);
        var batches = new List<IReadOnlyList<CampaignRecipient>>();
        var batch = new List<CampaignRecipient>(BulkEmail.MaxRecipients);
        await foreach (var subscriber in subscribers.ListSubscribedAsync(cancellationToken))
        {
            if (!subscriber.Follows(campaign.Content.Topics) || suppressed.Contains(suppressions.KeyOf(subscriber.Email)))
            {
                continue;
            }

            batch.Add(new CampaignRecipient(subscriber.Key, subscriber.Email, subscriber.Name));
            if (batch.Count == BulkEmail.MaxRecipients)
            {
                batches.Add(batch);
                batch = new List<CampaignRecipient>(BulkEmail.MaxRecipients);
            }
        }

        if (batch.Count > 0)
        {
            batches.Add(batch);
        }

        return batches;
    }

    private async Task EnqueueAsync(string campaignId, IReadOnlyList<CampaignBatch> batches, CancellationToken cancellationToken)
    {
        var queue = await queues.GetAsync(BatchQueue, cancellationToken);
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (batch, token) => await queue.SendMessageAsync(JsonSerializer.Serialize(new CampaignBatchRequest(campaignId, batch.Index), Storage.Queues.Json), token));
    }

    /// <summary>Records a batch's outcome even on shutdown: an unrecorded send is the one a retry would repeat.</summary>
    private async Task MarkAsync(string campaignId, CampaignBatch batch, ETag etag)
    {
        await store.UpdateBatchAsync(campaignId, batch, etag, CancellationToken.None);
        await FinishIfDoneAsync(campaignId, CancellationToken.None);
    }

    private Task<bool> FinishIfDoneAsync(string campaignId, CancellationToken cancellationToken) =>
        Optimistic.RetryRowAsync(
            async () =>
            {
                // Batches first: they are small rows, while the campaign row carries the whole body.
                if ((await store.ListBatchesAsync(campaignId, cancellationToken)).Any(b => !b.IsDone)
                    || await store.GetAsync(campaignId, cancellationToken) is not { Campaign: { Status: CampaignStatus.Sending, Audience: not null } campaign } loaded)
                {
                    return false;
                }

                var now = time.GetUtcNow();
                await store.ReplaceAsync(campaign with { Status = CampaignStatus.Sent, FinishedAt = now, UpdatedAt = now }, loaded.ETag, cancellationToken);
                logger.LogInformation("Campaign {CampaignId} sent", campaignId);
                return true;
            },
            cancellationToken);
}
