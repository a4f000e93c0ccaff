using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoodThings.Campaigns;

internal static class CampaignsRegistration
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEmailComposer, CampaignTestComposer>());
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<CampaignCopies>();
        services.AddSingleton<CampaignSending>();
        services.AddSingleton<CampaignService>();
        return services;
    }
}
