namespace GoodThings.CheckIn;

internal static class CheckInRegistration
{
    public static IServiceCollection AddCheckIn(this IServiceCollection services)
    {
        services.AddSingleton<CheckInLinks>();
        return services;
    }
}
