using BenchmarkDotNet.Attributes;
using GoodThings.Templates;
using GoodThings.Templates.Emails;

namespace GoodThings.Benchmarks;

/// <summary>What one outbox message costs to render: a typical transactional email, and a newsletter with a Markdown body.</summary>
[MemoryDiagnoser]
public class EmailRenderingBenchmarks
{
    private static readonly EventDetails Event = new(
        Title: "Delivering net zero locally: what worked",
        StartsAt: new DateTimeOffset(2026, 3, 3, 18, 30, 0, TimeSpan.Zero),
        EndsAt: new DateTimeOffset(2026, 3, 3, 20, 0, 0, TimeSpan.Zero),
        TimeZone: "Europe/London",
        Format: EventFormat.Hybrid,
        Venue: new Venue("The Guildhall", "Gresham Street, London EC2V 7HH"),
        Url: "https://events.example.org/events/net-zero-locally");

    private readonly TemplateRenderer _renderer = new(new SiteInfo("How to make good things happen", "https://events.example.org"));

    private readonly RegistrationConfirmed _confirmation = new(
        "Ada Lovelace", Event, "https://events.example.org/registrations/tok_3f9a", "https://meet.example.com/j/8841-2290");

    private readonly Newsletter _newsletter = new(
        "Ada Lovelace",
        "Spring round-up: what worked",
        "Start small, ask early, share the numbers.",
        string.Join("\n\n", Enumerable.Repeat(
            """
            ## What we learnt this season

            Thank you to everyone who came along this spring. A few things stood out:

            - **Start small.** The councils that piloted with ten homes learnt faster than those that planned for a thousand.
            - *Ask early.* Residents spotted problems officials missed.
            - Share the numbers, even the awkward ones.

            > "We stopped writing strategies and started knocking on doors."

            The [recordings are online](https://events.example.org/recordings), and our next event is in June.
            """, 4)),
        "https://events.example.org/unsubscribe?token=uns_71c2",
        "https://events.example.org/preferences?token=prf_71c2");

    [Benchmark(Baseline = true)]
    public RenderedEmail RegistrationConfirmed() => _renderer.RenderEmail(_confirmation);

    [Benchmark]
    public RenderedEmail NewsletterWithMarkdown() => _renderer.RenderEmail(_newsletter);
}
