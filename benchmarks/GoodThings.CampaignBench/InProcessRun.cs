using System.Diagnostics;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using GoodThings.LocalRunner.Hosting;
using GoodThings.Scheduling;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace GoodThings.CampaignBench;

/// <summary>
/// The whole app in this process through the local runner (host.json as shipped), the real SendGrid SDK against
/// <see cref="FakeSendGridApi"/>, and every request of the app's table and queue clients counted. The runner's
/// own queue polling (the Functions host's, in Azure) has its own clients and is not counted.
/// </summary>
public static class InProcessRun
{
    public static async Task<int> RunAsync(string storage, string prefix, double failureRate)
    {
        await using var fake = await FakeSendGridApi.StartAsync(failureRate, seed: 20261128);
        var tables = new RoundTripCounter();
        var queues = new RoundTripCounter();
        var builder = FunctionsRunner.CreateBuilder(
            ["--urls=http://127.0.0.1:0"],
            new FunctionsRunnerOptions { FunctionAssemblies = [typeof(GoodThingsServiceCollectionExtensions).Assembly], LoadLocalSettings = false });
        builder.Configuration.AddInMemoryCollection(BenchSettings.App(storage, prefix, fake.Host));
        // The app's log to standard error: standard output is the table.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddGoodThings(builder.Configuration);
        // The app's clients with a counter; on the SDK's default retry options, as StorageConnection's own are internal.
        builder.Services.AddSingleton(_ => new TableServiceClient(storage, Counted(new TableClientOptions(), tables)));
        // Base64, as the app's own queue client writes what its queue triggers read (host.json messageEncoding).
        builder.Services.AddSingleton(_ => new QueueServiceClient(storage, Counted(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, queues)));

        await using var app = FunctionsRunner.Build(builder);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        using var api = new CampaignApi(new Uri(address + "/"));

        tables.Reset();
        queues.Reset();
        var id = await api.CreateAsync();
        var (sent, clock) = (DateTimeOffset.UtcNow, Stopwatch.StartNew());
        await api.SendAsync(id);
        var audienceTaken = await api.WaitUntilSentAsync(id, TimeSpan.FromMinutes(10));
        var wall = clock.Elapsed;
        var (tableTrips, queueTrips) = (tables.Count, queues.Count);
        await app.StopAsync();

        var (exactlyOnce, copies) = Audience.Check(fake.AcceptedPerAddress);
        Console.WriteLine(
            $"| {(failureRate > 0 ? $"{failureRate:P0} of calls fail" : "no failures")} | {Timeline.Of(sent, wall, fake, ("audience taken", audienceTaken))} | {fake.Calls} ({fake.Accepted} accepted, {fake.Throttled} × 429, {fake.Failed} × 500) " +
            $"| {tableTrips:N0} | {queueTrips:N0} | {tableTrips + queueTrips:N0} | {BenchSettings.PeakMegabytes():F0} MB | {copies} |");
        return exactlyOnce ? 0 : 1;
    }

    private static T Counted<T>(T options, RoundTripCounter counter)
        where T : ClientOptions
    {
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return options;
    }
}
