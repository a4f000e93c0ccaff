using System.Collections.Concurrent;
using Azure.Core;

namespace GoodThings.Registrations;

/// <summary>The app with every read of an event's slug row counted.</summary>
public sealed class SlugReadsFixture : GoodThingsAppFixture
{
    public SlugReadCounter SlugReads { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddTablePolicy(SlugReads);
}

/// <summary>Counts point reads of the slug table, per slug.</summary>
public sealed class SlugReadCounter : RequestWatch
{
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

    public int Of(string slug) => _reads.GetValueOrDefault(slug);

    protected override void Observe(Request request)
    {
        // A point read's path ends "{table}(PartitionKey='{slug}',RowKey='slug')".
        var path = Uri.UnescapeDataString(request.Uri.Path);
        const string marker = EventRows.SlugTableName + "(PartitionKey='";
        var at = path.IndexOf(marker, StringComparison.Ordinal);
        if (request.Method == RequestMethod.Get && at >= 0)
        {
            var slug = path[(at + marker.Length)..path.IndexOf('\'', at + marker.Length)];
            _reads.AddOrUpdate(slug, 1, (_, n) => n + 1);
        }
    }
}

/// <summary>
/// An instance remembers which event a slug names, so a spike on one event does not read its slug row per request;
/// a slug that has since moved to another event is never followed to the old one.
/// </summary>
public sealed class RegistrationBySlugTests(SlugReadsFixture fixture) : IClassFixture<SlugReadsFixture>
{
    [Fact]
    public async Task AnInstanceReadsAnEventsSlugRowOnceForManyRegistrations()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        var (id, slug) = (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);

        for (var i = 0; i < 5; i++)
        {
            await EventsApi.RegisteredAsync(fixture.App, slug, $"Person {i}", EventsApi.Address($"p{i}", id));
        }

        Assert.Equal(1, fixture.SlugReads.Of(slug));
        Assert.Equal(5, (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("counts").GetProperty("confirmed").GetInt32());
    }

    [Fact]
    public async Task ARegistrationBySlugGoesToTheEventThatBearsItNowNotTheOneRemembered()
    {
        var first = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        var (firstId, slug) = (first.GetProperty("id").GetString()!, first.GetProperty("slug").GetString()!);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", firstId));

        // The first event gives the slug up and a second takes it.
        (await EventsApi.PatchAsync(fixture.App, firstId, new { slug = slug + "-old" })).EnsureSuccessStatusCode();
        var secondBody = EventsApi.EventBody();
        secondBody["slug"] = slug;
        var secondId = (await EventsApi.CreateEventAsync(fixture.App, secondBody)).GetProperty("id").GetString()!;

        var grace = await EventsApi.RegisteredAsync(fixture.App, slug, "Grace", EventsApi.Address("grace", secondId));

        Assert.Equal(EventsApi.Address("grace", secondId), (await EventsApi.RegistrationsAsync(fixture.App, secondId)).EnumerateArray().Single().GetProperty("email").GetString());
        Assert.Equal("confirmed", grace.GetProperty("status").GetString());
        Assert.Equal(1, (await EventsApi.GetManagedAsync(fixture.App, firstId)).GetProperty("counts").GetProperty("confirmed").GetInt32());
        Assert.Equal(1, (await EventsApi.GetManagedAsync(fixture.App, secondId)).GetProperty("counts").GetProperty("confirmed").GetInt32());
    }

    [Fact]
    public async Task ARememberedSlugThatNoEventBearsAnyLongerIsNotFound()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        var (id, slug) = (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));
        (await EventsApi.PatchAsync(fixture.App, id, new { slug = slug + "-renamed" })).EnsureSuccessStatusCode();

        var response = await EventsApi.RegisterAsync(fixture.App, slug, "Grace", EventsApi.Address("grace", id));

        await EventsApi.AssertProblemAsync(response, 404);
        Assert.Equal(1, (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("counts").GetProperty("confirmed").GetInt32());
        var renamed = await EventsApi.RegisterAsync(fixture.App, slug + "-renamed", "Grace", EventsApi.Address("grace", id));
        Assert.Equal(HttpStatusCode.Created, renamed.StatusCode);
    }
}
