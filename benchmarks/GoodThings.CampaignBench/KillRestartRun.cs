using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GoodThings.CampaignBench;

/// <summary>
/// The app as a separate local-runner process, SIGKILLed while a SendGrid call is in flight and started again:
/// the second process must finish the campaign with nobody missed or repeated. Short leases (5 s) let it take over
/// the killed process's queue messages and claimed batches quickly.
/// </summary>
public static class KillRestartRun
{
    // The call held when the process is killed: by then 30 batches have been accepted.
    private const int HeldCall = 31;

    // Lets the calls answered before the held one be marked sent before the kill, so the kill lands on an unanswered call.
    private static readonly TimeSpan SettleBeforeKill = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string storage, string prefix)
    {
        await using var fake = await FakeSendGridApi.StartAsync();
        fake.HoldFrom(HeldCall);

        var first = await RunnerProcess.StartAsync(storage, prefix, fake.Host);
        DateTimeOffset sent;
        Stopwatch clock;
        string id;
        double firstPeak;
        try
        {
            using (var api = new CampaignApi(first.BaseAddress))
            {
                id = await api.CreateAsync();
                (sent, clock) = (DateTimeOffset.UtcNow, Stopwatch.StartNew());
                await api.SendAsync(id);
            }

            await fake.Holding.WaitAsync(TimeSpan.FromMinutes(5));
            await Task.Delay(SettleBeforeKill);
            firstPeak = first.PeakMegabytes();
        }
        finally
        {
            first.Kill();
        }

        var (killedAt, acceptedBeforeKill) = (DateTimeOffset.UtcNow, fake.Accepted);
        fake.Release();
        double secondPeak;
        DateTimeOffset restartedAt;
        await using (var second = await RunnerProcess.StartAsync(storage, prefix, fake.Host))
        {
            restartedAt = DateTimeOffset.UtcNow;
            using var api = new CampaignApi(second.BaseAddress);
            await api.WaitUntilSentAsync(id, TimeSpan.FromMinutes(10));
            secondPeak = second.PeakMegabytes();
        }

        var wall = clock.Elapsed;
        var (exactlyOnce, copies) = Audience.Check(fake.AcceptedPerAddress);
        Console.WriteLine(
            $"| killed after {acceptedBeforeKill} accepted calls, restarted | {Timeline.Of(sent, wall, fake, ("killed", killedAt), ("restarted", restartedAt))} | {fake.Calls} ({fake.Accepted} accepted, {fake.Abandoned} cut off by the kill) " +
            $"| – | – | – | {firstPeak:F0} MB / {secondPeak:F0} MB | {copies} |");
        return exactlyOnce ? 0 : 1;
    }

    /// <summary>The built local runner (copied beside this program) as its own process; its output is kept to explain a failure.</summary>
    private sealed class RunnerProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _output = new();

        private RunnerProcess(Process process, Uri baseAddress)
        {
            _process = process;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public static async Task<RunnerProcess> StartAsync(string storage, string prefix, string sendGridHost)
        {
            var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "GoodThings.LocalRunner.dll"), "--urls", baseAddress.AbsoluteUri.TrimEnd('/') },
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var (key, value) in BenchSettings.App(storage, prefix, sendGridHost))
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            start.Environment["Email__ClaimLease"] = "00:00:05";
            start.Environment["LocalRunner__QueueMessageLease"] = "00:00:05";
            // Workstation GC, as the in-process run has: the Web SDK's default server GC keeps a heap per core.
            start.Environment["DOTNET_gcServer"] = "0";
            start.Environment["Logging__LogLevel__Default"] = "Error";

            var process = new Process { StartInfo = start };
            var runner = new RunnerProcess(process, baseAddress);
            process.OutputDataReceived += (_, line) => runner.Keep(line.Data);
            process.ErrorDataReceived += (_, line) => runner.Keep(line.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await runner.WaitUntilHealthyAsync();
            }
            catch
            {
                await runner.DisposeAsync();
                throw;
            }

            return runner;
        }

        public double PeakMegabytes() => BenchSettings.PeakMegabytes(_process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        /// <summary>SIGKILL, as a crash or an OOM kill: no shutdown code runs.</summary>
        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit();
        }

        public ValueTask DisposeAsync()
        {
            Kill();
            _process.Dispose();
            return ValueTask.CompletedTask;
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            _output.Enqueue(line);
            while (_output.Count > 200 && _output.TryDequeue(out _))
            {
            }
        }

        private async Task WaitUntilHealthyAsync()
        {
            using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(60) && !_process.HasExited)
            {
                try
                {
                    using var response = await probe.GetAsync("api/health");
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }

                await Task.Delay(200);
            }

            throw new InvalidOperationException($"The local runner did not answer /api/health. Its output:\n{string.Join('\n', _output)}");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
