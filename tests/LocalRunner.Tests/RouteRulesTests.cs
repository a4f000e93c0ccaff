
namespace GoodThings.LocalRunner.Tests;

public sealed class RouteRulesTests
{
    [Theory]
    [InlineData("admin/events")]
    [InlineData("administration/health")]
    [InlineData("runtime/webhooks")]
    [InlineData("Admin")]
    public void RouteTheHostReservesIsRefusedAtStartUp(string route)
    {
        var (function, trigger) = Describe(route);

        var refusal = Assert.Throws<InvalidOperationException>(() => HttpFunctions.RouteTemplate(function, trigger, routePrefix: ""));

        Assert.Contains("conflicts with one or more built in routes", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "api/manage/events", "api/manage/events")]
    [InlineData("api", "manage/events", "api/manage/events")]
    [InlineData("", null, "Probe")]
    public void TemplateIsPrefixPlusRouteOrFunctionName(string prefix, string? route, string expected)
    {
        var (function, trigger) = Describe(route);

        Assert.Equal(expected, HttpFunctions.RouteTemplate(function, trigger, prefix));
    }

    private static (FunctionDescriptor, HttpTriggerAttribute) Describe(string? route)
    {
        var method = typeof(RouteRulesTests).GetMethod(nameof(Probe), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var trigger = new HttpTriggerAttribute(AuthorizationLevel.Anonymous, "get") { Route = route };
        return (new FunctionDescriptor("Probe", method, method.GetParameters()[0], trigger), trigger);
    }

    private static void Probe(HttpRequest request)
    {
    }
}
