using System.Text.RegularExpressions;

namespace GoodThings.LocalRunner.Hosting;

/// <summary>Resolves <c>%Setting%</c> tokens in trigger attributes from configuration, as the Functions host's name resolver does.</summary>
internal static partial class SettingExpressions
{
    public static string Resolve(string expression, IConfiguration configuration, FunctionDescriptor function) =>
        Token().Replace(expression, match =>
        {
            var name = match.Groups[1].Value;
            return configuration[name] is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"{function}: '%{name}%' does not resolve to a value: setting {name} is missing.");
        });

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Token();
}
