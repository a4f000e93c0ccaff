using Microsoft.Extensions.Hosting;

namespace GoodThings.Site;

internal static class SiteOptionsRegistration
{
    public static IServiceCollection AddSiteOptions(this IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider =>
        {
            var site = provider.GetRequiredService<IOptions<SiteOptions>>().Value;
            return new TemplateRenderer(new SiteInfo(site.Name, site.BaseUrl.TrimEnd('/')));
        });
        services.AddHostedService<BuildTemplatesAtStart>();
        services.AddSingleton<PublicPageCache>();
        return services;
    }
}

/// <summary>
/// Builds the renderer (which parses and checks every template) while the host starts, so a broken template
/// stops start-up rather than the first send or page view.
/// </summary>
internal sealed class BuildTemplatesAtStart(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<TemplateRenderer>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
