using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GoodThings.TestSupport;

/// <summary>
/// An in-memory Azurite of a test's own, on free loopback ports, that the test can freeze (SIGSTOP) and thaw
/// (SIGCONT): the one exception to "tests never start Azurite" (see <see cref="SharedAzurite"/>), because freezing
/// the shared one would stall every other test running beside it. It is started under
/// <c>setpriv --pdeathsig SIGKILL</c>, so the kernel kills it when its parent dies, even if the test host is killed
/// before any exit handler runs; disposing kills it too.
/// </summary>
public sealed partial class FreezableAzurite : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ManualResetEventSlim _disposed;
    private readonly List<string> _output = [];

    private FreezableAzurite(Process process, ManualResetEventSlim disposed)
    {
        _process = process;
        _disposed = disposed;
    }

    public string ConnectionString { get; private set; } = "";

    public bool Frozen { get; private set; }

    /// <summary>Starts it and returns once it reports the ports of all three services; fails with its output if not.</summary>
    public static async Task<FreezableAzurite> StartAsync(TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("setpriv")
        {
            ArgumentList =
            {
                "--pdeathsig", "SIGKILL", "node", AzuriteScript(),
                "--blobHost", "127.0.0.1", "--blobPort", "0", "--queueHost", "127.0.0.1", "--queuePort", "0",
                "--tableHost", "127.0.0.1", "--tablePort", "0",
                "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent", "--inMemoryPersistence",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };

        // The kernel's "parent" for a parent-death signal is the thread that started the process, not the process: a
        // thread-pool thread that retires would take Azurite with it. A thread of its own starts it and lives until
        // disposal.
        var disposed = new ManualResetEventSlim();
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        var parent = new Thread(() =>
        {
            try
            {
                started.SetResult(Process.Start(start)!);
            }
            catch (Exception exception)
            {
                started.SetException(exception);
                return;
            }

            disposed.Wait();
        })
        { IsBackground = true, Name = "FreezableAzurite parent" };
        parent.Start();
        var azurite = new FreezableAzurite(await started.Task, disposed);
        var ports = new Dictionary<string, int>();
        var allPorts = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (azurite._output)
            {
                azurite._output.Add(line);
                if (Listening().Match(line) is { Success: true } match)
                {
                    ports[match.Groups[1].Value] = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                    if (ports.Count == 3)
                    {
                        allPorts.TrySetResult();
                    }
                }
            }
        }

        azurite._process.OutputDataReceived += (_, e) => Read(e.Data);
        azurite._process.ErrorDataReceived += (_, e) => Read(e.Data);
        azurite._process.BeginOutputReadLine();
        azurite._process.BeginErrorReadLine();
        try
        {
            await allPorts.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            await azurite.DisposeAsync();
            throw new TimeoutException($"Azurite did not report its ports. Its output:\n{azurite.Output}");
        }

        azurite.ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={LocalRunner.Hosting.Azurite.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{ports["Blob"]}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{ports["Queue"]}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{ports["Table"]}/devstoreaccount1;";
        return azurite;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Stops the emulator's process (SIGSTOP): connections stay open and requests go unanswered, as a hung storage service's do.</summary>
    public void Freeze()
    {
        Signal("STOP");
        Frozen = true;
    }

    /// <summary>Lets it run again (SIGCONT); it then answers what it was sent meanwhile.</summary>
    public void Thaw()
    {
        Signal("CONT");
        Frozen = false;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // setpriv execs node, so the process is Azurite itself; SIGKILL ends it frozen or not.
            _process.Kill();
            _process.WaitForExit();
        }

        _disposed.Set();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    // .NET sends no signal but SIGKILL, so kill(1) sends the others.
    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} (Azurite) exited with {kill.ExitCode}.");
        }
    }

    /// <summary>The repository's pinned Azurite (node_modules at the repository root, found upwards from the tests).</summary>
    private static string AzuriteScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var script = Path.Combine(directory.FullName, "node_modules", "azurite", "dist", "src", "azurite.js");
            if (File.Exists(script))
            {
                return script;
            }
        }

        throw new FileNotFoundException("No node_modules/azurite above the test binaries: run npm ci at the repository root.");
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at http://[^:]+:(\d+)")]
    private static partial Regex Listening();
}
