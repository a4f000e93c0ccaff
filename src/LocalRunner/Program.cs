using GoodThings;
using GoodThings.LocalRunner;
using GoodThings.LocalRunner.Hosting;

var builder = FunctionsRunner.CreateBuilder(args, new FunctionsRunnerOptions
{
    FunctionAssemblies = [typeof(GoodThingsServiceCollectionExtensions).Assembly],
});
builder.Services.AddGoodThings(builder.Configuration);

await using var azurite = await LocalStorage.StartIfDevelopmentStorageAsync(builder.Configuration);
var app = FunctionsRunner.Build(builder);
await SampleData.SeedIfEmptyAsync(app.Services);
app.Lifetime.ApplicationStarted.Register(() => LocalStorage.PrintBanner(app, azurite));
await app.RunAsync();
