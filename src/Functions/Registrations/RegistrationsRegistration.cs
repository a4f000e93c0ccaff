
namespace GoodThings.Registrations;

internal static class RegistrationsRegistration
{
    public static IServiceCollection AddRegistrations(this IServiceCollection services)
    {
        services.AddSingleton<Waitlist>();
        services.AddSingleton<RegistrationLanes>();
        services.AddSingleton<RegistrationService>();
        services.AddSingleton<IEmailComposer, RegistrationEmailComposer>();
        return services;
    }
}
