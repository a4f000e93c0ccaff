
namespace GoodThings.Events;

internal static class EventsRegistration
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddSingleton<CalendarFiles>();
        services.AddSingleton<EventStore>();
        services.AddSingleton<IOutboxRows>(provider => provider.GetRequiredService<EventStore>());
        services.AddSingleton<EventService>();
        services.AddSingleton<EventFanOut>();
        services.AddSingleton<OrganiserMessages>();
        return services;
    }
}
