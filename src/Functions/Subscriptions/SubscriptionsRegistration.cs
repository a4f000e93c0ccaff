using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoodThings.Subscriptions;

internal static class SubscriptionsRegistration
{
    public static IServiceCollection AddSubscriptions(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEmailComposer, SubscriptionEmailComposer>());
        services.AddSingleton<SubscriberStore>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<SubscriberListing>();
        services.AddSingleton<PersonalData>();
        services.AddSingleton<Erasure>();
        services.AddSingleton<Announcements>();
        return services;
    }
}
