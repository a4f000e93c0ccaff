using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoodThings.Registrations;

internal static class RegistrationsRegistration
{
    public static IServiceCollection AddRegistrations(this IServiceCollection services)
    {
        services.AddSingleton<Waitlist>();
        services.AddSingleton<RegistrationLanes>();
        services.AddSingleton<RegistrationService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEmailComposer, RegistrationEmailComposer>());
        return services;
    }
}
