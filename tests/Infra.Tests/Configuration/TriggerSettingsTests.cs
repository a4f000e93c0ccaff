using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using GoodThings.Infra.Tests.Infra;
using GoodThings.Scheduling;
using GoodThings.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoodThings.Infra.Tests.Configuration;

/// <summary>
/// The %Setting% expressions in trigger attributes. Flex Consumption's scale controller looks them up by their literal
/// name, so each must be a flat app setting (no ':' or '__') that Azure and local runs both define, and that agrees
/// with the nested setting the app's options bind.
/// </summary>
public sealed partial class TriggerSettingsTests
{
    /// <summary>Each flat trigger setting and the nested app setting it copies.</summary>
    private static readonly Dictionary<string, string> NestedOf = new(StringComparer.Ordinal)
    {
        [StorageOptions.TriggerSetting] = "Storage__Prefix",
        [TimersOptions.TriggerSetting] = "Timers__Schedule",
    };

    [Fact]
    public void TriggerExpressionsAreFound()
    {
        var names = TriggerExpressions().Select(e => e.Setting).ToHashSet(StringComparer.Ordinal);

        Assert.Contains(StorageOptions.TriggerSetting, names);
        Assert.Contains(TimersOptions.TriggerSetting, names);
    }

    [Fact]
    public void EveryTriggerExpressionNamesAFlatSetting()
    {
        var nested = TriggerExpressions()
            .Where(e => e.Setting.Contains(':', StringComparison.Ordinal) || e.Setting.Contains("__", StringComparison.Ordinal))
            .Select(e => e.ToString());

        AssertNone(nested, "Trigger expressions naming a nested setting, which the scale controller does not resolve");
    }

    [Fact]
    public void EveryTriggerSettingIsInTheLocalSettingsExample()
    {
        var values = LocalSettingsExample();

        var missing = TriggerExpressions().Where(e => !values.ContainsKey(e.Setting)).Select(e => e.ToString());

        AssertNone(missing, "Trigger settings missing from src/Functions/local.settings.example.json");
    }

    [Fact]
    public async Task EveryTriggerSettingIsSetByTheBicep()
    {
        var settings = (await BicepTemplate.MainAsync()).AppSettings();

        var missing = TriggerExpressions().Where(e => !settings.ContainsKey(e.Setting)).Select(e => e.ToString());

        AssertNone(missing, "Trigger settings the Bicep does not set");
    }

    [Fact]
    public void EveryTriggerSettingSaysWhichNestedSettingItCopies()
    {
        var unknown = TriggerExpressions().Where(e => !NestedOf.ContainsKey(e.Setting)).Select(e => e.ToString());

        AssertNone(unknown, "Trigger settings with no nested counterpart declared here (and checked at start)");
    }

    [Fact]
    public async Task TheBicepGivesEachTriggerSettingTheSameValueAsItsNestedSetting()
    {
        var settings = (await BicepTemplate.MainAsync()).AppSettings();

        foreach (var (flat, nested) in NestedOf)
        {
            Assert.Equal(settings[nested], settings[flat]);
        }
    }

    [Fact]
    public void TheLocalSettingsExampleGivesEachTriggerSettingTheSameValueAsItsNestedSetting()
    {
        var values = LocalSettingsExample();

        foreach (var (flat, nested) in NestedOf)
        {
            Assert.Equal(values[nested], values[flat]);
        }
    }

    [Theory]
    [InlineData("StoragePrefix", "other")]
    [InlineData("StoragePrefix", null)]
    [InlineData("TimersSchedule", "*/5 * * * * *")]
    [InlineData("TimersSchedule", null)]
    public void StartUpRefusesATriggerSettingThatDiffersFromItsNestedSetting(string flat, string? value)
    {
        var values = LocalSettingsExample().ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value);
        values[flat] = value;
        using var services = Services(values);

        var failure = Assert.Throws<OptionsValidationException>(() => ResolveOptionsOf(flat, services));

        Assert.Contains(flat, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartUpAcceptsTriggerSettingsThatAgree()
    {
        var values = LocalSettingsExample().ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value);
        values["Storage:Prefix"] = values["StoragePrefix"] = "other";
        values["Timers:Schedule"] = values["TimersSchedule"] = "*/5 * * * * *";
        using var services = Services(values);

        Assert.Equal("other", services.GetRequiredService<IOptions<StorageOptions>>().Value.Prefix);
        Assert.Equal("*/5 * * * * *", services.GetRequiredService<IOptions<TimersOptions>>().Value.Schedule);
    }

    private static object ResolveOptionsOf(string flat, IServiceProvider services) => flat switch
    {
        StorageOptions.TriggerSetting => services.GetRequiredService<IOptions<StorageOptions>>().Value,
        TimersOptions.TriggerSetting => services.GetRequiredService<IOptions<TimersOptions>>().Value,
        _ => throw new ArgumentOutOfRangeException(nameof(flat), flat, null),
    };

    private static ServiceProvider Services(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddGoodThings(configuration).BuildServiceProvider();
    }

    private sealed record TriggerExpression(string Setting, MethodInfo Method, string Attribute)
    {
        public override string ToString() => $"%{Setting}% in [{Attribute}] of {Method.DeclaringType?.Name}.{Method.Name}";
    }

    /// <summary>Every %Setting% in any string argument of a *TriggerAttribute on a parameter of a method in the app.</summary>
    private static List<TriggerExpression> TriggerExpressions() =>
        typeof(StorageOptions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetParameters().SelectMany(p => p.GetCustomAttributesData()).Select(a => (Method: m, Attribute: a)))
            .Where(x => x.Attribute.AttributeType.Name.EndsWith("TriggerAttribute", StringComparison.Ordinal))
            .SelectMany(x => x.Attribute.ConstructorArguments.Select(a => a.Value)
                .Concat(x.Attribute.NamedArguments.Select(a => a.TypedValue.Value))
                .OfType<string>()
                .SelectMany(text => Token().Matches(text).Select(match => match.Groups[1].Value))
                .Select(setting => new TriggerExpression(setting, x.Method, x.Attribute.AttributeType.Name)))
            .ToList();

    private static Dictionary<string, string> LocalSettingsExample()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "src", "Functions", "local.settings.example.json")));
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
    }

    private static void AssertNone(IEnumerable<string> problems, string what)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, $"{what}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", list)}");
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Token();
}
