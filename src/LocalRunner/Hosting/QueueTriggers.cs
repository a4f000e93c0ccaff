using System.Globalization;
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
/// While its function runs a message is held by a <see cref="MessageLease"/> of <c>LocalRunner:QueueMessageLease</c>.
/// </summary>
internal sealed class QueueTriggers(
    FunctionCatalog catalog,
    HostJson hostJson,
    IConfiguration configuration,
    IServiceScopeFactory scopes,
    IOptions<JsonSerializerOptions> serializerOptions,
    ILogger<QueueTriggers> logger) : TriggerLoops
{
    public const string LeaseSetting = "LocalRunner:QueueMessageLease";

    /// <summary>The Functions host's own: a message received by a process that dies comes back after 10 minutes.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    // Queue visibility is whole seconds, at most 7 days.
    private static readonly TimeSpan MinimumLease = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaximumLease = TimeSpan.FromDays(7);

    // How long a message stays invisible while its function runs, renewed every half of it.
    private TimeSpan _lease = DefaultLease;

    /// <summary>
    /// <c>LocalRunner:QueueMessageLease</c>, or <see cref="DefaultLease"/> when unset. A short lease (seconds) lets a
    /// message whose process was killed come back quickly, as drills with several runner processes need.
    /// </summary>
    internal static TimeSpan LeaseOf(IConfiguration configuration)
    {
        var text = configuration[LeaseSetting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultLease;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var lease) && lease >= MinimumLease && lease <= MaximumLease
            ? lease
            : throw new InvalidOperationException(
                $"Setting {LeaseSetting} (env LocalRunner__QueueMessageLease) must be a time span from 00:00:01 to 7.00:00:00, such as 00:10:00; got '{text}'.");
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _lease = LeaseOf(configuration);
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
                    messages = (await listener.Queue.ReceiveMessagesAsync(hostJson.Queues.BatchSize, _lease, stopping)).Value;
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
            await MoveToPoisonAsync(listener, message, message.PopReceipt, stopping);
            return;
        }

        await using var lease = MessageLease.Start(listener.Queue, message, _lease, logger);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = new QueueContext(message, stopping);
            await FunctionInvoker.InvokeAsync(listener.Function, scope.ServiceProvider, listener.Binders.Select(b => b(context)).ToArray());
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down mid-run: make the message visible again at once rather than after the processing lease.
            await lease.StopAsync();
            await listener.Queue.UpdateMessageAsync(message.MessageId, lease.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
            throw;
        }
        catch (Exception exception)
        {
            await lease.StopAsync();
            logger.LogError(exception, "Queue function {Function} failed on message {MessageId} (dequeue count {DequeueCount} of {Max})",
                listener.Function.Name, message.MessageId, message.DequeueCount, maxDequeueCount);
            if (message.DequeueCount >= maxDequeueCount)
            {
                await MoveToPoisonAsync(listener, message, lease.PopReceipt, stopping);
            }
            else
            {
                await listener.Queue.UpdateMessageAsync(message.MessageId, lease.PopReceipt, visibilityTimeout: hostJson.Queues.VisibilityTimeout, cancellationToken: stopping);
            }

            return;
        }

        await lease.StopAsync();
        await listener.Queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, stopping);
    }

    private async Task MoveToPoisonAsync(QueueFunction listener, QueueMessage message, string popReceipt, CancellationToken stopping)
    {
        logger.LogWarning("Message {MessageId} moved to {PoisonQueue} after {DequeueCount} attempts", message.MessageId, listener.Poison.Name, message.DequeueCount);
        await listener.Poison.CreateIfNotExistsAsync(cancellationToken: stopping);
        await listener.Poison.SendMessageAsync(message.Body, cancellationToken: stopping);
        await listener.Queue.DeleteMessageAsync(message.MessageId, popReceipt, stopping);
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
