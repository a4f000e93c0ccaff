using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Sockets;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;

namespace GoodThings.Storage;

/// <summary>Every request the app's storage clients send is one counted round trip, tagged by service and method.</summary>
public sealed class StorageRoundTripsTests
{
    [Fact]
    public async Task EachTableOperationIsOneRoundTripTaggedTable()
    {
        var tables = StorageConnection.CreateTableServiceClient(await AzuriteAsync());
        var table = tables.GetTableClient(StoragePrefix.New() + "Counted");
        using var counted = new CountedHere();

        await counted.RunAsync(async () =>
        {
            await table.CreateAsync();
            for (var i = 0; i < 5; i++)
            {
                await table.AddEntityAsync(new TableEntity("p", $"r{i}"));
            }

            await table.GetEntityAsync<TableEntity>("p", "r0");
            await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "r1"), ETag.All)]);
            await table.DeleteAsync();
        });

        // Create, five adds, a read, one transaction (one request, whatever its size) and the table's delete.
        Assert.Equal(9, counted.Measurements.Count);
        Assert.All(counted.Measurements, m => Assert.Equal("table", m.Service));
        Assert.Equal(
            [("DELETE", 1), ("GET", 1), ("POST", 7)],
            counted.Measurements.GroupBy(m => m.Method).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task EachQueueOperationIsOneRoundTripTaggedQueue()
    {
        var queues = StorageConnection.CreateQueueServiceClient(await AzuriteAsync());
        var queue = queues.GetQueueClient(StoragePrefix.New() + "-counted");
        using var counted = new CountedHere();

        await counted.RunAsync(async () =>
        {
            await queue.CreateAsync();
            await queue.SendMessageAsync("one");
            await queue.SendMessageAsync("two");
            var received = await queue.ReceiveMessagesAsync(maxMessages: 2);
            Assert.Equal(2, received.Value.Length);
            await queue.DeleteAsync();
        });

        Assert.Equal(5, counted.Measurements.Count);
        Assert.All(counted.Measurements, m => Assert.Equal("queue", m.Service));
        Assert.Equal(
            [("DELETE", 1), ("GET", 1), ("POST", 2), ("PUT", 1)],
            counted.Measurements.GroupBy(m => m.Method).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ARetriedRequestCountsEveryAttempt()
    {
        // A storage endpoint that is always busy: the client's retry policy sends the read once and then once per retry.
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var serving = AnswerBusyAsync(busy, stop.Token);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] =
                $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;",
        }).Build();
        var table = StorageConnection.CreateTableServiceClient(configuration).GetTableClient("Busy");
        using var counted = new CountedHere();

        var failure = await counted.RunAsync(() => Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "r")));

        Assert.Equal(503, failure.Status);
        Assert.Equal(1 + StorageConnection.Retries, counted.Measurements.Count);
        Assert.All(counted.Measurements, m => Assert.Equal(("table", "GET"), (m.Service, m.Method)));
        await stop.CancelAsync();
        busy.Stop();
        await serving;
    }

    private static async Task<IConfiguration> AzuriteAsync() =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = await SharedAzurite.ConnectionStringAsync() }).Build();

    private static async Task AnswerBusyAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                using var connection = await listener.AcceptTcpClientAsync(cancellationToken);
                var stream = connection.GetStream();
                var request = new byte[16384];
                var read = 0;
                // Read up to the end of the headers (a GET has no body), then answer and close.
                while (read < request.Length && !Encoding.ASCII.GetString(request, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var n = await stream.ReadAsync(request.AsMemory(read), cancellationToken);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                await stream.WriteAsync("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The test is over: the listener stops accepting.
        }
    }

    /// <summary>
    /// The round trips counted on this test's own flow: the counter is process-wide and other tests use storage at the
    /// same time, but a measurement is recorded synchronously on the flow that sent the request, so an async-local
    /// mark tells this test's requests apart.
    /// </summary>
    private sealed class CountedHere : IDisposable
    {
        private static readonly AsyncLocal<CountedHere?> Current = new();
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Service, string Method)> _measurements = new();

        public CountedHere()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == StorageRoundTrips.MeterName && instrument.Name == StorageRoundTrips.InstrumentName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                if (Current.Value != this)
                {
                    return;
                }

                string? service = null, method = null;
                foreach (var tag in tags)
                {
                    service = tag.Key == "service" ? tag.Value as string : service;
                    method = tag.Key == "method" ? tag.Value as string : method;
                }

                for (var i = 0; i < value; i++)
                {
                    _measurements.Enqueue((service ?? "(none)", method ?? "(none)"));
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<(string Service, string Method)> Measurements => [.. _measurements];

        public async Task<T> RunAsync<T>(Func<Task<T>> work)
        {
            Current.Value = this;
            try
            {
                return await work();
            }
            finally
            {
                Current.Value = null;
            }
        }

        public async Task RunAsync(Func<Task> work) => await RunAsync(async () =>
        {
            await work();
            return true;
        });

        public void Dispose() => _listener.Dispose();
    }
}
