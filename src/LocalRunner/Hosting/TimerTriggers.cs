using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace GoodThings.LocalRunner.Hosting;

/// <summary>
/// Runs each timer-triggered function on its schedule, one run at a time per function: a run that overlaps
/// the next occurrence makes the loop skip to the one after, as the host's timer listener does.
/// </summary>
internal sealed class TimerTriggers(
    FunctionCatalog catalog,
    IConfiguration configuration,
    IServiceScopeFactory scopes,
    TimeProvider time,
    TimerStatusStore statusStore,
    ILogger<TimerTriggers> logger) : TriggerLoops
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolve and parse every schedule first, so a bad one stops start-up rather than one loop.
        var timers = catalog.WithTrigger<TimerTriggerAttribute>()
            .Select(t => new TimerFunction(
                t.Function,
                t.Trigger,
                TimerSchedule.Parse(SettingExpressions.Resolve(t.Trigger.Schedule, configuration, t.Function)),
                t.Function.Method.GetParameters().Select(p => Bind(t.Function, p)).ToArray()))
            .ToList();

        foreach (var timer in timers)
        {
            logger.LogInformation("Timer {Function} scheduled '{Schedule}'", timer.Function.Name, timer.Trigger.Schedule);
            StartLoop(stopping => RunAsync(timer, stopping));
        }

        return Task.CompletedTask;
    }

    private async Task RunAsync(TimerFunction timer, CancellationToken stopping)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var monitored = timer.Trigger.UseMonitor && timer.Schedule.IsMonitorable(now);
        var status = monitored ? await ReadStatusAsync(timer, stopping) : null;

        if (status is { } missed && missed.Next <= now)
        {
            status = await InvokeAsync(timer, status, isPastDue: true, monitored, stopping);
        }
        else if (timer.Trigger.RunOnStartup)
        {
            status = await InvokeAsync(timer, status, isPastDue: false, monitored, stopping);
        }

        while (!stopping.IsCancellationRequested)
        {
            now = time.GetUtcNow().UtcDateTime;
            var next = timer.Schedule.GetNextOccurrence(now);
            try
            {
                await WaitUntilAsync(next, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            status = await InvokeAsync(timer, status ?? new ScheduleStatus { Next = next }, isPastDue: false, monitored, stopping);
        }
    }

    /// <summary>
    /// Waits in steps of at most a day, reading the clock after each: a single delay cannot exceed about 49 days
    /// (a yearly schedule would fault), and the clock may jump (a test's clock, or a machine waking up).
    /// </summary>
    private async Task WaitUntilAsync(DateTime due, CancellationToken stopping)
    {
        for (var left = due - time.GetUtcNow().UtcDateTime; left > TimeSpan.Zero; left = due - time.GetUtcNow().UtcDateTime)
        {
            await Task.Delay(left < MaxWaitStep ? left : MaxWaitStep, time, stopping);
        }
    }

    private static readonly TimeSpan MaxWaitStep = TimeSpan.FromDays(1);

    private async Task<ScheduleStatus> InvokeAsync(TimerFunction timer, ScheduleStatus? previous, bool isPastDue, bool monitored, CancellationToken stopping)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var status = new ScheduleStatus
        {
            Last = previous?.Next ?? now,
            Next = timer.Schedule.GetNextOccurrence(now),
            LastUpdated = now,
        };
        var info = new TimerInfo { IsPastDue = isPastDue, ScheduleStatus = status };

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(timer.Function, scope.ServiceProvider, timer.Binders.Select(b => b(new TimerContext(info, stopping))).ToArray());
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested)
        {
            // As on the host: the failure is logged and the schedule goes on (timers have no retry queue).
            logger.LogError(exception, "Timer function {Function} failed", timer.Function.Name);
        }

        if (monitored)
        {
            await WriteStatusAsync(timer, status, stopping);
        }

        return status;
    }

    private async Task<ScheduleStatus?> ReadStatusAsync(TimerFunction timer, CancellationToken stopping)
    {
        try
        {
            return await statusStore.ReadAsync(timer.Function.Name, stopping);
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Could not read the schedule status of {Function}; past-due runs are not detected", timer.Function.Name);
            return null;
        }
    }

    private async Task WriteStatusAsync(TimerFunction timer, ScheduleStatus status, CancellationToken stopping)
    {
        try
        {
            await statusStore.WriteAsync(timer.Function.Name, status, stopping);
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Could not record the schedule status of {Function}", timer.Function.Name);
        }
    }

    private static Func<TimerContext, object?> Bind(FunctionDescriptor function, ParameterInfo parameter) =>
        function.IsTrigger(parameter)
            ? parameter.ParameterType == typeof(TimerInfo)
                ? context => context.Info
                : throw new NotSupportedException($"{function}: timer triggers bind to TimerInfo, not {parameter.ParameterType.Name}.")
            : FunctionInvoker.BindCommon<TimerContext>(function, parameter, context => context.Stopping);

    private sealed record TimerFunction(FunctionDescriptor Function, TimerTriggerAttribute Trigger, TimerSchedule Schedule, Func<TimerContext, object?>[] Binders);

    private sealed record TimerContext(TimerInfo Info, CancellationToken Stopping);
}
