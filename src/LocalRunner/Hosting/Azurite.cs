using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace GoodThings.LocalRunner.Hosting;

/// <summary>
/// The Azurite storage emulator from the repository's pinned npm package: reused when something already
/// listens on its ports, otherwise started as a child process and ended by PID on dispose (Azurite's node
/// process lingers for about 100 s after SIGTERM, so it is killed, not asked).
/// </summary>
public sealed partial class Azurite : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    // The well-known Azurite development key, public by design.
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static readonly AzuritePorts DefaultPorts = new(10000, 10001, 10002);

    private readonly Process? _process;

    private Azurite(AzuritePorts ports, Process? process)
    {
        Ports = ports;
        _process = process;
    }

    public AzuritePorts Ports { get; }

    /// <summary>True when this instance started the emulator (and will stop it).</summary>
    public bool Owned => _process is not null;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{Ports.Blob}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{Ports.Queue}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{Ports.Table}/{AccountName};";

    /// <summary>The emulator listening on the default ports, if one is (not owned: never stopped by this instance).</summary>
    public static async Task<Azurite?> FindOnDefaultPortsAsync() =>
        await CountListeningAsync(DefaultPorts) == 3 ? new Azurite(DefaultPorts, process: null) : null;

    /// <summary>Reuses an emulator on the default ports, or starts one there persisting to <paramref name="location"/>.</summary>
    public static async Task<Azurite> EnsureRunningAsync(string location, CancellationToken cancellationToken = default)
    {
        var listening = await CountListeningAsync(DefaultPorts);
        if (listening == 3)
        {
            return new Azurite(DefaultPorts, process: null);
        }

        if (listening > 0)
        {
            throw new InvalidOperationException(
                $"Some but not all of Azurite's ports {DefaultPorts} are in use; stop whatever holds them and try again.");
        }

        Directory.CreateDirectory(location);
        return await StartAsync(location, cancellationToken);
    }

    private static async Task<Azurite> StartAsync(string location, CancellationToken cancellationToken)
    {
        var script = ScriptUnder(RepositoryRoot());
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
                     script,
                     "--blobHost", "127.0.0.1", "--blobPort", DefaultPorts.Blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--queueHost", "127.0.0.1", "--queuePort", DefaultPorts.Queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--tableHost", "127.0.0.1", "--tablePort", DefaultPorts.Table.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     // Queues SDK 12.28 speaks a newer service version than Azurite knows.
                     "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent",
                     "--location", location,
                 ])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var listening = new HashSet<string>(StringComparer.Ordinal);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } match)
            {
                lock (listening)
                {
                    listening.Add(match.Groups["service"].Value);
                    if (listening.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await Task.WhenAny(ready.Task, process.WaitForExitAsync(timeout.Token));
        }
        catch (OperationCanceledException)
        {
        }

        if (!ready.Task.IsCompleted)
        {
            Kill(process);
            throw new InvalidOperationException($"Azurite did not start:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
        }

        return new Azurite(DefaultPorts, process);
    }

    public ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            Kill(_process);
            _process.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>The nearest folder, from the working directory or the app's, whose node_modules holds Azurite.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(ScriptUnder(directory.FullName)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new FileNotFoundException("Azurite is not installed: run `npm ci` at the repository root (package.json pins its version).");
    }

    private static string ScriptUnder(string root) => Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");

    private static async Task<int> CountListeningAsync(AzuritePorts ports)
    {
        var results = await Task.WhenAll(new[] { ports.Blob, ports.Queue, ports.Table }.Select(IsListeningAsync));
        return results.Count(listening => listening);
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at ")]
    private static partial Regex ListeningLine();
}

public sealed record AzuritePorts(int Blob, int Queue, int Table)
{
    public override string ToString() => $"{Blob}/{Queue}/{Table}";
}
