using GoodThings.Audit;
using GoodThings.Events;
using GoodThings.Invitations;

namespace GoodThings.LocalRunner;

/// <summary>
/// A few realistic upcoming events, created and published when local storage has none, so a newcomer sees a
/// working site at once: among them an invite-only round-table with two guests invited, whose invitations land in
/// the pickup directory. Off with <c>LocalRunner:SampleData=false</c>.
/// </summary>
internal static class SampleData
{
    public static async Task SeedIfEmptyAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (!configuration.GetValue("LocalRunner:SampleData", defaultValue: true))
        {
            return;
        }

        var store = services.GetRequiredService<EventStore>();
        if ((await store.ListAsync(cancellationToken)).Count > 0)
        {
            return;
        }

        var events = services.GetRequiredService<EventService>();
        var logger = services.GetRequiredService<ILogger<EventService>>();
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, london).Date);
        foreach (var sample in Samples(today, london))
        {
            if (await events.CreateAsync(sample, Actor.SampleData, cancellationToken) is Outcome<EventRecord>.Ok { Value: var created })
            {
                await events.PublishAsync(created.Id, announce: false, Actor.SampleData, cancellationToken);
                logger.LogInformation("Sample event published: /events/{Slug}", created.Slug);
                if (created.Visibility == EventVisibility.InviteOnly)
                {
                    var guests = new InviteList([new InviteeRow(1, "Sam Rivers", "sam.rivers@example.org"), new InviteeRow(2, "Noor Hassan", "noor.hassan@example.org")], RoundTableMessage);
                    await services.GetRequiredService<InvitationService>().InviteAsync(created.Id, guests, Actor.SampleData, cancellationToken);
                    logger.LogInformation("Sample invite-only event: /events/{Slug}, two guests invited", created.Slug);
                }
            }
        }
    }

    private static IEnumerable<EventContent> Samples(DateOnly today, TimeZoneInfo london)
    {
        DateTimeOffset At(int daysAhead, int hour)
        {
            var local = today.AddDays(daysAhead).ToDateTime(new TimeOnly(hour, 0));
            return new DateTimeOffset(local, london.GetUtcOffset(local));
        }

        yield return new EventContent(
            "net-zero-homes",
            "How to make good things happen: warm homes at net zero",
            "Council retrofit leads and a housing association on insulating 4,000 homes in three years.",
            """
            Retrofitting homes at scale is where net zero meets people's daily lives. Our panel ran one of the
            largest council-led retrofit programmes in England.

            ## What you'll hear
            - How they chose streets, not single homes, to cut cost and disruption
            - What they learned about contractor capacity and quality checks
            - The resident engagement that doubled take-up

            There will be time for questions, and tea afterwards.
            """,
            At(14, 18), At(14, 20), "Europe/London", EventFormat.InPerson,
            new Venue("The Guildhall", "Gresham Street, London EC2V 7HH"), null, 80, null,
            ["net zero", "housing", "local government"],
            [new Speaker("Amara Okafor", "Director of Housing, a London borough"), new Speaker("Tom Reid", "Retrofit programme manager")],
            null);

        yield return new EventContent(
            "digital-services-people-use",
            "How to make good things happen: digital services people actually use",
            "Service designers from central government on building for the people who need it most.",
            """
            What does it take to build a public service that people choose to use? Three teams share what worked,
            from research with users with low digital confidence to retiring a paper form for good.
            """,
            At(28, 12), At(28, 13), "Europe/London", EventFormat.Online,
            null, "https://meet.example.org/good-things-digital", null, null,
            ["digital", "service design"],
            [new Speaker("Priya Shah", "Head of Service Design"), new Speaker("Gareth Jones", "User researcher")],
            new FollowUpLinks(RecordingUrl: null, SlidesUrl: null, FeedbackUrl: "https://forms.example.org/good-things-digital"));

        yield return new EventContent(
            "local-health-partnerships",
            "How to make good things happen: local health partnerships",
            "How an integrated care partnership cut delayed discharges by a third.",
            "A frank conversation about pooled budgets, shared data and the relationships that made them possible.",
            At(42, 17), At(42, 19), "Europe/London", EventFormat.Hybrid,
            new Venue("Central Library", "St Peter's Square, Manchester M2 5PD"), "https://meet.example.org/good-things-health", 40, null,
            ["health", "partnerships"],
            [new Speaker("Dr Helen Marsh", "Clinical lead, integrated care partnership")],
            null);

        yield return new EventContent(
            "procurement-round-table",
            "How to make good things happen: a round-table on procurement that works",
            "Commercial leads from councils and departments compare notes on buying for outcomes.",
            "A closed round-table under the Chatham House Rule, for people who run public procurement.",
            At(21, 9), At(21, 11), "Europe/London", EventFormat.InPerson,
            new Venue("The Guildhall", "Gresham Street, London EC2V 7HH"), null, 20, null,
            ["procurement"],
            [],
            null,
            EventVisibility.InviteOnly,
            ReservedSeats: 0);
    }

    private const string RoundTableMessage = """
        We're bringing together a dozen people who buy for the public sector. We'd value **your** experience in the room.
        """;
}
