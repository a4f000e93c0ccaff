using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GoodThings.LocalRunner.Tests;

public sealed class HttpTriggerTests(TestAppFixture fixture) : IClassFixture<TestAppFixture>
{
    private HttpClient Client => fixture.App.Client;

    [Fact]
    public async Task IntConstrainedRouteBindsTheParameterByName()
    {
        var body = await Client.GetFromJsonAsync<JsonElement>("items/42");

        Assert.Equal("byId", body.GetProperty("route").GetString());
        Assert.Equal(42, body.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task AlphaConstrainedRouteTakesWhatTheIntRouteRefuses()
    {
        var body = await Client.GetFromJsonAsync<JsonElement>("items/lamp");

        Assert.Equal("byName", body.GetProperty("route").GetString());
        Assert.Equal("lamp", body.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("items/4x2")] // a value no route constraint accepts
    [InlineData("things")] // a route that only takes POST
    public async Task ARequestNoFunctionTakesIsNotFoundAsOnTheHost(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task EmptyOptionalRouteServesTheSiteRoot()
    {
        var response = await Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("home", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostReadsTheBodyAndBindsTheCancellationToken()
    {
        var response = await Client.PostAsync("things", new StringContent("hello"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/things/1", response.Headers.Location?.OriginalString);
        Assert.Equal("hello", body.GetProperty("received").GetString());
        Assert.True(body.GetProperty("cancellable").GetBoolean());
    }

    [Fact]
    public async Task MinimalApiResultsAreExecutedToo()
    {
        var id = Guid.NewGuid();

        var body = await Client.GetFromJsonAsync<JsonElement>($"minimal/{id}");

        Assert.Equal(id, body.GetProperty("value").GetGuid());
    }

    [Fact]
    public async Task UnhandledExceptionIsABare500WithoutDetail()
    {
        var response = await Client.GetAsync("boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("secure/ping")]
    [InlineData("secure/admin-level")]
    public async Task KeyedRouteWithoutKeyIs401AndRevealsNothing(string route)
    {
        var response = await Client.GetAsync(route);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task KeyedRouteWithWrongKeyIs401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "secure/ping");
        request.Headers.Add(FunctionKeys.Header, fixture.App.FunctionKey + "x");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task KeyInHeaderOpensAFunctionLevelRoute()
    {
        var response = await fixture.App.KeyedClient.GetAsync("secure/ping");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task KeyInCodeQueryOpensAnAdminLevelRoute()
    {
        var response = await Client.GetAsync($"secure/admin-level?code={Uri.EscapeDataString(fixture.App.FunctionKey)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class RoutePrefixTests(ApiPrefixFixture fixture) : IClassFixture<ApiPrefixFixture>
{
    [Fact]
    public async Task HostJsonRoutePrefixIsPutBeforeEveryRoute()
    {
        var prefixed = await fixture.App.Client.GetAsync("api/items/7");
        var bare = await fixture.App.Client.GetAsync("items/7");

        Assert.Equal(HttpStatusCode.OK, prefixed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bare.StatusCode);
    }
}
