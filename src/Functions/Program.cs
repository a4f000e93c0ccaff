using GoodThings;
using GoodThings.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<GoodThings.Web.HttpExceptionAnswerMiddleware>();
builder.Services.AddGoodThings(builder.Configuration);
if (TelemetryRegistration.IsExported(builder.Configuration))
{
    // Only when exporting: these defaults tell the host to stop sending the worker's logs itself, and the worker's
    // exporter sends them instead (with the invocation spans and the app's own).
    builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
}

builder.Build().Run();
