using GoodThings.Configuration;

namespace GoodThings.Scheduling;

internal static class SchedulingRegistration
{
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddOptions<RemindersOptions>().BindConfiguration(RemindersOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FollowUpOptions>().BindConfiguration(FollowUpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TimersOptions>().BindConfiguration(TimersOptions.Section).ValidateDataAnnotations()
            .ValidateTriggerCopy(TimersOptions.TriggerSetting, "Timers:Schedule", options => options.Schedule, "timer triggers")
            .ValidateOnStart();
        services.AddSingleton(provider => new ScheduleSettings(
            provider.GetRequiredService<IOptions<RemindersOptions>>().Value.Parsed(),
            provider.GetRequiredService<IOptions<FollowUpOptions>>().Value.Delay,
            provider.GetRequiredService<IOptions<RetentionOptions>>().Value.AnonymiseAfter));
        services.AddSingleton<SchedulePass>();
        services.AddSingleton<ScheduledSends>();
        return services;
    }
}
