namespace GoodThings.Audit;

internal static class AuditRegistration
{
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddSingleton<AuditLog>();
}
