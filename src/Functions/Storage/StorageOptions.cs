using System.ComponentModel.DataAnnotations;

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

    /// <summary>The flat copy of <see cref="Prefix"/> that queue trigger expressions use (see <see cref="GoodThings.Configuration.TriggerSettingCopies"/>).</summary>
    public const string TriggerSetting = "StoragePrefix";

    public string TableName(string name) => Prefix + name;

    public string QueueName(string name) => $"{Prefix}-{name}";
}
