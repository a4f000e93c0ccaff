using Microsoft.Extensions.DependencyInjection;

namespace GoodThings.Events;

internal static class EventsRegistration
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddSingleton<CalendarFiles>();
        services.AddSingleton<EventStore>();
        services.AddSingleton<EventService>();
        services.AddSingleton<EventFanOut>();
        services.AddSingleton<OrganiserMessages>();
        services.AddSingleton<Registrations.Waitlist>();
        services.AddSingleton<Registrations.RegistrationLanes>();
        services.AddSingleton<Registrations.RegistrationService>();
        services.AddSingleton<Email.IEmailComposer, Registrations.RegistrationEmailComposer>();
        return services;
    }
}
