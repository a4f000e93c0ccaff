namespace GoodThings.Observability;

/// <summary>The whole app, plus a composer whose emails send, skip or fail as each message says.</summary>
public sealed class ObservabilityFixture : GoodThingsAppFixture
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IEmailComposer, ProbeComposer>();

    public Outbox Outbox => App.Services.GetRequiredService<Outbox>();
}

/// <summary>Composes a short note; a message saying <c>skip</c> has nothing to send, one saying <c>fail</c> throws.</summary>
public sealed class ProbeComposer : IEmailComposer
{
    public const string Kind = "observability-probe";

    public IReadOnlyCollection<string> Kinds { get; } = [Kind];

    public Task<OutgoingEmail?> ComposeAsync(OutboxMessage message, CancellationToken cancellationToken) => message.Reference("then") switch
    {
        "skip" => Task.FromResult<OutgoingEmail?>(null),
        "fail" => throw new InvalidOperationException($"Probe {message.IdempotencyKey} fails on purpose."),
        _ => Task.FromResult<OutgoingEmail?>(new OutgoingEmail(message.To!, null, "Probe", "<p>Probe</p>", "Probe")),
    };

    public static OutboxMessage Message(string then) =>
        new(Kind, $"probe:{Guid.NewGuid():N}", $"probe-{Guid.NewGuid():N}@example.test", null, new Dictionary<string, string> { ["then"] = then });
}
