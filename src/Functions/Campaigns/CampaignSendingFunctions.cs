namespace GoodThings.Campaigns;

public sealed class CampaignSendingFunctions(CampaignSending sending)
{
    [Function("CampaignStartFunction")]
    public Task Start([QueueTrigger("%StoragePrefix%-" + CampaignSending.StartQueue)] CampaignStart request, CancellationToken cancellationToken) =>
        sending.StartAsync(request, cancellationToken);

    [Function("CampaignBatchFunction")]
    public Task SendBatch([QueueTrigger("%StoragePrefix%-" + CampaignSending.BatchQueue)] CampaignBatchRequest request, CancellationToken cancellationToken) =>
        sending.SendBatchAsync(request, cancellationToken);

    /// <summary>Starts due campaigns within a minute of their time, and recovers lost starts and batches.</summary>
    [Function("CampaignSweepFunction")]
    public Task Sweep([TimerTrigger("%TimersSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sending.SweepAsync(cancellationToken);
}
