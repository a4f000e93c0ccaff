using Microsoft.Extensions.Configuration;

namespace GoodThings.Configuration;

/// <summary>
/// Trigger expressions read flat settings (<c>%StoragePrefix%</c>), because Flex Consumption's scale controller looks a
/// <c>%A:B%</c> expression up literally and misses the <c>A__B</c> app setting. The options keep binding the nested
/// setting, and the worker cannot set the host's settings, so both are app settings: start-up refuses a pair that
/// differs, or the app would run on one value while its triggers run on another.
/// </summary>
internal static class TriggerSettingCopies
{
    public static OptionsBuilder<TOptions> ValidateTriggerCopy<TOptions>(
        this OptionsBuilder<TOptions> builder, string flatSetting, string nestedSetting, Func<TOptions, string> value, string usedBy)
        where TOptions : class =>
        builder.Validate<IConfiguration>(
            (options, configuration) => string.Equals(configuration[flatSetting], value(options), StringComparison.Ordinal),
            $"Setting {flatSetting} (used by the {usedBy}) must be set and equal {nestedSetting} (env {nestedSetting.Replace(":", "__", StringComparison.Ordinal)}).");
}
