using System.Reflection;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using GoodThings.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace GoodThings.LocalRunner.Hosting;

/// <summary>
/// Polls each queue-triggered function's queue and runs the function per message with the Functions host's
/// semantics: a message is deleted on success; on failure it becomes visible again after host.json's
/// <c>visibilityTimeout</c>; once its dequeue count reaches <c>maxDequeueCount</c> it moves to
/// <c>&lt;queue&gt;-poison</c>. Idle queues are polled with an exponential back-off up to <c>maxPollingInterval</c>.
/// </summary>
internal sealed class QueueTriggers(
    FunctionCatalog catalog,
    HostJson hostJson,
    IConfiguration configuration,
    IServiceScopeFactory scopes,
    IOptions<JsonSerializerOptions> serializerOptions,
    ILogger<QueueTriggers> logger) : TriggerLoops
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    // How long a message stays invisible while its function runs: longer than host.json functionTimeout.
    private static readonly TimeSpan ProcessingVisibility = TimeSpan.FromMinutes(10);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = hostJson.Queues;
        var encoding = string.Equals(settings.MessageEncoding, "none", StringComparison.OrdinalIgnoreCase)
            ? QueueMessageEncoding.None
            : QueueMessageEncoding.Base64;

        var listeners = catalog.WithTrigger<QueueTriggerAttribute>().Select(t =>
        {
            var service = StorageConnection.CreateQueueServiceClient(configuration, t.Trigger.Connection ?? StorageOptions.ConnectionName, encoding);
            var queueName = SettingExpressions.Resolve(t.Trigger.QueueName, configuration, t.Function);
            return new QueueFunction(
                t.Function,
                service.GetQueueClient(queueName),
                service.GetQueueClient(queueName + "-poison"),
                t.Function.Method.GetParameters().Select(p => Bind(t.Function, p)).ToArray());
        }).ToList();

        foreach (var listener in listeners)
        {
            logger.LogInformation("Queue {Function} listens on '{Queue}'", listener.Function.Name, listener.Queue.Name);
            StartLoop(stopping => PollAsync(listener, stopping));
        }

        return Task.CompletedTask;
    }

    private async Task PollAsync(QueueFunction listener, CancellationToken stopping)
    {
        var idleDelay = MinimumPollingInterval;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                QueueMessage[] messages;
                try
                {
                    messages = (await listener.Queue.ReceiveMessagesAsync(hostJson.Queues.BatchSize, ProcessingVisibility, stopping)).Value;
                }
                catch (RequestFailedException exception) when (exception.Status == 404)
                {
                    messages = []; // The host waits for a queue that does not exist yet; so do we.
                }

                if (messages.Length > 0)
                {
                    idleDelay = MinimumPollingInterval;
                    await Task.WhenAll(messages.Select(m => ProcessAsync(listener, m, stopping)));
                    continue;
                }
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Polling queue {Queue} failed; backing off", listener.Queue.Name);
            }

            try
            {
                await Task.Delay(idleDelay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            idleDelay = TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, hostJson.Queues.MaxPollingInterval.Ticks));
        }
    }

    private async Task ProcessAsync(QueueFunction listener, QueueMessage message, CancellationToken stopping)
    {
        var maxDequeueCount = hostJson.Queues.MaxDequeueCount;
        if (message.DequeueCount > maxDequeueCount)
        {
            // Seen more often than allowed without a recorded failure (a crash mid-run): poison it unprocessed.
            await MoveToPoisonAsync(listener, message, stopping);
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = new QueueContext(message, stopping);
            await FunctionInvoker.InvokeAsync(listener.Function, scope.ServiceProvider, listener.Binders.Select(b => b(context)).ToArray());
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down mid-run: make the message visible again at once rather than after the processing lease.
            await listener.Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
            throw;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Queue function {Function} failed on message {MessageId} (dequeue count {DequeueCount} of {Max})",
                listener.Function.Name, message.MessageId, message.DequeueCount, maxDequeueCount);
            if (message.DequeueCount >= maxDequeueCount)
            {
                await MoveToPoisonAsync(listener, message, stopping);
            }
            else
            {
                await listener.Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: hostJson.Queues.VisibilityTimeout, cancellationToken: stopping);
            }

            return;
        }

        await listener.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stopping);
    }

    private async Task MoveToPoisonAsync(QueueFunction listener, QueueMessage message, CancellationToken stopping)
    {
        logger.LogWarning("Message {MessageId} moved to {PoisonQueue} after {DequeueCount} attempts", message.MessageId, listener.Poison.Name, message.DequeueCount);
        await listener.Poison.CreateIfNotExistsAsync(cancellationToken: stopping);
        await listener.Poison.SendMessageAsync(message.Body, cancellationToken: stopping);
        await listener.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stopping);
    }

    private Func<QueueContext, object?> Bind(FunctionDescriptor function, ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (function.IsTrigger(parameter))
        {
            if (type == typeof(QueueMessage))
            {
                return context => context.Message;
            }

            if (type == typeof(string))
            {
                return context => context.Message.Body.ToString();
            }

            if (type == typeof(BinaryData))
            {
                return context => context.Message.Body;
            }

            if (type == typeof(byte[]))
            {
                return context => context.Message.Body.ToArray();
            }

            // A POCO: JSON, with the worker's default serializer options. A malformed message fails the
            // invocation, so it is retried and then poisoned like any other failure.
            return context => JsonSerializer.Deserialize(context.Message.Body.ToMemory().Span, type, serializerOptions.Value)
                              ?? throw new JsonException($"Message {context.Message.MessageId} is null as {type.Name}.");
        }

        // Trigger metadata the host binds by parameter name.
        Func<QueueMessage, object?>? metadata = parameter.Name switch
        {
            "id" => m => m.MessageId,
            "dequeueCount" => m => m.DequeueCount,
            "insertionTime" => m => m.InsertedOn,
            "expirationTime" => m => m.ExpiresOn,
            "nextVisibleTime" => m => m.NextVisibleOn,
            "popReceipt" => m => m.PopReceipt,
            _ => null,
        };
        return metadata is not null
            ? context => FunctionInvoker.ConvertBindingValue(metadata(context.Message), type)
            : FunctionInvoker.BindCommon<QueueContext>(function, parameter, context => context.Stopping);
    }

    private sealed record QueueFunction(FunctionDescriptor Function, QueueClient Queue, QueueClient Poison, Func<QueueContext, object?>[] Binders);

    private sealed record QueueContext(QueueMessage Message, CancellationToken Stopping);
}
