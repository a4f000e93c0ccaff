using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;

namespace GoodThings.LocalRunner.Hosting;

/// <summary>
/// Maps every HTTP-triggered function to an ASP.NET Core endpoint built from its own attribute and the
/// host.json route prefix, as the worker's ASP.NET Core integration does (<c>RoutePatternFactory.Parse</c>
/// of "prefix/route"), and runs it behind the function-key check the Functions host applies.
/// </summary>
public static class HttpFunctions
{
    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var catalog = services.GetRequiredService<FunctionCatalog>();
        var hostJson = services.GetRequiredService<HostJson>();
        var keys = services.GetRequiredService<FunctionKeys>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpFunctions).FullName!);

        foreach (var (function, trigger) in catalog.WithTrigger<HttpTriggerAttribute>())
        {
            var template = RouteTemplate(function, trigger, hostJson.RoutePrefix);
            var pattern = RoutePatternFactory.Parse(template);
            var binders = function.Method.GetParameters().Select(p => Bind(function, p, pattern)).ToArray();

            RequestDelegate handler = context => InvokeAsync(context, function, trigger.AuthLevel, binders, keys, logger);
            // Exactly the methods the attribute names, as the Functions host takes them: HEAD only where a trigger lists
            // it (the app lists it beside every GET). Kestrel sends no body for a HEAD, whatever the function writes.
            var endpoint = trigger.Methods is { Length: > 0 } methods
                ? endpoints.MapMethods(template, methods.Select(m => m.ToUpperInvariant()), handler)
                : endpoints.Map(template, handler);
            endpoint.WithDisplayName(function.Name).WithMetadata(function);
        }

        return endpoints;
    }

    /// <summary>
    /// Answers 404, as the Functions host does, where ASP.NET Core routing would pick one of its own endpoints
    /// (405 for a known route with another method: azure-functions-host#10098).
    /// </summary>
    public static IApplicationBuilder UseFunctionsHostNotFound(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<FunctionDescriptor>() is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });

    internal static string RouteTemplate(FunctionDescriptor function, HttpTriggerAttribute trigger, string routePrefix)
    {
        var route = (trigger.Route ?? function.Name).TrimStart('/');

        // The Functions host refuses these at start-up (azure-functions-host#1781, #3460); refuse them here too.
        if (route.StartsWith("admin", StringComparison.OrdinalIgnoreCase) || route.StartsWith("runtime", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{function}: The specified route conflicts with one or more built in routes. (route '{route}')");
        }

        return routePrefix.Length == 0 ? route : $"{routePrefix}/{route}";
    }

    private static Func<HttpContext, object?> Bind(FunctionDescriptor function, ParameterInfo parameter, RoutePattern pattern)
    {
        if (function.IsTrigger(parameter))
        {
            return parameter.ParameterType == typeof(HttpRequest)
                ? context => context.Request
                : throw new NotSupportedException($"{function}: the local runner binds HTTP triggers to HttpRequest (ASP.NET Core integration), not {parameter.ParameterType.Name}.");
        }

        if (pattern.GetParameter(parameter.Name!) is not null)
        {
            var name = parameter.Name!;
            return context => FunctionInvoker.ConvertBindingValue(context.GetRouteValue(name), parameter.ParameterType);
        }

        return FunctionInvoker.BindCommon<HttpContext>(function, parameter, context => context.RequestAborted);
    }

    private static async Task InvokeAsync(
        HttpContext context, FunctionDescriptor function, AuthorizationLevel level, Func<HttpContext, object?>[] binders, FunctionKeys keys, ILogger logger)
    {
        if (!keys.Allows(level, context.Request))
        {
            // As the Functions host: 401 and nothing else.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        try
        {
            var result = await FunctionInvoker.InvokeAsync(function, context.RequestServices, binders.Select(b => b(context)).ToArray());
            switch (result)
            {
                case IActionResult actionResult:
                    await actionResult.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                    break;
                case IResult httpResult:
                    await httpResult.ExecuteAsync(context);
                    break;
            }
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted && AppAnswer(context, exception) is { } answer)
        {
            // The app's own answer to this exception, as its worker middleware gives it in the Functions host.
            logger.LogWarning(exception, "Function {Function} failed; the app answers it", function.Name);
            context.Response.Clear();
            await answer.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The host answers an unhandled exception with a bare 500: no stack trace leaves the process.
            logger.LogError(exception, "Function {Function} failed", function.Name);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }
    }

    /// <summary>
    /// An app may register a <c>Func&lt;Exception, HttpRequest, IActionResult?&gt;</c>: what an exception escaping an HTTP
    /// function becomes (null: the host's bare 500).
    /// </summary>
    private static IActionResult? AppAnswer(HttpContext context, Exception exception) =>
        context.RequestServices.GetService<Func<Exception, HttpRequest, IActionResult?>>()?.Invoke(exception, context.Request);
}
