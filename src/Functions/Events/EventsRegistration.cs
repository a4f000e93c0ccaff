using Microsoft.Extensions.DependencyInjection;

namespace GoodThings.Events;

internal static class EventsRegistration
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddSingleton<CalendarFiles>();
        return services;
    }
}
