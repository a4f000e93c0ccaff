using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace GoodThings.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The connection setting the app and its triggers share, as the Functions host names it.</summary>
    public const string ConnectionName = "AzureWebJobsStorage";

    /// <summary>
    /// Prefixes every table and queue name, so several copies of the app (tests, staging) can share one
    /// account. Queue triggers name their queue as <c>%StoragePrefix%-outbox</c>: see <see cref="TriggerSetting"/>.
    /// </summary>
    [Required(ErrorMessage = "Setting Storage:Prefix (env Storage__Prefix) is required, for example \"gt\".")]
    [RegularExpression("^[a-z][a-z0-9]{1,19}$", ErrorMessage = "Setting Storage:Prefix must be 2-20 lowercase letters or digits, starting with a letter.")]
    public string Prefix { get; set; } = "";

    /// <summary>
    /// The flat copy of <see cref="Prefix"/> that queue trigger expressions use. Flex Consumption's scale controller
    /// looks a <c>%A:B%</c> expression up literally and misses the <c>A__B</c> app setting, so a queue would never wake
    /// a scaled-in app; a flat name resolves the same everywhere. The options keep binding <c>Storage:Prefix</c>, and
    /// the worker cannot set the host's settings for it, so both are app settings and start-up refuses a pair that
    /// differs (the app would write to one queue while its trigger listens on another).
    /// </summary>
    public const string TriggerSetting = "StoragePrefix";

    public static bool AgreesWithTriggerSetting(StorageOptions options, IConfiguration configuration) =>
        string.Equals(configuration[TriggerSetting], options.Prefix, StringComparison.Ordinal);

    public const string DisagreementMessage =
        "Setting StoragePrefix (used by the queue triggers) must be set and equal Storage:Prefix (env Storage__Prefix).";

    public string TableName(string name) => Prefix + name;

    public string QueueName(string name) => $"{Prefix}-{name}";
}
