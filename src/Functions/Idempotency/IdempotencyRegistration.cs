namespace GoodThings.Idempotency;

internal static class IdempotencyRegistration
{
    public static IServiceCollection AddIdempotencyKeys(this IServiceCollection services)
    {
        services.AddSingleton<IdempotencyKeys>();
        services.AddSingleton<IdempotentRequests>();
        return services;
    }
}
