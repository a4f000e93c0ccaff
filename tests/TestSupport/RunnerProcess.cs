using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GoodThings.LocalRunner.Hosting;

namespace GoodThings.TestSupport;

/// <summary>What one <see cref="RunnerProcess"/> is started with.</summary>
public sealed record RunnerProcessOptions
{
    /// <summary>The storage prefix (and host id). Processes given the same one share tables and queues, as instances of one app do.</summary>
    public required string StoragePrefix { get; init; }

    /// <summary>Where the process writes .eml files: SendGrid is off unless <see cref="Environment"/> sets a key.</summary>
    public required string PickupDirectory { get; init; }

    /// <summary>Names the process in diagnostics ("A", "B").</summary>
    public string Name { get; init; } = "runner";

    public string FunctionKey { get; init; } = "test-function-key-0123456789";

    /// <summary>
    /// More environment variables (<c>__</c> for <c>:</c>), set last so they win over the harness's own: timer
    /// schedules such as <c>Timers__Schedule</c>, <c>LocalRunner__QueueMessageLease</c>, <c>Email__ClaimLease</c>.
    /// A null value removes a variable.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>How long the process may take to answer <c>/api/health</c>.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// The built local runner (<c>dotnet GoodThings.LocalRunner.dll</c>) as a separate OS process on a free loopback port,
/// against the shared Azurite, so a test can run several instances of the app at once and kill one (SIGKILL) as a
/// crash would. Its output is kept for diagnostics. Disposing always kills it.
/// </summary>
public sealed class RunnerProcess : IAsyncDisposable
{
    /// <summary>The same key <see cref="FunctionsApp"/> signs with, so every process accepts every other's links.</summary>
    public const string SigningKey = "test-signing-key-that-is-long-enough-0123456789";

    private const int KeptOutputLines = 5000;

    // Processes not yet disposed, killed if the test host exits first, so no runner outlives a test run.
    private static readonly ConcurrentDictionary<RunnerProcess, byte> Live = new();

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    static RunnerProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var runner in Live.Keys)
        {
            runner.Kill();
        }
    };

    private RunnerProcess(RunnerProcessOptions options, Uri baseUrl, Process process)
    {
        Options = options;
        BaseUrl = baseUrl;
        _process = process;
        Client = new HttpClient { BaseAddress = baseUrl };
        KeyedClient = new HttpClient { BaseAddress = baseUrl, DefaultRequestHeaders = { { FunctionKeys.Header, options.FunctionKey } } };
    }

    /// <summary>Where the runner is built into every test project that references TestSupport.</summary>
    public static string RunnerPath { get; } = Path.Combine(AppContext.BaseDirectory, "GoodThings.LocalRunner.dll");

    /// <summary>What it was started with: <c>StartAsync(runner.Options)</c> starts it again (on a new port) after a kill.</summary>
    public RunnerProcessOptions Options { get; }

    public string Name => Options.Name;

    /// <summary>The site's root, e.g. <c>http://127.0.0.1:41234/</c>; the API is under <c>api/</c>.</summary>
    public Uri BaseUrl { get; }

    public string FunctionKey => Options.FunctionKey;

    public string StoragePrefix => Options.StoragePrefix;

    public string PickupDirectory => Options.PickupDirectory;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>A client without a function key, as the public sees the app.</summary>
    public HttpClient Client { get; }

    /// <summary>A client that sends the function key, for the management routes.</summary>
    public HttpClient KeyedClient { get; }

    /// <summary>The process's standard output and error so far (the last lines, if it wrote many).</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the runner and returns once <c>GET /api/health</c> answers 200; fails with its output if it does not.</summary>
    public static async Task<RunnerProcess> StartAsync(RunnerProcessOptions options)
    {
        if (!File.Exists(RunnerPath))
        {
            throw new FileNotFoundException(
                $"The local runner is not built beside the tests ({RunnerPath}); build the solution, and reference TestSupport, which references the runner.", RunnerPath);
        }

        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { RunnerPath, "--urls", baseUrl.AbsoluteUri.TrimEnd('/') },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in await HarnessEnvironmentAsync(options, baseUrl))
        {
            start.Environment[name] = value;
        }

        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        // The triggers' flat copies follow the nested settings a test sets, unless it sets them too.
        foreach (var (nested, flat) in new[] { ("Storage__Prefix", "StoragePrefix"), ("Timers__Schedule", "TimersSchedule") })
        {
            if (options.Environment.TryGetValue(nested, out var value) && !options.Environment.ContainsKey(flat))
            {
                start.Environment[flat] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var runner = new RunnerProcess(options, baseUrl, process);
        process.OutputDataReceived += (_, line) => runner.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => runner.Keep(line.Data);
        process.Start();
        Live[runner] = 0;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await runner.WaitUntilHealthyAsync(options.StartTimeout);
        }
        catch
        {
            await runner.DisposeAsync();
            throw;
        }

        return runner;
    }

    /// <summary>Ends the process at once with SIGKILL, as a crash or an OOM kill would: no shutdown code runs.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already gone, or never started.
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Live.TryRemove(this, out _);
        Client.Dispose();
        KeyedClient.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"runner {Name} (pid {ProcessId}, {BaseUrl})";

    private static async Task<Dictionary<string, string>> HarnessEnvironmentAsync(RunnerProcessOptions options, Uri baseUrl) => new()
    {
        ["AzureWebJobsStorage"] = await SharedAzurite.ConnectionStringAsync(),
        ["Storage__Prefix"] = options.StoragePrefix,
        ["StoragePrefix"] = options.StoragePrefix,
        ["AzureFunctionsWebHost__hostid"] = options.StoragePrefix,
        ["Site__BaseUrl"] = baseUrl.AbsoluteUri.TrimEnd('/'),
        ["Tokens__SigningKey"] = SigningKey,
        ["Email__From"] = "events@goodthings.test",
        ["SendGrid__ApiKey"] = "",
        ["Email__PickupDirectory"] = options.PickupDirectory,
        ["LocalRunner__SampleData"] = "false",
        [FunctionKeys.Setting] = options.FunctionKey,
        // Workstation GC: the Web SDK's server GC would give each of several processes a heap per core.
        ["DOTNET_gcServer"] = "0",
    };

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var probe = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // lets the last output lines arrive
                throw new InvalidOperationException(
                    $"{this} exited with code {_process.ExitCode} before answering /api/health. Its output:\n{Output}");
            }

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

            if (clock.Elapsed > timeout)
            {
                Kill();
                throw new TimeoutException($"{this} did not answer /api/health with 200 within {timeout}. Its output:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
