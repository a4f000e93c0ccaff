using Azure.Core;
using Azure.Data.Tables;
using GoodThings.Audit;
using GoodThings.Events;
using GoodThings.Registrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoodThings.Scheduling;

/// <summary>
/// The workload the schedule pass is measured on (in a test and in benchmarks/scheduling-pass): the app's own services
/// on real storage, with 50 published events and 10 000 confirmed registrations, and every table request counted.
/// </summary>
public sealed class PassWorkload(ServiceProvider services, FakeTimeProvider time, RoundTripCounter counter) : IAsyncDisposable
{
    public const int EventCount = 50;
    public const int RegistrationCount = 10_000;

    public FakeTimeProvider Time => time;

    public RoundTripCounter RoundTrips => counter;

    public IReadOnlyList<EventRecord> Events { get; private set; } = [];

    public static PassWorkload Create(string storageConnectionString, string storagePrefix)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["Storage:Prefix"] = storagePrefix,
            ["StoragePrefix"] = storagePrefix,
            ["Site:BaseUrl"] = "http://localhost:7071",
            ["Tokens:SigningKey"] = "pass-workload-signing-key-not-a-secret-0123456789",
            ["Email:From"] = "events@goodthings.localhost",
        }).Build();
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero));
        var counter = new RoundTripCounter();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddGoodThings(configuration)
            .AddSingleton<TimeProvider>(time)
            .AddSingleton(_ =>
            {
                var options = new TableClientOptions();
                options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
                return new TableServiceClient(storageConnectionString, options);
            });
        return new PassWorkload(services.BuildServiceProvider(), time, counter);
    }

    public Task RunPassAsync() => services.GetRequiredService<SchedulePass>().RunAsync(CancellationToken.None);

    /// <summary>Publishes the events (a week apart) and fills them with registrations, 49 to a transaction.</summary>
    public async Task SeedAsync()
    {
        var eventService = services.GetRequiredService<EventService>();
        var store = services.GetRequiredService<EventStore>();
        var events = new List<EventRecord>();
        for (var n = 0; n < EventCount; n++)
        {
            var startsAt = time.GetUtcNow().AddDays(7 * (n + 1));
            var content = new EventContent(
                null, $"Pass workload {n}", null, null, startsAt, startsAt.AddHours(2), "Europe/London",
                EventFormat.Online, null, "https://meet.example.org/pass-workload", null, null, [], [], null);
            var created = (Outcome<EventRecord>.Ok)await eventService.CreateAsync(content, Actor.SampleData, CancellationToken.None);
            var published = (Outcome<EventRecord>.Ok)await eventService.PublishAsync(created.Value.Id, announce: false, Actor.SampleData, CancellationToken.None);
            events.Add(published.Value);
            foreach (var batch in Enumerable.Range(0, RegistrationCount / EventCount).Chunk(49))
            {
                var loaded = (await store.GetAsync(published.Value.Id, CancellationToken.None))!;
                var change = new EventWrite();
                foreach (var i in batch)
                {
                    change.Register(new RegistrationRecord
                    {
                        Id = Guid.NewGuid().ToString("N"),
                        EventId = loaded.Event.Id,
                        Status = RegistrationStatus.Confirmed,
                        Name = $"Person {n}-{i}",
                        Email = $"person-{n}-{i}@example.test",
                        RegisteredAt = time.GetUtcNow(),
                    });
                }

                var counts = loaded.Event.Counts with { Confirmed = loaded.Event.Counts.Confirmed + batch.Length };
                await store.CommitAsync(loaded, loaded.Event with { Counts = counts }, change, cancellationToken: CancellationToken.None);
            }
        }

        Events = events;
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
