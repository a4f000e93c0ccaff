using GoodThings;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<GoodThings.Web.HttpExceptionAnswerMiddleware>();
builder.Services.AddGoodThings(builder.Configuration);
builder.Build().Run();
