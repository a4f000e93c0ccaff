using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace GoodThings.LocalRunner.Hosting;

/// <summary>
/// Keeps a received queue message hidden while its function runs, as the Functions host does: the message was
/// received invisible for one lease, and every half lease its visibility is pushed one lease ahead again. So a long
/// run keeps its message, and a process that dies lets it go after at most one lease. Each renewal changes the
/// message's pop receipt; <see cref="PopReceipt"/> is the newest, for the delete or update that ends the run.
/// </summary>
internal sealed class MessageLease : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly QueueClient _queue;
    private readonly string _messageId;
    private readonly TimeSpan _lease;
    private readonly ILogger _logger;
    private readonly Task _renewing;

    private MessageLease(QueueClient queue, QueueMessage message, TimeSpan lease, ILogger logger)
    {
        _queue = queue;
        _messageId = message.MessageId;
        _lease = lease;
        _logger = logger;
        PopReceipt = message.PopReceipt;
        _renewing = RenewAsync();
    }

    /// <summary>The newest pop receipt. Read it only after <see cref="StopAsync"/>: until then a renewal may change it.</summary>
    public string PopReceipt { get; private set; }

    /// <param name="message">A message just received with <paramref name="lease"/> as its visibility timeout.</param>
    public static MessageLease Start(QueueClient queue, QueueMessage message, TimeSpan lease, ILogger logger) =>
        new(queue, message, lease, logger);

    /// <summary>Stops renewing and waits for a renewal under way, so <see cref="PopReceipt"/> is final.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _renewing;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RenewAsync()
    {
        var halfLease = _lease / 2;
        var wait = halfLease;
        while (true)
        {
            try
            {
                await Task.Delay(wait, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                // Never cancelled: an update the server applied but the client abandoned would leave a stale receipt.
                var updated = await _queue.UpdateMessageAsync(_messageId, PopReceipt, visibilityTimeout: _lease, cancellationToken: CancellationToken.None);
                PopReceipt = updated.Value.PopReceipt;
                wait = halfLease;
            }
            catch (RequestFailedException exception) when (exception.Status is 400 or 404)
            {
                // The message is gone or was received again elsewhere: nothing left to hold.
                _logger.LogWarning(exception, "Lost the lease on message {MessageId} of {Queue}", _messageId, _queue.Name);
                return;
            }
            catch (Exception exception)
            {
                // Half a lease is still left: try again soon rather than at the next half-lease mark.
                _logger.LogWarning(exception, "Renewing the lease on message {MessageId} of {Queue} failed; retrying", _messageId, _queue.Name);
                wait = halfLease / 4;
            }
        }
    }
}
