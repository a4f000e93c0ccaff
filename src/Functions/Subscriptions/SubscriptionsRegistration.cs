
namespace GoodThings.Subscriptions;

internal static class SubscriptionsRegistration
{
    public static IServiceCollection AddSubscriptions(this IServiceCollection services)
    {
        services.AddSingleton<SubscriberStore>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<Announcements>();
        services.AddSingleton<Email.IEmailComposer, SubscriptionEmailComposer>();
        return services;
    }
}
