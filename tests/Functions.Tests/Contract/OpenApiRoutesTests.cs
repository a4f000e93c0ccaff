using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace GoodThings.Contract;

/// <summary>The API document and the HTTP functions name the same routes, read from the functions' own attributes.</summary>
public sealed partial class OpenApiRoutesTests
{
    [Fact]
    public async Task TheDocumentListsExactlyTheRoutesTheFunctionsServe()
    {
        var served = HttpFunctions().Select(f => f.Route).ToHashSet(StringComparer.Ordinal);
        var documented = (await ApiDocument.GetAsync()).Paths
            .SelectMany(path => (path.Value.Operations ?? []).Keys.Select(method => $"{method.Method.ToUpperInvariant()} {path.Key}"))
            .ToHashSet(StringComparer.Ordinal);

        var missing = served.Except(documented).Order(StringComparer.Ordinal).ToList();
        var extra = documented.Except(served).Order(StringComparer.Ordinal).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            $"docs/openapi.yaml and the functions disagree.\nServed but not documented:\n  {string.Join("\n  ", missing)}\n" +
            $"Documented but not served:\n  {string.Join("\n  ", extra)}");
    }

    [Fact]
    public async Task TheDocumentAsksForTheFunctionKeyExactlyWhereTheFunctionsDo()
    {
        var keyed = HttpFunctions().Where(f => f.Level != AuthorizationLevel.Anonymous).Select(f => f.Route).ToHashSet(StringComparer.Ordinal);
        var document = await ApiDocument.GetAsync();
        var secured = document.Paths
            .SelectMany(path => (path.Value.Operations ?? []).Select(operation => (Route: $"{operation.Key.Method.ToUpperInvariant()} {path.Key}", operation.Value)))
            .Where(operation => (operation.Value.Security ?? document.Security)?.Any(requirement => requirement.Count > 0) == true)
            .Select(operation => operation.Route)
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(
            keyed.SetEquals(secured),
            $"Key required but not documented: {string.Join(", ", keyed.Except(secured))}; documented but open: {string.Join(", ", secured.Except(keyed))}");
    }

    [Fact]
    public void EveryFunctionKeyRouteLivesUnderApiManage()
    {
        var misplaced = HttpFunctions()
            .Where(f => (f.Level != AuthorizationLevel.Anonymous) != f.Route.Contains(" /api/manage/", StringComparison.Ordinal))
            .Select(f => f.Route)
            .ToList();

        Assert.True(misplaced.Count == 0, $"Key-protected routes belong under /api/manage/ and only there: {string.Join(", ", misplaced)}");
    }

    [Theory]
    [InlineData("{ignored:maxlength(0)?}", "/")]
    [InlineData("events/{slug:regex(^[a-z0-9-]+$)}", "/events/{slug}")]
    [InlineData("events/{slug}.ics", "/events/{slug}.ics")]
    [InlineData("api/manage/events/{id:guid}/registrations/{registrationId}", "/api/manage/events/{id}/registrations/{registrationId}")]
    [InlineData("api/things/{page:int?}", "/api/things/{page}")]
    [InlineData("subscribe/confirm", "/subscribe/confirm")]
    public void RouteTemplatesBecomeOpenApiPaths(string template, string path) => Assert.Equal(path, OpenApiPath(template));

    /// <summary>
    /// Every [Function] method with an [HttpTrigger] parameter: "METHOD /path" for each method it takes, and its key level.
    /// HEAD is left out: every GET route takes it too and answers it as GET does (RFC 9110 §9.3.2), which the document
    /// says once and <c>Web/HeadRequestsTests</c> holds every route to.
    /// </summary>
    internal static IEnumerable<(string Route, AuthorizationLevel Level)> HttpFunctions() =>
        from type in typeof(GoodThingsServiceCollectionExtensions).Assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
        where method.GetCustomAttribute<FunctionAttribute>() is not null
        from parameter in method.GetParameters()
        let trigger = parameter.GetCustomAttribute<HttpTriggerAttribute>()
        where trigger is not null
        from verb in trigger.Methods ?? throw new InvalidOperationException($"{type.Name}.{method.Name} takes every method; name them.")
        where !string.Equals(verb, "head", StringComparison.OrdinalIgnoreCase)
        select ($"{verb.ToUpperInvariant()} {OpenApiPath(trigger.Route ?? method.GetCustomAttribute<FunctionAttribute>()!.Name)}", trigger.AuthLevel);

    /// <summary>
    /// A route template as an OpenAPI path: constraints and optional markers go, a leading slash comes. A segment
    /// that is only an optional parameter limited to length 0 (how the host serves "/") matches nothing, so it goes too.
    /// </summary>
    internal static string OpenApiPath(string template)
    {
        var segments = template.Trim('/').Split('/')
            .Where(segment => !EmptyOnly().IsMatch(segment))
            .Select(segment => Parameter().Replace(segment, match => $"{{{match.Groups["name"].Value}}}"));
        return "/" + string.Join('/', segments);
    }

    [GeneratedRegex(@"^\{\w+:maxlength\(0\)\?\}$")]
    private static partial Regex EmptyOnly();

    // A parameter: {name}, {*name}, {name?}, {name:constraint(...)...}; "}}" inside a constraint is an escaped brace.
    [GeneratedRegex(@"\{\**(?<name>\w+)(?:[:=?](?:[^}]|\}\})*)?\}")]
    private static partial Regex Parameter();
}
