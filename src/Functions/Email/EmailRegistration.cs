using SendGrid;

namespace GoodThings.Email;

internal static class EmailRegistration
{
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SendGridOptions>().BindConfiguration(SendGridOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxRelay>();
        services.AddSingleton<EmailDeliveries>();
        services.AddSingleton<Suppressions>();
        services.AddSingleton<DeliveryTallies>();
        services.AddSingleton<DeliveryEvents>();
        services.AddSingleton<EmailDispatcher>();
        services.AddSingleton<PickupDirectoryEmailSender>();
        services.AddSingleton<ISendGridClient>(provider =>
        {
            var sendGrid = provider.GetRequiredService<IOptions<SendGridOptions>>().Value;
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = TimeSpan.FromSeconds(30),
            };
            return new SendGridClient(http, new SendGridClientOptions { ApiKey = sendGrid.ApiKey, Host = sendGrid.Host ?? "https://api.sendgrid.com" });
        });
        services.AddSingleton<SendGridEmailSender>();
        services.AddSingleton<IEmailSender>(provider => provider.GetRequiredService<IOptions<SendGridOptions>>().Value.Enabled
            ? provider.GetRequiredService<SendGridEmailSender>()
            : provider.GetRequiredService<PickupDirectoryEmailSender>());
        return services;
    }
}
