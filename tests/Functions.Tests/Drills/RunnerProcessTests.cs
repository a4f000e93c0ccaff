namespace GoodThings.Drills;

/// <summary>
/// Runner processes (separate OS processes) as instances of the app, here two on one storage prefix and one pickup
/// folder: the ground a multi-instance drill stands on. Both work the same queues, an email still goes once, and
/// killing one (SIGKILL) leaves the other serving.
/// </summary>
public sealed class RunnerProcessTests : IDisposable
{
    private readonly DrillSite _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task TwoProcessesOnOnePrefixSendAConfirmationOnceAndOneServesOnAfterTheOtherIsKilled()
    {
        await using var a = await RunnerProcess.StartAsync(_site.Options("A"));
        await using var b = await RunnerProcess.StartAsync(_site.Options("B"));
        var email = $"drill-{Guid.NewGuid():N}@example.test";

        var slug = (await DrillSite.PublishAsync(a, EventsApi.EventBody())).GetProperty("slug").GetString();
        var registered = await a.Client.PostAsJsonAsync($"api/events/{slug}/registrations", new { name = "Ada Drill", email });

        Assert.True(registered.IsSuccessStatusCode, $"registering answered {(int)registered.StatusCode}: {await registered.Content.ReadAsStringAsync()}");
        await DrillSite.WithOutputOnTimeoutAsync(
            async () =>
            {
                await Eventually.PollAsync(() => EmailsTo(email), emails => emails.Count >= 1, because: "the confirmation's .eml file");
                await _site.SettledAsync(Outbox.QueueName);
            },
            a,
            b);

        var confirmation = Assert.Single(EmailsTo(email));
        Assert.Equal(RegistrationEmails.Confirmed, confirmation.Headers["X-GoodThings-kind"]);

        a.Kill();

        Assert.True(a.HasExited);
        using var health = await b.Client.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ARunnerThatCannotStartFailsAtOnceWithItsOutput()
    {
        // The caller's variables win over the harness's own; this one stops start-up.
        var options = _site.Options("broken", new Dictionary<string, string?> { ["Email__ClaimLease"] = "00:00:00" });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => RunnerProcess.StartAsync(options));

        Assert.Contains("exited with code", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Email:ClaimLease", failure.Message, StringComparison.Ordinal);
    }

    private List<MimeKit.MimeMessage> EmailsTo(string email) => [.. _site.Emails().Where(m => m.To.Mailboxes.Any(to => to.Address == email))];
}
