using GoodThings;
using GoodThings.LocalRunner;
using GoodThings.LocalRunner.Hosting;
using GoodThings.OrganiserConsole;

var builder = FunctionsRunner.CreateBuilder(args, new FunctionsRunnerOptions
{
    FunctionAssemblies = [typeof(GoodThingsServiceCollectionExtensions).Assembly],
});
builder.Services.AddGoodThings(builder.Configuration);
// The console's sign-in page takes the key the runner prints, generated or not.
builder.Services.AddOptions<ConsoleOptions>().PostConfigure<FunctionKeys>((options, keys) =>
    options.ManagementKey = string.IsNullOrEmpty(options.ManagementKey) ? keys.Key : options.ManagementKey);

await using var azurite = await LocalStorage.StartIfDevelopmentStorageAsync(builder.Configuration);
var app = FunctionsRunner.Build(builder);
await SampleData.SeedIfEmptyAsync(app.Services);
app.Lifetime.ApplicationStarted.Register(() => LocalStorage.PrintBanner(app, azurite));
await app.RunAsync();
