namespace GoodThings.Drills;

/// <summary>
/// Storage that stops answering: a runner process under a steady registration load (about 20 a second) while its
/// Azurite, one of the drill's own, is frozen (SIGSTOP) for 20 s and then let go (SIGCONT).
/// </summary>
[Collection(FrozenStorageRunsAlone.Name)]
public sealed class FrozenStorageDrillTests : IDisposable
{
    private static readonly TimeSpan Freeze = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The longest an answer may take. A storage call that gets no answer ends after 2 tries of 8 s
    /// (Storage/StorageConnection), and a registration lane whose batch fails so fails its queue with it at once
    /// (Registrations/RegistrationLanes), so no request waits on more than one stuck call: about 16 s, and 25 s leaves
    /// room for a loaded machine, well short of the crowd's 30 s client timeout.
    /// </summary>
    private static readonly TimeSpan LongestAnswer = TimeSpan.FromSeconds(25);

    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(5);

    private readonly DrillSite _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task WithStorageFrozenForTwentySecondsEveryAnswerIsA2xxOrA503WithRetryAfterAndTheAppRecoversWithinFiveSeconds()
    {
        await using var azurite = await FreezableAzurite.StartAsync();
        await using var a = await RunnerProcess.StartAsync(_site.Options("A", new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString }));
        var published = await DrillSite.PublishAsync(a, EventsApi.EventBody(capacity: 50));
        var (id, slug) = (published.GetProperty("id").GetString()!, published.GetProperty("slug").GetString()!);
        using var crowd = new RegistrationCrowd(a);
        var load = new List<Task<CrowdAnswer>>();

        async Task SteadyLoadAsync(TimeSpan duration)
        {
            var until = crowd.Clock.Elapsed + duration;
            while (crowd.Clock.Elapsed < until)
            {
                load.Add(crowd.RegisterAsync(slug, $"steady{load.Count}-{id}@example.test"));
                await Task.Delay(50);
            }
        }

        TimeSpan thawedAt;
        try
        {
            await SteadyLoadAsync(TimeSpan.FromSeconds(3));
            azurite.Freeze();
            await SteadyLoadAsync(Freeze);
        }
        finally
        {
            azurite.Thaw();
            thawedAt = crowd.Clock.Elapsed;
        }

        await SteadyLoadAsync(TimeSpan.FromSeconds(8));
        var answers = await Task.WhenAll(load);

        Assert.All(answers, answer => Assert.True(answer.Status is 200 or 201 or 503, $"{answer.Email}: {answer.Status}"));
        Assert.All(answers.Where(x => x.Status == 503), answer => Assert.Equal("5", answer.RetryAfter));
        Assert.Contains(answers, answer => answer.Status == 503);
        Assert.All(answers, answer => Assert.True(answer.Took <= LongestAnswer, $"{answer.Email} waited {answer.Took.TotalSeconds:F1} s"));
        var firstAfterThaw = answers.Where(x => x.SentAt >= thawedAt && x.Status is 200 or 201).MinBy(x => x.AnsweredAt);
        Assert.NotNull(firstAfterThaw);
        Assert.True(firstAfterThaw.AnsweredAt - thawedAt <= Recovery, $"the first registration after the thaw succeeded {(firstAfterThaw.AnsweredAt - thawedAt).TotalSeconds:F1} s after it");

        // Whatever was answered or not, the counts are the rows, and everyone answered 2xx is stored, once.
        var stored = await StoredRegistrations.ReadAsync(azurite.ConnectionString, _site.Prefix, id);
        Assert.Equal(stored.Confirmed, stored.CountedConfirmed);
        Assert.Equal(stored.Waitlisted, stored.CountedWaitlisted);
        Assert.All(stored.RowsPerEmail, rows => Assert.Equal(1, rows.Value));
        Assert.All(answers.Where(x => x.Status is 200 or 201), answer => Assert.True(stored.RowsPerEmail.ContainsKey(answer.Email), $"{answer.Email} was answered {answer.Status} but is not stored"));
    }
}

/// <summary>
/// The drill bounds recovery in wall-clock seconds, and after the thaw its Azurite works through everything queued
/// during the freeze; run beside other test classes on a small machine, their CPU use stretches that past the bound.
/// So it runs alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FrozenStorageRunsAlone
{
    public const string Name = "Frozen storage drill, alone";
}
