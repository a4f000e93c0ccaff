namespace GoodThings.Campaigns;

/// <summary>Renders a "[Test]" copy of a campaign as it reads when the copy is sent.</summary>
public sealed class CampaignTestComposer(CampaignStore store, CampaignCopies copies) : IEmailComposer
{
    public IReadOnlyCollection<string> Kinds { get; } = [CampaignService.TestKind];

    public async Task<OutgoingEmail?> ComposeAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        await store.GetAsync(message.Reference("campaign"), cancellationToken) is { } loaded && message.To is { } to
            ? copies.TestCopy(loaded.Campaign, to)
            : null;
}
