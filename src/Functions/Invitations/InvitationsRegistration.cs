using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoodThings.Invitations;

internal static class InvitationsRegistration
{
    public static IServiceCollection AddInvitations(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEmailComposer, InvitationEmailComposer>());
        services.AddSingleton<InvitationLinks>();
        services.AddSingleton<InvitationService>();
        return services;
    }
}
